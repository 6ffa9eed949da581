"""MongoDB implementation of CardRepository: collection `cards`, `_id` = tenant:visit_id.
Every query is backed by an index in INDEXES."""

from __future__ import annotations

from datetime import datetime

from pymongo import ASCENDING, DESCENDING, IndexModel
from pymongo.client_session import ClientSession
from pymongo.database import Database
from pymongo.errors import DuplicateKeyError

from services.common.clock import as_utc
from services.common.errors import AlreadyExists
from services.common.mongo import BY_ID, IndexPlan
from services.visits.adapters.card_documents import card_from_doc, card_key, card_to_doc, point_from
from services.visits.domain.cards import Card
from services.visits.domain.plausibility import CheckIn

BY_REP = "by_rep_check_in"
BY_STORE = "by_store"
PENDING = "pending_photos"
INDEXES: IndexPlan = {
    "cards": [
        IndexModel(
            [("tenant_id", 1), ("rep_id", 1), ("checked_in_at", -1), ("visit_id", -1)], name=BY_REP
        ),  # fmt: skip
        IndexModel([("tenant_id", 1), ("store_id", 1)], name=BY_STORE),
        IndexModel([("tenant_id", 1), ("pending_photo_ids", 1)], name=PENDING),
    ]
}
# list_for_rep reads a little past the page, so cards that share a check-in second with the
# last one shown are not lost between pages.
TIE_MARGIN = 20


class MongoCardRepository:
    def __init__(self, db: Database, session: ClientSession | None) -> None:
        self._cards = db["cards"]
        self._s = session

    def get(self, tenant_id: str, visit_id: str) -> Card | None:
        doc = self._cards.find_one({"_id": card_key(tenant_id, visit_id)}, session=self._s)
        return card_from_doc(doc) if doc else None

    def add(self, card: Card) -> None:
        try:
            self._cards.insert_one(card_to_doc(card), session=self._s)
        except DuplicateKeyError:
            raise AlreadyExists(f"拜访 {card.visit_id} 已存在") from None

    def has_visit_to(self, tenant_id: str, store_id: str) -> bool:
        found = self._cards.find_one(
            {"tenant_id": tenant_id, "store_id": store_id}, {"_id": 1}, session=self._s
        )
        return found is not None

    def _check_ins(self, tenant_id: str, rep_id: str, at_filter: dict, order: int, limit: int):
        query = {"tenant_id": tenant_id, "rep_id": rep_id, "checked_in_at": at_filter}
        projection = {"visit_id": 1, "checked_in_at": 1, "draft.check_in.location": 1}
        cursor = self._cards.find(query, projection, session=self._s)
        return list(cursor.sort([("checked_in_at", order)]).limit(limit))

    def neighbour_check_ins(
        self, tenant_id: str, rep_id: str, at: datetime, exclude_visit_id: str
    ) -> list[CheckIn]:
        before = self._check_ins(tenant_id, rep_id, {"$lte": at}, DESCENDING, 2)
        after = self._check_ins(tenant_id, rep_id, {"$gt": at}, ASCENDING, 1)
        found = [d for d in before if d["visit_id"] != exclude_visit_id][:1] + after
        return [
            CheckIn(
                d["visit_id"],
                point_from(d["draft"]["check_in"]["location"]),  # type: ignore[arg-type]
                as_utc(d["checked_in_at"]),
            )  # fmt: skip
            for d in found
        ]

    def list_for_rep(self, tenant_id: str, rep_id: str, after: str, limit: int) -> list[Card]:
        query: dict = {"tenant_id": tenant_id, "rep_id": rep_id}
        if after:
            query["checked_in_at"] = {"$lte": datetime.fromisoformat(after.split("|")[0])}
        cursor = self._cards.find(query, session=self._s)
        cursor = cursor.sort([("checked_in_at", DESCENDING), ("visit_id", DESCENDING)])
        cards = [card_from_doc(d) for d in cursor.limit(limit + (TIE_MARGIN if after else 0))]
        if after:
            cards = [c for c in cards if f"{c.checked_in_at.isoformat()}|{c.visit_id}" < after]
        return cards[:limit]

    def waiting_for_photo(self, tenant_id: str, photo_id: str) -> Card | None:
        query = {"tenant_id": tenant_id, "pending_photo_ids": photo_id}
        doc = self._cards.find_one(query, session=self._s)
        return card_from_doc(doc) if doc else None

    def link_photo(self, tenant_id: str, visit_id: str, photo_id: str) -> bool:
        result = self._cards.update_one(
            {"_id": card_key(tenant_id, visit_id), "pending_photo_ids": photo_id},
            {"$pull": {"pending_photo_ids": photo_id}}, session=self._s, hint=BY_ID,
        )  # fmt: skip
        return result.modified_count == 1
