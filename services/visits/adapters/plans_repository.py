"""MongoDB storage of visit plans: one document per rep and Asia/Shanghai day, holding its
items and its history (the audit trail travels with the day it explains, as a lead's does:
ADR 013)."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Any

from pymongo import IndexModel
from pymongo.client_session import ClientSession
from pymongo.database import Database
from pymongo.errors import DuplicateKeyError

from services.common.errors import AlreadyExists
from services.common.mongo import BY_ID, IndexPlan
from services.visits.adapters.stores_repository import point_from_doc, point_to_doc
from services.visits.domain.plans import PlanDay, PlanEdit, PlanItem

INDEXES: IndexPlan = {
    "plans": [IndexModel([("tenant_id", 1), ("rep_id", 1), ("plan_date", 1)], name="rep_days")],
}
Doc = dict[str, Any]


def plan_key(tenant_id: str, rep_id: str, day: date) -> str:
    return f"{tenant_id}:{rep_id}:{day.isoformat()}"


def _item_to_doc(item: PlanItem) -> Doc:
    doc = asdict(item)
    doc["location"] = point_to_doc(item.location)
    doc["last_visited_on"] = item.last_visited_on.isoformat() if item.last_visited_on else None
    return doc


def _item_from_doc(doc: Doc) -> PlanItem:
    fields = dict(doc)
    fields["location"] = point_from_doc(doc["location"])
    last = doc["last_visited_on"]
    fields["last_visited_on"] = date.fromisoformat(last) if last else None
    return PlanItem(**fields)


def plan_to_doc(plan: PlanDay) -> Doc:
    return {
        "_id": plan_key(plan.tenant_id, plan.rep_id, plan.plan_date),
        "tenant_id": plan.tenant_id,
        "rep_id": plan.rep_id,
        "plan_date": plan.plan_date.isoformat(),
        "items": [_item_to_doc(i) for i in plan.items],
        "generated_at": plan.generated_at,
        "version": plan.version,
        "history": [asdict(e) for e in plan.history],
        "unplanned_visit_ids": list(plan.unplanned_visit_ids),
        "supervisor_id": plan.supervisor_id,
        "team_id": plan.team_id,
    }


def plan_from_doc(doc: Doc) -> PlanDay:
    return PlanDay(
        tenant_id=doc["tenant_id"],
        rep_id=doc["rep_id"],
        plan_date=date.fromisoformat(doc["plan_date"]),
        items=[_item_from_doc(i) for i in doc["items"]],
        generated_at=doc["generated_at"],
        version=doc["version"],
        history=[PlanEdit(**e) for e in doc["history"]],
        unplanned_visit_ids=list(doc["unplanned_visit_ids"]),
        supervisor_id=doc["supervisor_id"],
        team_id=doc["team_id"],
    )


class MongoPlanRepository:
    def __init__(self, db: Database, session: ClientSession | None) -> None:
        self._plans = db["plans"]
        self._s = session

    def get(self, tenant_id: str, rep_id: str, day: date) -> PlanDay | None:
        doc = self._plans.find_one({"_id": plan_key(tenant_id, rep_id, day)}, session=self._s)
        return plan_from_doc(doc) if doc else None

    def add(self, plan: PlanDay) -> None:
        try:
            self._plans.insert_one(plan_to_doc(plan), session=self._s)
        except DuplicateKeyError:
            raise AlreadyExists("这一天的计划已经生成") from None

    def save(self, plan: PlanDay) -> bool:
        doc = plan_to_doc(plan)
        result = self._plans.replace_one(
            {"_id": doc["_id"], "version": plan.version - 1}, doc, session=self._s, hint=BY_ID
        )
        return result.modified_count == 1

    def days_after(self, tenant_id: str, rep_id: str, day: date) -> list[PlanDay]:
        found = self._plans.find(
            {"tenant_id": tenant_id, "rep_id": rep_id, "plan_date": {"$gt": day.isoformat()}},
            session=self._s,
        )
        return sorted(map(plan_from_doc, found), key=lambda p: p.plan_date)
