"""media's repository port: the same cases on the in-memory fake and on MongoDB (the real
MongoDB-wire server), so the fake the use-case tests run on cannot drift from the adapter."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from devstack.sandbox import MONGO
from services.common.clock import FixedClock
from services.common.errors import AlreadyExists
from services.common.mongo import ensure_indexes, mongo_client
from services.common.outbox import Outbox
from services.common.unit_of_work import MongoUnitOfWork
from services.media.adapters import band_buckets
from services.media.adapters.repository import INDEXES, MongoPhotoRepository
from services.media.domain.analysis import AnalysisJob, JobState, PhotoAnalysis
from services.media.domain.exif import ExifFacts, ExifVerdict
from services.media.domain.flags import EarlierPhoto, Flag, FlagReason
from services.media.domain.geo import from_wgs84
from services.media.domain.model import GeoPoint, Photo, PhotoKind, PhotoMeta
from services.media.domain.reuse import HashedPhoto
from services.media.domain.settings import FieldCheckSettings
from services.media.domain.storefront import MatchOutcome, ProposedStore, StoreMatch
from services.media.domain.stores import PersonName, StoreSighting
from tests.fakes.media import media_uow

URI = MONGO  # SALES_MONGO_URI, else the embedded default
T0 = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)
HERE = GeoPoint(30.25912, 120.13021, "gcj02")


@pytest.fixture(params=["fake", "mongo"])
def repo(request) -> Iterator:
    if request.param == "fake":
        yield media_uow(FixedClock(T0)).repository()
        return
    client = mongo_client(URI)
    db = client[f"mcontract_{uuid.uuid4().hex[:8]}_media"]
    ensure_indexes(db, INDEXES)
    uow = MongoUnitOfWork(
        client, db, "media", Outbox(db, "media", lambda *a: None), MongoPhotoRepository
    )
    try:
        yield uow.repository()
    finally:
        client.drop_database(db.name)


def photo(**changes) -> Photo:
    meta = PhotoMeta("t", str(uuid.uuid4()), "rep-1", "visit-1", PhotoKind.STOREFRONT,
                     HERE, T0, "a.jpg", "s-1")  # fmt: skip
    values = dict(meta=meta, content_type="image/jpeg", size_bytes=10, sha256="ab" * 32,
                  object_key=f"t/2026/12/01/{meta.photo_id}.jpg", stored_at=T0, width=4, height=3)  # fmt: skip
    values.update(changes)
    return Photo(**values)


def test_photos_are_stored_once_and_read_back_equal(repo) -> None:
    p = photo()
    repo.add(p)
    assert repo.get(p.photo_id) == p
    with pytest.raises(AlreadyExists):
        repo.add(p)
    assert repo.get(str(uuid.uuid4())) is None


def test_jobs_are_claimed_once_and_settled_only_by_their_claimant(repo) -> None:
    p = photo()
    repo.add(p)
    repo.add_job(AnalysisJob.for_new_photo("t", p.photo_id, T0))
    assert repo.due_jobs(T0 - timedelta(seconds=1), 10) == []
    [job] = repo.due_jobs(T0, 10)
    assert repo.claim_job(job.claimed("a", T0), T0)
    assert not repo.claim_job(job.claimed("b", T0), T0)  # a holds it
    later = T0 + timedelta(minutes=3)
    assert repo.claim_job(job.claimed("b", later), later)  # a's claim ran out
    assert not repo.settle_job(replace(job, state=JobState.DONE), "a")
    assert repo.settle_job(replace(job.claimed("b", later), state=JobState.DONE), "b")
    assert repo.due_jobs(later + timedelta(hours=1), 10) == []


def test_a_failed_attempt_releases_the_claim_for_its_retry(repo) -> None:
    p = photo()
    repo.add(p)
    repo.add_job(AnalysisJob.for_new_photo("t", p.photo_id, T0))
    claimed = repo.due_jobs(T0, 1)[0].claimed("a", T0)
    assert repo.claim_job(claimed, T0)
    assert repo.settle_job(claimed.after_failure("boom", T0), "a")
    retry_at = T0 + timedelta(seconds=5)
    [again] = repo.due_jobs(retry_at, 10)
    assert again.attempts == 1 and again.last_error == "boom"
    assert repo.claim_job(again.claimed("b", retry_at), retry_at)


def test_an_analysis_is_kept_whole(repo) -> None:
    p = photo()
    repo.add(p)
    store = StoreSighting("t", "s-1", "好又多便利店", HERE, "330106", 2)
    analysis = PhotoAnalysis(
        photo_id=p.photo_id,
        exif=ExifVerdict(
            ExifFacts(True, HERE.to_wgs84(), T0), 1.5, 3.0, (Flag(FlagReason.EXIF_STALE, "早"),)
        ),  # fmt: skip
        hashes={"phash": "ff00", "dhash": "00ff"},
        store_match=StoreMatch(
            MatchOutcome.MISMATCH,
            "美宜佳",
            ("美宜佳", "24小时"),
            store,
            88.0,
            ProposedStore("美宜佳", HERE, "美宜佳 24小时"),
            3,
        ),  # fmt: skip
        flags=(
            Flag(FlagReason.EXIF_STALE, "早"),
            Flag(FlagReason.REUSED, "同一张", EarlierPhoto("p0", "v0", "rep-2", T0)),
        ),  # fmt: skip
        watermarked_key="k.wm.jpg",
        thumbnail_key="k.thumb.jpg",
        analyzed_at=T0,
        seconds=1.25,
    )
    repo.save_analysis(analysis)
    repo.add_job(AnalysisJob("t", p.photo_id, JobState.DONE, T0))
    state, saved = repo.get_analysis(p.photo_id)
    assert saved == analysis


def test_settings_and_people(repo) -> None:
    assert repo.get_settings("t") is None
    s = FieldCheckSettings("t", exif_max_distance_m=800, updated_by="admin", updated_at=T0)
    repo.put_settings(s)
    assert repo.get_settings("t") == s
    repo.put_person(PersonName("t", "rep-1", "李明"))
    assert repo.get_person("t", "rep-1") == PersonName("t", "rep-1", "李明")
    assert repo.get_person("t-other", "rep-1") is None


def _east(metres: float, datum: str = "gcj02") -> GeoPoint:
    point = GeoPoint(HERE.latitude, HERE.longitude + metres / 96_000, "gcj02")
    return from_wgs84(point, datum) if datum != "gcj02" else point


def test_stores_near_a_point_after_datum_conversion_nearest_first(repo) -> None:
    stores = [
        StoreSighting("t", "near", "好又多", _east(50)),
        StoreSighting("t", "bd", "美宜佳", _east(150, "bd09")),  # registered from Baidu
        StoreSighting("t", "far", "联华", _east(900)),
        StoreSighting("t", "closed", "喜士多", _east(20), active=False),
        StoreSighting("t-other", "x", "别家", _east(10)),
        StoreSighting("t", "nowhere", "无地址", None),
    ]
    for s in stores:
        repo.put_store(s)
    found = repo.stores_near("t", HERE.to_wgs84(), 300, 10)
    assert [s.store_id for s in found] == ["near", "bd"]
    assert [s.store_id for s in repo.stores_near("t", HERE.to_wgs84(), 1_000, 10)] == [
        "near", "bd", "far",
    ]  # fmt: skip
    assert repo.get_store("t", "bd") == stores[1]
    assert repo.get_store("t", "nowhere") == stores[5]


def test_stores_of_a_chunk_are_read_and_written_at_once(repo) -> None:
    """An import's chunk (ADR 042): one read of the known, inserts and replaces in one write,
    found by place like one store at a time."""
    repo.put_store(StoreSighting("t", "s0", "旧名", _east(40), version=1))
    chunk = [StoreSighting("t", f"s{i}", f"门店{i}", _east(10 * i), version=2) for i in range(120)]
    known = repo.get_stores("t", [s.store_id for s in chunk])
    assert list(known) == ["s0"]
    repo.put_stores(chunk, known=set(known))
    assert len(repo.get_stores("t", [s.store_id for s in chunk] + ["nope"])) == 120
    assert repo.get_store("t", "s0") == chunk[0] and repo.get_store("t", "s119") == chunk[119]
    assert repo.get_stores("t-other", ["s0"]) == {}
    near = repo.stores_near("t", _east(0).to_wgs84(), 25, 10)
    assert [s.store_id for s in near] == ["s0", "s1", "s2"]


def _hashed(photo_id: str, tenant: str, bands: tuple[str, ...]) -> HashedPhoto:
    earlier = EarlierPhoto(photo_id, f"v-{photo_id}", "rep-1", T0)
    fine = {"full": (1 << 62) + 12345, "upper": 7, "lower": 0, "centre": (1 << 63) - 1}
    return HashedPhoto(tenant, earlier, f"{tenant}/{photo_id}.jpg", fine, bands)


def test_the_reuse_index_finds_photos_sharing_any_band_of_the_tenant_only(repo) -> None:
    repo.add_hashes(_hashed("p1", "t", ("full:0:aaaa", "full:1:bbbb")))
    repo.add_hashes(_hashed("p2", "t", ("centre:0:aaaa", "upper:1:cccc")))
    repo.add_hashes(_hashed("p3", "other", ("full:0:aaaa",)))
    found = repo.sharing_bands("t", ["full:0:aaaa", "upper:1:cccc"], 10)
    assert sorted(h.earlier.photo_id for h in found) == ["p1", "p2"]
    [p1] = repo.sharing_bands("t", ["full:1:bbbb"], 10)
    assert p1.fine == _hashed("p1", "t", ()).fine and p1.tenant_id == "t"
    assert p1.fine["centre"] == (1 << 63) - 1 and p1.earlier.stored_at == T0
    assert (p1.earlier.visit_id, p1.earlier.rep_id, p1.object_key) == ("v-p1", "rep-1", "t/p1.jpg")
    assert repo.sharing_bands("t", ["full:0:dddd"], 10) == []
    assert len(repo.sharing_bands("t", ["full:0:aaaa", "upper:1:cccc"], 1)) == 1


def test_the_reuse_index_entry_is_written_once_however_often_it_is_added(repo) -> None:
    entry = _hashed("p1", "t", ("full:0:aaaa",))
    first = repo.add_hashes(entry)
    later = repo.add_hashes(_hashed("p2", "t", ("full:0:aaaa",)))
    assert repo.add_hashes(entry) == first <= later  # a retried analysis keeps its first time
    found = {h.earlier.photo_id: h for h in repo.sharing_bands("t", ["full:0:aaaa"], 10)}
    assert sorted(found) == ["p1", "p2"] and found["p1"].indexed_at == first


def _mongo_only(repo) -> MongoPhotoRepository:
    if not isinstance(repo, MongoPhotoRepository):
        pytest.skip("documents and index plans are the MongoDB adapter's")
    return repo


def test_the_bench_seeds_exactly_the_bucket_documents_the_adapter_writes(repo) -> None:
    repo = _mongo_only(repo)
    added = [_hashed(f"p{i}", "t", (f"full:0:{i % 3:04x}", f"top:2:{i:04x}")) for i in range(6)]
    for entry in added:
        repo.add_hashes(entry)
    expected = band_buckets.bucket_docs("t", ((e.earlier.photo_id, e.band_keys) for e in added))
    stored = [{**doc, "e": sorted(doc["e"])} for doc in repo._bands.find()]
    assert sorted(stored, key=lambda d: d["_id"]) == sorted(expected, key=lambda d: d["_id"])


def test_the_reuse_lookup_reads_by_index_and_only_what_its_keys_name(repo) -> None:
    repo = _mongo_only(repo)
    repo.add_hashes(_hashed("p1", "t", ("full:0:aaaa",)))
    keys = ["full:0:aaaa", "upper:1:cccc"]
    plan = band_buckets.probe_plan("t", keys)

    def examined() -> tuple[dict, dict]:
        by_bucket = repo._bands.find({"_id": {"$in": sorted(plan)}}).explain()
        ref = band_buckets.photo_ref("p1")
        by_ref = repo._hashes.find({"tenant_id": "t", "ref": {"$in": [ref]}}).explain()
        return by_bucket, by_ref

    before = examined()
    for i in range(300):  # unrelated photos: the lookup must not read them
        repo.add_hashes(_hashed(f"q{i}", "t", (f"centre:3:{i:06x}", f"lower:1:{i:06x}")))
    after = examined()
    for plan_of in before + after:
        assert "COLLSCAN" not in str(plan_of) and "IXSCAN" in str(plan_of)
    assert "by_ref" in str(after[1])
    stats = [p["executionStats"]["totalDocsExamined"] for p in before + after]
    assert stats[0] <= len(plan) and stats[1] == 1
    assert stats[2:] == stats[:2]  # 600 more bucket entries, not one more document read
