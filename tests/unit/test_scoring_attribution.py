"""Orders -> store -> owner rep -> last visit within the window; pending orders; idempotency;
the county question (SPEC S6)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from services.common.errors import InvalidArgument
from services.scoring.application import attribution, orders
from services.scoring.application.orders import Recorded
from services.scoring.domain.orders import Order, OrderLine, StoreFacts, VisitFact
from tests.fakes.scoring_orders import fake_orders_uow

T = "t1"
DAY = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)  # 10:00 Shanghai


def store(sid="s1", ext="ERP-1", rep="rep-a", region="330782", version=1, lead="") -> StoreFacts:
    return StoreFacts(T, sid, ext, f"门店{sid}", region, rep, lead, version)


def visit(vid, at, sid="s1", rep="rep-a", lead="") -> VisitFact:
    return VisitFact(T, vid, sid, rep, at, lead)


def order(oid, at, ext="ERP-1", fen=10_000) -> Order:
    return Order(T, oid, ext, at, fen, (OrderLine("SKU-1", 1, fen),))


def stored(uow, oid) -> Order:
    return uow.repo.orders[(T, oid)]


def test_an_order_links_store_owner_rep_and_the_last_visit_within_the_window():
    uow = fake_orders_uow()
    orders.store_seen(uow, store(lead="lead-9"), "e1")
    orders.visit_seen(uow, visit("v-old", DAY - timedelta(days=20)), "e2")  # outside 14 days
    orders.visit_seen(uow, visit("v1", DAY - timedelta(days=3), rep="rep-b"), "e3")
    orders.visit_seen(uow, visit("v2", DAY - timedelta(days=1)), "e4")
    orders.visit_seen(uow, visit("v-after", DAY + timedelta(hours=1)), "e5")  # after the order
    assert orders.record_event(uow, order("o1", DAY), "e6") == Recorded.LINKED
    linked = stored(uow, "o1")
    assert (linked.store_id, linked.rep_id, linked.visit_id, linked.lead_id) == (
        "s1", "rep-a", "v2", "lead-9",
    )  # fmt: skip
    assert linked.region_code == "330782" and linked.visit_at == DAY - timedelta(days=1)


def test_no_visit_within_the_window_leaves_the_order_unvisited():
    uow = fake_orders_uow()
    orders.set_window(uow, T, 7)
    orders.store_seen(uow, store(), "e1")
    orders.visit_seen(uow, visit("v1", DAY - timedelta(days=8)), "e2")
    orders.record_event(uow, order("o1", DAY), "e3")
    assert stored(uow, "o1").visit_id == "" and stored(uow, "o1").rep_id == "rep-a"


def test_an_order_for_an_unknown_store_waits_and_links_when_the_store_arrives():
    uow = fake_orders_uow()
    orders.visit_seen(uow, visit("v1", DAY - timedelta(days=2)), "e1")
    assert orders.record_event(uow, order("o1", DAY, ext="ERP-NEW"), "e2") == Recorded.PENDING
    assert stored(uow, "o1").pending
    orders.store_seen(uow, store(ext="ERP-NEW"), "e3")
    linked = stored(uow, "o1")
    assert not linked.pending and linked.visit_id == "v1" and linked.rep_id == "rep-a"


def test_a_late_visit_takes_over_the_orders_it_precedes_whatever_the_arrival_order():
    early, late = fake_orders_uow(), fake_orders_uow()
    facts = [
        ("store", store()),
        ("visit", visit("v1", DAY - timedelta(days=5))),
        ("order", order("o1", DAY)),
        ("visit", visit("v2", DAY - timedelta(days=2))),
    ]
    for uow, sequence in ((early, facts), (late, [facts[0], facts[2], facts[3], facts[1]])):
        for i, (kind, fact) in enumerate(sequence):
            {"store": orders.store_seen, "visit": orders.visit_seen}.get(kind, orders.record_event)(
                uow, fact, f"e{i}"
            )
    assert stored(early, "o1") == stored(late, "o1")
    assert stored(early, "o1").visit_id == "v2"


def test_the_same_order_id_twice_is_kept_once():
    uow = fake_orders_uow()
    orders.store_seen(uow, store(), "e1")
    assert orders.record_event(uow, order("o1", DAY), "e2") == Recorded.LINKED
    assert orders.record_event(uow, order("o1", DAY), "e2") is None  # same event redelivered
    assert orders.record_event(uow, order("o1", DAY, fen=99), "e3") == Recorded.DUPLICATE
    assert stored(uow, "o1").total_fen == 10_000 and len(uow.repo.orders) == 1


def test_an_older_store_version_does_not_overwrite_a_newer_one():
    uow = fake_orders_uow()
    orders.store_seen(uow, store(rep="rep-new", version=3), "e1")
    assert orders.store_seen(uow, store(rep="rep-old", version=2), "e2") is False
    assert uow.repo.store(T, "s1").owner_rep_id == "rep-new"


def test_a_backfill_reports_every_row_and_keeps_the_good_ones():
    uow = fake_orders_uow()
    orders.store_seen(uow, store(), "e1")
    bad = Order(T, "o-bad", "ERP-1", DAY, 5, (OrderLine("SKU", 1, 4),))
    rows = [(order("o1", DAY), orders.Violations()), (bad, orders.Violations()),
            (order("o1", DAY), orders.Violations()), (order("o2", DAY, ext="X"), orders.Violations())]  # fmt: skip
    results = orders.record_batch(uow, T, rows)
    assert [r.outcome for r in results] == [
        Recorded.LINKED, Recorded.INVALID, Recorded.DUPLICATE, Recorded.PENDING,
    ]  # fmt: skip
    assert results[1].fields == ("total_fen",) and "总额" in results[1].message
    assert set(k[1] for k in uow.repo.orders) == {"o1", "o2"}


def test_an_invalid_event_order_is_refused_with_its_fields():
    uow = fake_orders_uow()
    with pytest.raises(InvalidArgument) as refused:
        orders.record_event(uow, Order(T, "", "", DAY, 0, ()), "e1")
    assert {v.field for v in refused.value.violations} >= {"order_id", "store_external_id", "lines"}


def test_the_window_setting_is_bounded():
    with pytest.raises(InvalidArgument):
        orders.set_window(fake_orders_uow(), T, 0)


def _county_with_a_spike():
    """Two reps in 330782; rep-a's stores s1/s2 jump in the second week after visits."""
    uow = fake_orders_uow()
    for sid, rep in (("s1", "rep-a"), ("s2", "rep-a"), ("s3", "rep-b")):
        orders.store_seen(uow, store(sid, f"ERP-{sid}", rep), f"st-{sid}")
    orders.store_seen(uow, store("far", "ERP-far", "rep-c", region="330106"), "st-far")
    start = datetime(2026, 11, 1, 2, tzinfo=UTC)
    n = 0
    for day in range(14):
        at = start + timedelta(days=day)
        for sid in ("s1", "s2", "s3", "far"):
            fen = 10_000
            if day >= 7 and sid in ("s1", "s2"):
                orders.visit_seen(
                    uow, visit(f"v-{sid}-{day}", at - timedelta(hours=3), sid), f"ev{n}"
                )
                fen = 50_000
            orders.record_event(uow, order(f"o{n}", at, f"ERP-{sid}", fen), f"eo{n}")
            n += 1
    return uow


