"""scoring's orders port: the same cases on the in-memory fake and on MongoDB (the real
MongoDB-wire server), through the use cases, so the fake cannot drift from the adapter."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from services.common.clock import FixedClock
from services.common.config import Settings
from services.common.mongo import ensure_indexes, mongo_client
from services.common.outbox import Outbox
from services.common.unit_of_work import MongoUnitOfWork
from services.scoring.adapters.orders_repository import INDEXES, MongoOrdersRepository
from services.scoring.application import attribution, orders
from services.scoring.application.orders import Recorded
from services.scoring.domain.orders import Order, OrderLine, StoreFacts, VisitFact
from services.scoring.domain.revenue_days import GroupKey
from tests.fakes.kernel import FakeUnitOfWork
from tests.fakes.scoring_orders import FakeOrdersRepository

URI = Settings("test").mongo_uri  # SALES_MONGO_URI, else the embedded default
T = "t1"
DAY = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)


@pytest.fixture(params=["fake", "mongo"])
def uow(request) -> Iterator:
    clock = FixedClock(DAY)
    if request.param == "fake":
        yield FakeUnitOfWork(FakeOrdersRepository(), clock)
        return
    client = mongo_client(URI)
    db = client[f"ocontract_{uuid.uuid4().hex[:8]}_scoring_orders"]
    ensure_indexes(db, INDEXES)
    outbox = Outbox(db, "scoring_orders", lambda *a: None, clock)
    try:
        yield MongoUnitOfWork(client, db, "scoring_orders", outbox, MongoOrdersRepository, clock)
    finally:
        client.drop_database(db.name)


def store(sid, ext, rep, region="330782", version=1, lead="") -> StoreFacts:
    return StoreFacts(T, sid, ext, f"门店{sid}", region, rep, lead, version)


def order(oid, at, ext, fen=10_000) -> Order:
    return Order(T, oid, ext, at, fen, (OrderLine("SKU-1", 2, fen),))


def test_orders_link_wait_and_are_idempotent(uow) -> None:
    orders.store_seen(uow, store("s1", "E1", "rep-a", lead="lead-1"), "e1")
    orders.visit_seen(uow, VisitFact(T, "v1", "s1", "rep-a", DAY - timedelta(days=2)), "e2")
    assert orders.record_event(uow, order("o1", DAY, "E1"), "e3") == Recorded.LINKED
    assert orders.record_event(uow, order("o1", DAY, "E1"), "e3") is None
    assert orders.record_event(uow, order("o1", DAY, "E1"), "e4") == Recorded.DUPLICATE
    assert orders.record_event(uow, order("o2", DAY, "E2"), "e5") == Recorded.PENDING
    repo = uow.repository()
    assert repo.pending_orders_of(T, ["E2", "E7"])[0].order_id == "o2"
    orders.store_seen(uow, store("s2", "E2", "rep-b"), "e6")
    assert repo.pending_orders_of(T, ["E2", "E7"]) == []
    # A later visit arrives after the order: it takes the order over.
    assert (
        orders.visit_seen(uow, VisitFact(T, "v2", "s1", "rep-c", DAY - timedelta(hours=5)), "e7")
        == 1
    )
    linked = {
        o.order_id: o
        for o in repo.region_orders(T, "3307", DAY - timedelta(days=1), DAY + timedelta(days=1))
    }
    assert set(linked) == {"o1", "o2"}
    o1 = linked["o1"]
    assert (o1.store_id, o1.rep_id, o1.visit_id, o1.visit_rep_id, o1.lead_id) == (
        "s1",
        "rep-a",
        "v2",
        "rep-c",
        "lead-1",
    )
    assert o1.visit_at == DAY - timedelta(hours=5) and o1.lines == (OrderLine("SKU-1", 2, 10_000),)
    assert linked["o2"].rep_id == "rep-b"


def test_stores_keep_the_newest_version_and_visits_are_kept_once(uow) -> None:
    orders.store_seen(uow, store("s1", "E1", "rep-new", version=2), "e1")
    assert orders.store_seen(uow, store("s1", "E1", "rep-old", version=1), "e2") is False
    repo = uow.repository()
    assert repo.store(T, "s1").owner_rep_id == "rep-new"
    assert repo.store_by_external_id(T, "E1").store_id == "s1"
    assert set(repo.stores(T, ["s1", "nope"])) == {"s1"}
    visit = VisitFact(T, "v1", "s1", "rep-a", DAY)
    assert orders.visit_seen(uow, visit, "e3") == 0
    assert orders.visit_seen(uow, visit, "e4") == 0  # the same visit from another event id
    assert repo.last_visit(T, "s1", DAY - timedelta(days=1), DAY) == visit
    assert repo.last_visit(T, "s1", DAY - timedelta(days=1), DAY - timedelta(seconds=1)) is None


def test_regions_are_ranges_of_codes_and_teams_filter(uow) -> None:
    for sid, region, rep in (
        ("s1", "330782", "rep-a"),
        ("s2", "330702", "rep-b"),
        ("s3", "330106", "rep-c"),
    ):
        orders.store_seen(uow, store(sid, f"E{sid}", rep, region), f"st{sid}")
        orders.record_event(uow, order(f"o{sid}", DAY, f"E{sid}"), f"o{sid}")
    repo = uow.repository()
    span = (DAY - timedelta(days=1), DAY + timedelta(days=1))
    assert {o.order_id for o in repo.region_orders(T, "3307", *span)} == {"os1", "os2"}
    assert {o.order_id for o in repo.region_orders(T, "33", *span)} == {"os1", "os2", "os3"}
    assert {o.order_id for o in repo.region_orders(T, "33", *span, rep_ids=["rep-c"])} == {"os3"}
    assert repo.region_orders(T, "3307", DAY + timedelta(seconds=1), span[1]) == []
    assert sorted(h[0] for h in repo.order_history(T, "", DAY + timedelta(days=1))) == [
        "s1",
        "s2",
        "s3",
    ]


def test_the_county_question_and_the_window_setting_agree(uow) -> None:
    assert orders.get_window(uow, T) == 14
    orders.set_window(uow, T, 3)
    assert orders.get_window(uow, T) == 3
    orders.store_seen(uow, store("s1", "E1", "rep-a"), "e1")
    orders.visit_seen(uow, VisitFact(T, "v-far", "s1", "rep-a", DAY - timedelta(days=4)), "e2")
    orders.record_event(uow, order("o1", DAY, "E1", 50_000), "e3")
    orders.record_event(uow, order("o0", DAY - timedelta(days=7), "E1", 20_000), "e4")
    answer = attribution.explain_region(
        uow, attribution.Question(T, "330782", "2026-11-14", "2026-11-20")
    )
    e = answer.explanation
    assert (e.current, e.previous, e.unvisited) == (50_000, 20_000, 50_000)  # visit outside 3 days
    assert answer.reps[0][0] == "rep-a" and answer.window_days == 3


def test_a_backfill_call_and_a_history_chunk_link_in_bulk(uow) -> None:
    orders.store_seen(uow, store("s1", "E1", "rep-a", lead="lead-1"), "e1")
    orders.visit_seen(uow, VisitFact(T, "v1", "s1", "rep-a", DAY - timedelta(days=2)), "e2")
    rows = [(order(f"o{i}", DAY + timedelta(hours=i), "E1"), orders.Violations()) for i in range(3)]
    rows += [(order("o0", DAY, "E1"), orders.Violations())]  # the same id again in the call
    rows += [(order("p1", DAY, "E9"), orders.Violations())]  # a store not known yet
    found = orders.record_batch(uow, T, rows)
    assert [r.outcome for r in found] == [Recorded.LINKED] * 3 + [
        Recorded.DUPLICATE, Recorded.PENDING
    ]  # fmt: skip
    again = orders.record_batch(uow, T, rows[:1])
    assert again[0].outcome == Recorded.DUPLICATE
    repo = uow.repository()
    after = DAY + timedelta(days=1)
    assert {o.visit_id for o in repo.region_orders(T, "3307", DAY, after)} == {"v1"}
    chunk = [VisitFact(T, "v2", "s1", "rep-c", DAY + timedelta(minutes=30)),
             VisitFact(T, "v1", "s1", "rep-a", DAY - timedelta(days=2))]  # fmt: skip
    assert orders.visits_seen(uow, T, chunk, "chunk-1") == 2  # o1 and o2 follow v2
    linked = {o.order_id: o.visit_id for o in repo.region_orders(T, "3307", DAY, after)}
    assert linked == {"o0": "v1", "o1": "v2", "o2": "v2"}


def test_an_import_chunk_keeps_its_stores_and_links_the_waiting_orders_in_bulk(uow) -> None:
    """store.imported (ADR 042): one transaction, the same links as one store at a time."""
    orders.store_seen(uow, store("old", "E3", "rep-x"), "e0")  # E3 moves to another store
    orders.store_seen(uow, store("old", "E-moved", "rep-x", version=2), "e1")
    orders.visit_seen(uow, VisitFact(T, "v1", "s1", "rep-v", DAY - timedelta(days=2)), "e2")
    rows = [(order(o, DAY, e), orders.Violations()) for o, e in (("o1", "E1"), ("o2", "E2"),
                                                                   ("o9", "E9"))]  # fmt: skip
    assert {r.outcome for r in orders.record_batch(uow, T, rows)} == {Recorded.PENDING}
    chunk = [store("s1", "E1", "rep-a", lead="lead-1"), store("s2", "E2", "rep-b", "330106"),
             store("s3", "E3", "rep-c"), store("old", "E-moved", "rep-x", version=1)]  # fmt: skip
    assert orders.stores_seen(uow, T, chunk, "chunk-1") == 3  # "old" v1 is older than v2
    assert orders.stores_seen(uow, T, chunk, "chunk-1") is None  # redelivered
    repo = uow.repository()
    assert repo.store_by_external_id(T, "E3").store_id == "s3"  # the ERP id's new owner
    assert repo.store(T, "old").version == 2
    assert [o.order_id for o in repo.pending_orders_of(T, ["E1", "E2", "E9"])] == ["o9"]
    span = (DAY - timedelta(days=1), DAY + timedelta(days=1))
    linked = {o.order_id: o for o in repo.region_orders(T, "33", *span)}
    assert (linked["o1"].rep_id, linked["o1"].visit_id, linked["o1"].lead_id) == (
        "rep-a", "v1", "lead-1"
    )  # fmt: skip
    assert (linked["o2"].rep_id, linked["o2"].region_code) == ("rep-b", "330106")
    assert set(o.order_id for o in repo.region_orders(T, "3301", *span)) == {"o2"}  # new county
    # The linked store has orders now: a later visit takes its order over.
    later = VisitFact(T, "v2", "s2", "rep-w", DAY - timedelta(hours=1))
    assert orders.visits_seen(uow, T, [later], "chunk-2") == 1


def test_store_days_count_each_order_once_and_follow_its_links(uow) -> None:
    v = orders.Violations
    orders.record_event(uow, order("o.1", DAY, "E.1", 30_000), "e1")  # before its store
    orders.store_seen(uow, store("s.1", "E.1", "rep-a"), "e2")  # ids with dots: escaped
    orders.record_event(uow, order("o.1", DAY, "E.1", 30_000), "e3")
    orders.record_batch(
        uow, T, [(order("o2", DAY, "E.1", 20_000), v()), (order("o.1", DAY, "E.1"), v())]
    )
    at = DAY - timedelta(hours=2, microseconds=-7_000)  # a visit id and a rep with separators
    orders.visit_seen(uow, VisitFact(T, "v;1%", "s.1", "rep;v%3B", at), "e4")
    repo = uow.repository()
    day = DAY.date()
    (group,) = repo.revenue_days(T, "3307", day, day)
    assert group.key == GroupKey(T, "330782", day, "rep-a")
    assert (group.revenue_fen("s.1"), group.order_count("s.1")) == (50_000, 2)
    assert {(e.visit_id, e.visit_rep_id, e.visit_at) for e in group.stores["s.1"].values()} == {
        ("v;1%", "rep;v%3B", at)
    }
    assert repo.revenue_days(T, "3307", day + timedelta(days=1), day + timedelta(days=9)) == []
    assert repo.revenue_days(T, "3301", day, day) == []
    assert repo.revenue_days(T, "330782", day, day) == [group]  # a county: its own code
    assert repo.revenue_days(T, "330781", day, day) == []
    assert orders.recount_revenue(uow, T) == 2  # the operator's recount changes nothing
    assert repo.revenue_days(T, "33", day, day) == [group]
