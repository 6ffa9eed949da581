"""The orders capability in MongoDB (database `<prefix>scoring_orders`, ADR 031): scoring's
read models of stores and visits, the linked ERP orders, and per-tenant settings.

Every query is backed by an index; a region is a range of codes ("3301" covers 330100 to
330199), not a regex, so the index on (tenant, region, time) serves it.
"""

from __future__ import annotations

from datetime import datetime

from pymongo import ASCENDING, DESCENDING, IndexModel
from pymongo.client_session import ClientSession
from pymongo.database import Database
from pymongo.errors import DuplicateKeyError

from services.common.clock import as_utc
from services.common.mongo import IndexPlan
from services.scoring.domain.orders import Order, OrderLine, StoreFacts, VisitFact

INDEXES: IndexPlan = {
    "stores": [
        IndexModel([("tenant_id", ASCENDING), ("external_id", ASCENDING)], name="by_external"),
    ],
    "visits": [
        IndexModel(
            [("tenant_id", ASCENDING), ("store_id", ASCENDING), ("at", DESCENDING)],
            name="by_store_time",
        ),
    ],
    "orders": [
        IndexModel(
            [("tenant_id", ASCENDING), ("region_code", ASCENDING), ("ordered_at", ASCENDING)],
            name="by_region_time",
        ),
        IndexModel(
            [("tenant_id", ASCENDING), ("store_id", ASCENDING), ("ordered_at", ASCENDING)],
            name="by_store_time",
        ),
        IndexModel([("tenant_id", ASCENDING), ("pending_external_id", ASCENDING)], name="pending"),
    ],
    "settings": [],
}


def _key(tenant_id: str, item_id: str) -> str:
    return f"{tenant_id}:{item_id}"


def region_range(prefix: str) -> dict:
    """Codes starting with `prefix`: [prefix, prefix + "\\uffff")."""
    return {"$gte": prefix, "$lt": prefix + "\uffff"} if prefix else {"$gte": ""}


