"""The reused-photo detector (M3, ADR 028) on the labelled set's own kinds: each kind of copy
is found through the band index and verified; a new shot of the same storefront from another
visit is not; and the analysis step names the earlier photo, its visit and its rep."""

from __future__ import annotations

import io
import random

import numpy as np
import pytest
from PIL import Image

from devstack import reuse_samples as samples
from services.media.application.analysis_steps import AnalysisTools
from services.media.application.reuse_check import BandedReuseCheck
from services.media.domain import reuse
from services.media.domain.geo import to_wgs84
from tests.fakes.media import payloads
from tests.unit.test_media_analysis import IMAGES, START, STORE_AT, Rig


def _rgb(data: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(data)).convert("RGB"))


def _found(copy: bytes, original: bytes) -> bool:
    """Through the bands (no scan) and the verification, as the check runs them."""
    a, b = _rgb(copy), _rgb(original)
    stored = reuse.fingerprint(reuse.luma(b, reuse.HASH_SIDE))
    windows = reuse.probe(reuse.luma(a, reuse.HASH_SIDE))
    if not set(reuse.probe_keys(windows)) & set(stored.band_keys()):
        return False
    distance, window = reuse.closest(windows, stored.fine)
    if distance > reuse.FINE_LIMIT:
        return False
    query, earlier = reuse.luma(a, reuse.VERIFY_SIDE), reuse.luma(b, reuse.VERIFY_SIDE)
    hint = reuse.placement_of(window, query.shape, earlier.shape)
    return reuse.verify(query, earlier, hint).copy


@pytest.fixture(scope="module")
def first_visit() -> Image.Image:
    return samples.storefront_shot("好又多超市", 1007, samples.random_visit(random.Random(1)), 5007)


@pytest.fixture(scope="module")
def astronaut() -> Image.Image:
    return samples.real_photo("astronaut")


@pytest.mark.parametrize("kind", samples.KINDS)
def test_each_kind_of_copy_of_a_storefront_is_found(kind, first_visit) -> None:
    copy = samples.TRANSFORMS[kind](first_visit, random.Random(kind))
    assert _found(copy, samples.jpeg(first_visit, 92))


@pytest.mark.parametrize("kind", ["crop", "our_watermark", "other_app_strip", "contrast"])
def test_copies_of_a_real_photo_are_found(kind, astronaut) -> None:
    copy = samples.TRANSFORMS[kind](astronaut, random.Random(kind))
    assert _found(copy, samples.jpeg(astronaut, 92))


def test_a_ten_percent_crop_from_one_corner_is_found(first_visit) -> None:
    w, h = first_visit.size
    corner = first_visit.crop((int(w * 0.1), int(h * 0.1), w, h))
    assert _found(samples.jpeg(corner, 85), samples.jpeg(first_visit, 92))


def test_new_shots_of_the_same_storefront_are_not_copies(first_visit) -> None:
    rng = random.Random(77)
    for visit in range(1, 4):
        shot = samples.storefront_shot(
            "好又多超市", 1007, samples.random_visit(rng), 5007 + 100 * visit
        )
        assert not _found(samples.jpeg(shot, 88), samples.jpeg(first_visit, 92))


def test_the_other_view_of_a_stereo_pair_is_not_a_copy() -> None:
    left, right = samples.stereo_pair()
    assert not _found(samples.jpeg(right), samples.jpeg(left))


def test_the_textbook_rule_misses_a_crop_the_detector_finds(first_visit) -> None:
    w, h = first_visit.size
    corner = samples.jpeg(first_visit.crop((int(w * 0.1), int(h * 0.1), w, h)), 85)
    a = reuse.luma(_rgb(corner), reuse.HASH_SIDE)
    b = reuse.luma(np.asarray(first_visit), reuse.HASH_SIDE)
    assert reuse.textbook_distance(a, b) > 10 and _found(corner, samples.jpeg(first_visit))


def test_band_keys_are_what_the_index_keeps_and_a_copy_shares_one(first_visit) -> None:
    fp = reuse.fingerprint(reuse.luma(np.asarray(first_visit), reuse.HASH_SIDE))
    keys = fp.band_keys()
    assert len(keys) == len(reuse.STORED_VIEWS) * reuse.BANDS
    assert all(key.count(":") == 2 for key in keys)
    assert set(fp.hex()) == {f"{v.name}_phash" for v in reuse.STORED_VIEWS}


# --- the analysis step through the fakes ---------------------------------------------------


