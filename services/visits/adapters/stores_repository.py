"""MongoDB storage of the store master. Every query names exactly the fields of one index in
INDEXES (see numbered_pages.py for why that matters on the embedded server)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from pymongo import IndexModel
from pymongo.client_session import ClientSession
from pymongo.database import Database
from pymongo.errors import BulkWriteError, DuplicateKeyError

from services.common.errors import AlreadyExists
from services.common.geo import GeoPoint
from services.common.mongo import BY_ID, IndexPlan
from services.visits.adapters.numbered_pages import Counters, numbered, page
from services.visits.adapters.store_visits import (
    COLLECTION,
    latest_visit_update,
    with_latest_visits,
)
from services.visits.domain import name_search
from services.visits.domain.stores import (
    Store,
    StoreQuery,
    matches,
    region_filter_key,
    region_keys,
)

INDEXES: IndexPlan = {
    "stores": [
        IndexModel([("tenant_id", 1), ("number", 1)], name="register"),
        IndexModel([("tenant_id", 1), ("owner_rep_id", 1), ("number", 1)], name="by_owner"),
        IndexModel([("tenant_id", 1), ("name_chars", 1), ("number", 1)], name="by_name_char"),
        IndexModel([("tenant_id", 1), ("region_keys", 1), ("number", 1)], name="by_region"),
        IndexModel([("tenant_id", 1), ("registered_at", 1)], name="by_registration"),
        # "tenant:external id", only on stores that have one: unique across the tenant
        IndexModel([("external_key", 1)], name="external_id", unique=True, sparse=True),
        IndexModel([("awaiting_first_visit", 1), ("first_visit_due_at", 1)], name="first_due"),
        IndexModel([("tenant_id", 1), ("awaiting_first_visit", 1)], name="tenant_awaiting"),
    ],
    "counters": [],  # keyed by _id = tenant:register
    "store_visits": [],  # keyed by _id = store id (store_visits.py)
}
Doc = dict[str, Any]


def point_to_doc(point: GeoPoint | None) -> Doc | None:
    return vars(point).copy() if point else None


def point_from_doc(doc: Doc | None) -> GeoPoint | None:
    return GeoPoint(**doc) if doc else None


def external_key(tenant_id: str, external_id: str) -> str:
    return f"{tenant_id}:{external_id}"


def store_to_doc(store: Store) -> Doc:
    doc = {name: value for name, value in vars(store).items() if name != "store_id"}
    doc["_id"] = store.store_id
    doc["location"] = point_to_doc(store.location)
    if store.external_id:
        doc["external_key"] = external_key(store.tenant_id, store.external_id)
    doc["name_chars"] = name_search.name_chars(store.name)
    doc["region_keys"] = region_keys(store.region_code)
    doc["awaiting_first_visit"] = (
        store.first_visit_tracked
        and store.first_visited_at is None
        and store.first_visit_overdue_at is None
    )
    return doc


DERIVED = ("_id", "external_key", "name_chars", "region_keys", "awaiting_first_visit")


def store_from_doc(doc: Doc) -> Store:
    fields = {k: v for k, v in doc.items() if k not in DERIVED}
    fields["location"] = point_from_doc(doc.get("location"))
    return Store(store_id=doc["_id"], **fields)


class MongoStoreRepository:
    def __init__(self, db: Database, session: ClientSession | None) -> None:
        self._db = db
        self._stores = db["stores"]
        self._numbers = Counters(db["counters"], session, "stores")
        self._s = session

    def _read(self, docs) -> list[Store]:
        """Stores as stored, with their latest visits (store_visits.py)."""
        return list(map(store_from_doc, with_latest_visits(self._db, self._s, list(docs))))

    def get(self, tenant_id: str, store_id: str) -> Store | None:
        doc = self._stores.find_one({"_id": store_id}, session=self._s)
        return self._read([doc])[0] if doc and doc["tenant_id"] == tenant_id else None

    def by_external_id(self, tenant_id: str, external_id: str) -> Store | None:
        return self.by_external_ids(tenant_id, [external_id]).get(external_id)

    def by_external_ids(self, tenant_id: str, external_ids: list[str]) -> dict[str, Store]:
        keys = [external_key(tenant_id, e) for e in external_ids]
        found = self._stores.find({"external_key": {"$in": keys}}, session=self._s)
        return {s.external_id: s for s in self._read(found)}

    def add_many(self, stores: list[Store]) -> list[Store]:
        if not stores:
            return []
        first = self._numbers.reserve(stores[0].tenant_id, len(stores))
        for offset, store in enumerate(stores):
            store.number = first + offset
        try:
            self._stores.insert_many([store_to_doc(s) for s in stores], session=self._s)
        except (DuplicateKeyError, BulkWriteError):
            raise AlreadyExists("门店编号或外部编号已被使用") from None
        return stores

    def save(self, store: Store) -> bool:
        result = self._stores.replace_one(
            {"_id": store.store_id, "tenant_id": store.tenant_id, "version": store.version - 1},
            store_to_doc(store),
            session=self._s,
            hint=BY_ID,
        )
        return result.modified_count == 1

    def note_visit(self, tenant_id: str, store_id: str, visited_at: datetime, visit_id: str):
        # Two conditional updates rather than read-modify-write: offline cards arrive in any
        # order, and each keeps only the latest (plans) and the earliest (V7) visit.
        latest = latest_visit_update(tenant_id, store_id, visited_at, visit_id)
        self._db[COLLECTION].bulk_write([latest], session=self._s)
        self._stores.update_one(
            {"_id": store_id, "tenant_id": tenant_id, "first_visited_at": {"$not": {"$lte": visited_at}}},
            {"$set": {"first_visited_at": visited_at, "first_visit_id": visit_id,
                      "awaiting_first_visit": False}},
            session=self._s,
            hint=BY_ID,
        )  # fmt: skip

    def page(self, query: StoreQuery, after_number: int, limit: int) -> list[Store]:
        def keep(doc: Doc) -> bool:
            return matches(store_from_doc(doc), query)

        if query.owner_rep_ids:
            docs = self._owners_after(query, after_number)
        else:
            last = self._numbers.last(query.tenant_id)
            docs = numbered(self._stores, self._s, self._lead(query), after_number, last, limit)
        return self._read(page(docs, keep, limit))

    def _lead(self, query: StoreQuery) -> Doc:
        """The index equality the query is read through: the most telling filter (a class
        is a third of the register: its windows fill at once, and an index less makes every
        insert cheaper)."""
        base: Doc = {"tenant_id": query.tenant_id}
        lead = name_search.lead_char(name_search.normalise(query.name_query))
        if lead:
            base["name_chars"] = lead
        elif query.region_code:
            base["region_keys"] = region_filter_key(query.region_code)
        return base

    def _owners_after(self, query: StoreQuery, after: int) -> list[Doc]:
        # A rep owns a few hundred stores at most: one indexed read per owner, merged.
        docs: list[Doc] = []
        for owner in sorted(set(query.owner_rep_ids)):
            filters = {
                "tenant_id": query.tenant_id,
                "owner_rep_id": owner,
                "number": {"$gt": after},
            }
            docs.extend(self._stores.find(filters, session=self._s))
        return sorted(docs, key=lambda d: d["number"])

    def owned_by(self, tenant_id: str, rep_id: str) -> list[Store]:
        found = self._stores.find({"tenant_id": tenant_id, "owner_rep_id": rep_id}, session=self._s)
        return [s for s in self._read(found) if s.active]

    def registered_between(self, tenant_id: str, start: datetime, end: datetime) -> list[Store]:
        found = self._stores.find(
            {"tenant_id": tenant_id, "registered_at": {"$gte": start, "$lt": end}}, session=self._s
        )
        return self._read(found)

    def first_visits_due(self, now: datetime, limit: int) -> list[Store]:
        found = self._stores.find(
            {"awaiting_first_visit": True, "first_visit_due_at": {"$lte": now}},
            sort=[("first_visit_due_at", 1)],
            limit=limit,
            session=self._s,
        )
        return self._read(found)

    def claim_first_visit_overdue(self, tenant_id: str, store_id: str, now: datetime) -> bool:
        result = self._stores.update_one(
            {"_id": store_id, "tenant_id": tenant_id, "awaiting_first_visit": True},
            {"$set": {"awaiting_first_visit": False, "first_visit_overdue_at": now}},
            session=self._s,
            hint=BY_ID,
        )
        return result.modified_count == 1

    def reschedule_first_visits(self, tenant_id: str, limit_days: int) -> None:
        limit_ms = int(timedelta(days=limit_days).total_seconds() * 1000)
        self._stores.update_many(
            {"tenant_id": tenant_id, "awaiting_first_visit": True},
            [{"$set": {"first_visit_due_at": {"$add": ["$registered_at", limit_ms]}}}],
            session=self._s,
        )
