"""notify's ports in memory: the repository (with the unit of work from tests/fakes/kernel.py),
the rate limiter and the providers. tests/integration/test_notify_repository_contract.py
holds the repository and the limiter to the same cases as their MongoDB adapters."""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from services.common.clock import FixedClock
from services.notify.application.ports import LogQuery
from services.notify.domain.model import (
    Channel,
    Contact,
    Delivery,
    DeliveryStatus,
    Message,
    RateLimit,
)
from services.notify.domain.routing import Route
from tests.fakes.kernel import FakeState, FakeUnitOfWork

NOW = datetime(2026, 11, 27, 2, 0, tzinfo=UTC)


class FakeNotifyRepository(FakeState):
    def __init__(self) -> None:
        self.contacts: dict[tuple[str, str], Contact] = {}
        self.routes_by_key: dict[tuple[str, str], Route] = {}
        self.deliveries: dict[str, Delivery] = {}
        self.audit: list[dict[str, Any]] = []

    # -- the directory -------------------------------------------------------------------------

    def contact(self, tenant_id: str, person_id: str) -> Contact | None:
        return self.contacts.get((tenant_id, person_id))

    def contacts_with_role(self, tenant_id: str, role: str) -> list[Contact]:
        return [c for (t, _), c in self.contacts.items() if t == tenant_id and role in c.roles]

    def upsert_contact(self, contact: Contact) -> None:
        self.contacts[(contact.tenant_id, contact.person_id)] = contact

    # -- routes --------------------------------------------------------------------------------

    def route(self, tenant_id: str, event_type: str) -> Route | None:
        return self.routes_by_key.get((tenant_id, event_type))

    def routes(self, tenant_id: str) -> list[Route]:
        mine = [r for (t, _), r in self.routes_by_key.items() if t == tenant_id]
        return sorted(mine, key=lambda r: r.event_type)

    def save_route(self, route: Route, now: datetime) -> Route:
        before = self.route(route.tenant_id, route.event_type)
        saved = dataclasses.replace(
            route, is_default=False, version=(before.version if before else 0) + 1, updated_at=now
        )
        self.routes_by_key[(route.tenant_id, route.event_type)] = saved
        return saved

    # -- planning --------------------------------------------------------------------------------

    def add_delivery(self, delivery: Delivery) -> bool:
        if delivery.delivery_id in self.deliveries:
            return False
        self.deliveries[delivery.delivery_id] = _stored(delivery)
        return True

    def awaiting_contact(self, tenant_id: str, person_id: str, since: datetime) -> list[Delivery]:
        return [
            _copy(d)
            for d in self.deliveries.values()
            if d.awaits_contact and d.status == DeliveryStatus.FAILED
            and d.tenant_id == tenant_id and d.recipient_id == person_id
            and d.created_at is not None and d.created_at >= since
        ]  # fmt: skip

    def revive(self, delivery: Delivery) -> bool:
        return self._replace_if(
            delivery, lambda d: d.status == DeliveryStatus.FAILED and d.awaits_contact
        )

    def _replace_if(self, delivery: Delivery, condition: Callable[[Delivery], bool]) -> bool:
        """The conditional update: store `delivery` only if what is stored meets `condition`."""
        stored = self.deliveries.get(delivery.delivery_id)
        if stored is None or not condition(stored):
            return False
        self.deliveries[delivery.delivery_id] = _stored(delivery)
        return True

    # -- attempts --------------------------------------------------------------------------------

    def claim(self, delivery_id: str, now: datetime, hold_until: datetime) -> Delivery | None:
        stored = self.deliveries.get(delivery_id)
        if stored is None or not stored.claimable(now):
            return None
        stored.claim(now, hold_until)
        return _copy(stored)

    def save_attempt(self, delivery: Delivery) -> None:
        stored = self.deliveries.get(delivery.delivery_id)
        if stored is not None and stored.claimed_until == delivery.claimed_until:
            self.deliveries[delivery.delivery_id] = _stored(delivery)

    def pull_forward(self, channel: Channel, now: datetime) -> int:
        pulled = 0
        for d in self.deliveries.values():
            waiting = d.next_attempt_at is not None and d.next_attempt_at > now
            if d.is_pending and waiting and d.channel == channel and not d.deferred:
                d.next_attempt_at = now
                pulled += 1
        return pulled

    def due(self, now: datetime, limit: int) -> list[str]:
        found = [
            d
            for d in self.deliveries.values()
            if d.is_pending and d.next_attempt_at is not None and d.next_attempt_at <= now
        ]
        found.sort(key=lambda d: d.next_attempt_at or now)
        return [d.delivery_id for d in found[:limit]]

    def count_pending(self) -> int:
        return sum(1 for d in self.deliveries.values() if d.is_pending)

    def count_dead_lettered(self) -> int:
        return sum(1 for d in self.deliveries.values() if d.is_dead_lettered)

    # -- the delivery log and dead letters -------------------------------------------------------

    def get_delivery(self, delivery_id: str) -> Delivery | None:
        found = self.deliveries.get(delivery_id)
        return _copy(found) if found else None

    def list_deliveries(self, query: LogQuery) -> list[Delivery]:
        found = [
            d
            for d in self.deliveries.values()
            if d.tenant_id == query.tenant_id
            and query.recipient_id in ("", d.recipient_id)
            and query.source_event_id in ("", d.source_event_id)
            and query.status in ("", d.status.value)
            and (not query.after or d.delivery_id < query.after)
        ]
        found.sort(key=lambda d: d.delivery_id, reverse=True)
        return [_copy(d) for d in found[: query.limit]]

    def replay(self, delivery: Delivery) -> bool:
        return self._replace_if(
            delivery, lambda d: d.tenant_id == delivery.tenant_id and d.is_dead_lettered
        )

    def add_audit(self, entry: dict[str, Any]) -> None:
        self.audit.append(copy.deepcopy(entry))