def test_the_county_question_names_the_reps_stores_and_visits_of_the_spike():
    uow = _county_with_a_spike()
    q = attribution.Question(T, "330782", "2026-11-08", "2026-11-14")
    answer = attribution.explain_region(uow, q)
    e = answer.explanation
    assert (e.current, e.previous) == (7 * (50_000 * 2 + 10_000), 7 * 30_000)
    assert answer.reps[0][0] == "rep-a" and answer.reps[0][1].change == 7 * 80_000
    assert [sid for sid, _ in answer.stores[:2]] == ["s1", "s2"]
    assert answer.stores[2][1].change == 0 and "far" not in dict(answer.stores)
    assert len(answer.visits) == 14 and answer.visits[0][1].current == 50_000
    assert e.unvisited == 7 * 10_000 and "门店s1" in answer.summary


def test_the_ranked_lists_page_and_a_supervisor_sees_only_the_team():
    uow = _county_with_a_spike()
    first = attribution.explain_region(
        uow, attribution.Question(T, "330700", "2026-11-08", "2026-11-14", page_size=1)
    )
    assert [len(first.reps), len(first.stores)] == [1, 1] and first.next_page_token
    second = attribution.explain_region(
        uow, attribution.Question(T, "330700", "2026-11-08", "2026-11-14", 1, first.next_page_token)
    )
    assert second.reps[0][0] == "rep-b" and second.stores[0][0] == "s2"
    team = attribution.explain_region(
        uow, attribution.Question(T, "330782", "2026-11-08", "2026-11-14", rep_ids=("rep-b",))
    )
    assert [r for r, _ in team.reps] == ["rep-b"] and team.explanation.current == 70_000


