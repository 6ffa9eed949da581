"""Keeping assignment's view of reps in step with the org directory and with visits."""

from __future__ import annotations

import logging
from datetime import datetime

from services.assignment.application.routing import offer_after_commit
from services.assignment.domain.model import HistoryEntry, Lead, LeadStatus, Rep
from services.common.unit_of_work import MongoUnitOfWork, Transaction

log = logging.getLogger(__name__)


def upsert_rep(uow: MongoUnitOfWork, rep: Rep, event_id: str, now: datetime) -> bool | None:
    """org.person.upserted for a rep. A rep who becomes available may take a waiting lead.
    None when the event was already consumed."""

    def work(tx: Transaction) -> bool:
        tx.repo.upsert_rep_profile(rep)
        return True

    done = uow.run_consuming(event_id, work)
    offer_after_commit(uow, rep.tenant_id, rep.rep_id, now)
    return done


def retire_rep(uow: MongoUnitOfWork, tenant_id: str, person_id: str, event_id: str) -> bool | None:
    """org.person.upserted without the rep role: a former rep takes no more leads."""

    def work(tx: Transaction) -> bool:
        tx.repo.deactivate_rep(tenant_id, person_id)
        return True

    return uow.run_consuming(event_id, work)


def record_visit(
    uow: MongoUnitOfWork,
    tenant_id: str,
    rep_id: str,
    lead_id: str,
    visited_at: datetime,
    event_id: str,
    now: datetime,
) -> bool | None:
    """visit.submitted: the visit that follows a lead closes the rep's pending visit task,
    so the rep may be idle again; every visit moves the rep's most recent effective visit."""

    def work(tx: Transaction) -> bool:
        lead: Lead | None = tx.repo.get_lead(tenant_id, lead_id) if lead_id else None
        follows_open_task = (
            lead is not None
            and lead.assigned_rep_id == rep_id
            and lead.status in (LeadStatus.ASSIGNED, LeadStatus.ACCEPTED)
        )
        if follows_open_task:
            assert lead is not None
            lead.status = LeadStatus.VISITED
            tx.repo.complete_visit_task(tenant_id, rep_id, visited_at)
        else:
            tx.repo.note_visit(tenant_id, rep_id, visited_at)
        if lead is not None and lead.assigned_rep_id == rep_id and lead.is_open:
            # A visit is the follow-up that keeps a lead from going stale (A6).
            lead.last_follow_up_at = max(lead.last_follow_up_at or visited_at, visited_at)
            lead.record(HistoryEntry(visited_at, "visited", rep_id, "业务员完成拜访"))
            tx.repo.save_lead(lead)
        return True

    done = uow.run_consuming(event_id, work)
    offer_after_commit(uow, tenant_id, rep_id, now)
    return done
