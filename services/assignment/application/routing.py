"""Routing one lead: pick the rule, rank the reps, claim the first who is still free. Shared by
intake, declines, SLA breaches, reclaims and a rep freeing up."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from services.assignment.application import event_payloads
from services.assignment.application.ports import AssignmentRepository, Tx, Uow
from services.assignment.domain.model import Assignment, Decision, Lead, LeadStatus, Rep, RepStatus
from services.assignment.domain.rules import DAILY_QUOTA, Rule, select_rule
from services.assignment.domain.settings import AssignmentSettings
from services.assignment.domain.strategies import (
    daily_quota,
    day_key,
    decide,
    eligible,
    requires_idle,
)

log = logging.getLogger(__name__)
KEPT_CANDIDATES = 10


@dataclass
class Roster:
    """What intake's routing reads of a tenant: a bulk import reads it once for many leads
    (rules and settings do not change under one sheet; rep claims are conditional updates)."""

    reps: list[Rep]
    rules: list[Rule]
    settings: AssignmentSettings

    @classmethod
    def of(cls, repo: AssignmentRepository, tenant_id: str) -> Roster:
        return cls(repo.reps(tenant_id), repo.rules(tenant_id), repo.settings(tenant_id))


def rank_and_claim(
    repo: AssignmentRepository, lead: Lead, roster: Roster, now: datetime
) -> Rep | None:
    """Intake's routing, before the lead is stored: rank the roster's reps, claim the first
    who is still free and record the claim as a hold on the rep, so that a crash before the
    lead is stored can be undone (see reconcile_holds). The claimed rep's copy in the roster
    is kept current, so the next lead of a batch ranks right. Returns the rep, or None when
    the lead waits."""
    rule = select_rule(roster.rules, lead)
    decision = decide(rule, lead, roster.reps, now)
    rep = _claim_first(repo, rule, decision, roster.reps, now, hold_for=lead.lead_id)
    if rep is not None:
        rep.took_lead(day_key(now), now)
    _settle(lead, rep, decision, roster.settings, now)
    return rep


def route(tx: Tx, lead: Lead, settings: AssignmentSettings, now: datetime) -> Rep | None:
    """Routing inside a transaction (declines, breaches, reclaims, a rep freeing up): the
    claim commits with the lead, so it needs no hold."""
    rule = select_rule(tx.repo.rules(lead.tenant_id), lead)
    reps = tx.repo.reps(lead.tenant_id)
    decision = decide(rule, lead, reps, now)
    rep = _claim_first(tx.repo, rule, decision, reps, now, hold_for="")
    _settle(lead, rep, decision, settings, now)
    return rep


def _claim_first(
    repo: AssignmentRepository,
    rule: Rule,
    decision: Decision,
    reps: list[Rep],
    now: datetime,
    hold_for: str,
) -> Rep | None:
    """Claim candidates in rank order until a claim holds: another replica may have taken the
    first choice a moment ago, and a claim is one conditional update. The decision keeps the
    first ranks (its reason says how many there were): a tenant with hundreds of reps would
    otherwise store and publish hundreds of lines with every lead."""
    ranked = decision.candidates
    decision.candidates = ranked[:KEPT_CANDIDATES]
    by_id = {r.rep_id: r for r in reps}
    day = day_key(now)
    for candidate in ranked:
        rep = by_id[candidate.rep_id]
        quota = daily_quota(rep, rule) if rule.strategy == DAILY_QUOTA else None
        claimed = repo.claim_rep(
            rep, require_idle=requires_idle(rule), day=day, quota=quota, now=now, hold_for=hold_for
        )
        if claimed:
            if candidate.rank != 1:
                decision.reason = f"{decision.reason};前 {candidate.rank - 1} 名候选刚被占用,改派第 {candidate.rank} 名"
            return rep
    return None


def _settle(
    lead: Lead, rep: Rep | None, decision: Decision, settings: AssignmentSettings, now: datetime
) -> None:
    if rep is not None:
        lead.assign(rep.rep_id, decision, now, settings.sla(lead.urgency))
    else:
        lead.wait(decision, now)


def publish_outcome(tx: Tx, lead: Lead, rep: Rep | None) -> None:
    if rep is not None:
        tx.emit("lead.assigned", event_payloads.lead_assigned(lead, rep), lead.tenant_id)
    else:
        tx.emit("lead.waiting", event_payloads.lead_waiting(lead), lead.tenant_id)


def give_back(tx: Tx, tenant_id: str, held: Assignment) -> None:
    """The rep no longer holds a lead (declined, breached, reclaimed): one open lead less, and
    one pending visit less if the lead was still their visit task."""
    if held.rep_id:
        tx.repo.release_rep(tenant_id, held.rep_id, held.held_visit_task)


def reroute(tx: Tx, lead: Lead, settings: AssignmentSettings, now: datetime) -> Rep | None:
    """Route a lead that has just left its rep, store it and say where it went."""
    rep = route(tx, lead, settings, now)
    tx.repo.save_lead(lead)
    publish_outcome(tx, lead, rep)
    return rep


def route_waiting_lead(tx: Tx, rep: Rep, now: datetime) -> Lead | None:
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


def offer_waiting_lead_to(tx: Tx, tenant_id: str, rep_id: str, now: datetime) -> None:
    """A rep freed by a decline, a breach or a reclaim is idle now: A3 applies to them too."""
    rep = tx.repo.get_rep(tenant_id, rep_id)
    if rep is not None and rep.status == RepStatus.ACTIVE and rep.idle:
        route_waiting_lead(tx, rep, now)


def offer_after_commit(uow: Uow, tenant_id: str, rep_id: str, now: datetime) -> None:
    """A3 for a rep who may have just become free. This runs in a transaction of its own that
    starts after the rep's change committed: one that overlapped a lead's intake would see
    neither the lead nor, in the intake, the free rep (write skew), and the lead would wait
    for the minute sweep. Together with intake's second offer, one of the two sees the other."""
    try:
        uow.run(lambda tx: offer_waiting_lead_to(tx, tenant_id, rep_id, now))
    except Exception:
        # The change itself is committed; sweep_waiting_leads offers the lead within a minute.
        log.exception("offering waiting leads failed", extra={"rep_id": rep_id})


def route_if_still_waiting(tx: Tx, lead_id: str, now: datetime) -> Lead | None:
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