def _jpeg_with_exif(image: Image.Image, quality: int = 90) -> bytes:
    from devstack import photo_samples

    wgs = to_wgs84(STORE_AT)
    block = photo_samples.exif_block(wgs.latitude, wgs.longitude, START)
    return photo_samples.jpeg(image, quality=quality, exif=block)


def _rig() -> Rig:
    rig = Rig()
    rig.tools = AnalysisTools(rig.store, rig.signs, BandedReuseCheck(rig.store, IMAGES))
    return rig


def test_the_step_flags_a_copy_of_another_reps_photo_and_names_it(first_visit) -> None:
    rig = _rig()
    first = rig.upload(_jpeg_with_exif(first_visit), rep_id="rep-1", visit_id="v-1")
    rig.analyse()
    assert payloads(rig.uow, "photo.flagged") == []
    rig.clock.advance(days=7)
    copy = samples.crop(first_visit, random.Random(3))
    rig.upload(_jpeg_with_exif(Image.open(io.BytesIO(copy)), 80), rep_id="rep-2", visit_id="v-2")
    rig.analyse()
    [flag] = [f for f in payloads(rig.uow, "photo.flagged") if f.reason == "reused"]
    assert (flag.earlier.photo_id, flag.earlier.visit_id, flag.earlier.rep_id) == (
        first,
        "v-1",
        "rep-1",
    )
    assert flag.rep_id == "rep-2" and "rep-1" in flag.detail
    assert len(rig.uow.repository().hashed) == 2


def test_a_new_shot_on_the_next_visit_is_not_flagged(first_visit) -> None:
    rig = _rig()
    rig.upload(_jpeg_with_exif(first_visit), rep_id="rep-1", visit_id="v-1")
    rig.analyse()
    rig.clock.advance(days=7)
    shot = samples.storefront_shot("好又多超市", 1007, samples.random_visit(random.Random(9)), 9007)
    rig.upload(_jpeg_with_exif(shot), rep_id="rep-1", visit_id="v-2")
    rig.analyse()
    assert [f.reason for f in payloads(rig.uow, "photo.flagged") if f.reason == "reused"] == []


def test_tiny_and_flat_photos_are_checked_without_error_and_not_taken_for_copies() -> None:
    from PIL import Image as PILImage

    tiny = samples.jpeg(PILImage.new("RGB", (16, 12), (120, 30, 30)))
    flat = samples.jpeg(PILImage.new("RGB", (800, 600), (128, 128, 128)))
    other_flat = samples.jpeg(PILImage.new("RGB", (640, 480), (90, 90, 90)))
    assert not _found(tiny, flat)
    assert not _found(other_flat, flat)  # no detail to compare: never a copy by default


# --- two uploads of one photo analysed at once (ADR 039) -----------------------------------


def _two_uploads(first_visit, kind: str = "recompress") -> tuple[Rig, BandedReuseCheck, str, str]:
    rig = _rig()
    a = rig.upload(_jpeg_with_exif(first_visit), rep_id="rep-1", visit_id="v-1")
    rig.clock.advance(seconds=2)
    copy = samples.TRANSFORMS[kind](first_visit, random.Random(3))
    b = rig.upload(
        _jpeg_with_exif(Image.open(io.BytesIO(copy)), 80), rep_id="rep-2", visit_id="v-2"
    )
    return rig, BandedReuseCheck(rig.store, IMAGES), a, b


def _check(rig: Rig, check: BandedReuseCheck, photo_id: str):
    repo = rig.uow.repository()
    photo = repo.get(photo_id)
    return check.check(photo, IMAGES.open(rig.store.get(photo.object_key)), repo)


def test_of_two_uploads_of_one_photo_the_later_one_looked_up_is_flagged(first_visit) -> None:
    # the later upload's lookup ran before the earlier one was indexed: it saw nothing ...
    rig, check, a, b = _two_uploads(first_visit)
    assert _check(rig, check, b).earlier is None
    # ... and the earlier upload, indexed after it, sees it: the pair is not missed. (A copy of
    # the same frame only: the windows look for a crop or strip one way, ADR 039.)
    assert _check(rig, check, a).earlier.photo_id == b


def test_in_upload_order_only_the_copy_is_flagged_even_when_the_first_is_rechecked(
    first_visit,
) -> None:
    rig, check, a, b = _two_uploads(first_visit, "crop")
    assert _check(rig, check, a).earlier is None
    assert _check(rig, check, b).earlier.photo_id == a
    assert _check(rig, check, a).earlier is None  # a retry keeps a's first indexing time
