"""Keeping assignment's view of reps in step with the org directory and with visits."""

from __future__ import annotations

import logging
from datetime import datetime

from services.assignment.application.ports import Tx, Uow
from services.assignment.application.routing import offer_after_commit
from services.assignment.domain.model import Lead, Rep

log = logging.getLogger(__name__)


def upsert_rep(uow: Uow, rep: Rep, event_id: str, now: datetime) -> bool | None:
    """org.person.upserted for a rep. A rep who becomes available may take a waiting lead.
    None when the event was already consumed."""

    def work(tx: Tx) -> bool:
        tx.repo.upsert_rep_profile(rep)
        return True

    done = uow.run_consuming(event_id, work)
    offer_after_commit(uow, rep.tenant_id, rep.rep_id, now)
    return done


def retire_rep(uow: Uow, tenant_id: str, person_id: str, event_id: str) -> bool | None:
    """org.person.upserted without the rep role: a former rep takes no more leads."""

    def work(tx: Tx) -> bool:
        tx.repo.deactivate_rep(tenant_id, person_id)
        return True

    return uow.run_consuming(event_id, work)


def record_visit(
    uow: Uow,
    tenant_id: str,
    rep_id: str,
    lead_id: str,
    visited_at: datetime,
    event_id: str,
    now: datetime,
) -> bool | None:
    """visit.submitted: the visit that follows a lead closes the rep's pending visit task,
    so the rep may be idle again; every visit moves the rep's most recent effective visit."""

    def work(tx: Tx) -> bool:
        lead = tx.repo.get_lead(tenant_id, lead_id) if lead_id else None
        if lead is not None and lead.is_visit_task_of(rep_id):
            tx.repo.complete_visit_task(tenant_id, rep_id, visited_at)
        else:
            tx.repo.note_visit(tenant_id, rep_id, visited_at)
        if lead is not None and lead.visited(rep_id, visited_at):
            tx.repo.save_lead(lead)  # a visit is the follow-up that keeps a lead fresh (A6)
        return True

    done = uow.run_consuming(event_id, work)
    offer_after_commit(uow, tenant_id, rep_id, now)
    return done


def record_history(
    uow: Uow,
    tenant_id: str,
    visits: list[tuple[str, str, datetime]],
    event_id: str,
    now: datetime,
) -> bool | None:
    """visit.history_imported: each (rep, lead, visited_at) as record_visit handles its
    visit.submitted, in one transaction and in time order. The chunk's leads are read at
    once and each changed lead written once (a lead store is visited again and again in
    90 days: one read and one rewrite a visit made this assignment's heaviest consumer of
    the full demo load); a visit that follows no lead only moves the rep's most recent
    effective visit, so those are one $max a rep."""

    def work(tx: Tx) -> bool:
        leads = tx.repo.get_leads(tenant_id, sorted({lead for _, lead, _ in visits if lead}))
        changed: dict[str, Lead] = {}
        latest: dict[str, datetime] = {}
        for rep_id, lead_id, visited_at in sorted(visits, key=lambda v: v[2]):
            lead = leads.get(lead_id)
            if lead is not None and lead.is_visit_task_of(rep_id):
                tx.repo.complete_visit_task(tenant_id, rep_id, visited_at)
            else:
                latest[rep_id] = max(latest.get(rep_id, visited_at), visited_at)
            if lead is not None and lead.visited(rep_id, visited_at):
                changed[lead.lead_id] = lead
        for lead in changed.values():
            tx.repo.save_lead(lead)
        for rep_id, visited_at in latest.items():
            tx.repo.note_visit(tenant_id, rep_id, visited_at)
        return True

    done = uow.run_consuming(event_id, work)
    for rep_id in sorted({v[0] for v in visits}):
        offer_after_commit(uow, tenant_id, rep_id, now)
    return done
