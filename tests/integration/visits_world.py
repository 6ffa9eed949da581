"""visits on the real MongoDB-wire server for b2's integration and contract tests: the
service's own composite repository (adapters/repository.py) in a database of its own."""

from __future__ import annotations

import os
import uuid
from datetime import UTC, datetime

from services.common import envelope as envelopes
from services.common.clock import FixedClock
from services.common.mongo import ensure_indexes, mongo_client
from services.common.outbox import Outbox
from services.common.unit_of_work import MongoUnitOfWork
from services.visits.adapters.repository import INDEXES, MongoVisitsRepository

T0 = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)  # 10:00 in Shanghai
URI = os.environ.get(
    "SALES_MONGO_URI", "mongodb://127.0.0.1:27017/?retryWrites=false&directConnection=true"
)


class World:
    def __init__(self, clock: FixedClock | None = None, db_name: str = "") -> None:
        self.client = mongo_client(URI)
        self.db = self.client[db_name or f"b2it_{uuid.uuid4().hex[:10]}_visits"]
        ensure_indexes(self.db, INDEXES)
        self.clock = clock or FixedClock(T0)
        self.published: list[envelopes.Envelope] = []

    def repo(self) -> MongoVisitsRepository:
        return MongoVisitsRepository(self.db, None)

    def uow(self) -> MongoUnitOfWork:
        def publish(event_id: str, event_type: str, body: str, tenant_id: str) -> None:
            self.published.append(envelopes.from_json(body))

        outbox = Outbox(self.db, "visits", publish, self.clock)
        return MongoUnitOfWork(
            self.client, self.db, "visits", outbox, MongoVisitsRepository, self.clock
        )

    def published_types(self) -> list[str]:
        return [e.type for e in self.published]

    def drop(self) -> None:
        self.client.drop_database(self.db.name)
