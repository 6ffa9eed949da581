"""Contract messages <-> domain objects for assignment."""

from __future__ import annotations

from datetime import datetime

from sales.assignment.v1 import assignment_pb2 as pb
from sales.common.v1 import org_pb2, types_pb2
from services.assignment.application.event_payloads import CUSTOMER_TYPE_TO_PB, URGENCY_TO_PB
from services.assignment.domain.model import (
    CustomerType,
    GeoPoint,
    Lead,
    LeadStatus,
    Rep,
    RepStatus,
)
from services.common.proto_time import to_timestamp

CUSTOMER_TYPE_FROM_PB = {v: k for k, v in CUSTOMER_TYPE_TO_PB.items()}
URGENCY_FROM_PB = {v: k for k, v in URGENCY_TO_PB.items()}
DATUM_FROM_PB = {
    types_pb2.DATUM_WGS84: "wgs84",
    types_pb2.DATUM_GCJ02: "gcj02",
    types_pb2.DATUM_BD09: "bd09",
}
DATUM_TO_PB = {v: k for k, v in DATUM_FROM_PB.items()}
STATUS_TO_PB = {
    LeadStatus.WAITING: pb.LEAD_STATUS_WAITING,
    LeadStatus.ASSIGNED: pb.LEAD_STATUS_ASSIGNED,
    LeadStatus.ACCEPTED: pb.LEAD_STATUS_ACCEPTED,
    LeadStatus.VISITED: pb.LEAD_STATUS_VISITED,
    LeadStatus.CLOSED: pb.LEAD_STATUS_CLOSED,
}
STATUS_FROM_PB = {v: k for k, v in STATUS_TO_PB.items()}
REP_STATUS_FROM_PB = {
    types_pb2.PERSON_STATUS_ACTIVE: RepStatus.ACTIVE,
    types_pb2.PERSON_STATUS_ON_LEAVE: RepStatus.ON_LEAVE,
    types_pb2.PERSON_STATUS_INACTIVE: RepStatus.INACTIVE,
}


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
        d = lead.decision
        message.decision.CopyFrom(
            pb.Decision(
                rule_id=d.rule_id,
                rule_version=d.rule_version,
                strategy=d.strategy,
                reason=d.reason,
                decided_at=to_timestamp(d.decided_at),
                candidates=[
                    pb.RankedCandidate(rep_id=c.rep_id, rank=c.rank, reason=c.reason)
                    for c in d.candidates
                ],
            )
        )
    return message


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


__all__ = ["CustomerType", "lead_from_request", "lead_to_pb", "rep_from_person"]
