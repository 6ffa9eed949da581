"""Both implementations of the visits ports behind one fixture, so a contract test runs each
case on the in-memory fake and on the MongoDB repositories (real MongoDB-wire server):
`uow` is a unit of work on either, with `published` holding the events it emitted."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from services.common import envelope as envelopes
from services.common.clock import FixedClock
from services.common.config import Settings
from services.common.mongo import ensure_indexes, mongo_client
from services.common.outbox import Outbox
from services.common.unit_of_work import MongoUnitOfWork
from services.visits.adapters.repository import INDEXES, MongoVisitsRepository
from tests.fakes.visits import fake_uow

URI = Settings("tests").mongo_uri  # SALES_MONGO_URI, else the embedded default
T0 = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)  # 10:00 in Shanghai


class MongoWorld(MongoUnitOfWork):
    """A MongoUnitOfWork on a database of its own that keeps what it published."""

    def __init__(self, clock: FixedClock) -> None:
        self.client = mongo_client(URI)
        self.db = self.client[f"vcontract_{uuid.uuid4().hex[:8]}_visits"]
        ensure_indexes(self.db, INDEXES)
        self.clock = clock
        self.published: list[envelopes.Envelope] = []

        def publish(event_id: str, event_type: str, body: str, tenant_id: str) -> None:
            self.published.append(envelopes.from_json(body))

        outbox = Outbox(self.db, "visits", publish, clock)
        super().__init__(self.client, self.db, "visits", outbox, MongoVisitsRepository, clock)

    def published_types(self) -> list[str]:
        return [e.type for e in self.published]

    def drop(self) -> None:
        self.client.drop_database(self.db.name)


@pytest.fixture(params=["fake", "mongo"])
def uow(request) -> Iterator:
    clock = FixedClock(T0)
    if request.param == "fake":
        yield fake_uow(clock)
        return
    world = MongoWorld(clock)
    try:
        yield world
    finally:
        world.drop()
