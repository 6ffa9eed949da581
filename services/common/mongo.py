"""MongoDB connections and index creation at start-up (every query is backed by an index)."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from functools import cache

from pymongo import IndexModel, MongoClient
from pymongo.database import Database

log = logging.getLogger(__name__)

IndexPlan = dict[str, list[IndexModel]]

# SecantusDB plans a filter that names _id plus other fields as a collection scan unless told
# which index to use (measured in notify: a claim went from 26 ms to 8.6 ms). Every
# conditional update by _id passes this hint. Updates only: a find or find_one with any hint
# walks the whole index (ADR 041: 1.7 s a find_one at 60,000 documents, against 2 ms).
BY_ID = "_id_"
# "Not claimed" is a time long past rather than null: an $or of null-or-expired is far slower.
UNCLAIMED = datetime(1970, 1, 1, tzinfo=UTC)

# Indexes every service database has: the outbox and the idempotent-consumer inbox.
KERNEL_INDEXES: IndexPlan = {
    "outbox": [IndexModel([("sent", 1), ("created_at", 1)], name="unsent_by_age")],
    "inbox": [IndexModel([("handled_at", 1)], name="handled_at")],
}


@cache
def mongo_client(uri: str) -> MongoClient:
    # tz_aware keeps datetimes UTC-aware end to end; appname shows up in server logs.
    return MongoClient(uri, tz_aware=True, serverSelectionTimeoutMS=10_000, appname="sales")


def ensure_indexes(db: Database, plan: IndexPlan) -> None:
    for collection, indexes in {**KERNEL_INDEXES, **plan}.items():
        if indexes:
            db[collection].create_indexes(indexes)
    log.info("indexes ensured", extra={"database": db.name, "collections": sorted(plan)})
