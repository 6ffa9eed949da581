"""Use cases of the lead pool: intake, routing, and re-routing when a rep becomes idle."""

from __future__ import annotations

from datetime import datetime

from services.assignment.application import event_payloads
from services.assignment.domain.model import Lead, LeadStatus, Rep
from services.assignment.domain.strategies import eligible, rank_idle_by_recent_visit
from services.assignment.domain.validation import validate_lead
from services.common import paging
from services.common.errors import AlreadyExists, NotFound
from services.common.unit_of_work import MongoUnitOfWork, Transaction


def _route(tx: Transaction, lead: Lead, now: datetime) -> Rep | None:
    """Rank, then claim candidates in order until one claim holds (another replica may have
    taken the first choice a moment ago)."""
    reps = tx.repo.reps(lead.tenant_id)
    decision = rank_idle_by_recent_visit(lead, reps, now)
    lead.decision = decision
    by_id = {r.rep_id: r for r in reps}
    for candidate in decision.candidates:
        rep = by_id[candidate.rep_id]
        if tx.repo.claim_rep(rep):
            lead.status = LeadStatus.ASSIGNED
            lead.assigned_rep_id = rep.rep_id
            lead.assigned_at = now
            if candidate.rank != 1:
                decision.reason = f"{candidate.reason},排名第 {candidate.rank}(前序候选已被占用)"
            return rep
    return None


def _publish_outcome(tx: Transaction, lead: Lead, rep: Rep | None) -> None:
    if rep is not None:
        tx.emit("lead.assigned", event_payloads.lead_assigned(lead, rep), lead.tenant_id)
    else:
        tx.emit("lead.waiting", event_payloads.lead_waiting(lead), lead.tenant_id)


def create_lead(uow: MongoUnitOfWork, lead: Lead, correlation_id: str = "") -> Lead:
    """SPEC A1+A2: store the lead and route it in one transaction. Idempotent by external id."""
    validate_lead(lead)

    def work(tx: Transaction) -> Lead:
        existing = tx.repo.lead_by_external_id(lead.tenant_id, lead.external_id)
        if existing is not None:
            return existing
        rep = _route(tx, lead, lead.created_at)
        tx.repo.add_lead(lead)
        tx.emit("lead.created", event_payloads.lead_created(lead), lead.tenant_id)
        _publish_outcome(tx, lead, rep)
        return lead

    try:
        result = uow.run(work, correlation_id=correlation_id)
    except AlreadyExists:
        # A concurrent call with the same external id won the unique index: answer with it.
        result = uow.run(lambda tx: tx.repo.lead_by_external_id(lead.tenant_id, lead.external_id))
    assert result is not None
    return result


def get_lead(uow: MongoUnitOfWork, tenant_id: str, lead_id: str) -> Lead:
    lead = uow.run(lambda tx: tx.repo.get_lead(tenant_id, lead_id))
    if lead is None:
        raise NotFound(f"线索 {lead_id} 不存在")
    return lead


def list_leads(
    uow: MongoUnitOfWork,
    tenant_id: str,
    rep_id: str,
    status: LeadStatus | None,
    page_size: int,
    page_token: str,
) -> tuple[list[Lead], str]:
    after, limit = paging.decode(page_size, page_token)
    leads = uow.run(lambda tx: tx.repo.list_leads(tenant_id, rep_id, status, after, limit + 1))
    return paging.page(leads or [], limit, lambda lead: lead.lead_id)


def route_waiting_lead(tx: Transaction, rep: Rep, now: datetime) -> Lead | None:
    """SPEC A3: when a rep frees up, the oldest waiting lead that rep may take is routed at
    once (event-driven, not a nightly job). Only leads this rep covers can have become
    assignable, so only those are tried."""
    for lead in tx.repo.waiting_leads(rep.tenant_id, limit=200):
        if not eligible(rep, lead):
            continue
        if _route(tx, lead, now) is None:
            continue
        tx.repo.save_lead(lead)
        _publish_outcome(tx, lead, tx.repo.get_rep(rep.tenant_id, lead.assigned_rep_id))
        return lead
    return None
