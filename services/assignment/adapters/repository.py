"""MongoDB implementation of AssignmentRepository. Every query is backed by an index in
INDEXES; claims are single conditional updates (no find_one_and_update: see ADR 003)."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import datetime
from typing import Any

from pymongo import ASCENDING, DESCENDING, IndexModel
from pymongo.client_session import ClientSession
from pymongo.database import Database
from pymongo.errors import BulkWriteError, DuplicateKeyError

from services.assignment.domain.model import (
    HELD_STATUSES,
    OPEN_STATUSES,
    Candidate,
    CustomerType,
    Decision,
    GeoPoint,
    HistoryEntry,
    Lead,
    LeadStatus,
    Rep,
    RepStatus,
    Urgency,
)
from services.assignment.domain.rules import Rule, RuleMatch
from services.assignment.domain.settings import AssignmentSettings
from services.common.errors import AlreadyExists, FailedPrecondition
from services.common.ids import new_id
from services.common.mongo import BY_ID, IndexPlan

log = logging.getLogger(__name__)

INDEXES: IndexPlan = {
    "leads": [
        IndexModel([("tenant_id", 1), ("status", 1), ("created_at", 1)], name="pool"),
        IndexModel([("tenant_id", 1), ("assigned_rep_id", 1), ("_id", -1)], name="by_rep"),
        IndexModel([("tenant_id", 1), ("_id", -1)], name="newest"),
        IndexModel([("status", 1), ("sla_due_at", 1)], name="sla_due"),
        IndexModel([("status", 1), ("waiting_since", 1)], name="waiting_since"),
        IndexModel([("status", 1), ("last_follow_up_at", 1)], name="follow_up"),
        IndexModel([("tenant_id", 1), ("phone", 1), ("status", 1)], name="same_phone"),
        IndexModel([("tenant_id", 1), ("store_id", 1), ("status", 1)], name="same_store"),
    ],
    "reps": [
        IndexModel([("tenant_id", 1), ("status", 1)], name="tenant_status"),
        IndexModel([("holds.at", 1)], name="unconfirmed_claims", sparse=True),
    ],
    "lead_aliases": [],  # keyed by _id = tenant:external_id
    "lead_open_keys": [],  # keyed by _id = tenant:phone:<p> / tenant:store:<id>
    "rules": [IndexModel([("tenant_id", 1), ("priority", 1)], name="by_priority")],
    "rule_versions": [
        IndexModel([("tenant_id", 1), ("rule_id", 1), ("version", 1)], name="versions")
    ],
    "settings": [],  # keyed by _id = tenant
}
OPEN = sorted(OPEN_STATUSES)  # open leads: the pool and what reps hold
HELD = sorted(s.value for s in HELD_STATUSES)  # what reps hold: the stale sweep's leads


def _rep_key(tenant_id: str, rep_id: str) -> str:
    return f"{tenant_id}:{rep_id}"


def _open_key_docs(lead: Lead) -> list[dict[str, Any]]:
    keys = [("phone", lead.phone), ("store", lead.store_id)]
    return [
        {"_id": f"{lead.tenant_id}:{kind}:{value}", "lead_id": lead.lead_id}
        for kind, value in keys
        if value
    ]


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
        "decision": decision_to_doc(decision),
        "sla_due_at": lead.sla_due_at,
        "responded_at": lead.responded_at,
        "last_follow_up_at": lead.last_follow_up_at,
        "waiting_since": lead.waiting_since,
        "waiting_alerted_at": lead.waiting_alerted_at,
        "merged_external_ids": lead.merged_external_ids,
        "declined_by": lead.declined_by,
        "history": [
            {
                "at": e.at,
                "kind": e.kind,
                "rep_id": e.rep_id,
                "text": e.text,
                "decision": decision_to_doc(e.decision),
            }
            for e in lead.history
        ],
    }


def decision_to_doc(decision: Decision | None) -> dict[str, Any] | None:
    if decision is None:
        return None
    return {
        "rule_id": decision.rule_id,
        "rule_version": decision.rule_version,
        "strategy": decision.strategy,
        "reason": decision.reason,
        "decided_at": decision.decided_at,
        "candidates": [vars(c) for c in decision.candidates],
    }


def decision_from_doc(d: dict[str, Any] | None) -> Decision | None:
    if d is None:
        return None
    return Decision(
        rule_id=d["rule_id"],
        rule_version=d["rule_version"],
        strategy=d["strategy"],
        reason=d["reason"],
        decided_at=d["decided_at"],
        candidates=[Candidate(**c) for c in d["candidates"]],
    )


def lead_from_doc(doc: dict[str, Any]) -> Lead:
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
        decision=decision_from_doc(doc.get("decision")),
        sla_due_at=doc.get("sla_due_at"),
        responded_at=doc.get("responded_at"),
        last_follow_up_at=doc.get("last_follow_up_at"),
        waiting_since=doc.get("waiting_since"),
        waiting_alerted_at=doc.get("waiting_alerted_at"),
        merged_external_ids=doc.get("merged_external_ids", []),
        declined_by=doc.get("declined_by", []),
        history=[
            HistoryEntry(
                h["at"], h["kind"], h["rep_id"], h["text"], decision_from_doc(h["decision"])
            )
            for h in doc.get("history", [])
        ],
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
        last_assigned_at=doc.get("last_assigned_at"),
        assigned_per_day=doc.get("assigned_per_day", {}),
        breaches_total=doc.get("breaches_total", 0),
        reclaimed_total=doc.get("reclaimed_total", 0),
    )


class _TenantCache:
    """Rules and settings change rarely and are read for every lead: outside transactions
    they are served from a per-process cache for a couple of seconds (an edit reaches every
    replica within CACHE_TTL_S)."""

    def __init__(self) -> None:
        self._items: dict[tuple[str, str, str], tuple[float, Any]] = {}

    def get(self, key: tuple[str, str, str], load: Callable[[], Any]) -> Any:
        hit = self._items.get(key)
        if hit and hit[0] > time.monotonic():
            return hit[1]
        value = load()
        self._items[key] = (time.monotonic() + CACHE_TTL_S, value)
        return value

    def forget(self, db: str, tenant_id: str) -> None:
        for kind in ("rules", "settings"):
            self._items.pop((db, kind, tenant_id), None)


CACHE_TTL_S = 2.0
_cache = _TenantCache()


class MongoAssignmentRepository:
    def __init__(self, db: Database, session: ClientSession | None) -> None:
        self._db_name = db.name
        self._leads = db["leads"]
        self._reps = db["reps"]
        self._aliases = db["lead_aliases"]
        self._open_keys = db["lead_open_keys"]
        self._rules = db["rules"]
        self._rule_versions = db["rule_versions"]
        self._settings = db["settings"]
        self._s = session

    # leads
    def lead_by_external_id(self, tenant_id: str, external_id: str) -> Lead | None:
        alias = self._aliases.find_one({"_id": f"{tenant_id}:{external_id}"}, session=self._s)
        return self.get_lead(tenant_id, alias["lead_id"]) if alias else None

    def known_external_ids(self, tenant_id: str, external_ids: list[str]) -> set[str]:
        keys = [f"{tenant_id}:{x}" for x in external_ids]
        found = self._aliases.find({"_id": {"$in": keys}}, projection={"_id": 1}, session=self._s)
        return {d["_id"].split(":", 1)[1] for d in found}

    def open_keys(self, tenant_id: str, field: str, values: list[str]) -> set[str]:
        """Which of `values` (phones or store ids) an open lead already has."""
        if not values:
            return set()
        query = {"tenant_id": tenant_id, field: {"$in": values}, "status": {"$in": OPEN}}
        return {d[field] for d in self._leads.find(query, projection={field: 1}, session=self._s)}

    def add_leads(self, leads: list[Lead]) -> None:
        """Many new leads, their aliases and open keys at once (bulk intake)."""
        try:
            self._aliases.insert_many(
                [{"_id": f"{x.tenant_id}:{x.external_id}", "lead_id": x.lead_id} for x in leads],
                session=self._s,
            )
            keys = [doc for x in leads for doc in _open_key_docs(x)]
            if keys:
                self._open_keys.insert_many(keys, session=self._s)
            self._leads.insert_many([lead_to_doc(x) for x in leads], session=self._s)
        except (DuplicateKeyError, BulkWriteError):
            raise AlreadyExists("部分线索已存在或已被撤回") from None

    def add_alias(self, tenant_id: str, external_id: str, lead_id: str) -> None:
        try:
            self._aliases.insert_one(
                {"_id": f"{tenant_id}:{external_id}", "lead_id": lead_id}, session=self._s
            )
        except DuplicateKeyError:
            raise AlreadyExists(f"来源编号 {external_id} 的线索已存在") from None

    def open_duplicate(self, tenant_id: str, phone: str, store_id: str) -> Lead | None:
        for key, value in (("phone", phone), ("store_id", store_id)):
            if not value:
                continue
            doc = self._leads.find_one(
                {"tenant_id": tenant_id, key: value, "status": {"$in": OPEN}}, session=self._s
            )
            if doc:
                return lead_from_doc(doc)
        return None

    def get_lead_any_tenant(self, lead_id: str) -> Lead | None:
        doc = self._leads.find_one({"_id": lead_id}, session=self._s)
        # A tombstone (bury_lead_id) has the id but no tenant: it is no lead.
        return lead_from_doc(doc) if doc and "tenant_id" in doc else None

    def claim_due(self, lead_id: str, expected: dict[str, Any], now: datetime) -> bool:
        result = self._leads.update_one(
            {"_id": lead_id, **expected}, {"$set": {"claimed_at": now}}, session=self._s, hint=BY_ID
        )
        return result.modified_count == 1

    def _due(self, query: dict[str, Any], sort_key: str, limit: int) -> list[str]:
        cursor = self._leads.find(query, projection={"_id": 1}, session=self._s)
        return [d["_id"] for d in cursor.sort([(sort_key, ASCENDING)]).limit(limit)]

    def due_sla(self, now: datetime, limit: int) -> list[str]:
        query = {"status": LeadStatus.ASSIGNED.value, "sla_due_at": {"$lte": now}}
        return self._due(query, "sla_due_at", limit)

    def due_waiting(self, before: datetime, limit: int) -> list[tuple[str, str, datetime]]:
        query = {
            "status": LeadStatus.WAITING.value,
            "waiting_since": {"$lte": before},
            "waiting_alerted_at": None,
        }
        fields = {"_id": 1, "tenant_id": 1, "waiting_since": 1}
        cursor = self._leads.find(query, projection=fields, session=self._s)
        cursor = cursor.sort([("waiting_since", ASCENDING)]).limit(limit)
        return [(d["_id"], d["tenant_id"], d["waiting_since"]) for d in cursor]

    def due_stale(self, before: datetime, limit: int) -> list[str]:
        query = {"status": {"$in": HELD}, "last_follow_up_at": {"$lte": before}}
        return self._due(query, "last_follow_up_at", limit)

    def oldest_waiting(self, limit: int) -> list[str]:
        return self._due({"status": LeadStatus.WAITING.value}, "waiting_since", limit)

    def count_waiting(self) -> int:
        return self._leads.count_documents({"status": LeadStatus.WAITING.value}, session=self._s)

    def open_leads_idle_since(self, tenant_id: str, before: datetime, rep_id: str) -> list[Lead]:
        query: dict[str, Any] = {
            "tenant_id": tenant_id,
            "status": {"$in": HELD},
            "last_follow_up_at": {"$lte": before},
        }
        if rep_id:
            query["assigned_rep_id"] = rep_id
        return [lead_from_doc(d) for d in self._leads.find(query, session=self._s)]

    # rules and settings
    def rules(self, tenant_id: str) -> list[Rule]:
        return [
            rule_from_doc(d) for d in self._rules.find({"tenant_id": tenant_id}, session=self._s)
        ]

    def get_rule(self, tenant_id: str, rule_id: str) -> Rule | None:
        doc = self._rules.find_one({"_id": f"{tenant_id}:{rule_id}"}, session=self._s)
        return rule_from_doc(doc) if doc else None

    def save_rule(self, rule: Rule) -> None:
        doc = rule_to_doc(rule)
        _cache.forget(self._db_name, rule.tenant_id)
        self._rules.replace_one({"_id": doc["_id"]}, doc, upsert=True, session=self._s)
        # Every version is kept: the audit trail behind A8's "rule id and version".
        self._rule_versions.insert_one(
            {**doc, "_id": f"{doc['_id']}:v{rule.version}"}, session=self._s
        )

    def delete_rule(self, rule: Rule, actor: str, now: datetime) -> None:
        doc = rule_to_doc(rule)
        _cache.forget(self._db_name, rule.tenant_id)
        self._rules.delete_one({"_id": doc["_id"]}, session=self._s)
        self._rule_versions.insert_one(
            {
                **doc,
                "_id": f"{doc['_id']}:deleted:{new_id()}",
                "deleted_by": actor,
                "deleted_at": now,
            },
            session=self._s,
        )

    def settings(self, tenant_id: str) -> AssignmentSettings:
        def load() -> AssignmentSettings:
            doc = self._settings.find_one({"_id": tenant_id}, session=self._s)
            if doc is None:
                return AssignmentSettings(tenant_id)
            doc.pop("_id")
            return AssignmentSettings(**doc)

        if self._s is not None:
            return load()
        return _cache.get((self._db_name, "settings", tenant_id), load)

    def save_settings(self, settings: AssignmentSettings) -> None:
        _cache.forget(self._db_name, settings.tenant_id)
        self._settings.replace_one(
            {"_id": settings.tenant_id}, vars(settings), upsert=True, session=self._s
        )

    def get_lead(self, tenant_id: str, lead_id: str) -> Lead | None:
        doc = self._leads.find_one({"_id": lead_id, "tenant_id": tenant_id}, session=self._s)
        return lead_from_doc(doc) if doc else None

    def get_leads(self, tenant_id: str, lead_ids: list[str]) -> dict[str, Lead]:
        if not lead_ids:
            return {}
        found = self._leads.find({"_id": {"$in": lead_ids}}, session=self._s)
        return {d["_id"]: lead_from_doc(d) for d in found if d["tenant_id"] == tenant_id}

    def add_open_keys(self, lead: Lead) -> None:
        """Claim the lead's phone and store for open leads: a unique _id, so two intakes of
        the same customer racing on two replicas cannot both create a lead (A1 merge)."""
        docs = _open_key_docs(lead)
        if not docs:
            return
        try:
            self._open_keys.insert_many(docs, session=self._s)
        except (DuplicateKeyError, BulkWriteError):
            raise AlreadyExists("同一客户的线索刚刚已建立") from None

    def add_lead(self, lead: Lead) -> None:
        try:
            self._leads.insert_one(lead_to_doc(lead), session=self._s)
        except DuplicateKeyError:
            # Ids are fresh UUIDv7s: only reconcile_holds' tombstone can be there first.
            raise FailedPrecondition("线索写入超时,分配已撤回,请重新提交") from None

    def bury_lead_id(self, lead_id: str, now: datetime) -> bool:
        """Take `lead_id` for good with a tombstone (no tenant, so no query ever sees it).
        False when a lead already has that id."""
        try:
            self._leads.insert_one({"_id": lead_id, "status": "abandoned", "abandoned_at": now})
        except DuplicateKeyError:
            return False
        return True

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

    def all_reps(self, tenant_id: str) -> list[Rep]:
        return [rep_from_doc(d) for d in self._reps.find({"tenant_id": tenant_id}, session=self._s)]

    def claim_rep(
        self,
        rep: Rep,
        *,
        require_idle: bool,
        day: str,
        quota: int | None,
        now: datetime,
        hold_for: str = "",
    ) -> bool:
        """One conditional update: the rep is still active, under capacity (and idle, and
        under today's quota, when the strategy asks), or nothing changes."""
        query: dict[str, Any] = {
            "_id": _rep_key(rep.tenant_id, rep.rep_id),
            "status": RepStatus.ACTIVE.value,
            "capacity": rep.capacity,
            "open_leads": {"$lt": rep.capacity},
        }
        if require_idle:
            query["pending_visits"] = 0
        if quota is not None:
            query[f"assigned_per_day.{day}"] = {"$not": {"$gte": quota}}
        update: dict[str, Any] = {
            "$inc": {"open_leads": 1, "pending_visits": 1, f"assigned_per_day.{day}": 1},
            "$set": {"last_assigned_at": now},
        }
        if hold_for:
            update["$push"] = {"holds": {"lead_id": hold_for, "at": now}}
        result = self._reps.update_one(query, update, session=self._s, hint=BY_ID)
        return result.modified_count == 1

    def confirm_hold(self, tenant_id: str, rep_id: str, lead_id: str) -> None:
        self._reps.update_one(
            {"_id": _rep_key(tenant_id, rep_id)},
            {"$pull": {"holds": {"lead_id": lead_id}}},
            session=self._s,
        )

    def release_hold(self, tenant_id: str, rep_id: str, lead_id: str) -> None:
        """Give back a claim whose lead was never stored."""
        result = self._reps.update_one(
            {"_id": _rep_key(tenant_id, rep_id), "holds.lead_id": lead_id},
            {
                "$inc": {"open_leads": -1, "pending_visits": -1},
                "$pull": {"holds": {"lead_id": lead_id}},
            },
            session=self._s,
        )
        if result.modified_count:
            log.warning("claim released", extra={"rep_id": rep_id, "lead_id": lead_id})

    def stale_holds(self, before: datetime) -> list[tuple[str, str, str]]:
        """(tenant, rep, lead) of claims older than `before` that were never confirmed."""
        found = []
        for doc in self._reps.find({"holds.at": {"$lt": before}}, session=self._s):
            found += [
                (doc["tenant_id"], doc["rep_id"], h["lead_id"])
                for h in doc["holds"]
                if h["at"] < before
            ]
        return found

    def release_rep(self, tenant_id: str, rep_id: str, holds_visit_task: bool) -> None:
        key = _rep_key(tenant_id, rep_id)
        self._reps.update_one(
            {"_id": key, "open_leads": {"$gt": 0}},
            {"$inc": {"open_leads": -1}},
            session=self._s,
            hint=BY_ID,
        )
        if holds_visit_task:
            self._reps.update_one(
                {"_id": key, "pending_visits": {"$gt": 0}},
                {"$inc": {"pending_visits": -1}},
                session=self._s,
                hint=BY_ID,
            )

    def deactivate_rep(self, tenant_id: str, rep_id: str) -> None:
        self._reps.update_one(
            {"_id": _rep_key(tenant_id, rep_id)},
            {"$set": {"status": RepStatus.INACTIVE.value}},
            session=self._s,
        )

    def count_breach(self, tenant_id: str, rep_id: str) -> None:
        self._reps.update_one(
            {"_id": _rep_key(tenant_id, rep_id)}, {"$inc": {"breaches_total": 1}}, session=self._s
        )

    def count_reclaim(self, tenant_id: str, rep_id: str) -> None:
        self._reps.update_one(
            {"_id": _rep_key(tenant_id, rep_id)}, {"$inc": {"reclaimed_total": 1}}, session=self._s
        )

    def complete_visit_task(self, tenant_id: str, rep_id: str, visited_at: datetime) -> None:
        self._reps.update_one(
            {"_id": _rep_key(tenant_id, rep_id), "pending_visits": {"$gt": 0}},
            {"$inc": {"pending_visits": -1}},
            session=self._s,
            hint=BY_ID,
        )
        self.note_visit(tenant_id, rep_id, visited_at)

    def note_visit(self, tenant_id: str, rep_id: str, visited_at: datetime) -> None:
        self._reps.update_one(
            {"_id": _rep_key(tenant_id, rep_id)},
            {"$max": {"last_effective_visit_at": visited_at}},
            session=self._s,
        )


def rule_to_doc(rule: Rule) -> dict[str, Any]:
    return {
        "_id": f"{rule.tenant_id}:{rule.rule_id}",
        "tenant_id": rule.tenant_id,
        "rule_id": rule.rule_id,
        "version": rule.version,
        "priority": rule.priority,
        "name": rule.name,
        "enabled": rule.enabled,
        "match": {
            "region_codes": list(rule.match.region_codes),
            "customer_types": [t.value for t in rule.match.customer_types],
            "channels": list(rule.match.channels),
            "urgencies": [u.value for u in rule.match.urgencies],
        },
        "strategy": rule.strategy,
        "daily_quota_per_capacity_unit": rule.daily_quota_per_capacity_unit,
        "updated_at": rule.updated_at,
        "updated_by": rule.updated_by,
    }


def rule_from_doc(doc: dict[str, Any]) -> Rule:
    m = doc["match"]
    return Rule(
        tenant_id=doc["tenant_id"],
        rule_id=doc["rule_id"],
        version=doc["version"],
        priority=doc["priority"],
        name=doc["name"],
        enabled=doc["enabled"],
        match=RuleMatch(
            region_codes=tuple(m["region_codes"]),
            customer_types=tuple(CustomerType(t) for t in m["customer_types"]),
            channels=tuple(m["channels"]),
            urgencies=tuple(Urgency(u) for u in m["urgencies"]),
        ),
        strategy=doc["strategy"],
        daily_quota_per_capacity_unit=doc["daily_quota_per_capacity_unit"],
        updated_at=doc["updated_at"],
        updated_by=doc["updated_by"],
    )
