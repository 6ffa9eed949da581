"""Contract messages <-> domain objects for visits."""

from __future__ import annotations

from datetime import date

from sales.common.v1 import types_pb2
from sales.visits.v1 import visits_pb2 as pb
from services.common.clock import to_millis
from services.common.proto_codes import DATUM_FROM_PB, DATUM_TO_PB
from services.common.proto_time import from_timestamp, to_timestamp
from services.visits.domain.model import Commitment, CommitmentStatus, GpsStamp, Visit

COMMITMENT_STATUS_TO_PB = {
    CommitmentStatus.OPEN: pb.COMMITMENT_STATUS_OPEN,
    CommitmentStatus.DONE: pb.COMMITMENT_STATUS_DONE,
    CommitmentStatus.CANCELLED: pb.COMMITMENT_STATUS_CANCELLED,
}


def _stamp(message: pb.GpsStamp, present: bool) -> GpsStamp | None:
    if not present:
        return None
    loc = message.location
    return GpsStamp(
        latitude=loc.latitude,
        longitude=loc.longitude,
        datum=DATUM_FROM_PB.get(loc.datum, ""),
        accuracy_m=loc.accuracy_m,
        at=to_millis(at) if (at := from_timestamp(message.at)) else None,
    )


def _due(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def visit_from_request(request: pb.SubmitVisitRequest) -> Visit:
    return Visit(
        visit_id=request.visit_id,
        tenant_id=request.tenant_id,
        rep_id=request.rep_id,
        lead_id=request.lead_id,
        store_id=request.store_id,
        store_name=request.store_name,
        check_in=_stamp(request.check_in, request.HasField("check_in")),
        check_out=_stamp(request.check_out, request.HasField("check_out")),
        core_demand=request.core_demand,
        commitments=[
            Commitment(
                commitment_id=c.commitment_id, description=c.description, due_date=_due(c.due_date)
            )
            for c in request.commitments
        ],
        photo_ids=list(request.photo_ids),
        special_price_requested=request.special_price_requested,
        notes=request.notes,
    )


def _stamp_to_pb(stamp: GpsStamp | None) -> pb.GpsStamp | None:
    if stamp is None:
        return None
    return pb.GpsStamp(
        location=types_pb2.GeoPoint(
            latitude=stamp.latitude,
            longitude=stamp.longitude,
            datum=DATUM_TO_PB.get(stamp.datum, types_pb2.DATUM_UNSPECIFIED),
            accuracy_m=stamp.accuracy_m,
        ),
        at=to_timestamp(stamp.at),
    )


def visit_to_pb(visit: Visit) -> pb.Visit:
    return pb.Visit(
        visit_id=visit.visit_id,
        tenant_id=visit.tenant_id,
        rep_id=visit.rep_id,
        lead_id=visit.lead_id,
        store_id=visit.store_id,
        store_name=visit.store_name,
        check_in=_stamp_to_pb(visit.check_in),
        check_out=_stamp_to_pb(visit.check_out),
        core_demand=visit.core_demand,
        commitments=[
            pb.Commitment(
                commitment_id=c.commitment_id,
                description=c.description,
                due_date=c.due_date.isoformat() if c.due_date else "",
                status=COMMITMENT_STATUS_TO_PB[c.status],
            )
            for c in visit.commitments
        ],
        photo_ids=visit.photo_ids,
        special_price_requested=visit.special_price_requested,
        notes=visit.notes,
        submitted_at=to_timestamp(visit.submitted_at),
    )
