"""MongoDB implementation of PhotoRepository. Collections: `photos` (`_id` = photo_id, with the
analysis once done), `analysis_jobs` (`_id` = photo_id), `field_settings` (`_id` = tenant),
the read models `stores` and `people` (`_id` = "<tenant>:<id>"), and the reuse index:
`photo_hashes` (`_id` = photo_id, its fine hashes and a short `ref`) and `photo_bands`, the
bucket documents its band keys are kept in (`_id` = "<tenant>:<bucket>", ADR 028 and 039).
Every query is backed by an index in INDEXES (lookups by `_id` use the primary index)."""

from __future__ import annotations

from datetime import datetime

from pymongo import IndexModel, InsertOne, ReplaceOne, UpdateOne
from pymongo.client_session import ClientSession
from pymongo.database import Database
from pymongo.errors import DuplicateKeyError

from services.common.clock import as_utc
from services.common.errors import AlreadyExists
from services.common.mongo import BY_ID
from services.media.adapters import band_buckets as buckets
from services.media.adapters import documents as docs
from services.media.domain.analysis import AnalysisJob, JobState, PhotoAnalysis
from services.media.domain.geo import distance_m, grid_cell, grid_cells_around
from services.media.domain.model import GeoPoint, Photo
from services.media.domain.reuse import HashedPhoto
from services.media.domain.settings import FieldCheckSettings
from services.media.domain.stores import PersonName, StoreSighting

INDEXES = {
    "photos": [IndexModel([("tenant_id", 1), ("visit_id", 1)], name="by_visit")],
    "analysis_jobs": [IndexModel([("state", 1), ("due_at", 1)], name="due")],
    "stores": [IndexModel([("tenant_id", 1), ("cell", 1)], name="by_cell")],
    "photo_hashes": [IndexModel([("tenant_id", 1), ("ref", 1)], name="by_ref")],
}
# 400 bucket ids in one query took 430 ms on SecantusDB, in chunks of 100 135 ms (load
# average 8; a reply's first batch holds 101 documents, ADR 039)
READ_CHUNK = 100


