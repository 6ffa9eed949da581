"""A visit card <-> its MongoDB document. Dates people read are ISO strings, instants are
UTC datetimes, and every point keeps its datum."""

from __future__ import annotations

from datetime import date
from typing import Any

from services.common.clock import as_utc
from services.common.geo import GeoPoint
from services.visits.domain.cards import (
    Card,
    CardDraft,
    CommitmentUpdate,
    NewCommitment,
    PhotoRef,
    Stamp,
)
from services.visits.domain.lines import PriceLine, ReturnLine, SampleLine
from services.visits.domain.stores import StoreDraft


def point_doc(point: GeoPoint | None) -> dict[str, Any] | None:
    return vars(point).copy() if point is not None else None


def point_from(doc: dict[str, Any] | None) -> GeoPoint | None:
    return GeoPoint(**doc) if doc else None


def _stamp_doc(stamp: Stamp | None) -> dict[str, Any] | None:
    if stamp is None:
        return None
    return {"location": point_doc(stamp.location), "at": stamp.at, "mock": stamp.mock_location}


def _stamp_from(doc: dict[str, Any] | None) -> Stamp | None:
    if doc is None:
        return None
    return Stamp(point_from(doc["location"]), as_utc(doc["at"]), doc["mock"])  # type: ignore[arg-type]


def _draft_doc(d: CardDraft) -> dict[str, Any]:
    return {
        "lead_id": d.lead_id,
        "store_id": d.store_id,
        "check_in": _stamp_doc(d.check_in),
        "check_out": _stamp_doc(d.check_out),
        "photos": [[p.photo_id, p.slot] for p in d.photos],
        "core_demand": d.core_demand,
        "commitments": [[c.commitment_id, c.description, c.due_date.isoformat()] for c in d.commitments],
        "no_commitment": d.no_commitment,
        "commitment_updates": [[u.commitment_id, u.status, u.note] for u in d.commitment_updates],
        "special_price_requested": d.special_price_requested,
        "price_lines": [[p.sku, p.list_price_fen, p.requested_price_fen, p.quantity] for p in d.price_lines],
        "samples": [[s.sku, s.quantity] for s in d.samples],
        "returns": [[r.sku, r.quantity, r.reason] for r in d.returns],
        "notes": d.notes,
        "new_store": (
            {**vars(d.new_store), "location": point_doc(d.new_store.location)}
            if d.new_store
            else None
        ),
        "completed_at": d.completed_at,
    }  # fmt: skip


def _draft_from(doc: dict[str, Any], tenant_id: str, visit_id: str, rep_id: str) -> CardDraft:
    d = doc["draft"]
    new_store = d["new_store"]
    return CardDraft(
        visit_id=visit_id, tenant_id=tenant_id, rep_id=rep_id, store_id=d["store_id"],
        check_in=_stamp_from(d["check_in"]), check_out=_stamp_from(d["check_out"]),
        lead_id=d["lead_id"], photos=tuple(PhotoRef(*p) for p in d["photos"]),
        core_demand=d["core_demand"],
        commitments=tuple(
            NewCommitment(c[0], c[1], date.fromisoformat(c[2])) for c in d["commitments"]
        ),
        no_commitment=d["no_commitment"],
        commitment_updates=tuple(CommitmentUpdate(*u) for u in d["commitment_updates"]),
        special_price_requested=d["special_price_requested"],
        price_lines=tuple(PriceLine(*p) for p in d["price_lines"]),
        samples=tuple(SampleLine(*s) for s in d["samples"]),
        returns=tuple(ReturnLine(*r) for r in d["returns"]),
        notes=d["notes"],
        new_store=(
            StoreDraft(**{**new_store, "location": point_from(new_store["location"])})
            if new_store
            else None
        ),
        completed_at=as_utc(d["completed_at"]) if d["completed_at"] else None,
    )  # fmt: skip


DERIVED = (
    "fingerprint", "store_name", "region_code", "customer_class", "store_owner_rep_id",
    "store_registered_at", "received_at", "submitted_at", "submit_delay_seconds",
    "distance_to_store_m", "missing_items", "plausibility_flags", "implied_speed_kmh",
    "supervisor_id", "team_id", "plan_item_id", "plan_date", "approval_id",
    "first_visit_of_store", "store_registered_from_card", "pending_photo_ids",
)  # fmt: skip
INSTANTS = ("store_registered_at", "received_at", "submitted_at")


def card_key(tenant_id: str, visit_id: str) -> str:
    # Visit ids are the client's: scoping the key by tenant means another tenant's id can
    # neither collide with this one nor be detected through it.
    return f"{tenant_id}:{visit_id}"


def card_to_doc(card: Card) -> dict[str, Any]:
    return {
        "_id": card_key(card.tenant_id, card.visit_id),
        "tenant_id": card.tenant_id,
        "visit_id": card.visit_id,
        "rep_id": card.rep_id,
        "store_id": card.store_id,
        "checked_in_at": card.checked_in_at,
        "draft": _draft_doc(card.draft),
        **{name: getattr(card, name) for name in DERIVED},
    }


def card_from_doc(doc: dict[str, Any]) -> Card:
    derived = {name: doc.get(name, []) for name in DERIVED}
    for name in INSTANTS:
        derived[name] = as_utc(derived[name]) if derived[name] else None
    return Card(
        draft=_draft_from(doc, doc["tenant_id"], doc["visit_id"], doc["rep_id"]),
        store_id=doc["store_id"],
        **derived,
    )
