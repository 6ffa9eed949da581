"""Transactional outbox and unit of work on the MongoDB wire server and a real broker,
without nameko: crash recovery by the relay, atomicity, and concurrent relays."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import eventlet
import pytest

from sales.common.v1 import org_pb2
from sales.events.v1 import org_events_pb2
from services.common.clock import FixedClock
from services.common.event_bus import EventPublisher
from services.common.mongo import ensure_indexes, mongo_client
from services.common.outbox import Outbox
from services.common.unit_of_work import MongoUnitOfWork, Transaction
from tests.service.conftest import MONGO_URI

SERVICE = "outboxtest"
EVENT_TYPE = "org.person.upserted"  # a registered type: emit checks the payload


class DocsRepository:
    def __init__(self, db, session) -> None:
        self._docs = db["docs"]
        self._session = session

    def add(self, doc: dict) -> None:
        self._docs.insert_one(doc, session=self._session)


def broker_down(event_id: str, event_type: str, body: str, tenant_id: str) -> None:
    raise ConnectionError("broker unreachable")


def payload(n: int = 0) -> org_events_pb2.PersonUpserted:
    return org_events_pb2.PersonUpserted(person=org_pb2.Person(person_id=f"p{n}", name="测试"))


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime.now(UTC).replace(microsecond=0))  # Mongo keeps ms


@pytest.fixture
def db(db_prefix):
    client = mongo_client(MONGO_URI)  # the kernel's own (cached, tz-aware) client
    database = client[f"{db_prefix}{SERVICE}"]
    ensure_indexes(database, {})
    return database


@pytest.fixture
def make_uow(db, clock):
    def make(publish) -> MongoUnitOfWork:
        outbox = Outbox(db, SERVICE, publish, clock)
        return MongoUnitOfWork(db.client, db, SERVICE, outbox, DocsRepository, clock)

    return make


def test_relay_publishes_what_a_broker_outage_left_behind(
    db, clock, make_uow, rabbit_uri, spy_queue, drain
):
    spy = spy_queue([EVENT_TYPE])

    def work(tx: Transaction) -> str:
        tx.repo.add({"_id": "doc-1", "n": 1})
        tx.emit(EVENT_TYPE, payload(1), tenant_id="t1")
        return "done"

    assert make_uow(broker_down).run(work) == "done"
    # The document and its event committed together; the publish after commit failed.
    assert db.docs.find_one({"_id": "doc-1"}) is not None
    rows = list(db.outbox.find())
    assert len(rows) == 1 and rows[0]["sent"] is False
    event_id = rows[0]["_id"]
    assert drain(spy.name) == []

    relay = Outbox(db, SERVICE, EventPublisher(rabbit_uri).publish, clock)
    assert relay.relay_pending() == 0  # still inside the grace left to the inline publish
    assert drain(spy.name) == []

    clock.advance(seconds=2.5)
    assert relay.relay_pending() == 1
    messages = drain(spy.name, expect=1, timeout=5)
    assert [json.loads(m.body)["id"] for m in messages] == [event_id]
    assert messages[0].properties["message_id"] == event_id
    row = db.outbox.find_one({"_id": event_id})
    assert row["sent"] is True and row["sent_at"] == clock.now()

    clock.advance(seconds=5)
    assert relay.relay_pending() == 0  # a second relay publishes nothing
    assert drain(spy.name, expect=1, timeout=0.5) == []


def emit_while_the_broker_is_down(make_uow, count: int) -> list[str]:
    """One transaction emitting `count` events whose publish after commit fails; their ids in
    emit order."""
    emitted: list[str] = []

    def work(tx: Transaction) -> None:
        emitted.clear()  # a retried transaction attempt starts again
        for n in range(count):
            tx.emit(EVENT_TYPE, payload(n), tenant_id="t1")
            emitted.append(tx.events[-1].id)

    make_uow(broker_down).run(work)
    return emitted


def test_a_relay_tick_during_the_outage_does_not_hold_back_the_row_after_it(
    db, clock, make_uow, rabbit_uri, spy_queue, drain
):
    """The relay fails on the oldest row while the broker is away; the next tick after the
    broker returns publishes it and the rest at once, in order, not after a claim expires."""
    spy = spy_queue([EVENT_TYPE])
    emitted = emit_while_the_broker_is_down(make_uow, 3)
    clock.advance(seconds=3)
    assert Outbox(db, SERVICE, broker_down, clock).relay_pending() == 0  # still away
    clock.advance(seconds=1)  # one relay tick later the broker is back
    assert Outbox(db, SERVICE, EventPublisher(rabbit_uri).publish, clock).relay_pending() == 3
    messages = drain(spy.name, expect=3, timeout=5)
    assert [json.loads(m.body)["id"] for m in messages] == emitted


def test_publish_after_commit_marks_rows_sent(db, make_uow, rabbit_uri, spy_queue, drain):
    spy = spy_queue([EVENT_TYPE])
    emitted: list[str] = []

    def work(tx: Transaction) -> None:
        tx.repo.add({"_id": "doc-1"})
        for n in range(3):
            tx.emit(EVENT_TYPE, payload(n), tenant_id="t1")
            emitted.append(tx.events[-1].id)

    make_uow(EventPublisher(rabbit_uri).publish).run(work)
    messages = drain(spy.name, expect=3, timeout=5)
    assert [json.loads(m.body)["id"] for m in messages] == emitted  # in emit order
    assert db.outbox.count_documents({"sent": True}) == 3


def test_relay_keeps_emit_order_within_a_transaction(
    db, clock, make_uow, rabbit_uri, spy_queue, drain
):
    """flush() stops at the first failure "to keep order"; the relay must keep it too. All
    rows of one transaction share created_at, so only a tie-breaker can keep emit order."""
    spy = spy_queue([EVENT_TYPE])
    emitted = emit_while_the_broker_is_down(make_uow, 20)
    clock.advance(seconds=3)
    assert Outbox(db, SERVICE, EventPublisher(rabbit_uri).publish, clock).relay_pending() == 20
    messages = drain(spy.name, expect=20, timeout=5)
    assert [json.loads(m.body)["id"] for m in messages] == emitted


def test_failed_work_leaves_no_document_no_event_no_inbox_marker(db, make_uow, rabbit_uri):
    def work(tx: Transaction) -> None:
        tx.repo.add({"_id": "doc-1"})
        tx.emit(EVENT_TYPE, payload(1), tenant_id="t1")
        raise RuntimeError("use case failed half way")

    with pytest.raises(RuntimeError, match="half way"):
        make_uow(EventPublisher(rabbit_uri).publish).run_consuming("evt-1", work)
    assert db.docs.count_documents({}) == 0
    assert db.outbox.count_documents({}) == 0
    assert db.inbox.count_documents({}) == 0


def test_concurrent_relays_publish_each_row_at_most_once(
    db, clock, make_uow, rabbit_uri, spy_queue, drain
):
    spy = spy_queue([EVENT_TYPE])

    def work(tx: Transaction) -> None:
        for n in range(50):
            tx.emit(EVENT_TYPE, payload(n), tenant_id="t1")

    make_uow(broker_down).run(work)
    row_ids = {row["_id"] for row in db.outbox.find({"sent": False})}
    assert len(row_ids) == 50
    clock.advance(seconds=3)

    relays = [Outbox(db, SERVICE, EventPublisher(rabbit_uri).publish, clock) for _ in range(3)]
    threads = [eventlet.spawn(relay.relay_pending) for relay in relays]
    counts = [thread.wait() for thread in threads]

    assert sum(counts) == 50, counts
    messages = drain(spy.name, expect=51, timeout=2)  # waits for any duplicate to show up
    published = [json.loads(m.body)["id"] for m in messages]
    assert len(published) == 50
    assert set(published) == row_ids
    assert db.outbox.count_documents({"sent": False}) == 0
