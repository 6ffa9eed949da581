"""MongoDB storage of special-price approvals and of reps' data-credit standings (the green
channel's read model of scoring's score.threshold_crossed)."""

from __future__ import annotations

from typing import Any

from pymongo import ASCENDING, DESCENDING, IndexModel
from pymongo.client_session import ClientSession
from pymongo.database import Database
from pymongo.errors import DuplicateKeyError

from services.common.clock import as_utc
from services.common.errors import AlreadyExists
from services.common.mongo import IndexPlan
from services.visits.domain.approvals import (
    Approval,
    ApprovalStatus,
    AuditAction,
    AuditEntry,
    CreditStanding,
    region_keys,
)
from services.visits.domain.lines import PriceLine

SEP = "\x1f"

INDEXES: IndexPlan = {
    "approvals": [
        IndexModel(
            [("tenant_id", ASCENDING), ("visit_id", ASCENDING)], name="one_per_visit", unique=True
        ),
        # finance's queue: waiting orders of the regions they cover, fast lane first
        IndexModel(
            [
                ("tenant_id", ASCENDING),
                ("waiting", ASCENDING),
                ("region_keys", ASCENDING),
                ("queue_key", ASCENDING),
            ],
            name="queue_by_region",
        ),
        IndexModel(
            [("tenant_id", ASCENDING), ("waiting", ASCENDING), ("queue_key", ASCENDING)],
            name="queue",
        ),
        IndexModel(
            [("tenant_id", ASCENDING), ("rep_id", ASCENDING), ("_id", DESCENDING)],
            name="by_rep_newest",
        ),
    ],
    "credit_standings": [],  # by _id only
}


def _line_doc(line: PriceLine) -> dict[str, Any]:
    return {
        "sku": line.sku,
        "list_price_fen": line.list_price_fen,
        "requested_price_fen": line.requested_price_fen,
        "quantity": line.quantity,
    }


def approval_to_doc(a: Approval) -> dict[str, Any]:
    return {
        "_id": a.approval_id,
        "tenant_id": a.tenant_id,
        "visit_id": a.visit_id,
        "rep_id": a.rep_id,
        "supervisor_id": a.supervisor_id,
        "store_id": a.store_id,
        "store_name": a.store_name,
        "region_code": a.region_code,
        "region_keys": region_keys(a.region_code),
        "lines": [_line_doc(line) for line in a.lines],
        "requested_at": a.requested_at,
        "finance_ids": a.finance_ids,
        "fast_lane": a.fast_lane,
        "status": a.status.value,
        "waiting": a.waiting,
        "queue_key": a.queue_key(),
        "auto_approved": a.auto_approved,
        "reviewed_by": a.reviewed_by,
        "decided_by": a.decided_by,
        "decided_at": a.decided_at,
        "comment": a.comment,
        "audit": [
            {"at": e.at, "actor_id": e.actor_id, "action": e.action.value, "comment": e.comment}
            for e in a.audit
        ],
        "version": a.version,
    }


def approval_from_doc(d: dict[str, Any]) -> Approval:
    return Approval(
        approval_id=d["_id"],
        tenant_id=d["tenant_id"],
        visit_id=d["visit_id"],
        rep_id=d["rep_id"],
        supervisor_id=d["supervisor_id"],
        store_id=d["store_id"],
        store_name=d["store_name"],
        region_code=d["region_code"],
        lines=[PriceLine(**line) for line in d["lines"]],
        requested_at=as_utc(d["requested_at"]),
        finance_ids=list(d["finance_ids"]),
        fast_lane=d["fast_lane"],
        status=ApprovalStatus(d["status"]),
        auto_approved=d["auto_approved"],
        reviewed_by=d["reviewed_by"],
        decided_by=d["decided_by"],
        decided_at=as_utc(d["decided_at"]) if d["decided_at"] else None,
        comment=d["comment"],
        audit=[
            AuditEntry(as_utc(e["at"]), e["actor_id"], AuditAction(e["action"]), e["comment"])
            for e in d["audit"]
        ],
        version=d["version"],
    )


class MongoApprovalRepository:
    def __init__(self, db: Database, session: ClientSession | None) -> None:
        self._approvals = db["approvals"]
        self._s = session

    def get(self, tenant_id: str, approval_id: str) -> Approval | None:
        doc = self._approvals.find_one({"_id": approval_id}, session=self._s)
        return approval_from_doc(doc) if doc and doc["tenant_id"] == tenant_id else None

    def for_visit(self, tenant_id: str, visit_id: str) -> Approval | None:
        doc = self._approvals.find_one(
            {"tenant_id": tenant_id, "visit_id": visit_id}, session=self._s
        )
        return approval_from_doc(doc) if doc else None

    def add(self, approval: Approval) -> None:
        try:
            self._approvals.insert_one(approval_to_doc(approval), session=self._s)
        except DuplicateKeyError:
            raise AlreadyExists("该拜访已有特价申请") from None

    def save(self, approval: Approval) -> None:
        self._approvals.replace_one(
            {"_id": approval.approval_id}, approval_to_doc(approval), session=self._s
        )

    def queue(self, tenant_id, region_codes, after, limit) -> list[Approval]:
        query: dict[str, Any] = {
            "tenant_id": tenant_id,
            "waiting": True,
            "queue_key": {"$gt": after},
        }
        if region_codes is not None:
            query["region_keys"] = {"$in": list(region_codes)}
        cursor = self._approvals.find(query, session=self._s).sort("queue_key", 1).limit(limit)
        return [approval_from_doc(d) for d in cursor]

    def of_rep(self, tenant_id, rep_id, after, limit) -> list[Approval]:
        query: dict[str, Any] = {"tenant_id": tenant_id, "rep_id": rep_id}
        if after:
            query["_id"] = {"$lt": after}
        cursor = self._approvals.find(query, session=self._s).sort("_id", -1).limit(limit)
        return [approval_from_doc(d) for d in cursor]


class MongoCreditStandings:
    def __init__(self, db: Database, session: ClientSession | None) -> None:
        self._standings = db["credit_standings"]
        self._s = session

    def get(self, tenant_id: str, rep_id: str) -> CreditStanding | None:
        doc = self._standings.find_one({"_id": SEP.join((tenant_id, rep_id))}, session=self._s)
        if doc is None:
            return None
        return CreditStanding(tenant_id, rep_id, doc["score"], doc["period"], as_utc(doc["as_of"]))

    def record(self, standing: CreditStanding) -> bool:
        # Read first, then write: inside the consuming transaction a duplicate-key error
        # would abort the whole transaction; two handlers racing conflict and one retries.
        key = SEP.join((standing.tenant_id, standing.rep_id))
        fields = {"score": standing.score, "period": standing.period, "as_of": standing.as_of}
        known = self._standings.find_one({"_id": key}, {"as_of": 1}, session=self._s)
        if known is None:
            self._standings.insert_one(
                {"_id": key, "tenant_id": standing.tenant_id, "rep_id": standing.rep_id, **fields},
                session=self._s,
            )
            return True
        if as_utc(known["as_of"]) >= standing.as_of:
            return False  # a newer (or the same) standing is already kept
        self._standings.update_one({"_id": key}, {"$set": fields}, session=self._s)
        return True
