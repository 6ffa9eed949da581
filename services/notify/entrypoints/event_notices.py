"""Event payloads (sales.events.v1) -> the Notice the notify use cases work on.

The registry (services/common/events.py) unpacks each payload; a translation here turns it
into the facts the templates show and the people involved. A payload that lacks the ids
notify needs raises MalformedEvent with a Chinese reason; the service logs it as a failed
delivery and acknowledges the event.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from google.protobuf.message import Message as ProtoMessage

from sales.events.v1 import (
    approval_events_pb2,
    lead_events_pb2,
    scoring_events_pb2,
    store_events_pb2,
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


@dataclass(frozen=True)
class Translated:
    """What one payload tells notify: the facts, the people by role (and others a template
    names), the region (finance is found by it), when the business fact happened."""

    facts: t.Facts
    people: Mapping[str, str] = field(default_factory=dict)
    region_code: str = ""
    origin_at: datetime | None = None
    finance_ids: tuple[str, ...] = ()


def _when(ts) -> str:
    value = from_timestamp(ts)
    return shanghai_text(value) if value else "未知时间"


def _require(payload: ProtoMessage, *names: str) -> None:
    missing = [n for n in names if not getattr(payload, n)]
    if missing:
        raise MalformedEvent(f"事件缺少必填字段:{'、'.join(missing)}")


def _lead_assigned(p: lead_events_pb2.LeadAssigned) -> Translated:
    _require(p, "lead_id", "rep_id")
    facts = t.LeadAssignedFacts(
        lead_id=p.lead_id, customer_name=p.customer_name,
        customer_type=CUSTOMER_TYPE.get(p.customer_type, ""), region_code=p.region_code,
        urgency=URGENCY.get(p.urgency, ""), address=p.address, contact_name=p.contact_name,
        phone=p.phone, reason=p.reason, rep_name="", rep_id=p.rep_id,
    )  # fmt: skip
    people = {r.REP: p.rep_id, r.SUPERVISOR: p.supervisor_id}
    return Translated(facts, people, p.region_code, from_timestamp(p.lead_created_at))


def _sla_breached(p: lead_events_pb2.LeadSlaBreached) -> Translated:
    _require(p, "lead_id", "rep_id")
    facts = t.LeadSlaBreachedFacts(
        lead_id=p.lead_id, customer_name=p.customer_name, rep_id=p.rep_id,
        urgency=URGENCY.get(p.urgency, ""), sla_seconds=p.sla_seconds,
        assigned_at=_when(p.assigned_at), next_rep_id=p.next_rep_id,
    )  # fmt: skip
    people = {r.REP: p.rep_id, r.SUPERVISOR: p.supervisor_id, "next_rep": p.next_rep_id}
    return Translated(facts, people, origin_at=from_timestamp(p.breached_at))


def _waiting_too_long(p: lead_events_pb2.LeadWaitingTooLong) -> Translated:
    _require(p, "lead_id")
    facts = t.LeadWaitingTooLongFacts(
        lead_id=p.lead_id, customer_name=p.customer_name, region_code=p.region_code,
        customer_type=CUSTOMER_TYPE.get(p.customer_type, ""),
        waiting_since=_when(p.waiting_since), waited_seconds=p.waited_seconds,
    )  # fmt: skip
    return Translated(facts, {r.SUPERVISOR: p.supervisor_id}, p.region_code)


def _reclaimed(p: lead_events_pb2.LeadReclaimed) -> Translated:
    _require(p, "lead_id", "rep_id")
    facts = t.LeadReclaimedFacts(
        lead_id=p.lead_id, customer_name=p.customer_name, rep_id=p.rep_id,
        idle_days=p.idle_days, last_follow_up_at=_when(p.last_follow_up_at),
    )  # fmt: skip
    return Translated(facts, {r.REP: p.rep_id, r.SUPERVISOR: p.supervisor_id})


def _commitment_overdue(p: visit_events_pb2.CommitmentOverdue) -> Translated:
    _require(p, "commitment_id", "rep_id")
    facts = t.CommitmentOverdueFacts(
        commitment_id=p.commitment_id, rep_id=p.rep_id, store_name=p.store_name or p.store_id,
        description=p.description, due_date=p.due_date, days_overdue=p.days_overdue,
        reminder_count=max(1, p.reminder_count),
    )  # fmt: skip
    # the step that copies the director names one; the earlier steps do not
    people = {r.REP: p.rep_id, r.SUPERVISOR: p.supervisor_id, r.DIRECTOR: p.director_id}
    return Translated(facts, people)


def _price_lines(lines: Iterable[visit_events_pb2.PriceLine]) -> tuple[t.PriceLineFacts, ...]:
    return tuple(
        t.PriceLineFacts(
            sku=line.sku,
            list_price_fen=line.list_price_fen,
            requested_price_fen=line.requested_price_fen,
            quantity=line.quantity,
        )
        for line in lines
    )


def _approval_pending(p: approval_events_pb2.ApprovalPending) -> Translated:
    _require(p, "approval_id")
    facts = t.ApprovalPendingFacts(
        approval_id=p.approval_id, rep_id=p.rep_id, store_name=p.store_name or p.store_id,
        region_code=p.region_code, summary=p.summary, requested_at=_when(p.requested_at),
        stage=p.stage, fast_lane=p.fast_lane, lines=_price_lines(p.lines),
        discount_fen=p.discount_fen,
    )  # fmt: skip
    people = {r.REP: p.rep_id, r.SUPERVISOR: p.supervisor_id}
    finance = tuple(dict.fromkeys(i for i in p.finance_ids if i))
    return Translated(facts, people, p.region_code, from_timestamp(p.requested_at), finance)


def _approval_decided(p: approval_events_pb2.ApprovalDecided) -> Translated:
    _require(p, "approval_id", "rep_id", "decision")
    if p.decision not in t.DECISION_ZH:
        raise MalformedEvent(f"未知的审批结果「{p.decision[:40]}」")
    facts = t.ApprovalDecidedFacts(
        approval_id=p.approval_id, rep_id=p.rep_id, store_name=p.store_name or p.store_id,
        decision=p.decision, decided_by=p.decided_by, comment=p.comment,
        decided_at=_when(p.decided_at), auto_approved=p.auto_approved,
        lines=_price_lines(p.lines),
    )  # fmt: skip
    decider = "" if p.decided_by == t.GREEN_CHANNEL else p.decided_by  # named, not a person
    people = {r.REP: p.rep_id, r.SUPERVISOR: p.supervisor_id, "decided_by": decider}
    return Translated(facts, people, p.region_code, from_timestamp(p.decided_at))


def _first_visit_overdue(p: store_events_pb2.StoreFirstVisitOverdue) -> Translated:
    _require(p, "store_id", "owner_rep_id")
    facts = t.FirstVisitOverdueFacts(
        store_id=p.store_id, store_name=p.store_name or p.store_id, rep_id=p.owner_rep_id,
        region_code=p.region_code, registered_at=_when(p.registered_at),
        days_waiting=p.days_waiting, limit_days=p.limit_days,
    )  # fmt: skip
    people = {r.REP: p.owner_rep_id, r.SUPERVISOR: p.supervisor_id}
    return Translated(facts, people, p.region_code, from_timestamp(p.registered_at))


def _score_crossed(p: scoring_events_pb2.ScoreThresholdCrossed) -> Translated:
    _require(p, "rep_id")
    facts = t.ScoreThresholdFacts(
        rep_id=p.rep_id, score=p.score, period=p.period, previous=p.previous,
        current=p.current, threshold=p.threshold, direction=p.direction or "up",
    )  # fmt: skip
    return Translated(facts, {r.REP: p.rep_id, r.SUPERVISOR: p.supervisor_id})


# Event type -> its translation; the payload arrives unpacked as the registry's message for
# the type. visit.rated is not here on purpose: a rating feeds scoring, it is nobody's notice.
TRANSLATIONS: dict[str, Callable[[Any], Translated]] = {
    r.LEAD_ASSIGNED: _lead_assigned,
    r.LEAD_SLA_BREACHED: _sla_breached,
    r.LEAD_WAITING_TOO_LONG: _waiting_too_long,
    r.LEAD_RECLAIMED: _reclaimed,
    r.COMMITMENT_OVERDUE: _commitment_overdue,
    r.APPROVAL_PENDING: _approval_pending,
    r.APPROVAL_DECIDED: _approval_decided,
    r.STORE_FIRST_VISIT_OVERDUE: _first_visit_overdue,
    r.SCORE_THRESHOLD_CROSSED: _score_crossed,
}


def notice_from_event(event: envelopes.Envelope, payload: ProtoMessage) -> Notice:
    if not event.id:
        raise MalformedEvent("事件缺少 id")
    if not event.tenant_id:
        raise MalformedEvent("事件缺少租户(tenant_id)")
    found = TRANSLATIONS[event.type](payload)
    return Notice(
        event_id=event.id,
        event_type=event.type,
        tenant_id=event.tenant_id,
        facts=found.facts,
        people={role: person for role, person in found.people.items() if person},
        region_code=found.region_code,
        origin_at=found.origin_at,
        event_at=from_timestamp(event.occurred_at),
        finance_ids=found.finance_ids,
    )
