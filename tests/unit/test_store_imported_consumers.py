"""store.imported on the fakes (ADR 042): media and scoring's orders capability take an
import's chunk in one transaction with the single-store rules: the newest version of a
store wins whatever the order of arrival, a redelivered chunk changes nothing, and the ERP
orders that waited for a store are linked to it (and its last visit in the window)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from services.common.handling import Outcome
from services.media.application import directory
from services.media.domain.model import GeoPoint
from services.media.domain.stores import StoreSighting, newest_sightings
from services.scoring.application import orders
from services.scoring.domain.orders import Order, OrderLine, StoreFacts, VisitFact
from tests.fakes.media import media_uow
from tests.fakes.scoring_orders import fake_orders_uow

T = "t1"
AT = GeoPoint(30.2784, 120.1237, "gcj02")
DAY = datetime(2026, 11, 20, 2, tzinfo=UTC)


def sighting(i: int, version: int = 1, name: str = "") -> StoreSighting:
    return StoreSighting(T, f"s{i}", name or f"美宜佳便利店({i}号店)", AT, "330106", version)


def facts(i: int, version: int = 1, rep: str = "rep-a") -> StoreFacts:
    return StoreFacts(T, f"s{i}", f"E{i}", f"门店{i}", "330106", rep, "", version)


def test_media_keeps_a_chunk_of_stores_once_and_the_newest_version_wins() -> None:
    uow = media_uow()
    assert (
        directory.record_store(uow, "single", sighting(2, version=3, name="新名字")) == Outcome.OK
    )
    chunk = [sighting(i) for i in range(5)]
    assert directory.record_stores(uow, "chunk-1", T, chunk) == Outcome.OK
    repo = uow.repository()
    assert set(repo.get_stores(T, [f"s{i}" for i in range(9)])) == {"s0", "s1", "s2", "s3", "s4"}
    assert repo.get_store(T, "s2").name == "新名字"  # the chunk's version 1 is older
    assert directory.record_stores(uow, "chunk-1", T, chunk) == Outcome.DUPLICATE
    later = [sighting(0, version=2, name="改名"), sighting(7)]
    assert directory.record_stores(uow, "chunk-2", T, later) == Outcome.OK
    assert repo.get_store(T, "s0").name == "改名" and repo.get_store(T, "s7") is not None


def test_the_newest_sighting_of_a_store_wins_within_a_chunk_too() -> None:
    chunk = [sighting(1, 2, "二"), sighting(1, 3, "三"), sighting(1, 1, "一")]
    assert [s.name for s in newest_sightings(chunk, {})] == ["三"]
    assert newest_sightings(chunk, {"s1": sighting(1, 4)}) == []


def order(oid: str, ext: str, at: datetime = DAY) -> Order:
    return Order(T, oid, ext, at, 10_000, (OrderLine("SKU-1", 2, 10_000),))


def test_scoring_keeps_the_chunk_and_links_the_orders_that_waited() -> None:
    uow = fake_orders_uow()
    repo = uow.repository()
    repo.add_visit(VisitFact(T, "v1", "s1", "rep-b", DAY - timedelta(days=2)))
    repo.add_visit(VisitFact(T, "v0", "s1", "rep-c", DAY - timedelta(days=30)))  # too early
    rows = [(order("o1", "E1"), orders.Violations()), (order("o2", "E9"), orders.Violations())]
    outcomes = [r.outcome for r in orders.record_batch(uow, T, rows)]
    assert outcomes == [orders.Recorded.PENDING, orders.Recorded.PENDING]
    assert orders.stores_seen(uow, T, [facts(i) for i in range(3)], "chunk-1") == 3
    linked = repo.orders[(T, "o1")]
    assert (linked.store_id, linked.rep_id, linked.visit_id, linked.visit_rep_id) == (
        "s1", "rep-a", "v1", "rep-b"
    )  # fmt: skip
    assert repo.orders[(T, "o2")].pending  # its store is not in the chunk
    assert orders.stores_seen(uow, T, [facts(i) for i in range(3)], "chunk-1") is None
    assert repo.orders[(T, "o1")] == linked  # redelivered: nothing changes


def test_scoring_keeps_the_newest_version_across_single_events_and_chunks() -> None:
    uow = fake_orders_uow()
    repo = uow.repository()
    assert orders.store_seen(uow, facts(1, version=3, rep="rep-new"), "single") is True
    chunk = [facts(1, version=2, rep="rep-old"), facts(2, version=1)]
    assert orders.stores_seen(uow, T, chunk, "chunk") == 1  # only s2 was newer
    assert repo.store(T, "s1").owner_rep_id == "rep-new"
    assert orders.store_seen(uow, facts(2, version=1, rep="rep-z"), "again") is True  # equal
    assert orders.store_seen(uow, facts(2, version=0), "older") is False
    assert repo.store(T, "s2").owner_rep_id == "rep-z"
