"""The events a card and its commitments publish, built from the domain objects. Every
field of VisitSubmitted is filled, so scoring, media and assignment need no second lookup."""

from __future__ import annotations

from sales.common.v1 import types_pb2
from sales.events.v1 import visit_events_pb2 as ev
from services.common.geo import GeoPoint
from services.common.proto_codes import CUSTOMER_TYPE_FROM_PB, DATUM_TO_PB
from services.common.proto_time import to_timestamp
from services.common.unit_of_work import Transaction
from services.visits.domain.cards import Card
from services.visits.domain.commitments import Commitment

CUSTOMER_TYPE_TO_PB = {code: value for value, code in CUSTOMER_TYPE_FROM_PB.items()}


def geo_pb(point: GeoPoint) -> types_pb2.GeoPoint:
    return types_pb2.GeoPoint(
        latitude=point.latitude,
        longitude=point.longitude,
        datum=DATUM_TO_PB.get(point.datum, types_pb2.DATUM_UNSPECIFIED),
        accuracy_m=point.accuracy_m,
    )


def _lines(card: Card, event: ev.VisitSubmitted) -> None:
    event.photos.extend(ev.PhotoRef(photo_id=p.photo_id, slot=p.slot) for p in card.draft.photos)
    event.samples.extend(ev.SkuLine(sku=s.sku, quantity=s.quantity) for s in card.samples)
    event.returns.extend(
        ev.ReturnLine(sku=r.sku, quantity=r.quantity, reason=r.reason) for r in card.returns
    )
    event.price_lines.extend(
        ev.PriceLine(
            sku=p.sku,
            list_price_fen=p.list_price_fen,
            requested_price_fen=p.requested_price_fen,
            quantity=p.quantity,
        )
        for p in card.price_lines
    )


def visit_submitted(card: Card) -> ev.VisitSubmitted:
    draft = card.draft
    assert draft.check_in is not None and draft.check_out is not None
    event = ev.VisitSubmitted(
        visit_id=card.visit_id, rep_id=card.rep_id, lead_id=card.lead_id,
        store_id=card.store_id, store_name=card.store_name, region_code=card.region_code,
        customer_class=CUSTOMER_TYPE_TO_PB.get(card.customer_class, 0),
        checked_in_at=to_timestamp(draft.check_in.at),
        checked_out_at=to_timestamp(draft.check_out.at),
        submitted_at=to_timestamp(card.submitted_at), received_at=to_timestamp(card.received_at),
        submit_delay_seconds=card.submit_delay_seconds,
        check_in_location=geo_pb(draft.check_in.location),
        check_out_location=geo_pb(draft.check_out.location),
        distance_to_store_m=card.distance_to_store_m or 0.0,
        distance_known=card.distance_to_store_m is not None,
        core_demand=draft.core_demand, photo_ids=card.photo_ids,
        commitment_ids=[c.commitment_id for c in draft.commitments],
        special_price_requested=draft.special_price_requested,
        supervisor_id=card.supervisor_id, team_id=card.team_id,
        plan_item_id=card.plan_item_id, plan_date=card.plan_date,
        missing_items=card.missing_items, plausibility_flags=card.plausibility_flags,
        implied_speed_kmh=card.implied_speed_kmh, first_visit_of_store=card.first_visit_of_store,
        store_registered_at=to_timestamp(card.store_registered_at),
        store_owner_rep_id=card.store_owner_rep_id, approval_id=card.approval_id,
    )  # fmt: skip
    _lines(card, event)
    return event


def commitment_created(c: Commitment) -> ev.CommitmentCreated:
    return ev.CommitmentCreated(
        commitment_id=c.commitment_id, visit_id=c.visit_id, rep_id=c.rep_id,
        store_id=c.store_id, description=c.description, due_date=c.due_date.isoformat(),
        created_at=to_timestamp(c.created_at), supervisor_id=c.supervisor_id,
        store_name=c.store_name, team_id=c.team_id, region_code=c.region_code,
    )  # fmt: skip


def commitment_closed(c: Commitment) -> ev.CommitmentClosed:
    return ev.CommitmentClosed(
        commitment_id=c.commitment_id, visit_id=c.visit_id, rep_id=c.rep_id,
        store_id=c.store_id, status=c.status.value, note=c.note,
        due_date=c.due_date.isoformat(), closed_at=to_timestamp(c.closed_at),
        on_time=c.on_time, closed_in_visit_id=c.closed_in_visit_id,
        supervisor_id=c.supervisor_id,
    )  # fmt: skip


def emit_card(
    tx: Transaction, card: Card, created: list[Commitment], closed: list[Commitment]
) -> None:
    tx.emit("visit.submitted", visit_submitted(card), card.tenant_id)
    for commitment in created:
        tx.emit("commitment.created", commitment_created(commitment), card.tenant_id)
    for commitment in closed:
        tx.emit("commitment.closed", commitment_closed(commitment), card.tenant_id)
