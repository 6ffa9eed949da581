"""M3, the reused-photo check (one step of the analysis, ADR 028): look the photo's windows up
in the band index, rank the few candidates by their hashes, and verify the closest on the
pixels against the earlier photo's original. The photo's own index entry is written first,
on its own (idempotent by photo id), so two uploads of one photo analysed at once cannot
both miss each other (ADR 039)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any, TypeVar

from services.common.clock import shanghai_text
from services.media.application.ports import (
    ImageDecoder,
    PhotoRepository,
    PhotoStore,
    Picture,
    ReuseFinding,
)
from services.media.domain import reuse
from services.media.domain.flags import EarlierPhoto
from services.media.domain.model import Photo
from services.media.domain.reuse import HashedPhoto, Verdict, WindowHash

T = TypeVar("T")
MAX_CANDIDATES = 500  # band hits fetched per photo; a copy's own entry ranks first among them
CpuRunner = Callable[..., Any]


def _direct(fn: Callable[..., T], *args: Any) -> T:
    return fn(*args)


class BandedReuseCheck:
    """`cpu` runs the pixel work (hashing, keypoints): eventlet's tpool.execute in the
    service, so the hub keeps serving while a photo is compared; directly in tests."""

    def __init__(self, store: PhotoStore, images: ImageDecoder, cpu: CpuRunner = _direct) -> None:
        self._store = store
        self._images = images
        self._cpu = cpu

    def check(self, photo: Photo, picture: Picture, index: PhotoRepository) -> ReuseFinding:
        rgb = picture.rgb_array()
        fingerprint, windows = self._cpu(_hash, rgb)
        entry = HashedPhoto(
            tenant_id=photo.tenant_id,
            earlier=EarlierPhoto(
                photo.photo_id, photo.meta.visit_id, photo.meta.rep_id, photo.stored_at
            ),
            object_key=photo.object_key,
            fine=dict(fingerprint.fine),
            band_keys=tuple(fingerprint.band_keys()),
        )
        # indexed before the lookup, committed at once: see reuse.indexed_earlier
        entry = replace(entry, indexed_at=index.add_hashes(entry))
        hits = index.sharing_bands(photo.tenant_id, reuse.probe_keys(windows), MAX_CANDIDATES)
        for window, candidate in _closest_earlier(photo, entry, windows, hits):
            verdict = self._verify(rgb, candidate, window)
            if verdict.copy:
                return ReuseFinding(
                    fingerprint.hex(), candidate.earlier, _detail(candidate, verdict), entry
                )
        return ReuseFinding(fingerprint.hex(), None, "", entry)

    def _verify(self, rgb: Any, candidate: HashedPhoto, window: WindowHash) -> Verdict:
        earlier_rgb = self._images.open(self._store.get(candidate.object_key)).rgb_array()
        return self._cpu(_verify_pixels, rgb, earlier_rgb, window)


def _hash(rgb: Any) -> tuple[reuse.Fingerprint, list[WindowHash]]:
    gray = reuse.luma(rgb, reuse.HASH_SIDE)
    return reuse.fingerprint(gray), reuse.probe(gray)


def _verify_pixels(rgb: Any, earlier_rgb: Any, window: WindowHash) -> Verdict:
    query = reuse.luma(rgb, reuse.VERIFY_SIDE)
    earlier = reuse.luma(earlier_rgb, reuse.VERIFY_SIDE)
    return reuse.verify(query, earlier, reuse.placement_of(window, query.shape, earlier.shape))


def _closest_earlier(
    photo: Photo, own: HashedPhoto, windows: list[WindowHash], hits: list[HashedPhoto]
) -> list[tuple[WindowHash, HashedPhoto]]:
    """Earlier photos of other visits (a card's own photos are not copies of each other),
    closest first, within FINE_LIMIT bits, at most VERIFY_AT_MOST of them."""
    ranked = []
    for hit in hits:
        earlier = hit.earlier
        if earlier.photo_id == photo.photo_id or earlier.visit_id == photo.meta.visit_id:
            continue
        if not reuse.indexed_earlier(hit, own):
            continue
        distance, window = reuse.closest(windows, hit.fine)
        if distance <= reuse.FINE_LIMIT:
            ranked.append((distance, window, hit))
    ranked.sort(key=lambda item: item[0])
    return [(window, hit) for _, window, hit in ranked[: reuse.VERIFY_AT_MOST]]


def _detail(candidate: HashedPhoto, verdict: Verdict) -> str:
    earlier = candidate.earlier
    when = shanghai_text(earlier.stored_at) if earlier.stored_at else "此前"
    return (
        f"与业务员 {earlier.rep_id} 在拜访 {earlier.visit_id} 中于 {when} 上传的照片"
        f" {earlier.photo_id} 相同:{verdict.describe()}"
    )
