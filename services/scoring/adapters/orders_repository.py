"""The orders capability in MongoDB (database `<prefix>scoring_orders`, ADR 031): scoring's
read models of stores and visits, the linked ERP orders, and per-tenant settings.

Every query names its index and has equality on the index's leading fields and at most one
range after them: SecantusDB, the embedded server, plans anything else as a scan (ADR 023;
measured here: a county question over a range of region codes read all 127,000 orders of
the full demo tenant and missed its 10 s deadline). So a region prefix ("3301" covers
330100 to 330199) is one equality query a county, over the county codes the tenant's stores
are in (one `regions` document a tenant).
"""

from __future__ import annotations

from datetime import datetime

from pymongo import ASCENDING, DESCENDING, IndexModel, ReplaceOne
from pymongo.client_session import ClientSession
from pymongo.database import Database

from services.common.clock import as_utc
from services.common.mongo import IndexPlan
from services.scoring.domain.orders import Order, OrderLine, StoreFacts, VisitFact

BY_EXTERNAL, BY_STORE_TIME, BY_REGION_TIME, PENDING = (
    "by_external", "by_store_time", "by_region_time", "pending",
)  # fmt: skip
INDEXES: IndexPlan = {
    "stores": [
        IndexModel([("tenant_id", ASCENDING), ("external_id", ASCENDING)], name=BY_EXTERNAL),
    ],
    "visits": [
        IndexModel(
            [("tenant_id", ASCENDING), ("store_id", ASCENDING), ("at", DESCENDING)],
            name=BY_STORE_TIME,
        ),
    ],
    "orders": [
        IndexModel(
            [("tenant_id", ASCENDING), ("region_code", ASCENDING), ("ordered_at", ASCENDING)],
            name=BY_REGION_TIME,
        ),
        IndexModel(
            [("tenant_id", ASCENDING), ("store_id", ASCENDING), ("ordered_at", ASCENDING)],
            name=BY_STORE_TIME,
        ),
        IndexModel([("tenant_id", ASCENDING), ("pending_external_id", ASCENDING)], name=PENDING),
    ],
    "settings": [],
    "regions": [],  # _id = tenant: the county codes its stores are in
}


def _key(tenant_id: str, item_id: str) -> str:
    return f"{tenant_id}:{item_id}"


