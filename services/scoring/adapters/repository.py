"""Rep figures in MongoDB: one document per rep, changed only by atomic $inc / $max."""

from __future__ import annotations

from datetime import datetime

from pymongo.client_session import ClientSession
from pymongo.database import Database

from services.common.mongo import IndexPlan
from services.scoring.domain.rep_stats import RepStats, StatsDelta

INDEXES: IndexPlan = {"rep_stats": []}  # keyed by _id = tenant:rep


class MongoStatsRepository:
    def __init__(self, db: Database, session: ClientSession | None) -> None:
        self._stats = db["rep_stats"]
        self._s = session

    def apply_delta(self, tenant_id: str, rep_id: str, delta: StatsDelta, now: datetime) -> None:
        update: dict = {
            "$inc": delta.increments,
            "$set": {"updated_at": now},
            "$setOnInsert": {"tenant_id": tenant_id, "rep_id": rep_id},
        }
        if delta.visit_at is not None:
            update["$max"] = {"last_visit_at": delta.visit_at}
        self._stats.update_one(
            {"_id": f"{tenant_id}:{rep_id}"}, update, upsert=True, session=self._s
        )

    def get(self, tenant_id: str, rep_id: str) -> RepStats | None:
        doc = self._stats.find_one({"_id": f"{tenant_id}:{rep_id}"}, session=self._s)
        if doc is None:
            return None
        doc.pop("_id")
        return RepStats(**doc)
