"""The steps of one photo's analysis (M2-M4), in the order they run. Each reads what it needs
from the run and adds what it finds; none writes to the database (the caller commits the
result once, with its events)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from services.media.application.ports import (
    PhotoRepository,
    PhotoStore,
    Picture,
    ReuseCheck,
    SignReader,
)
from services.media.domain import rules
from services.media.domain.analysis import PhotoAnalysis
from services.media.domain.exif import ExifVerdict, check_exif
from services.media.domain.flags import Flag, FlagReason
from services.media.domain.geo import to_wgs84
from services.media.domain.model import Photo, PhotoKind
from services.media.domain.reuse import HashedPhoto
from services.media.domain.settings import FieldCheckSettings
from services.media.domain.storefront import (
    MatchOutcome,
    StoreMatch,
    match_storefront,
    mismatch_detail,
)
from services.media.domain.stores import StoreSighting
from services.media.domain.watermark import watermark_lines

MAX_CANDIDATE_STORES = 50
JPEG = "image/jpeg"


@dataclass(frozen=True)
class AnalysisTools:
    store: PhotoStore
    signs: SignReader
    reuse: ReuseCheck | None  # M3: services/media/application/reuse_check.py


@dataclass
class AnalysisRun:
    photo: Photo
    picture: Picture
    settings: FieldCheckSettings
    visit_store: StoreSighting | None
    rep_name: str
    exif: ExifVerdict | None = None
    hashes: dict[str, str] = field(default_factory=dict)
    store_match: StoreMatch | None = None
    flags: list[Flag] = field(default_factory=list)
    watermarked_key: str = ""
    thumbnail_key: str = ""
    hashed: HashedPhoto | None = None

    def result(self, now: datetime) -> PhotoAnalysis:
        assert self.exif is not None
        return PhotoAnalysis(
            photo_id=self.photo.photo_id,
            exif=self.exif,
            hashes=dict(self.hashes),
            store_match=self.store_match,
            flags=tuple(self.flags),
            watermarked_key=self.watermarked_key,
            thumbnail_key=self.thumbnail_key,
            analyzed_at=now,
            seconds=round((now - self.photo.stored_at).total_seconds(), 3),
            hashed=self.hashed,
        )


Step = Callable[[AnalysisRun, AnalysisTools, PhotoRepository], None]


def check_exif_facts(run: AnalysisRun, tools: AnalysisTools, repo: PhotoRepository) -> None:
    """M2: EXIF position against the device's, EXIF time against the app's capture time."""
    meta = run.photo.meta
    captured_at = meta.taken_at or run.photo.stored_at
    run.exif = check_exif(run.picture.exif(), meta.device_location, captured_at, run.settings)
    run.flags.extend(run.exif.flags)


def render_watermark(run: AnalysisRun, tools: AnalysisTools, repo: PhotoRepository) -> None:
    """M2: the derived image with where, when, who and which store burned in."""
    meta = run.photo.meta
    lines = watermark_lines(
        meta.device_location,
        meta.taken_at or run.photo.stored_at,
        run.rep_name,
        run.visit_store.name if run.visit_store else "",
    )
    key = rules.derived_key(run.photo.object_key, "watermarked")
    tools.store.put_bytes(key, run.picture.watermarked_jpeg(lines), JPEG)
    run.watermarked_key = key


def render_thumbnail(run: AnalysisRun, tools: AnalysisTools, repo: PhotoRepository) -> None:
    """M5: made once here, so a list of photos never decodes an original."""
    key = rules.derived_key(run.photo.object_key, "thumbnail")
    tools.store.put_bytes(key, run.picture.thumbnail_jpeg(), JPEG)
    run.thumbnail_key = key


def hash_picture(run: AnalysisRun, tools: AnalysisTools, repo: PhotoRepository) -> None:
    run.hashes.update(run.picture.perceptual_hashes())


def check_reuse(run: AnalysisRun, tools: AnalysisTools, repo: PhotoRepository) -> None:
    """M3: is it a copy of an earlier photo of the tenant (anyone's)?"""
    if tools.reuse is None:
        return
    finding = tools.reuse.check(run.photo, run.picture, repo)
    run.hashes.update(finding.hashes)
    run.hashed = finding.entry
    if finding.earlier is not None:
        run.flags.append(Flag(FlagReason.REUSED, finding.detail, finding.earlier))


def read_storefront(run: AnalysisRun, tools: AnalysisTools, repo: PhotoRepository) -> None:
    """M4: the sign against the registered stores near the check-in."""
    meta = run.photo.meta
    if meta.kind != PhotoKind.STOREFRONT:
        return
    nearby: list[StoreSighting] = []
    if meta.device_location is not None:
        nearby = repo.stores_near(
            meta.tenant_id,
            to_wgs84(meta.device_location),
            run.settings.store_search_radius_m,
            MAX_CANDIDATE_STORES,
        )
    lines = tools.signs.read(run.picture)
    match = match_storefront(lines, run.visit_store, nearby, meta.device_location, run.settings)
    run.store_match = match
    if match.outcome == MatchOutcome.MISMATCH and run.visit_store is not None:
        run.flags.append(Flag(FlagReason.STORE_MISMATCH, mismatch_detail(match, run.visit_store)))


STEPS: tuple[Step, ...] = (
    check_exif_facts,
    render_watermark,
    render_thumbnail,
    hash_picture,
    check_reuse,
    read_storefront,
)
