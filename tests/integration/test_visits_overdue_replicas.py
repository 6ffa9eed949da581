"""V3's timer on the real MongoDB-wire server with the clock under the test's control: two
replicas sweeping at the same moments send exactly one commitment.overdue per commitment per
escalation step (the step is claimed by one conditional update inside the transaction that
emits the event)."""

from __future__ import annotations

import threading
import uuid
from collections import Counter
from datetime import UTC, datetime, timedelta

from devstack.sandbox import MONGO
from sales.events.v1 import visit_events_pb2 as ev
from services.common import envelope as envelopes
from services.common.clock import FixedClock
from services.common.mongo import ensure_indexes, mongo_client
from services.common.outbox import Outbox
from services.common.unit_of_work import MongoUnitOfWork
from services.visits.adapters.commitments_repository import INDEXES, MongoCommitmentRepository
from services.visits.application.commitments import send_due_reminders
from services.visits.domain.commitments import Commitment
from services.visits.domain.people import Person
from tests.fakes.visits import FakePeopleDirectory, FakeSettingsRepository

URI = MONGO  # SALES_MONGO_URI, else the embedded default
DUE = datetime(2026, 12, 3, tzinfo=UTC).date()


def people() -> FakePeopleDirectory:
    directory = FakePeopleDirectory()
    directory.upsert(Person("t1", "dir-1", "周总监", frozenset({"director"})))
    directory.upsert(Person("t1", "sup-1", "王主管", frozenset({"supervisor"}), "dir-1"))
    directory.upsert(Person("t1", "rep-1", "李业务", frozenset({"rep"}), "sup-1"))
    return directory


class Repo:
    def __init__(self, db, session, directory: FakePeopleDirectory) -> None:
        self.commitments = MongoCommitmentRepository(db, session)
        self.people = directory
        self.settings = FakeSettingsRepository()  # the defaults: the day after, +2, +5


def test_two_replicas_send_each_step_exactly_once():
    client = mongo_client(URI)
    db = client[f"overdue_{uuid.uuid4().hex[:8]}_visits"]
    ensure_indexes(db, INDEXES)
    clock = FixedClock(datetime(2026, 12, 3, 4, tzinfo=UTC))
    published: list[envelopes.Envelope] = []
    lock = threading.Lock()

    def publish(event_id: str, event_type: str, body: str, tenant_id: str) -> None:
        with lock:
            published.append(envelopes.from_json(body))

    directory = people()

    def replica() -> MongoUnitOfWork:
        outbox = Outbox(db, "visits", publish, clock)
        return MongoUnitOfWork(
            client, db, "visits", outbox, lambda d, s: Repo(d, s, directory), clock
        )

    replicas = [replica(), replica()]
    store = MongoCommitmentRepository(db, None)
    ids = [str(uuid.uuid4()) for _ in range(12)]
    for commitment_id in ids:
        store.add(Commitment(
            tenant_id="t1", commitment_id=commitment_id, visit_id="v1", rep_id="rep-1",
            store_id="s1", store_name="世纪联华", description="补齐陈列", due_date=DUE,
            created_at=clock.now(), supervisor_id="sup-1", next_reminder_on=DUE + timedelta(days=1),
        ))  # fmt: skip

    def sweep_both() -> None:
        threads = [
            threading.Thread(target=send_due_reminders, args=(uow, clock.now()))
            for uow in replicas
            for _ in range(2)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    try:
        for day in range(0, 10):  # the due day, then each day after it, four sweeps a day
            clock.advance(days=1 if day else 0)
            sweep_both()
            sweep_both()
        overdue = [envelopes.unpack(e, ev.CommitmentOverdue) for e in published]
        counts = Counter((e.commitment_id, e.reminder_count) for e in overdue)
        assert set(counts.values()) == {1}
        assert set(counts) == {(c, step) for c in ids for step in (1, 2, 3)}
        directors = {e.reminder_count: e.director_id for e in overdue}
        assert directors == {1: "", 2: "", 3: "dir-1"}
        assert {e.days_overdue for e in overdue} == {1, 3, 6}
    finally:
        client.drop_database(db.name)
