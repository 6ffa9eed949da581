"""Domain objects -> the `sales.events.v1` payloads this service publishes."""

from __future__ import annotations

from datetime import datetime

from sales.events.v1 import lead_events_pb2
from services.assignment.domain.model import Assignment, CustomerType, Lead, Rep, Urgency
from services.common import proto_codes

# proto_codes' one table per code, keyed by this service's enums.
CUSTOMER_TYPE_TO_PB = {
    CustomerType(code): n for n, code in proto_codes.CUSTOMER_TYPE_FROM_PB.items()
}
URGENCY_TO_PB = {Urgency(code): n for n, code in proto_codes.URGENCY_FROM_PB.items()}


def lead_created(lead: Lead) -> lead_events_pb2.LeadCreated:
    event = lead_events_pb2.LeadCreated(
        lead_id=lead.lead_id,
        external_id=lead.external_id,
        channel=lead.channel,
        customer_type=CUSTOMER_TYPE_TO_PB[lead.customer_type],
        region_code=lead.region_code,
        urgency=URGENCY_TO_PB[lead.urgency],
        customer_name=lead.customer_name,
    )
    event.created_at.FromDatetime(lead.created_at)
    return event


def lead_assigned(lead: Lead, rep: Rep) -> lead_events_pb2.LeadAssigned:
    decision = lead.decision
    assert decision is not None and lead.assigned_at is not None
    event = lead_events_pb2.LeadAssigned(
        lead_id=lead.lead_id,
        rep_id=rep.rep_id,
        supervisor_id=rep.supervisor_id,
        rule_id=decision.rule_id,
        rule_version=decision.rule_version,
        strategy=decision.strategy,
        reason=decision.reason,
        candidates=[
            lead_events_pb2.RankedCandidate(rep_id=c.rep_id, rank=c.rank, reason=c.reason)
            for c in decision.candidates
        ],
        customer_name=lead.customer_name,
        region_code=lead.region_code,
        customer_type=CUSTOMER_TYPE_TO_PB[lead.customer_type],
        urgency=URGENCY_TO_PB[lead.urgency],
        address=lead.address,
        contact_name=lead.contact_name,
        phone=lead.phone,
    )
    event.lead_created_at.FromDatetime(lead.created_at)
    event.assigned_at.FromDatetime(lead.assigned_at)
    return event


def lead_waiting(lead: Lead) -> lead_events_pb2.LeadWaiting:
    event = lead_events_pb2.LeadWaiting(
        lead_id=lead.lead_id,
        reason=lead.decision.reason if lead.decision else "",
        region_code=lead.region_code,
        customer_type=CUSTOMER_TYPE_TO_PB[lead.customer_type],
    )
    event.since.FromDatetime(lead.created_at)
    return event


def lead_responded(
    lead: Lead, held: Assignment, accepted: bool, reason: str
) -> lead_events_pb2.LeadResponded:
    """The rep's answer; `held` is the assignment answered (a declined lead has left it)."""
    assert held.assigned_at is not None and held.responded_at is not None
    seconds = int((held.responded_at - held.assigned_at).total_seconds())
    event = lead_events_pb2.LeadResponded(
        lead_id=lead.lead_id,
        rep_id=held.rep_id,
        accepted=accepted,
        reason=reason,
        first_response_seconds=seconds,
        within_sla=held.sla_due_at is None or held.responded_at <= held.sla_due_at,
        urgency=URGENCY_TO_PB[lead.urgency],
    )
    event.assigned_at.FromDatetime(held.assigned_at)
    event.responded_at.FromDatetime(held.responded_at)
    return event


def lead_sla_breached(
    lead: Lead,
    rep: Rep | None,
    next_rep_id: str,
    sla_seconds: int,
    assigned_at: datetime,
    now: datetime,
) -> lead_events_pb2.LeadSlaBreached:
    event = lead_events_pb2.LeadSlaBreached(
        lead_id=lead.lead_id,
        rep_id=rep.rep_id if rep else "",
        supervisor_id=rep.supervisor_id if rep else "",
        urgency=URGENCY_TO_PB[lead.urgency],
        sla_seconds=sla_seconds,
        next_rep_id=next_rep_id,
        customer_name=lead.customer_name,
    )
    event.assigned_at.FromDatetime(assigned_at)
    event.breached_at.FromDatetime(now)
    return event


def lead_waiting_too_long(
    lead: Lead, supervisor_id: str, now: datetime
) -> lead_events_pb2.LeadWaitingTooLong:
    assert lead.waiting_since is not None
    event = lead_events_pb2.LeadWaitingTooLong(
        lead_id=lead.lead_id,
        supervisor_id=supervisor_id,
        region_code=lead.region_code,
        customer_type=CUSTOMER_TYPE_TO_PB[lead.customer_type],
        waited_seconds=int((now - lead.waiting_since).total_seconds()),
        customer_name=lead.customer_name,
    )
    event.waiting_since.FromDatetime(lead.waiting_since)
    return event


def lead_reclaimed(
    lead: Lead, rep: Rep | None, last_follow_up_at: datetime, now: datetime
) -> lead_events_pb2.LeadReclaimed:
    event = lead_events_pb2.LeadReclaimed(
        lead_id=lead.lead_id,
        rep_id=rep.rep_id if rep else "",
        supervisor_id=rep.supervisor_id if rep else "",
        idle_days=(now - last_follow_up_at).days,
        customer_name=lead.customer_name,
    )
    event.last_follow_up_at.FromDatetime(last_follow_up_at)
    return event
