"""Deliveries: one message, to one person (or one group robot), through one channel, for one
event."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum


class Channel(StrEnum):
    WECOM = "wecom"
    DINGTALK = "dingtalk"


class DeliveryStatus(StrEnum):
    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"  # permanent: retrying cannot help
    DEAD_LETTERED = "dead_lettered"  # transient failures up to the retry limit; replayable


class Via(StrEnum):
    APP = "app"  # WeCom app message / DingTalk work notification, to one person
    ROBOT = "robot"  # a group robot webhook (team channel)


CHANNEL_ZH = {Channel.WECOM: "企业微信", Channel.DINGTALK: "钉钉"}
UNKNOWN_RECIPIENT = "unknown"


@dataclass(frozen=True)
class Contact:
    """A person as notify's directory knows them (kept in step by org events)."""

    tenant_id: str
    person_id: str
    name: str
    supervisor_id: str = ""
    wecom_userid: str = ""
    dingtalk_userid: str = ""
    preferred_channel: Channel = Channel.WECOM
    roles: tuple[str, ...] = ()  # rep, supervisor, director, finance, admin
    region_codes: tuple[str, ...] = ()  # GB/T 2260 codes the person covers
    team_id: str = ""
    active: bool = True

    def address(self, channel: Channel) -> str:
        return self.wecom_userid if channel == Channel.WECOM else self.dingtalk_userid

    def covers_region(self, region_code: str) -> bool:
        """A code covers itself and, as a prefix (330000 province, 330100 city), what is
        inside it. No region on either side means everything."""
        if not region_code or not self.region_codes:
            return True
        return any(region_code.startswith(region_prefix(code)) for code in self.region_codes)


def region_prefix(code: str) -> str:
    """330000 -> 33, 330100 -> 3301, 330106 -> 330106 (GB/T 2260)."""
    prefix = code
    while len(prefix) > 2 and prefix.endswith("00"):
        prefix = prefix[:-2]
    return prefix


@dataclass(frozen=True)
class Message:
    """Rendered content; `kind` is the provider message type (text, textcard, markdown)."""

    kind: str
    title: str
    text: str
    url: str = ""


@dataclass
class Delivery:
    delivery_id: str
    tenant_id: str
    source_event_id: str
    source_event_type: str
    recipient_id: str
    recipient_role: str
    channel: Channel
    message: Message
    address: str
    status: DeliveryStatus = DeliveryStatus.PENDING
    attempts: int = 0
    error: str = ""
    provider_message_id: str = ""
    created_at: datetime | None = None
    sent_at: datetime | None = None
    next_attempt_at: datetime | None = None
    origin_at: datetime | None = None  # when the business fact happened (lead created)
    extra: dict = field(default_factory=dict)
    via: Via = Via.APP
    robot_secret: str = ""  # DingTalk robot signing secret; never leaves the service
    event_at: datetime | None = None  # the event's occurred_at (event-to-provider latency)
    replays: int = 0
    replayed_by: str = ""
    replayed_at: datetime | None = None
    # Failed only because the directory did not know the person (or their channel id) yet;
    # the person's arrival in the directory sends it after all (see record_contact).
    awaits_contact: bool = False

    @staticmethod
    def key(event_id: str, recipient_id: str, channel: Channel) -> str:
        # Idempotency: a redelivered event maps to the same delivery, never a second send.
        return f"{event_id}:{recipient_id}:{channel.value}"


# Retries before a delivery is dead-lettered. With the backoff below the last attempt comes
# 17-35 minutes after the first, so a provider outage shorter than that loses nothing and
# needs no replay; a longer one leaves dead letters that ReplayDeadLetters sends again.
MAX_ATTEMPTS = 12


def next_retry_delay(attempts: int, rng: random.Random | None = None) -> timedelta:
    """Exponential backoff with jitter (half to all of the ceiling): ceilings 1 s, 2 s, 4 s ...
    capped at 5 minutes."""
    ceiling = min(300.0, 2.0 ** max(0, attempts - 1))
    return timedelta(seconds=(rng or random).uniform(ceiling / 2, ceiling))


@dataclass(frozen=True)
class RateLimit:
    """At most `limit` sends per `window` for one key (a member of an app, or a robot)."""

    key: str
    limit: int
    window: timedelta


@dataclass(frozen=True)
class RateLimits:
    """Provider limits (WeCom: 30 app messages per member per minute per app; group robots,
    WeCom and DingTalk: 20 a minute). The window carries a small margin so that the provider,
    which counts on arrival, never sees one more than allowed."""

    wecom_member_per_window: int = 30
    robot_per_window: int = 20
    window: timedelta = timedelta(seconds=61)

    def for_delivery(self, d: Delivery, wecom_app_id: str) -> RateLimit | None:
        if d.via == Via.ROBOT:
            return RateLimit(
                f"{d.channel.value}_robot:{d.address}", self.robot_per_window, self.window
            )
        if d.channel == Channel.WECOM:
            key = f"wecom_app:{wecom_app_id}:{d.address}"
            return RateLimit(key, self.wecom_member_per_window, self.window)
        return None  # DingTalk work notifications: no per-member minute limit to respect
