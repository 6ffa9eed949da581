"""Routing one lead: pick the rule, rank the reps, claim the first who is still free. Shared by
intake, declines, SLA breaches, reclaims and a rep freeing up."""

from __future__ import annotations

import logging
from datetime import datetime

from services.assignment.application import event_payloads
from services.assignment.application.ports import AssignmentRepository
from services.assignment.domain.model import HistoryEntry, Lead, LeadStatus, Rep, RepStatus
from services.assignment.domain.rules import DAILY_QUOTA, select_rule
from services.assignment.domain.settings import AssignmentSettings
from services.assignment.domain.strategies import (
    daily_quota,
    day_key,
    decide,
    eligible,
    requires_idle,
)
from services.common.unit_of_work import MongoUnitOfWork, Transaction

log = logging.getLogger(__name__)
KEPT_CANDIDATES = 10


def rank_and_claim(
    repo: AssignmentRepository,
    lead: Lead,
    settings: AssignmentSettings,
    now: datetime,
    hold: bool = False,
    reps: list[Rep] | None = None,
) -> tuple[Rep | None, HistoryEntry | None]:
    """Rank, then claim candidates in order until a claim holds: another replica may have
    taken the first choice a moment ago, and the claim is one conditional update. With
    `hold`, the claim also records the lead on the rep, so a crash before the lead is stored
    can be undone (see reconcile_holds). With `reps`, ranks on that snapshot (a bulk import
    reads the reps once) and keeps it current after each claim. Returns the rep and the
    history line, if any."""
    was_waiting = lead.status == LeadStatus.WAITING and lead.waiting_since is not None
    rule = select_rule(repo.rules(lead.tenant_id), lead)
    snapshot = reps is not None
    reps = reps if reps is not None else repo.reps(lead.tenant_id)
    decision = decide(rule, lead, reps, now)
    lead.decision = decision
    by_id = {r.rep_id: r for r in reps}
    day = day_key(now)
    ranked = decision.candidates
    # The decision keeps the first ranks (its reason says how many there were): a tenant with
    # hundreds of reps would otherwise store and publish hundreds of lines with every lead.
    decision.candidates = ranked[:KEPT_CANDIDATES]
    for candidate in ranked:
        rep = by_id[candidate.rep_id]
        quota = daily_quota(rep, rule) if rule.strategy == DAILY_QUOTA else None
        if repo.claim_rep(
            rep,
            require_idle=requires_idle(rule),
            day=day,
            quota=quota,
            now=now,
            hold_for=lead.lead_id if hold else "",
        ):
            if snapshot:  # what the claim just did, so the next lead of the batch ranks right
                rep.open_leads += 1
                rep.pending_visits += 1
                rep.assigned_per_day[day] = rep.assigned_on(day) + 1
                rep.last_assigned_at = now
            lead.status = LeadStatus.ASSIGNED
            lead.assigned_rep_id = rep.rep_id
            lead.assigned_at = now
            lead.sla_due_at = now + settings.sla(lead.urgency)
            lead.last_follow_up_at = now
            lead.responded_at = None
            lead.waiting_since = None
            lead.waiting_alerted_at = None
            if candidate.rank != 1:
                decision.reason = f"{decision.reason};前 {candidate.rank - 1} 名候选刚被占用,改派第 {candidate.rank} 名"
            return rep, HistoryEntry(now, "assigned", rep.rep_id, decision.reason, decision)
    lead.status = LeadStatus.WAITING
    lead.assigned_rep_id = ""
    lead.assigned_at = lead.sla_due_at = None
    lead.waiting_since = lead.waiting_since or now
    if was_waiting:  # one history line per wait, not one per retry
        return None, None
    return None, HistoryEntry(now, "waiting", "", decision.reason, decision)


def route(tx: Transaction, lead: Lead, settings: AssignmentSettings, now: datetime) -> Rep | None:
    """Routing inside a transaction (declines, breaches, reclaims, a rep freeing up)."""
    rep, entry = rank_and_claim(tx.repo, lead, settings, now)
    if entry is not None:
        lead.record(entry)
    return rep


def publish_outcome(tx: Transaction, lead: Lead, rep: Rep | None) -> None:
    if rep is not None:
        tx.emit("lead.assigned", event_payloads.lead_assigned(lead, rep), lead.tenant_id)
    else:
        tx.emit("lead.waiting", event_payloads.lead_waiting(lead), lead.tenant_id)


def release(tx: Transaction, lead: Lead) -> None:
    """The rep no longer holds this lead (declined, breached, reclaimed)."""
    if lead.assigned_rep_id:
        tx.repo.release_rep(lead.tenant_id, lead.assigned_rep_id, lead.holds_visit_task)
        if lead.assigned_rep_id not in lead.declined_by:
            lead.declined_by.append(lead.assigned_rep_id)


def route_waiting_lead(tx: Transaction, rep: Rep, now: datetime) -> Lead | None:
    """SPEC A3: when a rep frees up, the oldest waiting lead that rep may take is routed at
    once (event-driven, not a nightly job). Only leads this rep could take are tried."""
    settings = tx.repo.settings(rep.tenant_id)
    for lead in tx.repo.waiting_leads(rep.tenant_id, limit=200):
        if not eligible(rep, lead):
            continue
        assigned = route(tx, lead, settings, now)
        if assigned is None:
            continue
        tx.repo.save_lead(lead)
        publish_outcome(tx, lead, assigned)
        return lead
    return None


def offer_waiting_lead_to(tx: Transaction, tenant_id: str, rep_id: str, now: datetime) -> None:
    """A rep freed by a decline, a breach or a reclaim is idle now: A3 applies to them too."""
    rep = tx.repo.get_rep(tenant_id, rep_id)
    if rep is not None and rep.status == RepStatus.ACTIVE and rep.idle:
        route_waiting_lead(tx, rep, now)


def offer_after_commit(uow: MongoUnitOfWork, tenant_id: str, rep_id: str, now: datetime) -> None:
    """A3 for a rep who may have just become free. This runs in a transaction of its own that
    starts after the rep's change committed: one that overlapped a lead's intake would see
    neither the lead nor, in the intake, the free rep (write skew), and the lead would wait
    for the minute sweep. Together with intake's second offer, one of the two sees the other."""
    try:
        uow.run(lambda tx: offer_waiting_lead_to(tx, tenant_id, rep_id, now))
    except Exception:
        # The change itself is committed; sweep_waiting_leads offers the lead within a minute.
        log.exception("offering waiting leads failed", extra={"rep_id": rep_id})


def route_if_still_waiting(tx: Transaction, lead_id: str, now: datetime) -> Lead | None:
    """Offer one waiting lead again; the lead if a rep took it."""
    lead = tx.repo.get_lead_any_tenant(lead_id)
    if lead is None or lead.status != LeadStatus.WAITING:
        return None
    rep = route(tx, lead, tx.repo.settings(lead.tenant_id), now)
    if rep is None:
        return None
    tx.repo.save_lead(lead)
    publish_outcome(tx, lead, rep)
    return lead
