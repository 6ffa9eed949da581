"""One use case, one MongoDB transaction: the documents it writes, the marker of the event it
consumed and the events it emits all commit together or not at all."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, TypeVar

from google.protobuf.message import Message
from pymongo import MongoClient
from pymongo.client_session import ClientSession
from pymongo.database import Database

from services.common import envelope as envelopes
from services.common.clock import Clock, SystemClock
from services.common.outbox import Outbox

T = TypeVar("T")
RepositoryFactory = Callable[[Database, ClientSession], Any]


class Transaction:
    """What a use case sees: its service's repository and a way to emit events."""

    def __init__(self, repo: Any, producer: str, correlation_id: str, clock: Clock) -> None:
        self.repo = repo
        self.events: list[envelopes.Envelope] = []
        self._producer = producer
        self._correlation_id = correlation_id
        self._clock = clock

    def emit(self, event_type: str, payload: Message, tenant_id: str, version: int = 1) -> None:
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


class MongoUnitOfWork:
    def __init__(
        self,
        client: MongoClient,
        db: Database,
        producer: str,
        outbox: Outbox,
        repository: RepositoryFactory,
        clock: Clock | None = None,
    ) -> None:
        self._client = client
        self._db = db
        self._producer = producer
        self._outbox = outbox
        self._repository = repository
        self._clock = clock or SystemClock()

    def run(
        self,
        work: Callable[[Transaction], T],
        *,
        correlation_id: str = "",
        consumed_event_id: str | None = None,
    ) -> T | None:
        """Run `work` in a transaction (retried on transient conflicts by the driver).

        With `consumed_event_id`, the event is handled at most once: a second delivery finds
        the inbox marker and returns None without calling `work`.
        """
        tx_holder: list[Transaction] = []

        def attempt(session: ClientSession) -> T | None:
            tx_holder.clear()  # a retried attempt must not publish a rolled-back one's events
            if consumed_event_id and self._db["inbox"].find_one(
                {"_id": consumed_event_id}, session=session
            ):
                return None
            tx = Transaction(
                self._repository(self._db, session),
                self._producer,
                correlation_id or consumed_event_id or "",
                self._clock,
            )
            tx_holder[:] = [tx]
            result = work(tx)
            if consumed_event_id:
                self._db["inbox"].insert_one(
                    {"_id": consumed_event_id, "handled_at": self._clock.now()}, session=session
                )
            self._outbox.write(session, tx.events)
            return result

        with self._client.start_session() as session:
            result = session.with_transaction(attempt)
        if tx_holder:
            self._outbox.flush(tx_holder[0].events)
        return result

    def now(self) -> datetime:
        return self._clock.now()

    def repository(self) -> Any:
        """The service's repository outside any transaction: reads, and single-document
        conditional updates that are atomic on their own."""
        return self._repository(self._db, None)

    def already_handled(self, event_id: str) -> bool:
        return self._db["inbox"].find_one({"_id": event_id}, projection={"_id": 1}) is not None