@pytest.mark.parametrize(
    ("region", "first", "last", "field"),
    [("33078", "2026-11-01", "2026-11-02", "region_code"), ("330782", "2026-11-31", "2026-12-01", "first_day"),
     ("330782", "2026-11-05", "2026-11-01", "last_day"), ("330782", "2024-01-01", "2026-01-01", "last_day")],
)  # fmt: skip
def test_a_bad_question_names_its_field(region, first, last, field):
    with pytest.raises(InvalidArgument) as refused:
        attribution.explain_region(fake_orders_uow(), attribution.Question(T, region, first, last))
    assert field in {v.field for v in refused.value.violations}


def test_a_history_chunk_of_visits_links_orders_as_the_visits_one_by_one():
    """Orders first (an ERP back-fill before the visit history), then the visits: as a
    chunk or one by one, each order ends linked to the latest visit within the window."""

    def loaded():
        uow = fake_orders_uow()
        orders.store_seen(uow, store(), "st")
        rows = [
            (order(f"o{d}", DAY + timedelta(days=d)), orders.Violations()) for d in range(0, 30, 3)
        ]
        orders.record_batch(uow, T, rows)
        return uow

    found = [
        VisitFact(T, f"v{d}", "s1", "rep-1", DAY + timedelta(days=d, hours=-1))
        for d in (2, 9, 9, 20)
    ]
    one_by_one, chunked = loaded(), loaded()
    for i, v in enumerate(found):
        orders.visit_seen(one_by_one, v, f"e{i}")
    moved = orders.visits_seen(chunked, T, found, "chunk")
    assert moved > 0 and orders.visits_seen(chunked, T, found, "chunk") is None
    assert chunked.repo.orders == one_by_one.repo.orders
    assert orders.visits_seen(chunked, T, found, "chunk-again") == 0


def test_the_summary_and_rep_lines_name_a_known_rep_and_keep_the_id_of_an_unknown_one():
    uow = _county_with_a_spike()
    asked: list[tuple[str, list[str]]] = []

    def names(tenant_id: str, rep_ids: list[str]) -> dict[str, str]:
        asked.append((tenant_id, rep_ids))
        return {"rep-a": "李明"} if "rep-a" in rep_ids else {}

    q = attribution.Question(T, "330782", "2026-11-08", "2026-11-14")
    answer = attribution.explain_region(uow, q, names)
    assert len(asked) == 1 and asked[0][0] == T  # one batched read for the whole page
    assert "业务员 李明" in answer.summary and "rep-a" not in answer.summary
    assert answer.rep_names == {"rep-a": "李明"}
    unknown = attribution.explain_region(uow, q, lambda _t, _ids: {})
    assert "业务员 rep-a" in unknown.summary


def test_the_summary_names_the_reps_and_the_stores_that_moved_the_county():
    q = attribution.Question(T, "330782", "2026-11-08", "2026-11-14")
    summary = attribution.explain_region(_county_with_a_spike(), q).summary
    reps, stores = summary.split(";主要来自业务员 ")[1].split(";增长最多的门店:")
    assert reps == "rep-a(+5,600.00 元)"  # rep-b did not move: not named
    assert stores == "门店s1·业务员 rep-a(+2,800.00 元)、门店s2·业务员 rep-a(+2,800.00 元)"
