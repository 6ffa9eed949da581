"""Special-price approvals (SPEC V4): a flagged card opens an order routed to the finance
people covering the store's region, the green channel decides its lane, finance reviews
then approves or rejects, and every step is an event (approval.pending for finance,
approval.reviewed, approval.decided for the rep and the ERP)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sales.events.v1 import approval_events_pb2 as events
from sales.events.v1 import visit_events_pb2
from services.common import paging
from services.common.errors import InvalidArgument, NotFound, PermissionDenied
from services.common.ids import new_id
from services.common.proto_time import to_timestamp
from services.common.unit_of_work import Transaction, UnitOfWork
from services.visits.application.ports import CardView, VisitsRepository
from services.visits.application.tenant_rules import discount_limit
from services.visits.domain.approvals import Approval, CreditStanding, covers, lane_for
from services.visits.domain.lines import PriceLine
from services.visits.domain.stores import Store

MAX_ID = 64


@dataclass(frozen=True)
class FinanceActor:
    """Who reviews or decides: a finance person and the region codes they cover (from the
    gateway's org directory, which is the authority on who covers what)."""

    person_id: str
    region_codes: tuple[str, ...]


def open_for_card(
    tx: Transaction[VisitsRepository], card: CardView, store: Store, now: datetime
) -> str | None:
    """Inside the card's transaction: the card's approval order, or None when the card asks
    for no special price. Routed to finance covering the store's region; the green channel
    approves it at once, moves it up the queue, or (credit below 85) leaves it to review."""
    if not card.special_price_requested or not card.price_lines:
        return None
    tenant_id = card.tenant_id
    known = tx.repo.approvals.for_visit(tenant_id, card.visit_id)
    if known is not None:
        return known.approval_id
    approval = _new_approval(tx, card, store, now)
    lane = lane_for(
        tx.repo.credit.get(tenant_id, card.rep_id),
        discount_limit(tx.repo, tenant_id),
        card.price_lines,
    )
    approval.open(lane)
    tx.repo.approvals.add(approval)
    if approval.auto_approved:
        tx.emit("approval.decided", approval_decided(approval), tenant_id)
    else:
        tx.emit("approval.pending", approval_pending(approval), tenant_id)
    return approval.approval_id


def _new_approval(
    tx: Transaction[VisitsRepository], card: CardView, store: Store, now: datetime
) -> Approval:
    finance = tx.repo.people.finance_covering(card.tenant_id, store.region_code)
    supervisor = tx.repo.people.supervisor_of(card.tenant_id, card.rep_id)
    return Approval(
        approval_id=new_id(),
        tenant_id=card.tenant_id,
        visit_id=card.visit_id,
        rep_id=card.rep_id,
        supervisor_id=supervisor.person_id if supervisor else "",
        store_id=store.store_id,
        store_name=store.name,
        region_code=store.region_code,
        lines=list(card.price_lines),
        requested_at=now,
        finance_ids=[p.person_id for p in finance],
    )


def review(
    uow: UnitOfWork[VisitsRepository],
    tenant_id: str,
    approval_id: str,
    actor: FinanceActor,
    comment: str,
    now: datetime,
) -> Approval:
    """Finance's first review; reviewing again is harmless."""

    def work(tx: Transaction[VisitsRepository]) -> Approval:
        approval = _actionable(tx, tenant_id, approval_id, actor)
        if approval.review(actor.person_id, comment, now):
            tx.repo.approvals.save(approval)
            tx.emit("approval.reviewed", approval_reviewed(approval, comment, now), tenant_id)
        return approval

    return uow.run(work, correlation_id=approval_id)


def decide(
    uow: UnitOfWork[VisitsRepository],
    tenant_id: str,
    approval_id: str,
    actor: FinanceActor,
    approve: bool,
    comment: str,
    now: datetime,
) -> Approval:
    """Approve or reject after the review; the same decision again is harmless, the other
    one is FAILED_PRECONDITION."""

    def work(tx: Transaction[VisitsRepository]) -> Approval:
        approval = _actionable(tx, tenant_id, approval_id, actor)
        if approval.decide(actor.person_id, approve, comment, now):
            tx.repo.approvals.save(approval)
            tx.emit("approval.decided", approval_decided(approval), tenant_id)
        return approval

    return uow.run(work, correlation_id=approval_id)


def _require_id(approval_id: str) -> None:
    if not 0 < len(approval_id) <= MAX_ID:
        raise InvalidArgument.of_field("approval_id", "必须填写特价申请编号")


def _actionable(
    tx: Transaction[VisitsRepository], tenant_id: str, approval_id: str, actor: FinanceActor
) -> Approval:
    _require_id(approval_id)
    approval = tx.repo.approvals.get(tenant_id, approval_id)
    if approval is None:
        raise NotFound(f"特价申请 {approval_id} 不存在")
    if not covers(actor.region_codes, approval.region_code):
        raise PermissionDenied("该门店所在区域不在您负责的财务区域内")
    return approval


def get_approval(uow: UnitOfWork[VisitsRepository], tenant_id: str, approval_id: str) -> Approval:
    _require_id(approval_id)
    approval = uow.repository().approvals.get(tenant_id, approval_id)
    if approval is None:
        raise NotFound(f"特价申请 {approval_id} 不存在")
    return approval


def approval_queue(
    uow: UnitOfWork[VisitsRepository],
    tenant_id: str,
    region_codes: list[str] | None,
    page_size: int,
    page_token: str,
) -> tuple[list[Approval], str]:
    """What waits for finance of these regions (None: everyone's), fast lane first, then
    the oldest request."""
    after, limit = paging.decode(page_size, page_token)
    found = uow.repository().approvals.queue(tenant_id, region_codes, after, limit + 1)
    return paging.page(found, limit, lambda a: a.queue_key())


def rep_names(
    uow: UnitOfWork[VisitsRepository], tenant_id: str, approvals: list[Approval]
) -> dict[str, str]:
    """The reps' names for a page of approvals: one read of visits' directory for the whole
    page, not one per row (finance's queue names the rep on every line); an id the
    directory does not know, or knows without a name, is absent."""
    rep_ids = sorted({a.rep_id for a in approvals if a.rep_id})
    return uow.repository().people.names(tenant_id, rep_ids) if rep_ids else {}


def rep_approvals(
    uow: UnitOfWork[VisitsRepository], tenant_id: str, rep_id: str, page_size: int, page_token: str
) -> tuple[list[Approval], str]:
    """A rep's own requests and their state, newest first."""
    after, limit = paging.decode(page_size, page_token)
    found = uow.repository().approvals.of_rep(tenant_id, rep_id, after, limit + 1)
    return paging.page(found, limit, lambda a: a.approval_id)


def record_credit(
    uow: UnitOfWork[VisitsRepository], event_id: str, standing: CreditStanding
) -> bool | None:
    """score.threshold_crossed: keep the rep's latest data credit (older events lose)."""
    return uow.run_consuming(event_id, lambda tx: tx.repo.credit.record(standing))


# --- event payloads -------------------------------------------------------------------------


def _lines_pb(lines: list[PriceLine]) -> list[visit_events_pb2.PriceLine]:
    return [
        visit_events_pb2.PriceLine(
            sku=line.sku,
            list_price_fen=line.list_price_fen,
            requested_price_fen=line.requested_price_fen,
            quantity=line.quantity,
        )
        for line in lines
    ]


def approval_pending(approval: Approval) -> events.ApprovalPending:
    return events.ApprovalPending(
        approval_id=approval.approval_id,
        visit_id=approval.visit_id,
        rep_id=approval.rep_id,
        store_name=approval.store_name,
        region_code=approval.region_code,
        summary=approval.summary(),
        requested_at=to_timestamp(approval.requested_at),
        store_id=approval.store_id,
        lines=_lines_pb(approval.lines),
        stage="first_review",
        fast_lane=approval.fast_lane,
        supervisor_id=approval.supervisor_id,
        finance_ids=approval.finance_ids,
        discount_fen=approval.discount_fen,
    )


def approval_reviewed(approval: Approval, comment: str, now: datetime) -> events.ApprovalReviewed:
    return events.ApprovalReviewed(
        approval_id=approval.approval_id,
        visit_id=approval.visit_id,
        rep_id=approval.rep_id,
        reviewed_by=approval.reviewed_by,
        comment=comment,
        reviewed_at=to_timestamp(now),
        region_code=approval.region_code,
        store_name=approval.store_name,
        finance_ids=approval.finance_ids,
    )


def approval_decided(approval: Approval) -> events.ApprovalDecided:
    return events.ApprovalDecided(
        approval_id=approval.approval_id,
        visit_id=approval.visit_id,
        rep_id=approval.rep_id,
        store_id=approval.store_id,
        store_name=approval.store_name,
        region_code=approval.region_code,
        decision=approval.status.value,
        decided_by=approval.decided_by,
        comment=approval.comment,
        decided_at=to_timestamp(approval.decided_at),
        auto_approved=approval.auto_approved,
        lines=_lines_pb(approval.lines),
        supervisor_id=approval.supervisor_id,
    )