class MongoPhotoRepository:
    def __init__(self, db: Database, session: ClientSession | None) -> None:
        self._photos = db["photos"]
        self._jobs = db["analysis_jobs"]
        self._settings = db["field_settings"]
        self._stores = db["stores"]
        self._people = db["people"]
        self._hashes = db["photo_hashes"]
        self._bands = db["photo_bands"]
        self._s = session

    # photos -------------------------------------------------------------------------------
    def get(self, photo_id: str) -> Photo | None:
        doc = self._photos.find_one({"_id": photo_id}, session=self._s)
        return docs.photo_from_doc(doc) if doc else None

    def add(self, photo: Photo) -> None:
        try:
            self._photos.insert_one(docs.photo_to_doc(photo), session=self._s)
        except DuplicateKeyError:
            raise AlreadyExists(f"照片 {photo.photo_id} 已存在") from None

    def get_analysis(self, photo_id: str) -> tuple[str, PhotoAnalysis | None]:
        doc = self._photos.find_one(
            {"_id": photo_id}, {"analysis_state": 1, "analysis": 1}, session=self._s
        )
        if doc is None:
            return JobState.PENDING.value, None
        analysis = doc.get("analysis")
        state = doc.get("analysis_state", JobState.PENDING.value)
        return state, docs.analysis_from_doc(photo_id, analysis) if analysis else None

    def save_analysis(self, analysis: PhotoAnalysis) -> None:
        self._photos.update_one(
            {"_id": analysis.photo_id},
            {"$set": {"analysis": docs.analysis_to_doc(analysis), "analysis_state": "done"}},
            session=self._s,
        )

    # analysis jobs ------------------------------------------------------------------------
    def add_job(self, job: AnalysisJob) -> None:
        self._jobs.insert_one({"_id": job.photo_id, **docs.job_to_doc(job)}, session=self._s)

    def due_jobs(self, now: datetime, limit: int) -> list[AnalysisJob]:
        rows = (
            self._jobs.find(
                {"state": JobState.PENDING.value, "due_at": {"$lte": now}}, session=self._s
            )
            .sort("due_at", 1)
            .limit(limit)
        )
        return [docs.job_from_doc(row) for row in rows]

    def claim_job(self, job: AnalysisJob, now: datetime) -> bool:
        # Unclaimed rows hold a time long past (services.common.mongo.UNCLAIMED), not null.
        result = self._jobs.update_one(
            {"_id": job.photo_id, "state": JobState.PENDING.value, "claimed_until": {"$lt": now}},
            {"$set": {"claim": job.claim, "claimed_until": job.claimed_until}},
            hint=BY_ID,
            session=self._s,
        )
        return result.modified_count == 1

    def settle_job(self, job: AnalysisJob, token: str) -> bool:
        result = self._jobs.update_one(
            {"_id": job.photo_id, "claim": token},
            {"$set": docs.job_to_doc(job)},
            hint=BY_ID,
            session=self._s,
        )
        if result.matched_count == 1 and job.state != JobState.PENDING:
            self._photos.update_one(
                {"_id": job.photo_id},
                {"$set": {"analysis_state": job.state.value}},
                session=self._s,
            )
        return result.matched_count == 1

    # settings -----------------------------------------------------------------------------
    def get_settings(self, tenant_id: str) -> FieldCheckSettings | None:
        doc = self._settings.find_one({"_id": tenant_id}, session=self._s)
        return docs.settings_from_doc(doc) if doc else None

    def put_settings(self, settings: FieldCheckSettings) -> None:
        doc = docs.settings_to_doc(settings)
        self._settings.replace_one({"_id": settings.tenant_id}, doc, upsert=True, session=self._s)

    # read models --------------------------------------------------------------------------
    def get_store(self, tenant_id: str, store_id: str) -> StoreSighting | None:
        doc = self._stores.find_one({"_id": f"{tenant_id}:{store_id}"}, session=self._s)
        return docs.store_from_doc(doc) if doc else None

    def put_store(self, store: StoreSighting) -> None:
        doc = _store_doc(store)
        self._stores.replace_one({"_id": doc["_id"]}, doc, upsert=True, session=self._s)

    def get_stores(self, tenant_id: str, store_ids: list[str]) -> dict[str, StoreSighting]:
        keys = [f"{tenant_id}:{s}" for s in dict.fromkeys(store_ids)]
        found: dict[str, StoreSighting] = {}
        for i in range(0, len(keys), READ_CHUNK):
            for doc in self._stores.find(
                {"_id": {"$in": keys[i : i + READ_CHUNK]}}, session=self._s
            ):
                found[doc["store_id"]] = docs.store_from_doc(doc)
        return found

    def put_stores(self, stores: list[StoreSighting], known: set[str]) -> None:
        # New stores as inserts (~6,000 documents/s on SecantusDB against ~1,400/s for
        # replaces); a concurrent insert of the same store aborts the transaction, and the
        # event's redelivery then finds it known.
        new = [InsertOne(_store_doc(s)) for s in stores if s.store_id not in known]
        changed = [ReplaceOne({"_id": d["_id"]}, d) for d in
                   (_store_doc(s) for s in stores if s.store_id in known)]  # fmt: skip
        if new or changed:
            self._stores.bulk_write([*new, *changed], ordered=True, session=self._s)

    def stores_near(
        self, tenant_id: str, point_wgs84: GeoPoint, radius_m: float, limit: int
    ) -> list[StoreSighting]:
        cells = grid_cells_around(point_wgs84, radius_m)
        rows = self._stores.find({"tenant_id": tenant_id, "cell": {"$in": cells}}, session=self._s)
        stores = [docs.store_from_doc(row) for row in rows]
        near = [
            (distance_m(point_wgs84, s.location), s)
            for s in stores
            if s.active and s.location and distance_m(point_wgs84, s.location) <= radius_m
        ]
        return [s for _, s in sorted(near, key=lambda pair: pair[0])[:limit]]

    def get_person(self, tenant_id: str, person_id: str) -> PersonName | None:
        doc = self._people.find_one({"_id": f"{tenant_id}:{person_id}"}, session=self._s)
        return PersonName(doc["tenant_id"], doc["person_id"], doc["name"]) if doc else None

    def put_person(self, person: PersonName) -> None:
        self._people.replace_one(
            {"_id": f"{person.tenant_id}:{person.person_id}"},
            {"tenant_id": person.tenant_id, "person_id": person.person_id, "name": person.name},
            upsert=True,
            session=self._s,
        )

    # the reuse index ----------------------------------------------------------------------
    def add_hashes(self, entry: HashedPhoto) -> datetime:
        doc = docs.hashed_to_doc(entry)
        fields = {name: {"$literal": value} for name, value in doc.items() if name != "_id"}
        # the server's clock, set once: a retry keeps the first time
        fields["indexed_at"] = {"$ifNull": ["$indexed_at", "$$NOW"]}
        self._hashes.update_one(
            {"_id": doc["_id"]}, [{"$set": fields}], upsert=True, session=self._s
        )
        self._add_to_buckets(entry)
        stored = self._hashes.find_one({"_id": doc["_id"]}, {"indexed_at": 1}, session=self._s)
        return as_utc(stored["indexed_at"])

    def _add_to_buckets(self, entry: HashedPhoto) -> None:
        placed = buckets.entries_of(entry.tenant_id, entry.earlier.photo_id, entry.band_keys)
        if not placed:
            return
        # $addToSet: a retried analysis adds nothing twice
        upserts = [
            UpdateOne(
                {"_id": bid},
                {"$addToSet": {"e": e}, "$setOnInsert": {"tenant_id": entry.tenant_id}},
                upsert=True,
            )
            for bid, e in placed
        ]
        self._bands.bulk_write(upserts, ordered=True, session=self._s)

    def sharing_bands(self, tenant_id: str, keys: list[str], limit: int) -> list[HashedPhoto]:
        plan = buckets.probe_plan(tenant_id, keys)
        ids = sorted(plan)
        refs: set[int] = set()
        for first in range(0, len(ids), READ_CHUNK):
            found = self._bands.find(
                {"_id": {"$in": ids[first : first + READ_CHUNK]}}, session=self._s
            )
            refs |= buckets.refs_in(plan, found)
        if not refs:
            return []
        rows = self._hashes.find(
            {"tenant_id": tenant_id, "ref": {"$in": sorted(refs)}}, session=self._s
        ).limit(limit)
        return [docs.hashed_from_doc(row) for row in rows]


def _store_doc(store: StoreSighting) -> dict:
    doc = docs.store_to_doc(store)
    doc["cell"] = grid_cell(store.location) if store.location else None
    return doc
