"""The ADR 039 migration on the real MongoDB-wire server: a photo indexed the old way (band
keys in `photo_hashes.bands`, no `ref`) is found by the bucket lookup after it, beside photos
already indexed the new way, and a second run changes nothing."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from pymongo.database import Database

from devstack.sandbox import MONGO
from services.common.mongo import ensure_indexes, mongo_client
from services.media.adapters import documents as docs
from services.media.adapters.band_migration import migrate_old_bands
from services.media.adapters.repository import INDEXES, MongoPhotoRepository
from services.media.domain.flags import EarlierPhoto
from services.media.domain.reuse import HashedPhoto

T0 = datetime(2026, 11, 1, 2, 0, tzinfo=UTC)


@pytest.fixture
def db() -> Iterator[Database]:
    client = mongo_client(MONGO)
    database = client[f"mmigrate_{uuid.uuid4().hex[:8]}_media"]
    ensure_indexes(database, INDEXES)
    try:
        yield database
    finally:
        client.drop_database(database.name)


def _hashed(photo_id: str, keys: tuple[str, ...]) -> HashedPhoto:
    earlier = EarlierPhoto(photo_id, f"v-{photo_id}", "rep-1", T0)
    return HashedPhoto("t", earlier, f"t/{photo_id}.jpg", {"full": 5, "upper": 7}, keys)


def _store_the_old_way(db: Database, entry: HashedPhoto) -> None:
    doc = docs.hashed_to_doc(entry)
    del doc["ref"]
    db["photo_hashes"].insert_one({**doc, "bands": list(entry.band_keys)})


def _snapshot(db: Database) -> tuple[list[dict], list[dict]]:
    return (
        list(db["photo_hashes"].find().sort("_id", 1)),
        list(db["photo_bands"].find().sort("_id", 1)),
    )


def test_an_old_photo_is_found_as_earlier_after_the_migration_and_a_rerun_changes_nothing(
    db,
) -> None:
    repo = MongoPhotoRepository(db, None)
    repo.add_hashes(_hashed("p-new", ("full:0:aaaa",)))  # a bucket the old photo shares
    _store_the_old_way(db, _hashed("p-old", ("full:0:aaaa", "upper:1:cccc")))
    assert [h.earlier.photo_id for h in repo.sharing_bands("t", ["upper:1:cccc"], 10)] == []

    seen: list[int] = []
    assert migrate_old_bands(db, seen.append) == 1 and seen == [1]

    [old] = repo.sharing_bands("t", ["upper:1:cccc"], 10)
    assert old.earlier.photo_id == "p-old" and old.earlier.stored_at == T0
    both = repo.sharing_bands("t", ["full:0:aaaa"], 10)
    assert sorted(h.earlier.photo_id for h in both) == ["p-new", "p-old"]
    assert db["photo_hashes"].count_documents({"bands": {"$exists": True}}) == 0

    before = _snapshot(db)
    assert migrate_old_bands(db) == 0
    assert _snapshot(db) == before


def test_a_run_stopped_before_unsetting_the_old_field_adds_no_entry_twice(db) -> None:
    _store_the_old_way(db, _hashed("p-old", ("full:0:aaaa", "upper:1:cccc")))
    migrate_old_bands(db)
    done = _snapshot(db)[1]
    # as if the run had written the buckets but died before the photo's update
    db["photo_hashes"].update_one({"_id": "p-old"}, {"$set": {"bands": ["full:0:aaaa"]}})
    assert migrate_old_bands(db) == 1
    assert _snapshot(db)[1] == done
