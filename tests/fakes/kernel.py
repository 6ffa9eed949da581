"""A unit of work in memory, shared by every service's fakes.

It behaves like MongoUnitOfWork where use cases can tell: work runs against the repository,
events are kept only if the work returns (a raised error rolls the repository back to its
state before the work and emits nothing), and run_consuming runs an event's work at most
once. The repository must offer `snapshot()` and `restore(state)` (see FakeState)."""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import datetime
from typing import Any, Generic, Protocol, TypeVar

from services.common.clock import Clock, FixedClock
from services.common.envelope import Envelope
from services.common.unit_of_work import Transaction

T = TypeVar("T")


class Restorable(Protocol):
    def snapshot(self) -> Any: ...
    def restore(self, state: Any) -> None: ...


R = TypeVar("R", bound=Restorable)


class FakeState:
    """Mixin for fake repositories that keep all their state in attributes: a deep copy of
    them is the snapshot."""

    def snapshot(self) -> dict[str, Any]:
        return copy.deepcopy(vars(self))

    def restore(self, state: dict[str, Any]) -> None:
        vars(self).clear()
        vars(self).update(state)


class FakeUnitOfWork(Generic[R]):
    def __init__(self, repo: R, clock: Clock | None = None, producer: str = "test") -> None:
        self.repo = repo
        self.clock = clock or FixedClock(datetime.fromisoformat("2026-12-01T02:00:00+00:00"))
        self.producer = producer
        self.published: list[Envelope] = []
        self.consumed: set[str] = set()
        self.runs = 0

    def run(self, work: Callable[[Transaction[R]], T], *, correlation_id: str = "") -> T:
        self.runs += 1
        before = self.repo.snapshot()
        tx: Transaction[R] = Transaction(self.repo, self.producer, correlation_id, self.clock)
        try:
            result = work(tx)
        except BaseException:
            self.repo.restore(before)
            raise
        self.published.extend(tx.events)
        return result

    def run_consuming(self, event_id: str, work: Callable[[Transaction[R]], T]) -> T | None:
        if event_id in self.consumed:
            return None
        result = self.run(work, correlation_id=event_id)
        self.consumed.add(event_id)
        return result

    def repository(self) -> R:
        return self.repo

    def now(self) -> datetime:
        return self.clock.now()

    def published_types(self) -> list[str]:
        return [e.type for e in self.published]
