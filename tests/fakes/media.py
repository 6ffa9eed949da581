"""In-memory fakes of media's ports (services/media/application/ports.py): the repository, run
by the shared FakeUnitOfWork (tests/fakes/kernel.py), and the object store.
They keep the real ones' rules (ids unique, conditional claims, all-or-nothing commits), so
the use cases' unit tests prove what the MongoDB and S3 adapters must also do."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import BinaryIO

from google.protobuf.message import Message

from services.common import events
from services.common.clock import Clock
from services.common.errors import AlreadyExists, Unavailable
from services.media.domain.analysis import AnalysisJob, JobState, PhotoAnalysis
from services.media.domain.geo import distance_m
from services.media.domain.model import GeoPoint, Photo
from services.media.domain.reuse import HashedPhoto
from services.media.domain.settings import FieldCheckSettings
from services.media.domain.stores import PersonName, StoreSighting
from tests.fakes.kernel import FakeState, FakeUnitOfWork


class FakePhotoRepository(FakeState):
    def __init__(self) -> None:
        self.photos: dict[str, Photo] = {}
        self.analyses: dict[str, PhotoAnalysis] = {}
        self.jobs: dict[str, AnalysisJob] = {}
        self.settings: dict[str, FieldCheckSettings] = {}
        self.stores: dict[tuple[str, str], StoreSighting] = {}
        self.people: dict[tuple[str, str], PersonName] = {}
        self.hashed: dict[str, HashedPhoto] = {}
        self.bands: dict[tuple[str, str], set[str]] = {}  # (tenant, key) -> photo ids
        self.indexings = 0  # the database clock's stand-in: every indexing later than the last

    def _index_clock(self) -> datetime:
        self.indexings += 1
        return datetime(2026, 1, 1, tzinfo=UTC) + timedelta(microseconds=self.indexings)

    def get(self, photo_id: str) -> Photo | None:
        return self.photos.get(photo_id)

    def add(self, photo: Photo) -> None:
        if photo.photo_id in self.photos:
            raise AlreadyExists(f"照片 {photo.photo_id} 已存在")
        self.photos[photo.photo_id] = photo

    def get_analysis(self, photo_id: str) -> tuple[str, PhotoAnalysis | None]:
        job = self.jobs.get(photo_id)
        return (job.state.value if job else JobState.PENDING.value), self.analyses.get(photo_id)

    def save_analysis(self, analysis: PhotoAnalysis) -> None:
        self.analyses[analysis.photo_id] = analysis

    def add_job(self, job: AnalysisJob) -> None:
        self.jobs[job.photo_id] = job

    def due_jobs(self, now: datetime, limit: int) -> list[AnalysisJob]:
        due = [j for j in self.jobs.values() if j.state == JobState.PENDING and j.due_at <= now]
        return sorted(due, key=lambda j: j.due_at)[:limit]

    def claim_job(self, job: AnalysisJob, now: datetime) -> bool:
        current = self.jobs[job.photo_id]
        free = current.claimed_until is None or current.claimed_until < now
        if current.state != JobState.PENDING or not free:
            return False
        self.jobs[job.photo_id] = job
        return True

    def settle_job(self, job: AnalysisJob, token: str) -> bool:
        if self.jobs[job.photo_id].claim != token:
            return False
        self.jobs[job.photo_id] = job
        return True

    def get_settings(self, tenant_id: str) -> FieldCheckSettings | None:
        return self.settings.get(tenant_id)

    def put_settings(self, settings: FieldCheckSettings) -> None:
        self.settings[settings.tenant_id] = settings

    def get_store(self, tenant_id: str, store_id: str) -> StoreSighting | None:
        return self.stores.get((tenant_id, store_id))

    def put_store(self, store: StoreSighting) -> None:
        self.stores[(store.tenant_id, store.store_id)] = store

    def get_stores(self, tenant_id: str, store_ids: list[str]) -> dict[str, StoreSighting]:
        found = (self.stores.get((tenant_id, s)) for s in store_ids)
        return {s.store_id: s for s in found if s is not None}

    def put_stores(self, stores: list[StoreSighting], known: set[str]) -> None:
        for store in stores:
            stored = (store.tenant_id, store.store_id) in self.stores
            # The real adapter inserts what is not known: an insert over a stored one fails.
            assert stored == (store.store_id in known), f"{store.store_id}: known is wrong"
            self.put_store(store)

    def stores_near(
        self, tenant_id: str, point_wgs84: GeoPoint, radius_m: float, limit: int
    ) -> list[StoreSighting]:
        near = [
            (distance_m(point_wgs84, s.location), s)
            for (tenant, _), s in self.stores.items()
            if tenant == tenant_id and s.location is not None and s.active
        ]
        return [s for d, s in sorted(near, key=lambda p: p[0]) if d <= radius_m][:limit]

    def get_person(self, tenant_id: str, person_id: str) -> PersonName | None:
        return self.people.get((tenant_id, person_id))

    def put_person(self, person: PersonName) -> None:
        self.people[(person.tenant_id, person.person_id)] = person

    def add_hashes(self, entry: HashedPhoto) -> datetime:
        first = self.hashed.get(entry.earlier.photo_id)
        when = first.indexed_at if first and first.indexed_at else self._index_clock()
        self.hashed[entry.earlier.photo_id] = replace(entry, indexed_at=when)
        for key in entry.band_keys:
            self.bands.setdefault((entry.tenant_id, key), set()).add(entry.earlier.photo_id)
        return when

    def sharing_bands(self, tenant_id: str, keys: list[str], limit: int) -> list[HashedPhoto]:
        ids = set().union(*(self.bands.get((tenant_id, key), set()) for key in keys))
        return [self.hashed[i] for i in sorted(ids)][:limit]


def media_uow(clock: Clock | None = None) -> FakeUnitOfWork[FakePhotoRepository]:
    return FakeUnitOfWork(FakePhotoRepository(), clock=clock, producer="media")


def payloads(uow: FakeUnitOfWork[FakePhotoRepository], event_type: str) -> list[Message]:
    """The payloads of the events of one type the committed work published, in order."""
    return [events.payload(e) for e in uow.published if e.type == event_type]


class FakeObjectStore:
    def __init__(self) -> None:
        self.objects: dict[str, tuple[bytes, str]] = {}
        self.down = False

    def put(self, key: str, data: BinaryIO, length: int, content_type: str, sha256: str) -> None:
        if self.down:
            raise Unavailable("照片存储暂时无法访问,请稍后重试")
        body = data.read()
        assert len(body) == length
        self.objects[key] = (body, content_type)

    def put_bytes(self, key: str, data: bytes, content_type: str) -> None:
        if self.down:
            raise Unavailable("照片存储暂时无法访问,请稍后重试")
        self.objects[key] = (data, content_type)

    def get(self, key: str) -> bytes:
        return self.objects[key][0]

    def presigned_get(self, key: str, expires: timedelta) -> str:
        return f"http://s3.test/{key}?expires={int(expires.total_seconds())}"
