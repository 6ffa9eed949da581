"""Returns (SPEC V6): a card's return lines are kept for analysis and sent to the ERP
(return.recorded); the analysis answers quantities and counts by reason x SKU x region x
period, as a call and as an .xlsx export (adapters/returns_workbook.py)."""

from __future__ import annotations

from datetime import datetime

from sales.events.v1 import approval_events_pb2 as events
from sales.events.v1 import visit_events_pb2
from services.common.proto_time import to_timestamp
from services.common.unit_of_work import Transaction, UnitOfWork
from services.visits.application.ports import CardView, VisitsRepository
from services.visits.domain.returns import (
    MAX_GROUPS,
    ReturnGroup,
    ReturnRecord,
    ReturnsQuery,
    period_keys,
)


def record_for_card(tx: Transaction[VisitsRepository], card: CardView, now: datetime) -> int:
    """Inside the card's transaction: one record per return line, dated by the card's
    check-out (when the goods came back), and one return.recorded event. -> lines kept."""
    if not card.returns:
        return 0
    at = card.checked_out_at or now
    keys = period_keys(at)
    records = [
        ReturnRecord(
            tenant_id=card.tenant_id,
            visit_id=card.visit_id,
            line_no=i,
            rep_id=card.rep_id,
            store_id=card.store_id,
            region_code=card.region_code,
            sku=line.sku,
            reason=line.reason,
            quantity=line.quantity,
            at=at,
            keys=keys,
        )
        for i, line in enumerate(card.returns)
    ]
    tx.repo.returns.add_many(records)
    tx.emit("return.recorded", return_recorded(card, at), card.tenant_id)
    return len(records)


def return_recorded(card: CardView, at: datetime) -> events.ReturnRecorded:
    return events.ReturnRecorded(
        visit_id=card.visit_id,
        rep_id=card.rep_id,
        store_id=card.store_id,
        region_code=card.region_code,
        lines=[
            visit_events_pb2.ReturnLine(sku=r.sku, quantity=r.quantity, reason=r.reason)
            for r in card.returns
        ],
        recorded_at=to_timestamp(at),
    )


def analyse(uow: UnitOfWork[VisitsRepository], query: ReturnsQuery) -> list[ReturnGroup]:
    """Groups ordered by period, region, SKU, reason; at most MAX_GROUPS of them."""
    query.validate()
    return uow.repository().returns.analyse(query, MAX_GROUPS)
