"""MongoDB implementation of AssignmentRepository. Every query is backed by an index in
INDEXES; claims are single conditional updates (no find_one_and_update: see ADR 003)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pymongo import ASCENDING, DESCENDING, IndexModel
from pymongo.client_session import ClientSession
from pymongo.database import Database
from pymongo.errors import DuplicateKeyError

from services.assignment.domain.model import (
    Candidate,
    CustomerType,
    Decision,
    GeoPoint,
    Lead,
    LeadStatus,
    Rep,
    RepStatus,
    Urgency,
)
from services.common.errors import AlreadyExists
from services.common.mongo import IndexPlan

INDEXES: IndexPlan = {
    "leads": [
        IndexModel([("tenant_id", 1), ("external_id", 1)], unique=True, name="external_id"),
        IndexModel([("tenant_id", 1), ("status", 1), ("created_at", 1)], name="pool"),
        IndexModel([("tenant_id", 1), ("assigned_rep_id", 1), ("_id", -1)], name="by_rep"),
        IndexModel([("tenant_id", 1), ("_id", -1)], name="newest"),
    ],
    "reps": [IndexModel([("tenant_id", 1), ("status", 1)], name="tenant_status")],
}


def _rep_key(tenant_id: str, rep_id: str) -> str:
    return f"{tenant_id}:{rep_id}"


def lead_to_doc(lead: Lead) -> dict[str, Any]:
    decision = lead.decision
    return {
        "_id": lead.lead_id,
        "tenant_id": lead.tenant_id,
        "external_id": lead.external_id,
        "channel": lead.channel,
        "customer_type": lead.customer_type.value,
        "region_code": lead.region_code,
        "urgency": lead.urgency.value,
        "customer_name": lead.customer_name,
        "contact_name": lead.contact_name,
        "phone": lead.phone,
        "address": lead.address,
        "location": vars(lead.location) if lead.location else None,
        "store_id": lead.store_id,
        "created_at": lead.created_at,
        "status": lead.status.value,
        "assigned_rep_id": lead.assigned_rep_id,
        "assigned_at": lead.assigned_at,
        "decision": None
        if decision is None
        else {
            "rule_id": decision.rule_id,
            "rule_version": decision.rule_version,
            "strategy": decision.strategy,
            "reason": decision.reason,
            "decided_at": decision.decided_at,
            "candidates": [vars(c) for c in decision.candidates],
        },
    }


def lead_from_doc(doc: dict[str, Any]) -> Lead:
    d = doc.get("decision")
    return Lead(
        lead_id=doc["_id"],
        tenant_id=doc["tenant_id"],
        external_id=doc["external_id"],
        channel=doc["channel"],
        customer_type=CustomerType(doc["customer_type"]),
        region_code=doc["region_code"],
        urgency=Urgency(doc["urgency"]),
        customer_name=doc["customer_name"],
        contact_name=doc["contact_name"],
        phone=doc["phone"],
        address=doc["address"],
        location=GeoPoint(**doc["location"]) if doc.get("location") else None,
        store_id=doc["store_id"],
        created_at=doc["created_at"],
        status=LeadStatus(doc["status"]),
        assigned_rep_id=doc["assigned_rep_id"],
        assigned_at=doc["assigned_at"],
        decision=None
        if d is None
        else Decision(
            rule_id=d["rule_id"],
            rule_version=d["rule_version"],
            strategy=d["strategy"],
            reason=d["reason"],
            decided_at=d["decided_at"],
            candidates=[Candidate(**c) for c in d["candidates"]],
        ),
    )


def rep_from_doc(doc: dict[str, Any]) -> Rep:
    return Rep(
        tenant_id=doc["tenant_id"],
        rep_id=doc["rep_id"],
        name=doc["name"],
        supervisor_id=doc["supervisor_id"],
        region_codes=tuple(doc["region_codes"]),
        customer_types=tuple(CustomerType(t) for t in doc["customer_types"]),
        capacity=doc["capacity"],
        status=RepStatus(doc["status"]),
        open_leads=doc.get("open_leads", 0),
        pending_visits=doc.get("pending_visits", 0),
        last_effective_visit_at=doc.get("last_effective_visit_at"),
    )


class MongoAssignmentRepository:
    def __init__(self, db: Database, session: ClientSession | None) -> None:
        self._leads = db["leads"]
        self._reps = db["reps"]
        self._s = session

    # leads
    def lead_by_external_id(self, tenant_id: str, external_id: str) -> Lead | None:
        doc = self._leads.find_one(
            {"tenant_id": tenant_id, "external_id": external_id}, session=self._s
        )
        return lead_from_doc(doc) if doc else None

    def get_lead(self, tenant_id: str, lead_id: str) -> Lead | None:
        doc = self._leads.find_one({"_id": lead_id, "tenant_id": tenant_id}, session=self._s)
        return lead_from_doc(doc) if doc else None

    def add_lead(self, lead: Lead) -> None:
        try:
            self._leads.insert_one(lead_to_doc(lead), session=self._s)
        except DuplicateKeyError:
            raise AlreadyExists(f"来源编号 {lead.external_id} 的线索已存在") from None

    def save_lead(self, lead: Lead) -> None:
        self._leads.replace_one({"_id": lead.lead_id}, lead_to_doc(lead), session=self._s)

    def waiting_leads(self, tenant_id: str, limit: int) -> list[Lead]:
        cursor = (
            self._leads.find(
                {"tenant_id": tenant_id, "status": LeadStatus.WAITING.value}, session=self._s
            )
            .sort([("created_at", ASCENDING)])
            .limit(limit)
        )
        return [lead_from_doc(d) for d in cursor]

    def list_leads(
        self, tenant_id: str, rep_id: str, status: LeadStatus | None, after: str, limit: int
    ) -> list[Lead]:
        query: dict[str, Any] = {"tenant_id": tenant_id}
        if rep_id:
            query["assigned_rep_id"] = rep_id
        if status is not None:
            query["status"] = status.value
        if after:
            query["_id"] = {"$lt": after}
        cursor = self._leads.find(query, session=self._s).sort([("_id", DESCENDING)]).limit(limit)
        return [lead_from_doc(d) for d in cursor]

    # reps
    def reps(self, tenant_id: str) -> list[Rep]:
        cursor = self._reps.find(
            {"tenant_id": tenant_id, "status": RepStatus.ACTIVE.value}, session=self._s
        )
        return [rep_from_doc(d) for d in cursor]

    def get_rep(self, tenant_id: str, rep_id: str) -> Rep | None:
        doc = self._reps.find_one({"_id": _rep_key(tenant_id, rep_id)}, session=self._s)
        return rep_from_doc(doc) if doc else None

    def upsert_rep_profile(self, rep: Rep) -> None:
        self._reps.update_one(
            {"_id": _rep_key(rep.tenant_id, rep.rep_id)},
            {
                "$set": {
                    "tenant_id": rep.tenant_id,
                    "rep_id": rep.rep_id,
                    "name": rep.name,
                    "supervisor_id": rep.supervisor_id,
                    "region_codes": list(rep.region_codes),
                    "customer_types": [t.value for t in rep.customer_types],
                    "capacity": rep.capacity,
                    "status": rep.status.value,
                },
                "$setOnInsert": {
                    "open_leads": 0,
                    "pending_visits": 0,
                    "last_effective_visit_at": None,
                },
            },
            upsert=True,
            session=self._s,
        )

    def claim_rep(self, rep: Rep) -> bool:
        result = self._reps.update_one(
            {
                "_id": _rep_key(rep.tenant_id, rep.rep_id),
                "status": RepStatus.ACTIVE.value,
                "pending_visits": 0,
                "capacity": rep.capacity,
                "open_leads": {"$lt": rep.capacity},
            },
            {"$inc": {"open_leads": 1, "pending_visits": 1}},
            session=self._s,
        )
        return result.modified_count == 1

    def complete_visit_task(self, tenant_id: str, rep_id: str, visited_at: datetime) -> None:
        self._reps.update_one(
            {"_id": _rep_key(tenant_id, rep_id), "pending_visits": {"$gt": 0}},
            {"$inc": {"pending_visits": -1}},
            session=self._s,
        )
        self.note_visit(tenant_id, rep_id, visited_at)

    def note_visit(self, tenant_id: str, rep_id: str, visited_at: datetime) -> None:
        self._reps.update_one(
            {"_id": _rep_key(tenant_id, rep_id)},
            {"$max": {"last_effective_visit_at": visited_at}},
            session=self._s,
        )
