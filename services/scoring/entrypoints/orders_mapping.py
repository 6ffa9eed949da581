"""Protobuf <-> the orders capability's domain and answers (one place, both directions)."""

from __future__ import annotations

from sales.events.v1 import erp_events_pb2, store_events_pb2, visit_events_pb2
from sales.scoring.v1 import orders_pb2 as pb
from services.common.errors import Violations
from services.common.proto_time import checked_timestamp, from_timestamp, to_timestamp
from services.scoring.application.attribution import Answer
from services.scoring.application.forecast import ForecastAnswer, ForecastQuestion, Mode
from services.scoring.application.orders import Recorded, RowResult
from services.scoring.domain import forecast as model
from services.scoring.domain import orders as domain
from services.scoring.domain.orders import Order, OrderLine, StoreFacts, VisitFact

OUTCOMES = {
    Recorded.LINKED: pb.ORDER_OUTCOME_RECORDED,
    Recorded.PENDING: pb.ORDER_OUTCOME_PENDING_STORE,
    Recorded.DUPLICATE: pb.ORDER_OUTCOME_ALREADY_RECORDED,
    Recorded.INVALID: pb.ORDER_OUTCOME_INVALID,
}
MODES = {pb.FORECAST_MODE_FROM_HISTORY: Mode.HISTORY, pb.FORECAST_MODE_FROM_INPUTS: Mode.INPUTS}
MODE_PB = {mode: number for number, mode in MODES.items()}


def order_in(
    tenant_id: str, message: erp_events_pb2.ErpOrderRecorded, source: str
) -> tuple[Order, Violations]:
    v = Violations()
    ordered_at = checked_timestamp(message.ordered_at, "ordered_at", v)
    domain.check_currency(v, message.currency)
    lines = tuple(OrderLine(x.sku, x.quantity, x.amount_fen) for x in message.lines)
    order = Order(
        tenant_id=tenant_id,
        order_id=message.order_id,
        store_external_id=message.store_external_id,
        ordered_at=ordered_at,  # type: ignore[arg-type]  # None is a violation (check_order)
        total_fen=message.total_fen,
        lines=lines,
        source=source,
    )
    return order, v


def store_in(tenant_id: str, snapshot: store_events_pb2.StoreSnapshot) -> StoreFacts:
    return StoreFacts(
        tenant_id=tenant_id,
        store_id=snapshot.store_id,
        external_id=snapshot.external_id,
        name=snapshot.name,
        region_code=snapshot.region_code,
        owner_rep_id=snapshot.owner_rep_id,
        lead_id=snapshot.lead_id,
        version=snapshot.version,
    )


def visit_in(tenant_id: str, visit: visit_events_pb2.VisitSubmitted) -> VisitFact | None:
    """None for a card without a check-out time (cannot precede an order in time)."""
    at = from_timestamp(visit.checked_out_at) or from_timestamp(visit.checked_in_at)
    if at is None or not visit.store_id:
        return None
    return VisitFact(tenant_id, visit.visit_id, visit.store_id, visit.rep_id, at, visit.lead_id)


def batch_out(results: list[RowResult]) -> pb.RecordOrdersResponse:
    counts = {outcome: sum(1 for r in results if r.outcome == outcome) for outcome in Recorded}
    summary = (
        f"共 {len(results)} 条:归因 {counts[Recorded.LINKED]} 条,待门店 {counts[Recorded.PENDING]} 条,"
        f"重复 {counts[Recorded.DUPLICATE]} 条,无效 {counts[Recorded.INVALID]} 条"
    )
    return pb.RecordOrdersResponse(
        results=[
            pb.OrderRowResult(
                index=r.index, order_id=r.order_id, outcome=OUTCOMES[r.outcome],
                message=r.message, fields=list(r.fields),
            )
            for r in results
        ],
        recorded=counts[Recorded.LINKED], pending_store=counts[Recorded.PENDING],
        already_recorded=counts[Recorded.DUPLICATE], invalid=counts[Recorded.INVALID],
        summary=summary,
    )  # fmt: skip


