"""Work that falls due with time (SPEC A3, A5, A6): SLA breaches, leads waiting too long, and
stale leads. Each due item is claimed inside its own transaction by a conditional update, so
two replicas never act on it twice; `now` comes from a clock the tests control."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from services.assignment.application import event_payloads
from services.assignment.application.ports import Tx, Uow
from services.assignment.application.routing import (
    give_back,
    offer_after_commit,
    publish_outcome,
    reroute,
    route,
    route_if_still_waiting,
)
from services.assignment.domain.model import Lead, LeadStatus
from services.common.regions import covers

log = logging.getLogger(__name__)
BATCH = 200
MIN_WAIT_ALERT = timedelta(seconds=60)  # the smallest per-tenant setting allowed
MIN_STALE = timedelta(days=1)


Freed = set[tuple[str, str]]  # (tenant, rep) whose lead was taken from them


def _each(uow: Uow, lead_ids: list[str], handle: Callable[[Tx, str], bool]) -> int:
    done = 0
    for lead_id in lead_ids:
        try:
            if uow.run(lambda tx, lead_id=lead_id: handle(tx, lead_id), correlation_id=lead_id):
                done += 1
        except Exception:
            # One bad lead must not stop the others; it stays due and is retried next tick.
            log.exception("due work failed", extra={"lead_id": lead_id})
    return done


def _offer_to_freed(uow: Uow, freed: Freed, now: datetime) -> None:
    # After the commits, like every path that frees a rep (see offer_after_commit). A rep in
    # the set whose transaction rolled back is simply not idle: the offer does nothing.
    for tenant_id, rep_id in sorted(freed):
        offer_after_commit(uow, tenant_id, rep_id, now)


def breach_overdue_responses(uow: Uow, now: datetime) -> int:
    """A5: an assigned lead whose rep has not answered by its SLA moves to the next candidate;
    the supervisor is told (lead.sla_breached) and the breach is on the lead's record."""
    freed: Freed = set()
    done = _each(
        uow,
        uow.run(lambda tx: tx.repo.due_sla(now, BATCH)),
        lambda tx, lead_id: _breach(tx, lead_id, now, freed),
    )
    _offer_to_freed(uow, freed, now)
    return done


def _breach(tx: Tx, lead_id: str, now: datetime, freed: Freed) -> bool:
    lead = tx.repo.get_lead_any_tenant(lead_id)
    if lead is None or not lead.sla_lapsed(now):
        return False
    expected = {"status": LeadStatus.ASSIGNED.value, "sla_due_at": lead.sla_due_at}
    if not tx.repo.claim_due(lead_id, expected, now):
        return False
    settings = tx.repo.settings(lead.tenant_id)
    sla = settings.sla(lead.urgency)
    breached_rep = tx.repo.get_rep(lead.tenant_id, lead.assigned_rep_id)
    held = lead.breach(now, sla)
    give_back(tx, lead.tenant_id, held)
    tx.repo.count_breach(lead.tenant_id, held.rep_id)
    next_rep = route(tx, lead, settings, now)
    tx.repo.save_lead(lead)
    breach = event_payloads.lead_sla_breached(
        lead,
        breached_rep,
        next_rep.rep_id if next_rep else "",
        int(sla.total_seconds()),
        held.assigned_at or now,
        now,
    )
    tx.emit("lead.sla_breached", breach, lead.tenant_id)
    publish_outcome(tx, lead, next_rep)
    freed.add((lead.tenant_id, held.rep_id))
    return True


def alert_long_waits(uow: Uow, now: datetime) -> int:
    """A3: after the tenant's wait limit, the region's supervisor hears of a waiting lead.
    The query can only use the smallest limit there is; each tenant's own limit is applied
    before a lead's transaction opens (at the default hour, a pool of waiting leads was
    otherwise 200 transactions a second that alerted nobody)."""
    due = uow.run(lambda tx: tx.repo.due_waiting(now - MIN_WAIT_ALERT, BATCH))
    limits: dict[str, timedelta] = {}

    def past_limit(tenant_id: str, since: datetime) -> bool:
        if tenant_id not in limits:
            seconds = uow.repository().settings(tenant_id).waiting_alert_seconds
            limits[tenant_id] = timedelta(seconds=seconds)
        return now - since >= limits[tenant_id]

    past = [lead_id for lead_id, tenant, since in due if past_limit(tenant, since)]
    return _each(uow, past, lambda tx, lead_id: _alert(tx, lead_id, now))