def _copy(d: Delivery) -> Delivery:
    return dataclasses.replace(d)


def _stored(d: Delivery) -> Delivery:
    """As the database keeps it: a copy, with any claim released."""
    return dataclasses.replace(d, claimed_until=None)


class FakeRateLimiter:
    """The sliding window of adapters/rate_limiter.py in memory: per key the last `limit` send
    times; a send takes a place when the oldest of them has left the window."""

    def __init__(self) -> None:
        self.stamps: dict[str, list[float]] = {}

    def acquire(self, limit: RateLimit, now: datetime) -> datetime | None:
        stamp, window_s = now.timestamp(), limit.window.total_seconds()
        kept = self.stamps.setdefault(limit.key, [0.0] * limit.limit)
        if kept[0] <= stamp - window_s:
            self.stamps[limit.key] = sorted([*kept, stamp])[-limit.limit :]
            return None
        free_at = datetime.fromtimestamp(kept[0] + window_s, UTC)
        return max(free_at, now + timedelta(milliseconds=50))


class FakeSender:
    """A provider that answers from a script: a message id, or an exception to raise; then
    "msg-ok" for every send after the script."""

    def __init__(self, *answers: str | Exception) -> None:
        self.answers = list(answers)
        self.sent: list[Delivery] = []

    @property
    def calls(self) -> int:
        return len(self.sent)

    def send(self, delivery: Delivery) -> str:
        self.sent.append(delivery)
        answer = self.answers.pop(0) if self.answers else "msg-ok"
        if isinstance(answer, Exception):
            raise answer
        return answer


def fake_uow(
    repo: FakeNotifyRepository | None = None, now: datetime = NOW
) -> FakeUnitOfWork[FakeNotifyRepository]:
    return FakeUnitOfWork(repo or FakeNotifyRepository(), FixedClock(now), producer="notify")


def delivery(delivery_id: str = "d1", **fields: Any) -> Delivery:
    """A pending WeCom app delivery to rep "p", due at NOW."""
    values: dict[str, Any] = {
        "delivery_id": delivery_id, "tenant_id": "t", "source_event_id": "e",
        "source_event_type": "lead.assigned", "recipient_id": "p", "recipient_role": "rep",
        "channel": Channel.WECOM, "message": Message("text", "t", "x"), "address": "wx-1",
        "created_at": NOW, "next_attempt_at": NOW,
    }  # fmt: skip
    return Delivery(**{**values, **fields})
