"""MongoDB storage of the thin visit card and its commitments (visits-b1 replaces it)."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Any

from pymongo import IndexModel
from pymongo.client_session import ClientSession
from pymongo.database import Database

from services.common.mongo import IndexPlan
from services.visits.domain.model import Commitment, CommitmentStatus, GpsStamp, Visit

INDEXES: IndexPlan = {
    "visits": [IndexModel([("tenant_id", 1), ("rep_id", 1), ("submitted_at", -1)], name="by_rep")],
    "commitments": [
        IndexModel([("tenant_id", 1), ("rep_id", 1), ("status", 1), ("due_date", 1)], name="due"),
        IndexModel([("visit_id", 1)], name="by_visit"),
    ],
}


def _stamp_from(doc: dict[str, Any] | None) -> GpsStamp | None:
    return GpsStamp(**doc) if doc else None


def visit_to_doc(visit: Visit) -> dict[str, Any]:
    doc = asdict(visit)
    doc["_id"] = doc.pop("visit_id")
    doc["commitment_ids"] = [c.commitment_id for c in visit.commitments]
    doc.pop("commitments")
    return doc


class MongoCardRepository:
    def __init__(self, db: Database, session: ClientSession | None) -> None:
        self._visits = db["visits"]
        self._commitments = db["commitments"]
        self._s = session

    def get_visit(self, tenant_id: str, visit_id: str) -> Visit | None:
        doc = self._visits.find_one({"_id": visit_id, "tenant_id": tenant_id}, session=self._s)
        if doc is None:
            return None
        commitments = [
            Commitment(
                commitment_id=c["_id"],
                description=c["description"],
                due_date=date.fromisoformat(c["due_date"]) if c["due_date"] else None,
                status=CommitmentStatus(c["status"]),
            )
            for c in self._commitments.find({"visit_id": visit_id}, session=self._s)
        ]
        order = {cid: i for i, cid in enumerate(doc["commitment_ids"])}
        commitments.sort(key=lambda c: order.get(c.commitment_id, 0))
        return Visit(
            visit_id=doc["_id"],
            tenant_id=doc["tenant_id"],
            rep_id=doc["rep_id"],
            lead_id=doc["lead_id"],
            store_id=doc["store_id"],
            store_name=doc["store_name"],
            check_in=_stamp_from(doc["check_in"]),
            check_out=_stamp_from(doc["check_out"]),
            core_demand=doc["core_demand"],
            commitments=commitments,
            photo_ids=doc["photo_ids"],
            special_price_requested=doc["special_price_requested"],
            notes=doc["notes"],
            submitted_at=doc["submitted_at"],
        )

    def commitment_exists(self, commitment_id: str) -> bool:
        return (
            self._commitments.find_one(
                {"_id": commitment_id}, projection={"_id": 1}, session=self._s
            )
            is not None
        )

    def add_visit(self, visit: Visit) -> None:
        self._visits.insert_one(visit_to_doc(visit), session=self._s)
        if visit.commitments:
            self._commitments.insert_many(
                [
                    {
                        "_id": c.commitment_id,
                        "tenant_id": visit.tenant_id,
                        "rep_id": visit.rep_id,
                        "visit_id": visit.visit_id,
                        "store_id": visit.store_id,
                        "description": c.description,
                        "due_date": c.due_date.isoformat() if c.due_date else "",
                        "status": c.status.value,
                        "created_at": visit.submitted_at,
                    }
                    for c in visit.commitments
                ],
                session=self._s,
            )
