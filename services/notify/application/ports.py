"""What notify's use cases need from the outside world: the providers, the rate limiter, and
storage (`NotifyRepository`, used through `UnitOfWork[NotifyRepository]`).

tests/fakes/notify.py implements each in memory; tests/integration/
test_notify_repository_contract.py holds the fakes and the MongoDB adapters to the same cases.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from services.notify.domain.model import Channel, Contact, Delivery, RateLimit
from services.notify.domain.routing import Route


class TransientSendError(Exception):
    """The provider may accept later (5xx, timeout, expired token twice): retry with backoff."""


class RateLimitedError(TransientSendError):
    """The provider says too fast (WeCom 45009, DingTalk 90018 / 130101): queue, not a failure."""


class PermanentSendError(Exception):
    """Retrying cannot help (unknown user, bad request): record the failure."""


SendError = (PermanentSendError, TransientSendError)


class Sender(Protocol):
    def send(self, delivery: Delivery) -> str:
        """Deliver; returns the provider's message id. Raises one of SendError."""
        ...


class RateLimiter(Protocol):
    def acquire(self, limit: RateLimit, now: datetime) -> datetime | None:
        """Take one slot in the sliding window: None if taken, else when one frees up. Safe
        with several replicas (one conditional update)."""
        ...


@dataclass(frozen=True)
class LogQuery:
    """One page of a tenant's delivery log, newest first (by id). Empty filters match all."""

    tenant_id: str
    recipient_id: str = ""
    source_event_id: str = ""
    status: str = ""
    after: str = ""  # continue after this delivery id
    limit: int = 50


class NotifyRepository(Protocol):
    # -- the directory -------------------------------------------------------------------------
    def contact(self, tenant_id: str, person_id: str) -> Contact | None: ...
    def contacts_with_role(self, tenant_id: str, role: str) -> list[Contact]: ...
    def upsert_contact(self, contact: Contact) -> None: ...

    # -- routes --------------------------------------------------------------------------------
    def route(self, tenant_id: str, event_type: str) -> Route | None: ...
    def routes(self, tenant_id: str) -> list[Route]:
        """The tenant's overrides, by event type."""
        ...

    def save_route(self, route: Route, now: datetime) -> Route:
        """Store the override; returns it as stored (version + 1, updated_at = now)."""
        ...

    # -- planning --------------------------------------------------------------------------------
    def add_delivery(self, delivery: Delivery) -> bool:
        """False if a delivery with its key exists already (nothing is changed)."""
        ...

    def awaiting_contact(self, tenant_id: str, person_id: str, since: datetime) -> list[Delivery]:
        """Failed deliveries to the person that await their directory entry, planned since."""
        ...

    def revive(self, delivery: Delivery) -> bool:
        """Save a revived delivery, only if it still awaits its contact (one conditional
        update: two revivals never send it twice)."""
        ...

    # -- attempts --------------------------------------------------------------------------------
    def claim(self, delivery_id: str, now: datetime, hold_until: datetime) -> Delivery | None:
        """One conditional update (Delivery.claimable, then Delivery.claim): the claimed
        delivery, or None if it is not pending, not due, or another replica holds it."""
        ...

    def save_attempt(self, delivery: Delivery) -> None:
        """Save the outcome of an attempt and release the claim, only if the claim is still
        the one this attempt took."""
        ...

    def pull_forward(self, channel: Channel, now: datetime) -> int:
        """Retries waiting out a backoff on `channel` become due now (not rate-limit waits)."""
        ...

    def due(self, now: datetime, limit: int) -> list[str]:
        """Ids of pending deliveries due by `now`, oldest due first."""
        ...

    def count_pending(self) -> int: ...
    def count_dead_lettered(self) -> int: ...

    # -- the delivery log and dead letters -------------------------------------------------------
    def get_delivery(self, delivery_id: str) -> Delivery | None: ...
    def list_deliveries(self, query: LogQuery) -> list[Delivery]: ...

    def replay(self, delivery: Delivery) -> bool:
        """Save a replayed delivery, only if it is still dead-lettered (one conditional
        update: two replays never send it twice)."""
        ...

    def add_audit(self, entry: dict[str, Any]) -> None: ...
