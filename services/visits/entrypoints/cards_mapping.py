"""Card contract messages <-> domain objects. What cannot even be read off the wire (a
timestamp outside protobuf's range, negative nanos, a date that is not YYYY-MM-DD, an
unknown enum) becomes a field violation here, so the submit reports it with every other
offending field instead of failing with INTERNAL."""

from __future__ import annotations

from datetime import UTC, date, datetime

from google.protobuf.timestamp_pb2 import Timestamp

from sales.common.v1 import types_pb2
from sales.visits.v1 import cards_pb2 as pb
from services.common.clock import SHANGHAI, to_millis
from services.common.errors import FieldViolation
from services.common.geo import GeoPoint
from services.common.proto_codes import CUSTOMER_TYPE_FROM_PB, DATUM_FROM_PB
from services.common.proto_time import to_timestamp
from services.visits.application.card_events import CUSTOMER_TYPE_TO_PB, geo_pb
from services.visits.application.cards import Prefill
from services.visits.domain.cards import (
    MISSING_ITEMS,
    PHOTO_SLOTS,
    PLAUSIBILITY_FLAGS,
    Card,
    CardDraft,
    CommitmentUpdate,
    NewCommitment,
    PhotoRef,
    Stamp,
)
from services.visits.domain.lines import RETURN_REASONS, PriceLine, ReturnLine, SampleLine
from services.visits.domain.stores import Store, StoreDraft
from services.visits.entrypoints.commitments_mapping import (
    STATUS_FROM_PB,
    STATUS_TO_PB,
    commitment_to_pb,
)

SLOT_FROM_PB = {
    pb.PHOTO_SLOT_STOREFRONT: "storefront",
    pb.PHOTO_SLOT_SHELF: "shelf",
    pb.PHOTO_SLOT_MEETING: "meeting",
}
SLOT_TO_PB = {code: value for value, code in SLOT_FROM_PB.items()}
WireErrors = list[FieldViolation]


def instant(ts: Timestamp, name: str, errors: WireErrors) -> datetime | None:
    """A set Timestamp as a UTC datetime to the millisecond (what MongoDB keeps, so a replay
    compares equal); None when unset or unreadable (the latter noted in `errors`)."""
    if ts.seconds == 0 and ts.nanos == 0:
        return None
    try:
        return to_millis(ts.ToDatetime(tzinfo=UTC))
    except ValueError:
        errors.append(FieldViolation(name, "时间无效(超出范围或纳秒为负)"))
        return None


def point(message: types_pb2.GeoPoint) -> GeoPoint:
    return GeoPoint(
        latitude=message.latitude,
        longitude=message.longitude,
        datum=DATUM_FROM_PB.get(message.datum, ""),
        accuracy_m=message.accuracy_m,
    )


def _stamp(request: pb.SubmitVisitRequest, name: str, errors: WireErrors) -> Stamp | None:
    if not request.HasField(name):
        return None
    message: pb.GpsStamp = getattr(request, name)
    at = instant(message.at, f"{name}.at", errors)
    if at is None:
        if not errors or errors[-1].field != f"{name}.at":
            errors.append(FieldViolation(f"{name}.at", "必须记录时间"))
        return None
    return Stamp(point(message.location), at, message.mock_location)


def _due(text: str, name: str, errors: WireErrors) -> date:
    try:
        if len(text) == 10:
            return date.fromisoformat(text)
    except ValueError:
        pass
    errors.append(FieldViolation(name, "截止日期格式必须是 YYYY-MM-DD"))
    return date.min


def store_draft(message: pb.NewStore) -> StoreDraft:
    return StoreDraft(
        name=message.name,
        address=message.address,
        location=point(message.location) if message.HasField("location") else None,
        region_code=message.region_code,
        customer_class=CUSTOMER_TYPE_FROM_PB.get(message.customer_class, ""),
        contact=message.contact_name,
        phone=message.phone,
    )


def _lines(r: pb.SubmitVisitRequest) -> dict:
    return {
        "price_lines": tuple(
            PriceLine(p.sku, p.list_price_fen, p.requested_price_fen, p.quantity)
            for p in r.price_lines
        ),
        "samples": tuple(SampleLine(s.sku, s.quantity) for s in r.samples),
        "returns": tuple(ReturnLine(x.sku, x.quantity, x.reason) for x in r.returns),
    }


