"""Event payloads (sales.events.v1) -> the Notice the notify use cases work on.

A payload that does not unpack, or lacks the ids notify needs, raises MalformedEvent with a
Chinese reason; the service logs it as a failed delivery and acknowledges the event.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from google.protobuf.message import Message as ProtoMessage

from sales.events.v1 import (
    approval_events_pb2,
    lead_events_pb2,
    scoring_events_pb2,
    visit_events_pb2,
)
from services.common import envelope as envelopes
from services.common.clock import shanghai_text
from services.common.proto_codes import CUSTOMER_TYPE_FROM_PB as CUSTOMER_TYPE
from services.common.proto_codes import URGENCY_FROM_PB as URGENCY
from services.common.proto_time import from_timestamp
from services.notify.domain import routing as r
from services.notify.domain import templates as t
from services.notify.domain.notices import MalformedEvent, Notice


def _when(ts) -> str:
    value = from_timestamp(ts)
    return shanghai_text(value) if value else "未知时间"


def _require(payload: ProtoMessage, *names: str) -> None:
    missing = [n for n in names if not getattr(payload, n)]
    if missing:
        raise MalformedEvent(f"事件缺少必填字段:{'、'.join(missing)}")


def _lead_assigned(p: lead_events_pb2.LeadAssigned) -> tuple[t.Facts, dict, str, datetime | None]:
    _require(p, "lead_id", "rep_id")
    facts = t.LeadAssignedFacts(
        lead_id=p.lead_id, customer_name=p.customer_name,
        customer_type=CUSTOMER_TYPE.get(p.customer_type, ""), region_code=p.region_code,
        urgency=URGENCY.get(p.urgency, ""), address=p.address, contact_name=p.contact_name,
        phone=p.phone, reason=p.reason, rep_name="", rep_id=p.rep_id,
    )  # fmt: skip
    people = {r.REP: p.rep_id, r.SUPERVISOR: p.supervisor_id}
    return facts, people, p.region_code, from_timestamp(p.lead_created_at)


def _sla_breached(p: lead_events_pb2.LeadSlaBreached):
    _require(p, "lead_id", "rep_id")
    facts = t.LeadSlaBreachedFacts(
        lead_id=p.lead_id, customer_name=p.customer_name, rep_id=p.rep_id,
        urgency=URGENCY.get(p.urgency, ""), sla_seconds=p.sla_seconds,
        assigned_at=_when(p.assigned_at), next_rep_id=p.next_rep_id,
    )  # fmt: skip
    people = {r.REP: p.rep_id, r.SUPERVISOR: p.supervisor_id, "next_rep": p.next_rep_id}
    return facts, people, "", from_timestamp(p.breached_at)


def _waiting_too_long(p: lead_events_pb2.LeadWaitingTooLong):
    _require(p, "lead_id")
    facts = t.LeadWaitingTooLongFacts(
        lead_id=p.lead_id, customer_name=p.customer_name, region_code=p.region_code,
        customer_type=CUSTOMER_TYPE.get(p.customer_type, ""),
        waiting_since=_when(p.waiting_since), waited_seconds=p.waited_seconds,
    )  # fmt: skip
    return facts, {r.SUPERVISOR: p.supervisor_id}, p.region_code, None


def _reclaimed(p: lead_events_pb2.LeadReclaimed):
    _require(p, "lead_id", "rep_id")
    facts = t.LeadReclaimedFacts(
        lead_id=p.lead_id, customer_name=p.customer_name, rep_id=p.rep_id,
        idle_days=p.idle_days, last_follow_up_at=_when(p.last_follow_up_at),
    )  # fmt: skip
    return facts, {r.REP: p.rep_id, r.SUPERVISOR: p.supervisor_id}, "", None


def _commitment_overdue(p: visit_events_pb2.CommitmentOverdue):
    _require(p, "commitment_id", "rep_id")
    facts = t.CommitmentOverdueFacts(
        commitment_id=p.commitment_id, rep_id=p.rep_id, store_name=p.store_name or p.store_id,
        description=p.description, due_date=p.due_date, days_overdue=p.days_overdue,
        reminder_count=max(1, p.reminder_count),
    )  # fmt: skip
    return facts, {r.REP: p.rep_id, r.SUPERVISOR: p.supervisor_id}, "", None


def _approval_pending(p: approval_events_pb2.ApprovalPending):
    _require(p, "approval_id")
    facts = t.ApprovalPendingFacts(
        approval_id=p.approval_id, rep_id=p.rep_id, store_name=p.store_name,
        region_code=p.region_code, summary=p.summary, requested_at=_when(p.requested_at),
    )  # fmt: skip
    return facts, {r.REP: p.rep_id}, p.region_code, from_timestamp(p.requested_at)


def _score_crossed(p: scoring_events_pb2.ScoreThresholdCrossed):
    _require(p, "rep_id")
    facts = t.ScoreThresholdFacts(
        rep_id=p.rep_id, score=p.score, period=p.period, previous=p.previous,
        current=p.current, threshold=p.threshold, direction=p.direction or "up",
    )  # fmt: skip
    return facts, {r.REP: p.rep_id, r.SUPERVISOR: p.supervisor_id}, "", None


TRANSLATIONS: dict[str, tuple[type[ProtoMessage], Callable]] = {
    r.LEAD_ASSIGNED: (lead_events_pb2.LeadAssigned, _lead_assigned),
    r.LEAD_SLA_BREACHED: (lead_events_pb2.LeadSlaBreached, _sla_breached),
    r.LEAD_WAITING_TOO_LONG: (lead_events_pb2.LeadWaitingTooLong, _waiting_too_long),
    r.LEAD_RECLAIMED: (lead_events_pb2.LeadReclaimed, _reclaimed),
    r.COMMITMENT_OVERDUE: (visit_events_pb2.CommitmentOverdue, _commitment_overdue),
    r.APPROVAL_PENDING: (approval_events_pb2.ApprovalPending, _approval_pending),
    r.SCORE_THRESHOLD_CROSSED: (scoring_events_pb2.ScoreThresholdCrossed, _score_crossed),
}


def notice_from_event(event: envelopes.Envelope) -> Notice:
    if not event.id:
        raise MalformedEvent("事件缺少 id")
    if not event.tenant_id:
        raise MalformedEvent("事件缺少租户(tenant_id)")
    payload_type, translate = TRANSLATIONS[event.type]
    try:
        payload = envelopes.unpack(event, payload_type)
    except Exception as error:  # a wrong @type, or bytes that do not parse
        raise MalformedEvent(f"事件内容无法解析:{error}") from None
    facts, people, region_code, origin_at = translate(payload)
    return Notice(
        event_id=event.id,
        event_type=event.type,
        tenant_id=event.tenant_id,
        facts=facts,
        people={k: v for k, v in people.items() if v},
        region_code=region_code,
        origin_at=origin_at,
        event_at=from_timestamp(event.occurred_at),
    )
