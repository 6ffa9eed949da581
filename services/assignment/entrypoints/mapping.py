"""Contract messages <-> domain objects for assignment."""

from __future__ import annotations

from datetime import datetime

from sales.assignment.v1 import assignment_pb2 as pb
from sales.common.v1 import org_pb2, types_pb2
from services.assignment.application.event_payloads import CUSTOMER_TYPE_TO_PB, URGENCY_TO_PB
from services.assignment.application.imports import RowResult
from services.assignment.application.reports import RepStaleLeads
from services.assignment.domain.model import (
    Decision,
    GeoPoint,
    HistoryEntry,
    Lead,
    LeadStatus,
    Rep,
    RepStatus,
)
from services.assignment.domain.rules import Rule, RuleMatch
from services.assignment.domain.settings import AssignmentSettings
from services.common.errors import InvalidArgument
from services.common.proto_codes import DATUM_FROM_PB, DATUM_TO_PB, PERSON_STATUS_FROM_PB
from services.common.proto_time import to_timestamp

CUSTOMER_TYPE_FROM_PB = {v: k for k, v in CUSTOMER_TYPE_TO_PB.items()}
URGENCY_FROM_PB = {v: k for k, v in URGENCY_TO_PB.items()}
STATUS_TO_PB = {
    LeadStatus.WAITING: pb.LEAD_STATUS_WAITING,
    LeadStatus.ASSIGNED: pb.LEAD_STATUS_ASSIGNED,
    LeadStatus.ACCEPTED: pb.LEAD_STATUS_ACCEPTED,
    LeadStatus.VISITED: pb.LEAD_STATUS_VISITED,
    LeadStatus.CLOSED: pb.LEAD_STATUS_CLOSED,
}
STATUS_FROM_PB = {v: k for k, v in STATUS_TO_PB.items()}
REP_STATUS_FROM_PB = {n: RepStatus(code) for n, code in PERSON_STATUS_FROM_PB.items()}


def lead_from_request(request: pb.CreateLeadRequest, lead_id: str, now: datetime) -> Lead:
    location = None
    if request.HasField("location"):
        loc = request.location
        location = GeoPoint(
            latitude=loc.latitude,
            longitude=loc.longitude,
            datum=DATUM_FROM_PB.get(loc.datum, ""),
            accuracy_m=loc.accuracy_m,
        )
    return Lead(
        lead_id=lead_id,
        tenant_id=request.tenant_id,
        external_id=request.external_id,
        channel=request.channel,
        customer_type=CUSTOMER_TYPE_FROM_PB.get(request.customer_type),  # type: ignore[arg-type]
        region_code=request.region_code,
        urgency=URGENCY_FROM_PB.get(request.urgency),  # type: ignore[arg-type]
        customer_name=request.customer_name,
        contact_name=request.contact_name,
        phone=request.phone,
        address=request.address,
        location=location,
        store_id=request.store_id,
        created_at=now,
    )


def lead_to_pb(lead: Lead) -> pb.Lead:
    message = pb.Lead(
        lead_id=lead.lead_id,
        tenant_id=lead.tenant_id,
        external_id=lead.external_id,
        channel=lead.channel,
        customer_type=CUSTOMER_TYPE_TO_PB[lead.customer_type],
        region_code=lead.region_code,
        urgency=URGENCY_TO_PB[lead.urgency],
        customer_name=lead.customer_name,
        contact_name=lead.contact_name,
        phone=lead.phone,
        address=lead.address,
        store_id=lead.store_id,
        status=STATUS_TO_PB[lead.status],
        assigned_rep_id=lead.assigned_rep_id,
        created_at=to_timestamp(lead.created_at),
        assigned_at=to_timestamp(lead.assigned_at),
        sla_due_at=to_timestamp(lead.sla_due_at),
        responded_at=to_timestamp(lead.responded_at),
        last_follow_up_at=to_timestamp(lead.last_follow_up_at),
        merged_external_ids=lead.merged_external_ids,
        declined_by=lead.declined_by,
    )
    if lead.location:
        message.location.CopyFrom(
            types_pb2.GeoPoint(
                latitude=lead.location.latitude,
                longitude=lead.location.longitude,
                datum=DATUM_TO_PB.get(lead.location.datum, types_pb2.DATUM_UNSPECIFIED),
                accuracy_m=lead.location.accuracy_m,
            )
        )
    if lead.decision:
        message.decision.CopyFrom(decision_to_pb(lead.decision))
    return message


def decision_to_pb(d: Decision) -> pb.Decision:
    return pb.Decision(
        rule_id=d.rule_id,
        rule_version=d.rule_version,
        strategy=d.strategy,
        reason=d.reason,
        decided_at=to_timestamp(d.decided_at),
        candidates=[
            pb.RankedCandidate(rep_id=c.rep_id, rank=c.rank, reason=c.reason) for c in d.candidates
        ],
    )