class MongoOrdersRepository:
    def __init__(self, db: Database, session: ClientSession | None) -> None:
        self._stores = db["stores"]
        self._visits = db["visits"]
        self._orders = db["orders"]
        self._settings = db["settings"]
        self._s = session

    # --- stores ---------------------------------------------------------------------------
    def store(self, tenant_id: str, store_id: str) -> StoreFacts | None:
        doc = self._stores.find_one({"_id": _key(tenant_id, store_id)}, session=self._s)
        return _store(doc) if doc else None

    def store_by_external_id(self, tenant_id: str, external_id: str) -> StoreFacts | None:
        doc = self._stores.find_one(
            {"tenant_id": tenant_id, "external_id": external_id}, session=self._s
        )
        return _store(doc) if doc else None

    def stores(self, tenant_id: str, store_ids: list[str]) -> dict[str, StoreFacts]:
        keys = [_key(tenant_id, s) for s in dict.fromkeys(store_ids)]
        if not keys:
            return {}
        found = self._stores.find({"_id": {"$in": keys}}, session=self._s)
        return {doc["store_id"]: _store(doc) for doc in found}

    def save_store(self, store: StoreFacts) -> None:
        doc = {**vars(store)}
        self._stores.replace_one(
            {"_id": _key(store.tenant_id, store.store_id)}, doc, upsert=True, session=self._s
        )

    # --- visits ---------------------------------------------------------------------------
    def add_visit(self, visit: VisitFact) -> bool:
        try:
            self._visits.insert_one(
                {"_id": _key(visit.tenant_id, visit.visit_id), **vars(visit)}, session=self._s
            )
        except DuplicateKeyError:
            return False
        return True

    def last_visit(
        self, tenant_id: str, store_id: str, since: datetime, until: datetime
    ) -> VisitFact | None:
        found = (
            self._visits.find(
                {
                    "tenant_id": tenant_id,
                    "store_id": store_id,
                    "at": {"$gte": since, "$lte": until},
                },
                session=self._s,
            )
            .sort([("at", DESCENDING), ("visit_id", DESCENDING)])
            .limit(1)
        )
        docs = list(found)
        return _visit(docs[0]) if docs else None

    # --- orders ---------------------------------------------------------------------------
    def add_order(self, order: Order) -> bool:
        try:
            self._orders.insert_one(_order_doc(order), session=self._s)
        except DuplicateKeyError:
            return False
        return True

    def save_order(self, order: Order) -> None:
        self._orders.replace_one(
            {"_id": _key(order.tenant_id, order.order_id)}, _order_doc(order), session=self._s
        )

    def pending_orders(self, tenant_id: str, external_id: str) -> list[Order]:
        found = self._orders.find(
            {"tenant_id": tenant_id, "pending_external_id": external_id}, session=self._s
        )
        return [_order(doc) for doc in found]

    def store_orders(
        self, tenant_id: str, store_id: str, since: datetime, until: datetime
    ) -> list[Order]:
        found = self._orders.find(
            {"tenant_id": tenant_id, "store_id": store_id,
             "ordered_at": {"$gte": since, "$lte": until}},
            session=self._s,
        )  # fmt: skip
        return [_order(doc) for doc in found]

    def region_orders(
        self, tenant_id: str, prefix: str, since: datetime, until: datetime,
        rep_ids: list[str] | None = None,
    ) -> list[Order]:  # fmt: skip
        query: dict = {
            "tenant_id": tenant_id,
            "region_code": region_range(prefix),
            "ordered_at": {"$gte": since, "$lt": until},
        }
        if rep_ids is not None:
            query["rep_id"] = {"$in": rep_ids}
        return [_order(doc) for doc in self._orders.find(query, session=self._s)]

    def order_history(
        self, tenant_id: str, prefix: str, until: datetime
    ) -> list[tuple[str, datetime, int]]:
        query = {
            "tenant_id": tenant_id,
            "region_code": {**region_range(prefix), "$ne": ""},
            "ordered_at": {"$lt": until},
        }
        fields = {"store_id": 1, "ordered_at": 1, "total_fen": 1, "_id": 0}
        found = self._orders.find(query, fields, session=self._s)
        return [(d["store_id"], as_utc(d["ordered_at"]), d["total_fen"]) for d in found]

    def count_orders(self, tenant_id: str) -> int:
        return self._orders.count_documents({"tenant_id": tenant_id}, session=self._s)

    # --- settings -------------------------------------------------------------------------
    def window_days(self, tenant_id: str) -> int | None:
        doc = self._settings.find_one({"_id": tenant_id}, session=self._s)
        return doc["window_days"] if doc else None

    def save_window_days(self, tenant_id: str, days: int) -> None:
        self._settings.update_one(
            {"_id": tenant_id}, {"$set": {"window_days": days}}, upsert=True, session=self._s
        )


def _store(doc: dict) -> StoreFacts:
    doc = {k: v for k, v in doc.items() if k != "_id"}
    return StoreFacts(**doc)


def _visit(doc: dict) -> VisitFact:
    doc = {k: v for k, v in doc.items() if k != "_id"}
    return VisitFact(**{**doc, "at": as_utc(doc["at"])})


def _order_doc(order: Order) -> dict:
    doc = {**vars(order), "_id": _key(order.tenant_id, order.order_id)}
    doc["lines"] = [vars(line) for line in order.lines]
    # Only pending orders carry the key the store's arrival looks them up by.
    doc["pending_external_id"] = order.store_external_id if order.pending else None
    return doc


def _order(doc: dict) -> Order:
    doc = {k: v for k, v in doc.items() if k not in ("_id", "pending_external_id")}
    doc["lines"] = tuple(OrderLine(**line) for line in doc["lines"])
    doc["ordered_at"] = as_utc(doc["ordered_at"])
    doc["visit_at"] = as_utc(doc["visit_at"]) if doc.get("visit_at") else None
    return Order(**doc)
