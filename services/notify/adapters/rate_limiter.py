"""Provider rate limits as a sliding window in MongoDB, shared by every notify replica.

One document per key (a member of an app, or a robot) holds exactly `limit` send times,
oldest first (a new key starts with zeros). A send may go only if one conditional update
succeeds: the oldest stamp has left the window; the update pushes the new stamp, keeps the
array sorted and trims it to `limit`. Two replicas racing for the last place: one update
matches, the other does not. One condition, no $or, and the _id index named: SecantusDB
scans on compound filters and an $or costs several times more. No find_one_and_update.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from pymongo.database import Database
from pymongo.errors import DuplicateKeyError

from services.notify.domain.model import RateLimit


class MongoRateLimiter:
    def __init__(self, db: Database) -> None:
        self._windows = db["rate_windows"]

    def acquire(self, limit: RateLimit, now: datetime) -> datetime | None:
        stamp = now.timestamp()
        window_s = limit.window.total_seconds()
        for _ in range(2):
            result = self._windows.update_one(
                {"_id": limit.key, "stamps.0": {"$lte": stamp - window_s}},
                {"$push": {"stamps": {"$each": [stamp], "$sort": 1, "$slice": -limit.limit}}},
                hint="_id_",
            )
            if result.modified_count == 1:
                return None
            doc = self._windows.find_one({"_id": limit.key})
            if doc is not None:
                break
            try:  # first send for this key
                self._windows.insert_one(
                    {"_id": limit.key, "stamps": [0.0] * (limit.limit - 1) + [stamp]}
                )
                return None
            except DuplicateKeyError:
                continue  # another replica created it: take the conditional path again
        stamps = sorted((doc or {}).get("stamps", []))
        if not stamps or stamps[0] <= stamp - window_s:
            return now  # a place freed meanwhile: due again at once
        oldest_in_window = stamps[-limit.limit] if len(stamps) >= limit.limit else stamps[0]
        free_at = datetime.fromtimestamp(oldest_in_window + window_s, UTC)
        return max(free_at, now + timedelta(milliseconds=50))
