"""Use cases of the visit card: submit once (idempotent for offline replays), read back."""

from __future__ import annotations

from datetime import datetime

from sales.events.v1 import visit_events_pb2
from services.common.clock import to_millis
from services.common.errors import AlreadyExists, NotFound
from services.common.proto_time import to_timestamp
from services.common.unit_of_work import MongoUnitOfWork, Transaction
from services.visits.domain.model import Visit
from services.visits.domain.validation import validate_visit


def _visit_submitted(visit: Visit) -> visit_events_pb2.VisitSubmitted:
    assert visit.check_in and visit.check_out
    event = visit_events_pb2.VisitSubmitted(
        visit_id=visit.visit_id,
        rep_id=visit.rep_id,
        lead_id=visit.lead_id,
        store_id=visit.store_id,
        checked_in_at=to_timestamp(visit.check_in.at),
        checked_out_at=to_timestamp(visit.check_out.at),
        submitted_at=to_timestamp(visit.submitted_at),
        core_demand=visit.core_demand,
        photo_ids=visit.photo_ids,
        commitment_ids=[c.commitment_id for c in visit.commitments],
        special_price_requested=visit.special_price_requested,
    )
    loc = event.check_in_location
    loc.latitude, loc.longitude = visit.check_in.latitude, visit.check_in.longitude
    loc.accuracy_m = visit.check_in.accuracy_m
    return event


def submit_visit(uow: MongoUnitOfWork, visit: Visit, now: datetime) -> Visit:
    """SPEC V2: one card, one submit. Replaying the same card returns it unchanged; a
    different card with a used id is refused. Nothing is written unless all of it is."""
    validate_visit(visit)
    visit.submitted_at = to_millis(now)

    def work(tx: Transaction) -> Visit:
        existing = tx.repo.cards.get_visit(visit.tenant_id, visit.visit_id)
        if existing is not None:
            if existing.fingerprint() == visit.fingerprint():
                return existing
            raise AlreadyExists(f"拜访编号 {visit.visit_id} 已用于另一张拜访卡")
        for c in visit.commitments:
            if tx.repo.cards.commitment_exists(c.commitment_id):
                raise AlreadyExists(f"承诺编号 {c.commitment_id} 已存在")
        tx.repo.cards.add_visit(visit)
        tx.emit("visit.submitted", _visit_submitted(visit), visit.tenant_id)
        for c in visit.commitments:
            event = visit_events_pb2.CommitmentCreated(
                commitment_id=c.commitment_id,
                visit_id=visit.visit_id,
                rep_id=visit.rep_id,
                store_id=visit.store_id,
                description=c.description,
                due_date=c.due_date.isoformat() if c.due_date else "",
                created_at=to_timestamp(now),
            )
            tx.emit("commitment.created", event, visit.tenant_id)
        return visit

    result = uow.run(work, correlation_id=visit.visit_id)
    return result


def get_visit(uow: MongoUnitOfWork, tenant_id: str, visit_id: str) -> Visit:
    visit = uow.run(lambda tx: tx.repo.cards.get_visit(tenant_id, visit_id))
    if visit is None:
        raise NotFound(f"拜访 {visit_id} 不存在")
    return visit
