"""One use case, one MongoDB transaction: the documents it writes, the marker of the event it
consumed and the events it emits all commit together or not at all.

`UnitOfWork[R]` is the port use cases depend on, typed by the service's repository port `R`;
`MongoUnitOfWork` implements it on MongoDB, and each service's tests/fakes implement it in
memory. Two ways in:
- `run(work) -> T`: plain work (a command, a read that needs a consistent snapshot);
- `run_consuming(event_id, work) -> T | None`: the handling of one consumed event, at most
  once; None means the event was already consumed and `work` did not run. Work run this way
  must return a value (not None), so that the two answers cannot be confused.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Generic, Protocol, TypeVar

from google.protobuf.message import Message
from pymongo import MongoClient
from pymongo.client_session import ClientSession
from pymongo.database import Database

from services.common import envelope as envelopes
from services.common import events
from services.common.clock import Clock, SystemClock
from services.common.outbox import Outbox

T = TypeVar("T")
R = TypeVar("R")
R_co = TypeVar("R_co", covariant=True)
RepositoryFactory = Callable[[Database, ClientSession | None], R]


class Transaction(Generic[R]):
    """What a use case sees inside its transaction: its service's repository and a way to
    emit events, which are published only if the transaction commits."""

    def __init__(self, repo: R, producer: str, correlation_id: str, clock: Clock) -> None:
        self.repo = repo
        self.events: list[envelopes.Envelope] = []
        self._producer = producer
        self._correlation_id = correlation_id
        self._clock = clock

    def emit(self, event_type: str, payload: Message, tenant_id: str, version: int = 1) -> None:
        # The registry decides the payload type: a mismatch is a bug, caught here, not by a
        # consumer that cannot unpack it.
        events.check_payload(event_type, payload)
        self.events.append(
            envelopes.new_envelope(
                event_type,
                payload,
                tenant_id=tenant_id,
                producer=self._producer,
                correlation_id=self._correlation_id,
                version=version,
                occurred_at=self._clock.now(),
            )
        )


class UnitOfWork(Protocol[R]):
    """The port: what application code may ask of storage and time."""

    def run(self, work: Callable[[Transaction[R]], T], *, correlation_id: str = "") -> T: ...

    def run_consuming(self, event_id: str, work: Callable[[Transaction[R]], T]) -> T | None: ...

    def repository(self) -> R:
        """The repository outside any transaction: reads, and single-document conditional
        updates that are atomic on their own."""
        ...

    def now(self) -> datetime: ...


class MongoUnitOfWork(Generic[R]):
    def __init__(
        self,
        client: MongoClient,
        db: Database,
        producer: str,
        outbox: Outbox,
        repository: RepositoryFactory[R],
        clock: Clock | None = None,
    ) -> None:
        self._client = client
        self._db = db
        self._producer = producer
        self._outbox = outbox
        self._repository = repository
        self._clock = clock or SystemClock()

    def run(self, work: Callable[[Transaction[R]], T], *, correlation_id: str = "") -> T:
        """Run `work` in a transaction (retried on transient conflicts by the driver), then
        publish what it emitted."""
        _, result = self._transact(work, correlation_id, None)
        return result  # type: ignore[return-value]  # not consuming: the work always ran

    def run_consuming(self, event_id: str, work: Callable[[Transaction[R]], T]) -> T | None:
        """Handle one event at most once: a second delivery finds the inbox marker, and
        returns None without calling `work`."""
        if not event_id:
            raise ValueError("an event without an id cannot be consumed exactly once")
        ran, result = self._transact(work, event_id, event_id)
        return result if ran else None

    def _transact(
        self,
        work: Callable[[Transaction[R]], T],
        correlation_id: str,
        consumed_event_id: str | None,
    ) -> tuple[bool, T | None]:
        committed: list[Transaction[R]] = []
        bodies: list[str] = []

        def attempt(session: ClientSession) -> T | None:
            committed.clear()  # a retried attempt must not publish a rolled-back one's events
            if consumed_event_id and self._db["inbox"].find_one(
                {"_id": consumed_event_id}, session=session
            ):
                return None
            tx = Transaction(
                self._repository(self._db, session), self._producer, correlation_id, self._clock
            )
            committed.append(tx)
            result = work(tx)
            if consumed_event_id:
                self._db["inbox"].insert_one(
                    {"_id": consumed_event_id, "handled_at": self._clock.now()}, session=session
                )
            bodies[:] = self._outbox.write(session, tx.events)
            return result

        with self._client.start_session() as session:
            result = session.with_transaction(attempt)
        if not committed:
            return False, None
        self._outbox.flush(committed[0].events, bodies)
        return True, result

    def now(self) -> datetime:
        return self._clock.now()

    def repository(self) -> R:
        return self._repository(self._db, None)
