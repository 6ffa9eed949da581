"""MongoDB implementation of CommitmentRepository: collection `commitments`, `_id` =
tenant:commitment_id. Claims are conditional update_one calls by _id with the `_id_` hint
(SecantusDB: never find_one_and_update); the overdue timer's query has its own index."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Any

from pymongo import ASCENDING, IndexModel
from pymongo.client_session import ClientSession
from pymongo.database import Database
from pymongo.errors import DuplicateKeyError

from services.common.clock import as_utc
from services.common.errors import AlreadyExists
from services.common.mongo import BY_ID, IndexPlan
from services.visits.domain.commitments import Commitment, CommitmentStatus, Reminder

OPEN = CommitmentStatus.OPEN.value
DUE = "due_reminders"
BY_STORE = "open_by_store"
BY_REP = "by_rep_due"
INDEXES: IndexPlan = {
    "commitments": [
        IndexModel([("status", 1), ("next_reminder_on", 1)], name=DUE),
        IndexModel(
            [("tenant_id", 1), ("store_id", 1), ("status", 1), ("due_date", 1)], name=BY_STORE
        ),
        IndexModel(
            [("tenant_id", 1), ("rep_id", 1), ("status", 1), ("due_date", 1), ("commitment_id", 1)],
            name=BY_REP,
        ),  # fmt: skip
    ]
}
DATES = ("due_date", "next_reminder_on")


def _key(tenant_id: str, commitment_id: str) -> str:
    return f"{tenant_id}:{commitment_id}"


def commitment_to_doc(c: Commitment) -> dict[str, Any]:
    doc = asdict(c)
    doc["status"] = c.status.value
    for name in DATES:
        doc[name] = doc[name].isoformat() if doc[name] else None
    return {"_id": _key(c.tenant_id, c.commitment_id), **doc}


def commitment_from_doc(doc: dict[str, Any]) -> Commitment:
    fields = {k: v for k, v in doc.items() if k != "_id"}
    for name in DATES:
        fields[name] = date.fromisoformat(fields[name]) if fields[name] else None
    fields["status"] = CommitmentStatus(fields["status"])
    fields["created_at"] = as_utc(fields["created_at"])
    fields["closed_at"] = as_utc(fields["closed_at"]) if fields["closed_at"] else None
    return Commitment(**fields)


class MongoCommitmentRepository:
    def __init__(self, db: Database, session: ClientSession | None) -> None:
        self._items = db["commitments"]
        self._s = session

    def get(self, tenant_id: str, commitment_id: str) -> Commitment | None:
        doc = self._items.find_one({"_id": _key(tenant_id, commitment_id)}, session=self._s)
        return commitment_from_doc(doc) if doc else None

    def add(self, commitment: Commitment) -> None:
        try:
            self._items.insert_one(commitment_to_doc(commitment), session=self._s)
        except DuplicateKeyError:
            raise AlreadyExists(f"承诺 {commitment.commitment_id} 已存在") from None

    def save_closure(self, c: Commitment) -> bool:
        closure = {k: v for k, v in commitment_to_doc(c).items() if k != "_id"}
        result = self._items.update_one(
            {"_id": _key(c.tenant_id, c.commitment_id), "status": OPEN},
            {"$set": closure}, session=self._s, hint=BY_ID,
        )  # fmt: skip
        return result.modified_count == 1

    def open_for_store(self, tenant_id: str, store_id: str, limit: int) -> list[Commitment]:
        query = {"tenant_id": tenant_id, "store_id": store_id, "status": OPEN}
        cursor = self._items.find(query, session=self._s)
        return [commitment_from_doc(d) for d in cursor.sort("due_date", ASCENDING).limit(limit)]

    def due_for_reminder(self, today: date, limit: int) -> list[Commitment]:
        query = {"status": OPEN, "next_reminder_on": {"$lte": today.isoformat()}}
        cursor = self._items.find(query, session=self._s).limit(limit)
        return [commitment_from_doc(d) for d in cursor]

    def claim_reminder(self, c: Commitment, reminder: Reminder) -> bool:
        next_on = reminder.next_on.isoformat() if reminder.next_on else None
        result = self._items.update_one(
            {"_id": _key(c.tenant_id, c.commitment_id), "status": OPEN,
             "reminders_sent": c.reminders_sent},
            {"$set": {"reminders_sent": reminder.step, "next_reminder_on": next_on}},
            session=self._s, hint=BY_ID,
        )  # fmt: skip
        return result.modified_count == 1

    def list_for_rep(
        self, tenant_id: str, rep_id: str, overdue_before: date | None, after: str, limit: int
    ) -> list[Commitment]:
        due: dict[str, str] = {}
        if overdue_before is not None:
            due["$lt"] = overdue_before.isoformat()
        if after:
            due["$gte"] = after.split("|")[0]
        query: dict[str, Any] = {"tenant_id": tenant_id, "rep_id": rep_id, "status": OPEN}
        if due:
            query["due_date"] = due
        cursor = self._items.find(query, session=self._s)
        cursor = cursor.sort([("due_date", ASCENDING), ("commitment_id", ASCENDING)])
        found = [commitment_from_doc(d) for d in cursor.limit(limit + (50 if after else 0))]
        if after:
            found = [c for c in found if f"{c.due_date.isoformat()}|{c.commitment_id}" > after]
        return found[:limit]
