"""MongoDB storage of issued rating codes and of ratings (one per visit)."""

from __future__ import annotations

from typing import Any

from pymongo import ASCENDING, IndexModel
from pymongo.client_session import ClientSession
from pymongo.database import Database
from pymongo.errors import DuplicateKeyError

from services.common.clock import as_utc
from services.common.errors import AlreadyExists
from services.common.mongo import BY_ID, UNCLAIMED, IndexPlan
from services.visits.domain.ratings import IssuedToken, Rating, WeeklySatisfaction

SEP = "\x1f"

INDEXES: IndexPlan = {
    "rating_tokens": [
        IndexModel([("tenant_id", ASCENDING), ("visit_id", ASCENDING)], name="by_visit")
    ],
    "ratings": [
        IndexModel(
            [("tenant_id", ASCENDING), ("rep_id", ASCENDING), ("week", ASCENDING)],
            name="by_rep_week",
        )
    ],
}


def _token_from(d: dict[str, Any]) -> IssuedToken:
    used = as_utc(d["used_at"])
    return IssuedToken(
        tenant_id=d["tenant_id"],
        nonce=d["nonce"],
        visit_id=d["visit_id"],
        rep_id=d["rep_id"],
        store_id=d["store_id"],
        issued_at=as_utc(d["issued_at"]),
        expires_at=as_utc(d["expires_at"]),
        issued_by=d["issued_by"],
        used_at=None if used == UNCLAIMED else used,
    )


def _rating_from(d: dict[str, Any]) -> Rating:
    return Rating(
        tenant_id=d["tenant_id"],
        visit_id=d["visit_id"],
        rep_id=d["rep_id"],
        store_id=d["store_id"],
        supervisor_id=d["supervisor_id"],
        stars=d["stars"],
        comment=d["comment"],
        rated_at=as_utc(d["rated_at"]),
        visited_at=as_utc(d["visited_at"]) if d["visited_at"] else None,
        week=d["week"],
        nonce=d["nonce"],
    )


def rating_to_doc(rating: Rating) -> dict[str, Any]:
    return {
        "_id": SEP.join((rating.tenant_id, rating.visit_id)),
        "tenant_id": rating.tenant_id,
        "visit_id": rating.visit_id,
        "rep_id": rating.rep_id,
        "store_id": rating.store_id,
        "supervisor_id": rating.supervisor_id,
        "stars": rating.stars,
        "comment": rating.comment,
        "rated_at": rating.rated_at,
        "visited_at": rating.visited_at,
        "week": rating.week,
        "nonce": rating.nonce,
    }


class MongoRatingRepository:
    def __init__(self, db: Database, session: ClientSession | None) -> None:
        self._tokens = db["rating_tokens"]
        self._ratings = db["ratings"]
        self._s = session

    def add_token(self, token: IssuedToken) -> None:
        self._tokens.insert_one(
            {
                "_id": SEP.join((token.tenant_id, token.nonce)),
                "tenant_id": token.tenant_id,
                "nonce": token.nonce,
                "visit_id": token.visit_id,
                "rep_id": token.rep_id,
                "store_id": token.store_id,
                "issued_at": token.issued_at,
                "expires_at": token.expires_at,
                "issued_by": token.issued_by,
                "used_at": UNCLAIMED,  # "unused" is a time long past, never null (mongo.py)
            },
            session=self._s,
        )

    def token(self, tenant_id: str, nonce: str) -> IssuedToken | None:
        doc = self._tokens.find_one({"_id": SEP.join((tenant_id, nonce))}, session=self._s)
        return _token_from(doc) if doc else None

    def spend_token(self, tenant_id, nonce, now) -> bool:
        result = self._tokens.update_one(
            {"_id": SEP.join((tenant_id, nonce)), "used_at": UNCLAIMED},
            {"$set": {"used_at": now}},
            session=self._s,
            hint=BY_ID,
        )
        return result.modified_count == 1

    def add(self, rating: Rating) -> None:
        doc = rating_to_doc(rating)
        try:
            self._ratings.insert_one(doc, session=self._s)
        except DuplicateKeyError:
            raise AlreadyExists("此次拜访已评价") from None

    def of_visit(self, tenant_id: str, visit_id: str) -> Rating | None:
        doc = self._ratings.find_one({"_id": SEP.join((tenant_id, visit_id))}, session=self._s)
        return _rating_from(doc) if doc else None

    def weekly(self, tenant_id, rep_id, week) -> WeeklySatisfaction:
        rows = self._ratings.aggregate(
            [
                {"$match": {"tenant_id": tenant_id, "rep_id": rep_id, "week": week}},
                {"$group": {"_id": "$stars", "n": {"$sum": 1}}},
            ],
            session=self._s,
        )
        counts = {r["_id"]: r["n"] for r in rows}
        by_stars = tuple(counts.get(n, 0) for n in range(1, 6))
        total = sum(n * c for n, c in zip(range(1, 6), by_stars, strict=True))
        return WeeklySatisfaction(rep_id, week, sum(by_stars), total, by_stars)  # type: ignore[arg-type]
