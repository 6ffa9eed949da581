"""Consumed event payloads -> scoring's raw facts. Times are truncated to milliseconds, the
precision MongoDB keeps, so a fact read back equals the fact built here."""

from __future__ import annotations

from datetime import date, datetime

from google.protobuf.timestamp_pb2 import Timestamp

from sales.common.v1 import org_pb2, types_pb2
from sales.events.v1 import lead_events_pb2 as leads
from sales.events.v1 import media_events_pb2 as media
from sales.events.v1 import store_events_pb2 as stores
from sales.events.v1 import visit_events_pb2 as visits
from services.common.proto_time import from_timestamp
from services.scoring.domain.credit import PhotoFlagFact, VisitFact
from services.scoring.domain.directory import Person
from services.scoring.domain.facts import (
    OPEN,
    CommitmentFact,
    LeadFact,
    LeadState,
    PlanFact,
    PlanItem,
    RatingFact,
)


def ms(ts: Timestamp, fallback: datetime) -> datetime:
    at = from_timestamp(ts) or fallback
    return at.replace(microsecond=at.microsecond // 1000 * 1000)


def person(p: org_pb2.Person, as_of: datetime) -> Person:
    return Person(
        tenant_id=p.tenant_id, person_id=p.person_id, name=p.name,
        supervisor_id=p.supervisor_id, team_id=p.team_id,
        region_codes=tuple(p.region_codes), is_rep=types_pb2.ROLE_REP in p.roles,
        active=p.status != types_pb2.PERSON_STATUS_INACTIVE,  # on leave still counts
        as_of=as_of,
    )  # fmt: skip


def lead_assigned(tenant_id: str, p: leads.LeadAssigned, at: datetime) -> LeadFact:
    return LeadFact(tenant_id, p.lead_id, p.rep_id, ms(p.assigned_at, at), LeadState.PENDING,
                    customer_name=p.customer_name, urgency=_urgency(p.urgency))  # fmt: skip


def lead_responded(tenant_id: str, p: leads.LeadResponded, at: datetime) -> LeadFact:
    state = LeadState.ON_TIME if p.within_sla else LeadState.LATE
    return LeadFact(tenant_id, p.lead_id, p.rep_id, ms(p.assigned_at, at), state,
                    urgency=_urgency(p.urgency), response_seconds=p.first_response_seconds)  # fmt: skip


def lead_breached(tenant_id: str, p: leads.LeadSlaBreached, at: datetime) -> LeadFact:
    return LeadFact(tenant_id, p.lead_id, p.rep_id, ms(p.assigned_at, at), LeadState.BREACHED,
                    customer_name=p.customer_name, urgency=_urgency(p.urgency))  # fmt: skip


def _urgency(value: int) -> str:
    return types_pb2.Urgency.Name(value).removeprefix("URGENCY_").lower() if value else ""


def plan_day(tenant_id: str, p: stores.PlanDayChanged) -> PlanFact:
    items = tuple(
        PlanItem(i.item_id, i.store_id, i.status, i.position, i.visit_id) for i in p.items
    )
    return PlanFact(tenant_id, p.rep_id, date.fromisoformat(p.plan_date), p.version,
                    p.planned, p.completed, items)  # fmt: skip


def _due(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def commitment_created(tenant_id: str, p: visits.CommitmentCreated) -> CommitmentFact:
    return CommitmentFact(tenant_id, p.commitment_id, p.rep_id, _due(p.due_date), OPEN,
                          visit_id=p.visit_id, store_id=p.store_id, store_name=p.store_name,
                          description=p.description)  # fmt: skip


def commitment_closed(tenant_id: str, p: visits.CommitmentClosed, at: datetime) -> CommitmentFact:
    return CommitmentFact(tenant_id, p.commitment_id, p.rep_id, _due(p.due_date), p.status,
                          on_time=p.on_time, closed_at=ms(p.closed_at, at), visit_id=p.visit_id,
                          store_id=p.store_id)  # fmt: skip


def commitment_overdue(tenant_id: str, p: visits.CommitmentOverdue) -> CommitmentFact:
    return CommitmentFact(tenant_id, p.commitment_id, p.rep_id, _due(p.due_date), OPEN,
                          visit_id=p.visit_id, store_id=p.store_id, store_name=p.store_name,
                          description=p.description, reminders=p.reminder_count)  # fmt: skip


def rating(tenant_id: str, p: visits.VisitRated, at: datetime) -> RatingFact:
    return RatingFact(tenant_id, p.visit_id, p.rep_id, p.store_id, p.stars, p.comment,
                      ms(p.rated_at, at), p.week)  # fmt: skip


def visit(tenant_id: str, p: visits.VisitSubmitted, at: datetime) -> VisitFact:
    return VisitFact(
        tenant_id, p.visit_id, p.rep_id, ms(p.checked_out_at, at), p.store_id, p.store_name,
        tuple(p.missing_items), p.distance_to_store_m, p.distance_known, p.submit_delay_seconds,
    )  # fmt: skip


def reused_photo(tenant_id: str, p: media.PhotoFlagged, at: datetime) -> PhotoFlagFact:
    return PhotoFlagFact(tenant_id, p.photo_id, p.rep_id, ms(p.flagged_at, at), p.visit_id,
                         p.earlier.photo_id, p.detail)  # fmt: skip