def _alert(tx: Tx, lead_id: str, now: datetime) -> bool:
    lead = tx.repo.get_lead_any_tenant(lead_id)
    if lead is None:
        return False
    limit = timedelta(seconds=tx.repo.settings(lead.tenant_id).waiting_alert_seconds)
    if not lead.waited_too_long(now, limit):
        return False
    expected = {"waiting_alerted_at": None, "waiting_since": lead.waiting_since}
    if not tx.repo.claim_due(lead_id, expected, now):
        return False
    supervisor = _region_supervisor(tx, lead)
    tx.emit(
        "lead.waiting_too_long",
        event_payloads.lead_waiting_too_long(lead, supervisor, now),
        lead.tenant_id,
    )
    lead.note_wait_alert(now, limit)
    tx.repo.save_lead(lead)
    return True


def _region_supervisor(tx: Tx, lead: Lead) -> str:
    """The first (by id) supervisor of a rep who covers the lead's region; "" if none."""
    supervisors = sorted(
        {
            r.supervisor_id
            for r in tx.repo.reps(lead.tenant_id)
            if r.supervisor_id and any(covers(c, lead.region_code) for c in r.region_codes)
        }
    )
    return supervisors[0] if supervisors else ""


def reclaim_stale_leads(uow: Uow, now: datetime) -> int:
    """A6: a lead with no follow-up for the stale limit goes back to the pool and is routed
    again, never to the rep who let it go stale."""
    freed: Freed = set()
    done = _each(
        uow,
        uow.run(lambda tx: tx.repo.due_stale(now - MIN_STALE, BATCH)),
        lambda tx, lead_id: _reclaim(tx, lead_id, now, freed),
    )
    _offer_to_freed(uow, freed, now)
    return done


def _reclaim(tx: Tx, lead_id: str, now: datetime, freed: Freed) -> bool:
    lead = tx.repo.get_lead_any_tenant(lead_id)
    if lead is None:
        return False
    settings = tx.repo.settings(lead.tenant_id)
    stale_for = timedelta(days=settings.stale_days)
    last = lead.last_follow_up_at
    if last is None or not lead.is_stale(now, stale_for):
        return False
    if not tx.repo.claim_due(
        lead_id, {"status": lead.status.value, "last_follow_up_at": last}, now
    ):
        return False
    rep = tx.repo.get_rep(lead.tenant_id, lead.assigned_rep_id)
    held = lead.reclaim(now, stale_for)
    tx.repo.count_reclaim(lead.tenant_id, held.rep_id)
    give_back(tx, lead.tenant_id, held)
    tx.emit("lead.reclaimed", event_payloads.lead_reclaimed(lead, rep, last, now), lead.tenant_id)
    reroute(tx, lead, settings, now)
    freed.add((lead.tenant_id, held.rep_id))
    return True


HOLD_GRACE = timedelta(seconds=10)  # far longer than one intake transaction


def reconcile_holds(uow: Uow, now: datetime) -> int:
    """A claim whose lead was never stored (the process died between the two) is given back;
    one whose lead exists is simply confirmed."""
    repo = uow.repository()
    released = 0
    for tenant_id, rep_id, lead_id in repo.stale_holds(now - HOLD_GRACE):
        # The tombstone takes the lead's id: either the intake already stored the lead (the
        # tombstone fails and the hold is confirmed) or the intake can never store it now (its
        # insert fails), so the claim is given back exactly when no lead will hold it.
        if repo.bury_lead_id(lead_id, now):
            repo.release_hold(tenant_id, rep_id, lead_id)
            released += 1
        else:
            repo.confirm_hold(tenant_id, rep_id, lead_id)
    return released


SWEEP_BATCH = 50


def sweep_waiting_leads(uow: Uow, now: datetime) -> int:
    """The safety net behind A3's events: capacity freed without a rep becoming idle (least
    loaded, round robin) and daily quotas renewed at Shanghai midnight free nobody "at once",
    so every minute the oldest waiting leads are offered again. Each is routed in its own
    transaction; two replicas racing on one lead conflict on it and one of them rolls back."""

    def handle(tx: Tx, lead_id: str) -> bool:
        return route_if_still_waiting(tx, lead_id, now) is not None

    return _each(uow, uow.run(lambda tx: tx.repo.oldest_waiting(SWEEP_BATCH)), handle)