class MongoOrdersRepository:
    def __init__(self, db: Database, session: ClientSession | None) -> None:
        self._stores = db["stores"]
        self._visits = db["visits"]
        self._orders = db["orders"]
        self._settings = db["settings"]
        self._regions = db["regions"]
        self._s = session

    # --- stores ---------------------------------------------------------------------------
    def store(self, tenant_id: str, store_id: str) -> StoreFacts | None:
        doc = self._stores.find_one({"_id": _key(tenant_id, store_id)}, session=self._s)
        return _store(doc) if doc else None

    def store_by_external_id(self, tenant_id: str, external_id: str) -> StoreFacts | None:
        query = {"tenant_id": tenant_id, "external_id": external_id}
        doc = self._stores.find_one(query, session=self._s, hint=BY_EXTERNAL)
        return _store(doc) if doc else None

    def stores(self, tenant_id: str, store_ids: list[str]) -> dict[str, StoreFacts]:
        keys = [_key(tenant_id, s) for s in dict.fromkeys(store_ids)]
        if not keys:
            return {}
        found = self._stores.find({"_id": {"$in": keys}}, session=self._s)
        return {doc["store_id"]: _store(doc) for doc in found}

    def save_store(self, store: StoreFacts) -> None:
        key = _key(store.tenant_id, store.store_id)
        self._stores.replace_one({"_id": key}, {**vars(store)}, upsert=True, session=self._s)
        if store.region_code and store.region_code not in self._codes(store.tenant_id):
            # Written only for a county new to the tenant: a document every store event
            # wrote would make concurrent consumers conflict.
            self._regions.update_one(
                {"_id": store.tenant_id}, {"$addToSet": {"codes": store.region_code}},
                upsert=True, session=self._s,
            )  # fmt: skip

    def _codes(self, tenant_id: str) -> list[str]:
        doc = self._regions.find_one({"_id": tenant_id}, session=self._s)
        return sorted(doc["codes"]) if doc else []

    # --- visits ---------------------------------------------------------------------------
    def add_visit(self, visit: VisitFact) -> bool:
        key = _key(visit.tenant_id, visit.visit_id)
        # Look first: a duplicate-key error inside a transaction aborts the transaction
        # (the consumer's inbox marker with it); a concurrent insert is a write conflict the
        # driver retries, and the retry finds the document.
        if self._visits.find_one({"_id": key}, {"_id": 1}, session=self._s):
            return False
        self._visits.insert_one({"_id": key, **vars(visit)}, session=self._s)
        return True

    def last_visit(
        self, tenant_id: str, store_id: str, since: datetime, until: datetime
    ) -> VisitFact | None:
        query = {"tenant_id": tenant_id, "store_id": store_id, "at": {"$gte": since, "$lte": until}}
        found = self._visits.find(query, session=self._s).hint(BY_STORE_TIME)
        # A store's visits within a window are few; the tie-break by id is the domain's rule.
        docs = sorted(found, key=lambda d: (as_utc(d["at"]), d["visit_id"]), reverse=True)
        return _visit(docs[0]) if docs else None

    # --- orders ---------------------------------------------------------------------------
    def add_order(self, order: Order) -> bool:
        key = _key(order.tenant_id, order.order_id)
        if self._orders.find_one({"_id": key}, {"_id": 1}, session=self._s):
            return False  # see add_visit
        self._orders.insert_one(_order_doc(order), session=self._s)
        return True

    def save_order(self, order: Order) -> None:
        key = _key(order.tenant_id, order.order_id)
        self._orders.replace_one({"_id": key}, _order_doc(order), session=self._s)

    def pending_orders(self, tenant_id: str, external_id: str) -> list[Order]:
        query = {"tenant_id": tenant_id, "pending_external_id": external_id}
        return [_order(d) for d in self._orders.find(query, session=self._s).hint(PENDING)]

    def store_orders(
        self, tenant_id: str, store_id: str, since: datetime, until: datetime
    ) -> list[Order]:
        query = {"tenant_id": tenant_id, "store_id": store_id,
                 "ordered_at": {"$gte": since, "$lte": until}}  # fmt: skip
        return [_order(d) for d in self._orders.find(query, session=self._s).hint(BY_STORE_TIME)]

    def region_orders(
        self, tenant_id: str, prefix: str, since: datetime, until: datetime,
        rep_ids: list[str] | None = None,
    ) -> list[Order]:  # fmt: skip
        found: list[Order] = []
        for code in self._codes(tenant_id):
            if code.startswith(prefix):
                query = {"tenant_id": tenant_id, "region_code": code,
                         "ordered_at": {"$gte": since, "$lt": until}}  # fmt: skip
                docs = self._orders.find(query, session=self._s).hint(BY_REGION_TIME)
                found += [_order(d) for d in docs if rep_ids is None or d["rep_id"] in rep_ids]
        return found

    def order_history(
        self, tenant_id: str, prefix: str, until: datetime
    ) -> list[tuple[str, datetime, int]]:
        fields = {"store_id": 1, "ordered_at": 1, "total_fen": 1, "_id": 0}
        found: list[tuple[str, datetime, int]] = []
        for code in self._codes(tenant_id):
            if code.startswith(prefix):
                query = {"tenant_id": tenant_id, "region_code": code, "ordered_at": {"$lt": until}}
                docs = self._orders.find(query, fields, session=self._s).hint(BY_REGION_TIME)
                found += [(d["store_id"], as_utc(d["ordered_at"]), d["total_fen"]) for d in docs]
        return found

    # --- many at once (ADR 037): one $in read or one bulk write each ----------------------
    def _ids(self, collection, tenant_id: str, item_ids: list[str]) -> set[str]:
        if not item_ids:
            return set()
        keys = [_key(tenant_id, i) for i in dict.fromkeys(item_ids)]
        found = collection.find({"_id": {"$in": keys}}, {"_id": 1}, session=self._s)
        return {d["_id"][len(tenant_id) + 1 :] for d in found}

    def known_orders(self, tenant_id: str, order_ids: list[str]) -> set[str]:
        return self._ids(self._orders, tenant_id, order_ids)

    def known_visits(self, tenant_id: str, visit_ids: list[str]) -> set[str]:
        return self._ids(self._visits, tenant_id, visit_ids)

    def stores_by_external_ids(self, tenant_id: str, external_ids: list[str]) -> dict:
        if not external_ids:
            return {}
        query = {"tenant_id": tenant_id, "external_id": {"$in": sorted(set(external_ids))}}
        found = self._stores.find(query, session=self._s).hint(BY_EXTERNAL)
        return {doc["external_id"]: _store(doc) for doc in found}

    def visits_of_stores(
        self, tenant_id: str, store_ids: list[str], since: datetime, until: datetime
    ) -> list[VisitFact]:
        query = {"tenant_id": tenant_id, "store_id": {"$in": store_ids},
                 "at": {"$gte": since, "$lte": until}}  # fmt: skip
        return [_visit(d) for d in self._visits.find(query, session=self._s).hint(BY_STORE_TIME)]

    def orders_of_stores(
        self, tenant_id: str, store_ids: list[str], since: datetime, until: datetime
    ) -> list[Order]:
        query = {"tenant_id": tenant_id, "store_id": {"$in": store_ids},
                 "ordered_at": {"$gte": since, "$lte": until}}  # fmt: skip
        return [_order(d) for d in self._orders.find(query, session=self._s).hint(BY_STORE_TIME)]

    def insert_orders(self, orders: list[Order]) -> None:
        if orders:
            self._orders.insert_many([_order_doc(o) for o in orders], ordered=False,
                                     session=self._s)  # fmt: skip

    def insert_visits(self, visits: list[VisitFact]) -> None:
        if visits:
            docs = [{"_id": _key(v.tenant_id, v.visit_id), **vars(v)} for v in visits]
            self._visits.insert_many(docs, ordered=False, session=self._s)

    def save_orders(self, orders: list[Order]) -> None:
        if orders:
            writes = [ReplaceOne({"_id": _key(o.tenant_id, o.order_id)}, _order_doc(o))
                      for o in orders]  # fmt: skip
            self._orders.bulk_write(writes, ordered=False, session=self._s)

    # --- settings -------------------------------------------------------------------------
    def window_days(self, tenant_id: str) -> int | None:
        doc = self._settings.find_one({"_id": tenant_id}, session=self._s)
        return doc["window_days"] if doc else None

    def save_window_days(self, tenant_id: str, days: int) -> None:
        self._settings.update_one(
            {"_id": tenant_id}, {"$set": {"window_days": days}}, upsert=True, session=self._s
        )


def _store(doc: dict) -> StoreFacts:
    return StoreFacts(**{k: v for k, v in doc.items() if k != "_id"})


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
