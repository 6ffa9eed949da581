"""What notify's use cases need from the outside world."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from services.notify.domain.model import Channel, Contact, Delivery, Message


class TransientSendError(Exception):
    """The provider may accept later (5xx, timeout, rate limit): retry with backoff."""


class PermanentSendError(Exception):
    """Retrying cannot help (unknown user, bad request): record the failure."""


class Sender(Protocol):
    def send(self, channel: Channel, address: str, message: Message) -> str:
        """Deliver; returns the provider's message id."""
        ...


class NotifyRepository(Protocol):
    def contact(self, tenant_id: str, person_id: str) -> Contact | None: ...
    def upsert_contact(self, contact: Contact) -> None: ...
    def add_delivery(self, delivery: Delivery) -> bool: ...
    def claim(self, delivery_id: str, now: datetime, hold_until: datetime) -> Delivery | None: ...
    def mark_sent(self, delivery_id: str, provider_message_id: str, now: datetime) -> None: ...
    def mark_retry(self, delivery_id: str, error: str, next_attempt_at: datetime) -> None: ...
    def mark_failed(self, delivery_id: str, error: str, now: datetime) -> None: ...
    def due(self, now: datetime, limit: int) -> list[str]: ...
    def list_deliveries(
        self, tenant_id: str, recipient_id: str, source_event_id: str, after: str, limit: int
    ) -> list[Delivery]: ...