def explanation_out(answer: Answer) -> pb.ExplainRegionRevenueResponse:
    result, period = answer.explanation, answer.explanation.period
    previous = period.previous()
    change = result.change
    return pb.ExplainRegionRevenueResponse(
        region_code=answer.region_code,
        first_day=period.first_day.isoformat(), last_day=period.last_day.isoformat(),
        previous_first_day=previous.first_day.isoformat(),
        previous_last_day=previous.last_day.isoformat(),
        current_fen=result.current, previous_fen=result.previous, change_fen=change,
        change_ratio=result.ratio, unvisited_fen=result.unvisited,
        window_days=answer.window_days,
        reps=[
            pb.RepContribution(
                rep_id=rep_id, rep_name=answer.rep_names.get(rep_id, rep_id),
                current_fen=t.current, previous_fen=t.previous,
                change_fen=t.change, stores=len(t.stores), visits=len(t.visits),
                share_of_change=t.change / change if change else 0.0,
            )
            for rep_id, t in answer.reps
        ],
        stores=[_store_out(answer, store_id, t) for store_id, t in answer.stores],
        visits=[_visit_out(answer, visit_id, t) for visit_id, t in answer.visits],
        next_page_token=answer.next_page_token,
        total_reps=answer.totals[0], total_stores=answer.totals[1], total_visits=answer.totals[2],
        summary=answer.summary,
    )  # fmt: skip


def _store_out(answer: Answer, store_id: str, t) -> pb.StoreContribution:
    facts = answer.store_facts.get(store_id) or StoreFacts("", store_id, "")
    last = t.last_visit
    return pb.StoreContribution(
        store_id=store_id, external_id=facts.external_id, name=facts.name,
        owner_rep_id=facts.owner_rep_id, region_code=facts.region_code,
        current_fen=t.current, previous_fen=t.previous, change_fen=t.change, orders=t.orders,
        last_visit_id=last[1] if last else "",
        last_visit_at=to_timestamp(last[0]) if last else None, lead_id=facts.lead_id,
    )  # fmt: skip


def _visit_out(answer: Answer, visit_id: str, t) -> pb.VisitContribution:
    rep_id, store_id, at = answer.explanation.visit_facts[visit_id]
    return pb.VisitContribution(
        visit_id=visit_id, rep_id=rep_id, store_id=store_id, visited_at=to_timestamp(at),
        revenue_fen=t.current, orders=t.orders,
    )  # fmt: skip


def forecast_in(request: pb.ForecastRevenueRequest) -> tuple[ForecastQuestion, Violations]:
    v = Violations()
    v.known("mode", request.mode, MODES, "预测方式")
    mode = MODES.get(request.mode, Mode.HISTORY)
    inputs = None
    if request.HasField("inputs"):
        i = request.inputs
        inputs = model.Inputs(
            new_per_quarter=i.new_customers_per_quarter,
            first_order_fen=float(i.first_order_fen),
            cycle_days=i.repurchase_cycle_days,
            yearly_churn=i.yearly_churn or model.DEFAULT_YEARLY_CHURN,
        )
    question = ForecastQuestion(
        tenant_id=request.tenant_id, mode=mode, as_of=request.as_of,
        region_code=request.region_code, months=request.horizon_months,
        simulations=request.simulations, seed=request.seed, inputs=inputs,
    )  # fmt: skip
    return question, v


def forecast_out(answer: ForecastAnswer) -> pb.RevenueForecast:
    p10, p50, p90 = answer.total
    return pb.RevenueForecast(
        mode=MODE_PB[answer.mode], p10_fen=round(p10), p50_fen=round(p50), p90_fen=round(p90),
        months=[
            pb.MonthForecast(month=label, p10_fen=round(a), p50_fen=round(b), p90_fen=round(c))
            for label, a, b, c in zip(answer.labels, answer.p10, answer.p50, answer.p90, strict=True)
        ],
        model=answer.model_name, parameters=answer.parameters, customers=answer.customers,
        orders=answer.orders, as_of=answer.as_of.isoformat(), note=answer.note,
    )  # fmt: skip
