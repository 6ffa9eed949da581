"""MongoDB side of ImportVisitHistory: bulk reads by `$in` on `_id` and bulk writes
(insert_many, one bulk_write of conditional updates) over the capabilities' own collections,
with each capability's own document functions, so an imported card, commitment, plan day or
rating is stored exactly as a live one. `history_imports` records each import id with its
fingerprint and summary (idempotency)."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, datetime

from pymongo import UpdateOne
from pymongo.client_session import ClientSession
from pymongo.database import Database
from pymongo.errors import BulkWriteError, DuplicateKeyError

from services.common.errors import AlreadyExists
from services.common.mongo import BY_ID
from services.visits.adapters.card_documents import card_key, card_to_doc
from services.visits.adapters.commitments_repository import commitment_to_doc
from services.visits.adapters.plans_repository import plan_key, plan_to_doc
from services.visits.adapters.rating_repository import rating_to_doc
from services.visits.adapters.store_visits import (
    COLLECTION,
    latest_visit_update,
    with_latest_visits,
)
from services.visits.adapters.stores_repository import store_from_doc
from services.visits.domain.cards import Card
from services.visits.domain.commitments import Commitment
from services.visits.domain.history import ImportSummary
from services.visits.domain.plans import PlanDay
from services.visits.domain.ratings import Rating
from services.visits.domain.stores import Store


class MongoHistoryRepository:
    def __init__(self, db: Database, session: ClientSession | None) -> None:
        self._db = db
        self._s = session

    def get_import(self, tenant_id: str, import_id: str) -> tuple[str, ImportSummary] | None:
        doc = self._db["history_imports"].find_one(
            {"_id": f"{tenant_id}:{import_id}"}, session=self._s
        )
        if doc is None:
            return None
        return doc["fingerprint"], ImportSummary(**doc["summary"])

    def add_import(self, tenant_id: str, fingerprint: str, summary: ImportSummary) -> None:
        doc = {"_id": f"{tenant_id}:{summary.import_id}", "tenant_id": tenant_id,
               "fingerprint": fingerprint, "summary": asdict(summary)}  # fmt: skip
        try:
            self._db["history_imports"].insert_one(doc, session=self._s)
        except DuplicateKeyError:
            raise AlreadyExists(f"导入 {summary.import_id} 已完成") from None

    def _taken(self, collection: str, keys: list[str]) -> set[str]:
        if not keys:
            return set()
        found = self._db[collection].find({"_id": {"$in": keys}}, {"_id": 1}, session=self._s)
        return {d["_id"] for d in found}

    def stores(self, tenant_id: str, store_ids: list[str]) -> dict[str, Store]:
        if not store_ids:
            return {}
        found = list(self._db["stores"].find({"_id": {"$in": store_ids}}, session=self._s))
        stores = map(store_from_doc, with_latest_visits(self._db, self._s, found))
        return {s.store_id: s for s in stores if s.tenant_id == tenant_id}

    def visit_ids_taken(self, tenant_id: str, visit_ids: list[str]) -> set[str]:
        taken = self._taken("cards", [card_key(tenant_id, v) for v in visit_ids])
        return {k.split(":", 1)[1] for k in taken}

    def commitment_ids_taken(self, tenant_id: str, commitment_ids: list[str]) -> set[str]:
        taken = self._taken("commitments", [f"{tenant_id}:{c}" for c in commitment_ids])
        return {k.split(":", 1)[1] for k in taken}

    def plan_days_taken(
        self, tenant_id: str, days: list[tuple[str, date]]
    ) -> set[tuple[str, date]]:
        keys = {plan_key(tenant_id, rep, day): (rep, day) for rep, day in days}
        return {keys[k] for k in self._taken("plans", list(keys))}

    def _insert(self, collection: str, docs: list[dict]) -> None:
        if not docs:
            return
        try:
            self._db[collection].insert_many(docs, ordered=True, session=self._s)
        except (DuplicateKeyError, BulkWriteError):
            raise AlreadyExists(f"{collection} 中已有同一编号") from None

    def add_cards(self, cards: list[Card]) -> None:
        self._insert("cards", [card_to_doc(c) for c in cards])

    def add_commitments(self, commitments: list[Commitment]) -> None:
        self._insert("commitments", [commitment_to_doc(c) for c in commitments])

    def add_plans(self, plans: list[PlanDay]) -> None:
        self._insert("plans", [plan_to_doc(p) for p in plans])

    def add_ratings(self, ratings: list[Rating]) -> None:
        self._insert("ratings", [rating_to_doc(r) for r in ratings])

    def note_store_visits(self, tenant_id: str, visits: list[tuple[str, datetime, str]]) -> None:
        """The same two updates as MongoStoreRepository.note_visit, for each store's latest
        and earliest card of the call: one bulk_write each."""
        latest: dict[str, tuple[datetime, str]] = {}
        earliest: dict[str, tuple[datetime, str]] = {}
        for store_id, at, visit_id in visits:
            if store_id not in latest or at > latest[store_id][0]:
                latest[store_id] = (at, visit_id)
            if store_id not in earliest or at < earliest[store_id][0]:
                earliest[store_id] = (at, visit_id)
        if latest:
            ops = [latest_visit_update(tenant_id, s, at, v) for s, (at, v) in latest.items()]
            self._db[COLLECTION].bulk_write(ops, ordered=False, session=self._s)
        ops = [
            UpdateOne({"_id": s, "tenant_id": tenant_id, "first_visited_at": {"$not": {"$lte": at}}},
                      {"$set": {"first_visited_at": at, "first_visit_id": v, "awaiting_first_visit": False}},
                      hint=BY_ID)
            for s, (at, v) in earliest.items()
        ]  # fmt: skip
        if ops:
            self._db["stores"].bulk_write(ops, ordered=False, session=self._s)
