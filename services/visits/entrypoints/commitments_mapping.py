"""Commitment contract messages <-> domain objects."""

from __future__ import annotations

from datetime import date

from sales.visits.v1 import commitments_pb2 as pb
from services.common.proto_time import to_timestamp
from services.visits.domain.commitments import Commitment, CommitmentStatus

STATUS_FROM_PB = {
    pb.COMMITMENT_STATUS_OPEN: CommitmentStatus.OPEN.value,
    pb.COMMITMENT_STATUS_DONE: CommitmentStatus.DONE.value,
    pb.COMMITMENT_STATUS_CANCELLED: CommitmentStatus.CANCELLED.value,
}
STATUS_TO_PB = {code: value for value, code in STATUS_FROM_PB.items()}


def commitment_to_pb(c: Commitment, today: date | None = None) -> pb.Commitment:
    return pb.Commitment(
        commitment_id=c.commitment_id, description=c.description,
        due_date=c.due_date.isoformat(), status=STATUS_TO_PB[c.status.value],
        visit_id=c.visit_id, rep_id=c.rep_id, store_id=c.store_id, store_name=c.store_name,
        note=c.note, closed_at=to_timestamp(c.closed_at), on_time=c.on_time,
        closed_in_visit_id=c.closed_in_visit_id, reminders_sent=c.reminders_sent,
        overdue=today is not None and c.is_overdue(today), created_at=to_timestamp(c.created_at),
    )  # fmt: skip