def draft_from_request(r: pb.SubmitVisitRequest) -> tuple[CardDraft, WireErrors]:
    errors: WireErrors = []
    commitments = tuple(
        NewCommitment(c.commitment_id, c.description, _due(c.due_date, f"commitments[{i}].due_date", errors))
        for i, c in enumerate(r.commitments[:100])
    ) + tuple(NewCommitment(c.commitment_id, "", date.min) for c in r.commitments[100:])  # fmt: skip
    draft = CardDraft(
        visit_id=r.visit_id, tenant_id=r.tenant_id, rep_id=r.rep_id, store_id=r.store_id,
        check_in=_stamp(r, "check_in", errors), check_out=_stamp(r, "check_out", errors),
        lead_id=r.lead_id, photos=tuple(PhotoRef(p.photo_id, SLOT_FROM_PB.get(p.slot, "")) for p in r.photos),
        core_demand=r.core_demand, commitments=commitments, no_commitment=r.no_commitment,
        commitment_updates=tuple(
            CommitmentUpdate(u.commitment_id, STATUS_FROM_PB.get(u.status, ""), u.note)
            for u in r.commitment_updates
        ),
        special_price_requested=r.special_price_requested, notes=r.notes,
        new_store=store_draft(r.new_store) if r.HasField("new_store") else None,
        completed_at=instant(r.completed_at, "completed_at", errors), **_lines(r),
    )  # fmt: skip
    return draft, errors


def choices(table: dict[str, str], codes: list[str] | None = None) -> list[pb.Choice]:
    return [
        pb.Choice(code=c, label=table.get(c, c)) for c in (codes if codes is not None else table)
    ]


def _stamp_pb(stamp: Stamp | None) -> pb.GpsStamp | None:
    if stamp is None:
        return None
    return pb.GpsStamp(location=geo_pb(stamp.location), at=to_timestamp(stamp.at),
                       mock_location=stamp.mock_location)  # fmt: skip


def _draft_fields(d: CardDraft) -> dict:
    return {
        "visit_id": d.visit_id, "tenant_id": d.tenant_id, "rep_id": d.rep_id,
        "lead_id": d.lead_id, "check_in": _stamp_pb(d.check_in), "check_out": _stamp_pb(d.check_out),
        "core_demand": d.core_demand, "photo_ids": [p.photo_id for p in d.photos],
        "photos": [pb.CardPhoto(photo_id=p.photo_id, slot=SLOT_TO_PB[p.slot]) for p in d.photos],
        "special_price_requested": d.special_price_requested, "notes": d.notes,
        "no_commitment": d.no_commitment,
        "commitment_updates": [
            pb.CommitmentUpdateInput(commitment_id=u.commitment_id, status=STATUS_TO_PB[u.status], note=u.note)
            for u in d.commitment_updates
        ],
        "price_lines": [pb.PriceLine(sku=p.sku, list_price_fen=p.list_price_fen,
                                     requested_price_fen=p.requested_price_fen, quantity=p.quantity)
                        for p in d.price_lines],
        "samples": [pb.SampleLine(sku=s.sku, quantity=s.quantity) for s in d.samples],
        "returns": [pb.ReturnLine(sku=x.sku, quantity=x.quantity, reason=x.reason) for x in d.returns],
        "completed_at": to_timestamp(d.completed_at),
    }  # fmt: skip


def visit_to_pb(card: Card, created: list | None = None, today: date | None = None) -> pb.Visit:
    """`created`: the commitments this card created, in their current state."""
    return pb.Visit(
        **_draft_fields(card.draft),
        store_id=card.store_id, store_name=card.store_name, region_code=card.region_code,
        submitted_at=to_timestamp(card.submitted_at), received_at=to_timestamp(card.received_at),
        submit_delay_seconds=card.submit_delay_seconds,
        distance_to_store_m=card.distance_to_store_m or 0.0,
        distance_known=card.distance_to_store_m is not None,
        missing_items=choices(MISSING_ITEMS, card.missing_items),
        plausibility_flags=choices(PLAUSIBILITY_FLAGS, card.plausibility_flags),
        implied_speed_kmh=card.implied_speed_kmh, plan_item_id=card.plan_item_id,
        plan_date=card.plan_date, approval_id=card.approval_id,
        first_visit_of_store=card.first_visit_of_store,
        store_registered_from_card=card.store_registered_from_card,
        pending_photo_ids=card.pending_photo_ids,
        commitments=[commitment_to_pb(c, today) for c in created or []],
    )  # fmt: skip


def store_facts(store: Store) -> pb.StoreFacts:
    return pb.StoreFacts(
        store_id=store.store_id, name=store.name, address=store.address,
        location=geo_pb(store.location) if store.location else None,
        region_code=store.region_code,
        customer_class=CUSTOMER_TYPE_TO_PB.get(store.customer_class, 0),
        contact_name=store.contact_name, phone=store.phone, owner_rep_id=store.owner_rep_id,
    )  # fmt: skip


def prefill_to_pb(prefill: Prefill, now: datetime) -> pb.VisitPrefill:
    today = now.astimezone(SHANGHAI).date()
    return pb.VisitPrefill(
        store=store_facts(prefill.store),
        open_commitments=[commitment_to_pb(c, today) for c in prefill.open_commitments],
        plan_item_id=prefill.plan_item.item_id if prefill.plan_item else "",
        visit_date=today.isoformat(),
        core_demands=choices(prefill.settings.core_demands),
        photo_slots=choices(PHOTO_SLOTS),
        return_reasons=choices(RETURN_REASONS),
        missing_item_labels=choices(MISSING_ITEMS),
    )
