"""Moves a reuse index written before ADR 039 into the bucket documents.

Photos indexed before ADR 039 keep their band keys in a `bands` array on their `photo_hashes`
document and have no `ref`, so the bucket lookup cannot find them as earlier photos. This fills
their keys into `photo_bands` with the builder the bulk fill uses (`bucket_docs`), sets `ref`,
and only then unsets `bands`: a run stopped half-way leaves photos that still have `bands`, and
the next run adds their entries again with `$addToSet` (no duplicates). A run with nothing left
to move writes nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from pymongo import UpdateOne
from pymongo.database import Database

from services.media.adapters import band_buckets as buckets

BATCH = 500  # photos a round: ~10,000 keys, a few thousand bucket upserts (~1,400/s)


def migrate_old_bands(db: Database, progress: Callable[[int], None] = lambda n: None) -> int:
    """Moves every photo with the old `bands` field; returns how many were moved."""
    hashes, bands = db["photo_hashes"], db["photo_bands"]
    moved = 0
    while True:
        batch = list(
            hashes.find({"bands": {"$exists": True}}, {"tenant_id": 1, "bands": 1}).limit(BATCH)
        )
        if not batch:
            return moved
        by_tenant: dict[str, list[tuple[str, list[str]]]] = defaultdict(list)
        for doc in batch:
            by_tenant[doc["tenant_id"]].append((doc["_id"], list(doc["bands"])))
        upserts = [
            UpdateOne(
                {"_id": bucket["_id"]},
                {"$addToSet": {"e": {"$each": bucket["e"]}}, "$setOnInsert": {"tenant_id": t}},
                upsert=True,
            )
            for t, photos in by_tenant.items()
            for bucket in buckets.bucket_docs(t, photos)
        ]
        if upserts:
            bands.bulk_write(upserts, ordered=False)
        hashes.bulk_write(
            [
                UpdateOne(
                    {"_id": doc["_id"]},
                    {"$set": {"ref": buckets.photo_ref(doc["_id"])}, "$unset": {"bands": ""}},
                )
                for doc in batch
            ],
            ordered=False,
        )
        moved += len(batch)
        progress(moved)
