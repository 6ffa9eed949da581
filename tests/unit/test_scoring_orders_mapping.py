"""The orders capability's protobuf mapping: what the inbound contract and the calls carry
reaches the domain unchanged, and what cannot be read is a named violation."""

from __future__ import annotations

from datetime import UTC, datetime

from sales.events.v1 import erp_events_pb2 as erp
from sales.events.v1 import store_events_pb2, visit_events_pb2
from sales.scoring.v1 import orders_pb2 as pb
from services.scoring.application import attribution, orders
from services.scoring.application.forecast import Mode
from services.scoring.entrypoints import orders_mapping as mapping
from tests.fakes.scoring_orders import fake_orders_uow

AT = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)


def message(**changes) -> erp.ErpOrderRecorded:
    m = erp.ErpOrderRecorded(order_id="SO-1", store_external_id="ERP-1", total_fen=300,
                             lines=[erp.OrderLine(sku="A", quantity=1, amount_fen=100),
                                    erp.OrderLine(sku="B", quantity=2, amount_fen=200)])  # fmt: skip
    m.ordered_at.FromDatetime(AT)
    for key, value in changes.items():
        setattr(m, key, value)
    return m


def test_an_erp_order_maps_to_the_domain_order():
    order, problems = mapping.order_in("t", message(currency="CNY"), "event")
    assert problems.items == []
    assert (order.order_id, order.store_external_id, order.ordered_at, order.total_fen) == (
        "SO-1",
        "ERP-1",
        AT,
        300,
    )
    assert [(x.sku, x.quantity, x.amount_fen) for x in order.lines] == [
        ("A", 1, 100),
        ("B", 2, 200),
    ]


def test_a_foreign_currency_and_an_unreadable_time_are_violations():
    m = message(currency="USD")
    m.ordered_at.seconds = 10**12
    _, problems = mapping.order_in("t", m, "event")
    assert {p.field for p in problems.items} == {"currency", "ordered_at"}


def test_store_and_visit_events_map_to_facts():
    snap = store_events_pb2.StoreSnapshot(store_id="s1", external_id="ERP-1", name="门店", region_code="330782",
                                          owner_rep_id="rep-a", lead_id="lead-1", version=4)  # fmt: skip
    assert (
        mapping.store_in("t", snap).version == 4 and mapping.store_in("t", snap).lead_id == "lead-1"
    )
    visit = visit_events_pb2.VisitSubmitted(
        visit_id="v1", rep_id="rep-a", store_id="s1", lead_id="lead-1"
    )
    assert (
        mapping.visit_in("t", visit) is None
    )  # no check-out, no check-in: cannot precede an order
    visit.checked_out_at.FromDatetime(AT)
    assert mapping.visit_in("t", visit).at == AT


def test_a_batch_report_counts_every_outcome_in_chinese():
    uow = fake_orders_uow()
    rows = [mapping.order_in("t", message(), "backfill"), mapping.order_in("t", message(), "backfill"),
            mapping.order_in("t", message(order_id="SO-2", total_fen=1), "backfill")]  # fmt: skip
    out = mapping.batch_out(orders.record_batch(uow, "t", rows))
    assert [r.outcome for r in out.results] == [
        pb.ORDER_OUTCOME_PENDING_STORE, pb.ORDER_OUTCOME_ALREADY_RECORDED, pb.ORDER_OUTCOME_INVALID,
    ]  # fmt: skip
    assert (out.pending_store, out.already_recorded, out.invalid) == (1, 1, 1)
    assert out.summary.startswith("共 3 条") and list(out.results[2].fields) == ["total_fen"]


def test_an_explanation_maps_with_its_paging_and_summary():
    uow = fake_orders_uow()
    orders.store_seen(uow, orders.StoreFacts("t", "s1", "ERP-1", "门店一", "330782", "rep-a"), "e1")
    orders.visit_seen(uow, orders.VisitFact("t", "v1", "s1", "rep-a", AT.replace(hour=0)), "e2")
    order, _ = mapping.order_in("t", message(), "event")
    orders.record_event(uow, order, "e3")
    answer = attribution.explain_region(
        uow,
        attribution.Question("t", "330782", "2026-11-20", "2026-11-20"),
        lambda _t, ids: {"rep-a": "李明"},
    )
    out = mapping.explanation_out(answer)
    assert out.reps[0].rep_id == "rep-a" and out.reps[0].rep_name == "李明"
    assert (out.current_fen, out.previous_fen, out.change_fen, out.previous_first_day) == (
        300,
        0,
        300,
        "2026-11-19",
    )
    assert out.reps[0].share_of_change == 1.0 and out.stores[0].name == "门店一"
    assert out.stores[0].last_visit_id == "v1" and out.visits[0].revenue_fen == 300
    assert "门店一" in out.summary and out.window_days == 14


def test_a_forecast_request_maps_and_an_unknown_mode_is_named():
    request = pb.ForecastRevenueRequest(mode=pb.FORECAST_MODE_FROM_INPUTS, inputs=pb.ForecastInputs(
        new_customers_per_quarter=10, first_order_fen=100, repurchase_cycle_days=30))  # fmt: skip
    question, problems = mapping.forecast_in(request)
    assert (
        problems.items == []
        and question.mode == Mode.INPUTS
        and question.inputs.yearly_churn == 0.3
    )
    _, problems = mapping.forecast_in(pb.ForecastRevenueRequest(mode=7))
    assert [p.field for p in problems.items] == ["mode"]