def history_to_pb(lead_id: str, entries: list[HistoryEntry]) -> pb.LeadHistory:
    return pb.LeadHistory(
        lead_id=lead_id,
        entries=[
            pb.HistoryEntry(
                at=to_timestamp(e.at),
                kind=e.kind,
                rep_id=e.rep_id,
                text=e.text,
                decision=decision_to_pb(e.decision) if e.decision else None,
            )
            for e in entries
        ],
    )


def rule_from_pb(rule: pb.Rule, tenant_id: str) -> Rule:
    m = rule.match
    return Rule(
        tenant_id=tenant_id,
        rule_id=rule.rule_id,
        version=rule.version,
        priority=rule.priority,
        name=rule.name,
        enabled=rule.enabled,
        match=RuleMatch(
            region_codes=tuple(m.region_codes),
            customer_types=tuple(CUSTOMER_TYPE_FROM_PB.get(t) for t in m.customer_types),  # type: ignore[misc]
            channels=tuple(m.channels),
            urgencies=tuple(URGENCY_FROM_PB.get(u) for u in m.urgencies),  # type: ignore[misc]
        ),
        strategy=rule.strategy,
        daily_quota_per_capacity_unit=rule.daily_quota_per_capacity_unit or 1,
    )


def rule_to_pb(rule: Rule) -> pb.Rule:
    return pb.Rule(
        tenant_id=rule.tenant_id,
        rule_id=rule.rule_id,
        version=rule.version,
        priority=rule.priority,
        name=rule.name,
        enabled=rule.enabled,
        match=pb.RuleMatch(
            region_codes=rule.match.region_codes,
            customer_types=[CUSTOMER_TYPE_TO_PB[t] for t in rule.match.customer_types],
            channels=rule.match.channels,
            urgencies=[URGENCY_TO_PB[u] for u in rule.match.urgencies],
        ),
        strategy=rule.strategy,
        daily_quota_per_capacity_unit=rule.daily_quota_per_capacity_unit,
        updated_at=to_timestamp(rule.updated_at),
        updated_by=rule.updated_by,
    )


def status_filter(number: int) -> LeadStatus | None:
    """A list's status filter: unset lists every status; a number no status has is refused,
    not read as "any" (proto3 keeps unknown enum numbers)."""
    if number == pb.LEAD_STATUS_UNSPECIFIED:
        return None
    if number not in STATUS_FROM_PB:
        raise InvalidArgument.of_field("status", f"未知的线索状态:{number}")
    return STATUS_FROM_PB[number]


def import_report_to_pb(results: list[RowResult]) -> pb.ImportLeadsResponse:
    answer = pb.ImportLeadsResponse(
        rows=[
            pb.ImportRowResult(
                row=r.row,
                status=r.status,
                lead_id=r.lead_id,
                errors=[pb.ImportRowError(field=e.field, message=e.description) for e in r.errors],
            )
            for r in results
        ]
    )
    answer.created = sum(r.status == "created" for r in results)
    answer.merged = sum(r.status == "merged" for r in results)
    answer.duplicates = sum(r.status == "duplicate" for r in results)
    answer.failed = sum(r.status == "failed" for r in results)
    return answer


def stale_report_to_pb(rows: list[RepStaleLeads], now: datetime) -> pb.StaleLeadReportResponse:
    return pb.StaleLeadReportResponse(
        as_of=to_timestamp(now),
        reps=[
            pb.RepStaleLeads(
                rep_id=row.rep_id,
                reclaimed_total=row.reclaimed_total,
                leads=[
                    pb.StaleLead(
                        lead_id=lead.lead_id,
                        customer_name=lead.customer_name,
                        idle_days=days,
                        status=STATUS_TO_PB[lead.status],
                    )
                    for lead, days in row.leads
                ],
            )
            for row in rows
        ],
    )


def settings_to_pb(s: AssignmentSettings) -> pb.AssignmentSettings:
    return pb.AssignmentSettings(**vars(s))


def settings_from_pb(s: pb.AssignmentSettings) -> AssignmentSettings:
    """Unset (zero) fields keep their defaults."""
    defaults = AssignmentSettings(s.tenant_id)
    values = {k: getattr(s, k) or v for k, v in vars(defaults).items()}
    return AssignmentSettings(**values)


def rep_from_person(person: org_pb2.Person) -> Rep | None:
    """Only people with the rep role take leads."""
    if types_pb2.ROLE_REP not in person.roles:
        return None
    return Rep(
        tenant_id=person.tenant_id,
        rep_id=person.person_id,
        name=person.name,
        supervisor_id=person.supervisor_id,
        region_codes=tuple(person.region_codes),
        customer_types=tuple(
            CUSTOMER_TYPE_FROM_PB[t] for t in person.customer_types if t in CUSTOMER_TYPE_FROM_PB
        ),
        capacity=person.capacity or 20,
        status=REP_STATUS_FROM_PB.get(person.status, RepStatus.INACTIVE),
    )
