"""Two replicas of visits (two units of work on one MongoDB database, as two processes
would be) racing for the same due work, with the clock under the test's control: each
rep-day's plan is generated and published exactly once, and a new store's overdue first
visit is alerted exactly once."""

from __future__ import annotations

import threading
from collections import Counter
from datetime import timedelta

import pytest

from sales.events.v1 import store_events_pb2
from services.common import envelope as envelopes
from services.common.clock import FixedClock
from services.visits.application import first_visits, plans, stores
from tests.fakes.visits_data import TENANT, person, store
from tests.integration.visits_repos import T0, MongoWorld

REPS, STORES = 6, 12


@pytest.fixture
def replicas():
    clock = FixedClock(T0)
    one = MongoWorld(clock)
    two = MongoWorld.__new__(MongoWorld)  # a second replica on the same database
    MongoWorld.__init__(two, clock)
    two.client.drop_database(two.db.name)
    two.db = one.db
    two._db = one.db
    two._outbox._rows = one.db["outbox"]
    yield one, two
    one.drop()


def race(*jobs) -> None:
    barrier = threading.Barrier(len(jobs))
    errors: list[BaseException] = []

    def run(job) -> None:
        barrier.wait()
        try:
            job()
        except BaseException as error:  # surfaced below, in the test's thread
            errors.append(error)

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []


def seed(world: MongoWorld) -> None:
    repo = world.repository()
    for r in range(REPS):
        repo.people.upsert(person(f"rep-{r}", "rep", supervisor_id="sup-1"))
    repo.people.upsert(person("sup-1", "supervisor"))
    repo.stores.add_many(
        [store(f"门店{i}", owner_rep_id=f"rep-{i % REPS}", registered_at=T0) for i in range(STORES)]
    )


def published(worlds, kind: str, payload_type) -> list:
    return [
        envelopes.unpack(e, payload_type) for w in worlds for e in w.published if e.type == kind
    ]


def test_each_rep_day_is_planned_exactly_once(replicas) -> None:
    one, two = replicas
    seed(one)
    now = T0 + timedelta(hours=12)  # 20:00 in Shanghai: today and the coming day
    race(lambda: plans.plan_coming_days(one, now), lambda: plans.plan_coming_days(two, now),
         lambda: plans.get_plan(one, TENANT, "rep-0", "", now))  # fmt: skip
    events = published(replicas, "plan.day_changed", store_events_pb2.PlanDayChanged)
    days = Counter((e.rep_id, e.plan_date) for e in events)
    assert len(days) == REPS * 2 and set(days.values()) == {1}
    assert one.db["plans"].count_documents({"tenant_id": TENANT}) == REPS * 2
    assert one.db["outbox"].count_documents({"type": "plan.day_changed"}) == REPS * 2
    assert {e.planned for e in events} == {STORES // REPS}


def test_an_overdue_first_visit_is_alerted_exactly_once(replicas) -> None:
    one, two = replicas
    seed(one)
    for r in range(3):
        stores.register_store(one, store(f"新店{r}", owner_rep_id="rep-1", registered_at=T0))
    later = T0 + timedelta(days=3, minutes=1)
    race(*(lambda w=w: first_visits.alert_overdue_first_visits(w, later) for w in (one, two) * 2))
    alerts = published(
        replicas, "store.first_visit_overdue", store_events_pb2.StoreFirstVisitOverdue
    )
    assert sorted(a.store_name for a in alerts) == ["新店0", "新店1", "新店2"]
    assert {a.supervisor_id for a in alerts} == {"sup-1"}
    assert one.db["outbox"].count_documents({"type": "store.first_visit_overdue"}) == 3
    assert first_visits.alert_overdue_first_visits(two, later + timedelta(days=1)) == 0
