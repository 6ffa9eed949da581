"""Deliveries: one message, to one person (or one group robot), through one channel, for one
event."""

from __future__ import annotations

import random
from dataclasses import dataclass
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


class InvalidTransition(RuntimeError):
    """A delivery asked to change state from a state that does not allow it: a programming
    error (the claim and the conditional updates keep it from happening between replicas)."""


@dataclass
class Delivery:
    """One message's way to one recipient. Its state changes only through the methods below,
    each checking where it comes from:

        planned ──claim──> (attempt) ──sent──> SENT
           │                  ├──failed (permanent)──> FAILED
           │                  ├──deferred (rate limit: the attempt is given back)──> due later
           │                  └──transient failure──> due later, or DEAD_LETTERED at the limit
           └──undeliverable / awaiting contact──> FAILED ──revived (person arrived)──> PENDING
        DEAD_LETTERED ──replayed (by an admin)──> PENDING
    """

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
    via: Via = Via.APP
    robot_secret: str = ""  # DingTalk robot signing secret; never leaves the service
    event_at: datetime | None = None  # the event's occurred_at (event-to-provider latency)
    replays: int = 0
    replayed_by: str = ""
    replayed_at: datetime | None = None
    # Failed only because the directory did not know the person (or their channel id) yet;
    # the person's arrival in the directory sends it after all (see revive).
    awaits_contact: bool = False
    # Waiting for a rate-limit slot rather than a retry backoff: a recovered provider brings
    # retries forward, never these (the window is what they wait for).
    deferred: bool = False
    deferrals: int = 0
    claimed_until: datetime | None = None  # None: no replica is attempting it
    failed_at: datetime | None = None
    dead_lettered_at: datetime | None = None

    @staticmethod
    def key(event_id: str, recipient_id: str, channel: Channel) -> str:
        # Idempotency: a redelivered event maps to the same delivery, never a second send.
        return f"{event_id}:{recipient_id}:{channel.value}"

    @classmethod
    def planned(
        cls, *, event_id: str, event_type: str, tenant_id: str, recipient_id: str, role: str,
        channel: Channel, message: Message, address: str, now: datetime,
        origin_at: datetime | None = None, event_at: datetime | None = None,
    ) -> Delivery:  # fmt: skip
        """A new delivery, due at once."""
        return cls(
            delivery_id=cls.key(event_id, recipient_id, channel),
            tenant_id=tenant_id,
            source_event_id=event_id,
            source_event_type=event_type,
            recipient_id=recipient_id,
            recipient_role=role,
            channel=channel,
            message=message,
            address=address,
            created_at=now,
            next_attempt_at=now,
            origin_at=origin_at,
            event_at=event_at,
        )

    @property
    def is_pending(self) -> bool:
        return self.status == DeliveryStatus.PENDING

    @property
    def is_dead_lettered(self) -> bool:
        return self.status == DeliveryStatus.DEAD_LETTERED

    def _require(self, allowed: bool, change: str) -> None:
        if not allowed:
            raise InvalidTransition(
                f"delivery {self.delivery_id} is {self.status.value}"
                f"{' (awaiting contact)' if self.awaits_contact else ''}: cannot {change}"
            )

    # -- planning --------------------------------------------------------------------------

    def undeliverable(self, reason: str, now: datetime) -> None:
        """Nobody (or nothing) to send it to: a failure in the log, never retried."""
        self._require(self.is_pending and self.attempts == 0, "fail before its first attempt")
        self.status, self.error, self.failed_at = DeliveryStatus.FAILED, reason, now

    def await_contact(self, reason: str, now: datetime) -> None:
        """The directory does not know the person, or not their id on this channel, yet."""
        self.undeliverable(reason, now)
        self.awaits_contact = True

    def revive(self, address: str, now: datetime) -> None:
        """The person arrived in the directory: send it after all, as a fresh delivery."""
        waiting = self.status == DeliveryStatus.FAILED and self.awaits_contact
        self._require(waiting and bool(address), "be revived")
        self.status, self.address, self.error = DeliveryStatus.PENDING, address, ""
        self.awaits_contact, self.attempts, self.next_attempt_at = False, 0, now
        self.claimed_until = self.failed_at = None

    # -- attempts --------------------------------------------------------------------------

    def claimable(self, now: datetime) -> bool:
        """Pending, due, and held by no replica (the MongoDB claim is this same condition)."""
        due = self.next_attempt_at is None or self.next_attempt_at <= now
        free = self.claimed_until is None or self.claimed_until < now
        return self.is_pending and due and free

    def claim(self, now: datetime, hold_until: datetime) -> None:
        self._require(self.claimable(now), "be claimed")
        self.claimed_until = hold_until
        self.attempts += 1

    def sent(self, provider_message_id: str, now: datetime) -> None:
        self._require(self.is_pending, "be sent")
        self.status, self.provider_message_id = DeliveryStatus.SENT, provider_message_id
        self.sent_at, self.error = now, ""

    def failed(self, error: str, now: datetime) -> None:
        """The provider refused it for good (unknown user, bad request)."""
        self._require(self.is_pending, "fail")
        self.status, self.error, self.failed_at = DeliveryStatus.FAILED, error, now

    def defer(self, reason: str, until: datetime) -> None:
        """Queued for a rate-limit slot: not a failed attempt, so the attempt is given back."""
        self._require(self.is_pending and self.attempts > 0, "be deferred")
        self.error, self.next_attempt_at = reason, until
        self.attempts -= 1
        self.deferred, self.deferrals = True, self.deferrals + 1

    def failed_transiently(
        self, error: str, now: datetime, max_attempts: int, rng: random.Random | None = None
    ) -> DeliveryStatus:
        """Retry after a backoff, or, at the attempt limit, dead-letter it (replayable)."""
        self._require(self.is_pending, "fail transiently")
        if self.attempts >= max_attempts:
            self.status, self.dead_lettered_at = DeliveryStatus.DEAD_LETTERED, now
            self.error = f"重试 {self.attempts} 次后仍失败,已转入死信队列:{error}"
        else:
            self.error, self.deferred = error, False
            self.next_attempt_at = now + next_retry_delay(self.attempts, rng)
        return self.status

    def replay(self, actor_id: str, now: datetime) -> None:
        """An admin sends a dead letter again: attempts reset, due now, who and when kept."""
        self._require(self.is_dead_lettered, "be replayed")
        self.status, self.attempts, self.next_attempt_at = DeliveryStatus.PENDING, 0, now
        self.deferred, self.claimed_until = False, None
        self.replays += 1
        self.replayed_by, self.replayed_at = actor_id, now


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
