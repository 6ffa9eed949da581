"""Deliveries: one message, to one person, through one channel, for one event."""

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

    def address(self, channel: Channel) -> str:
        return self.wecom_userid if channel == Channel.WECOM else self.dingtalk_userid


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

    @staticmethod
    def key(event_id: str, recipient_id: str, channel: Channel) -> str:
        # Idempotency: a redelivered event maps to the same delivery, never a second send.
        return f"{event_id}:{recipient_id}:{channel.value}"


MAX_ATTEMPTS = 8


def next_retry_delay(attempts: int, rng: random.Random | None = None) -> timedelta:
    """Exponential backoff with jitter (half to all of the ceiling): ceilings 1 s, 2 s, 4 s ...
    capped at 5 minutes."""
    ceiling = min(300.0, 2.0 ** max(0, attempts - 1))
    return timedelta(seconds=(rng or random).uniform(ceiling / 2, ceiling))
