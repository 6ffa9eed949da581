"""The store-days the county question reads (ADR 044): an order counts once in its store's
Shanghai day whatever the path and the order of arrival, a late store links it, a late visit
moves its attribution, and the tally from store-days is the tally from the orders."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from services.scoring.application import attribution, orders
from services.scoring.domain import attribution as explaining
from services.scoring.domain import revenue_days
from services.scoring.domain.orders import Order, OrderLine, StoreFacts, VisitFact
from services.scoring.domain.revenue_days import GroupKey, OrderEntry
from tests.fakes.scoring_orders import fake_orders_uow

T = "t1"
DAY = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)  # 10:00 Shanghai, 2026-11-20


def store(sid="s1", ext="ERP-1", rep="rep-a", region="330782", version=1) -> StoreFacts:
    return StoreFacts(T, sid, ext, f"门店{sid}", region, rep, "", version)


def order(oid, at=DAY, ext="ERP-1", fen=10_000) -> Order:
    return Order(T, oid, ext, at, fen, (OrderLine("SKU-1", 1, fen),))


def store_day(uow, sid="s1", day=date(2026, 11, 20), rep="rep-a", county="330782"):
    group = uow.repo.revenue.get(GroupKey(T, county, day, rep))
    return (group.revenue_fen(sid), group.order_count(sid)) if group else (0, 0)


def test_an_order_recorded_twice_by_either_path_counts_once():
    uow = fake_orders_uow()
    orders.store_seen(uow, store(), "st")
    orders.record_event(uow, order("o1"), "e1")
    orders.record_event(uow, order("o1"), "e1")  # the event redelivered
    orders.record_event(uow, order("o1", fen=99), "e2")  # the same order, another event
    rows = [(order("o1"), orders.Violations()), (order("o2", fen=5_000), orders.Violations()),
            (order("o2", fen=5_000), orders.Violations())]  # fmt: skip
    orders.record_batch(uow, T, rows)
    orders.record_batch(uow, T, rows)  # the back-fill re-run
    assert store_day(uow) == (15_000, 2)


def test_an_order_whose_store_arrives_later_counts_once_it_links():
    uow = fake_orders_uow()
    orders.record_event(uow, order("o1", ext="ERP-NEW"), "e1")
    orders.record_batch(uow, T, [(order("o2", ext="ERP-NEW", fen=3_000), orders.Violations())])
    assert uow.repo.revenue == {}  # pending: no county, no owner yet
    orders.store_seen(uow, store(ext="ERP-NEW", rep="rep-b"), "st1")
    orders.store_seen(uow, store(ext="ERP-NEW", rep="rep-c", version=2), "st2")  # newer version
    assert store_day(uow, rep="rep-b") == (13_000, 2)
    assert store_day(uow, rep="rep-c") == (0, 0)  # past revenue stays with the rep it linked to


def test_the_shanghai_day_decides_the_store_day():
    uow = fake_orders_uow()
    orders.store_seen(uow, store(), "st")
    late_evening = datetime(2026, 11, 20, 15, 30, tzinfo=UTC)  # 23:30 Shanghai on the 20th
    after_midnight = datetime(2026, 11, 20, 16, 10, tzinfo=UTC)  # 00:10 on the 21st
    orders.record_event(uow, order("o1", late_evening), "e1")
    orders.record_event(uow, order("o2", after_midnight, fen=7_000), "e2")
    assert store_day(uow, day=date(2026, 11, 20)) == (10_000, 1)
    assert store_day(uow, day=date(2026, 11, 21)) == (7_000, 1)


def test_a_late_visit_moves_the_attribution_not_the_revenue():
    uow = fake_orders_uow()
    orders.store_seen(uow, store(), "st")
    orders.record_event(uow, order("o1"), "e1")
    (group,) = uow.repo.revenue.values()
    assert group.stores["s1"]["o1"].visit_id == ""
    orders.visit_seen(uow, VisitFact(T, "v1", "s1", "rep-v", DAY - timedelta(days=1)), "v1")
    entry = group.stores["s1"]["o1"]
    assert (entry.visit_id, entry.visit_rep_id, entry.fen) == ("v1", "rep-v", 10_000)
    assert store_day(uow) == (10_000, 1)
    q = attribution.Question(T, "330782", "2026-11-20", "2026-11-20")
    answer = attribution.explain_region(uow, q)
    assert answer.explanation.unvisited == 0 and [v for v, _ in answer.visits] == ["v1"]


def test_count_replaces_an_entry_and_reports_only_real_changes():
    key = GroupKey(T, "330782", date(2026, 11, 20), "rep-a")
    groups: dict = {}
    first = (key, "s1", OrderEntry("o1", 100))
    assert revenue_days.count(groups, [first, first]) == {key}
    assert revenue_days.count(groups, [first]) == set()
    moved = (key, "s1", OrderEntry("o1", 100, "v1", "rep-a", DAY))
    assert revenue_days.count(groups, [moved]) == {key}
    assert groups[key].revenue_fen("s1") == 100 and groups[key].order_count("s1") == 1
    assert revenue_days.placed(order("pending")) is None


def _facts(rng: random.Random) -> list[tuple[str, object]]:
    """Stores (two counties, an owner change), visits and orders over four weeks, some
    orders twice, in a random order of arrival."""
    facts: list[tuple[str, object]] = [
        ("store", store("s1", "E1", "rep-a")), ("store", store("s2", "E2", "rep-b")),
        ("store", store("s3", "E3", "rep-a", "330702")),
        ("store", store("s2", "E2", "rep-c", version=2)),
    ]  # fmt: skip
    start = datetime(2026, 11, 1, 1, tzinfo=UTC)
    for i in range(30):
        sid = rng.choice(["s1", "s2", "s3"])
        at = start + timedelta(hours=rng.randrange(0, 28 * 24))
        facts.append(("visit", VisitFact(T, f"v{i}", sid, rng.choice(["rep-a", "rep-b"]), at)))
    for i in range(60):
        ext = rng.choice(["E1", "E2", "E3", "E-unknown"])
        o = order(f"o{i}", start + timedelta(minutes=rng.randrange(0, 28 * 24 * 60)), ext,
                  rng.randrange(1, 50) * 100)  # fmt: skip
        facts += [("order", o)] * rng.choice([1, 1, 2])
    rng.shuffle(facts)
    return facts


def _arrive(uow, facts) -> None:
    for i, (kind, fact) in enumerate(facts):
        if kind == "store":
            orders.store_seen(uow, fact, f"e{i}")
        elif kind == "visit":
            orders.visit_seen(uow, fact, f"e{i}")
        elif i % 3:
            orders.record_event(uow, fact, f"e{i}")
        else:
            orders.record_batch(uow, T, [(fact, orders.Violations())])


def test_store_days_kept_as_facts_arrive_equal_a_recount_of_the_orders_in_any_order():
    period = explaining.Period(date(2026, 11, 15), date(2026, 11, 28))
    since, until = period.previous().bounds()[0], period.bounds()[1]
    for seed in range(4):
        uow = fake_orders_uow()
        _arrive(uow, _facts(random.Random(seed)))
        for prefix in ("330782", "3307"):
            # The reference: the store-days counted afresh from the stored orders.
            recounted: dict = {}
            linked = uow.repo.region_orders(T, prefix, since, until)
            revenue_days.count(recounted, revenue_days.placements(linked))
            from_orders = explaining.explain(period, recounted.values())
            groups = uow.repo.revenue_days(T, prefix, period.previous().first_day, period.last_day)
            assert explaining.explain(period, groups) == from_orders
            assert from_orders.current > 0 and from_orders.previous > 0
            assert from_orders.unvisited < from_orders.current and from_orders.visits


def test_the_recount_rebuilds_the_store_days_of_a_database_written_before_them():
    uow = fake_orders_uow()
    _arrive(uow, _facts(random.Random(3)))
    kept = {k: replace(g, stores={s: dict(e) for s, e in g.stores.items()})
            for k, g in uow.repo.revenue.items()}  # fmt: skip
    uow.repo.revenue = {}
    seen: list[tuple[str, int]] = []
    total = orders.recount_revenue(uow, T, lambda county, n: seen.append((county, n)))
    assert uow.repo.revenue == kept
    linked = sum(1 for o in uow.repo.orders.values() if not o.pending)
    assert total == linked and [c for c, _ in seen] == ["330702", "330782"]
    assert orders.recount_revenue(uow, T) == total and uow.repo.revenue == kept
