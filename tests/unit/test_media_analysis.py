"""The analysis of stored photos (M2-M5) against the in-memory fakes, with the real Pillow
decoder: claimed once, every step's result committed with its events, retried with backoff."""

from __future__ import annotations

import io
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from PIL import Image, ImageStat

from devstack import photo_samples
from sales.events.v1 import media_events_pb2
from services.common.clock import FixedClock
from services.common.errors import InvalidArgument
from services.common.handling import Outcome
from services.media.adapters.fonts import find_cjk_font
from services.media.adapters.pillow_images import PillowImages
from services.media.application import directory, field_settings, views
from services.media.application.analysis import analyse_due_photos
from services.media.application.analysis_steps import AnalysisTools
from services.media.application.photos import upload_photo
from services.media.application.ports import ReuseFinding
from services.media.domain.flags import EarlierPhoto
from services.media.domain.geo import to_wgs84
from services.media.domain.model import GeoPoint, PhotoKind, PhotoMeta
from services.media.domain.settings import FieldCheckSettings
from services.media.domain.storefront import SignLine
from services.media.domain.stores import PersonName, StoreSighting
from services.media.domain.watermark import watermark_lines
from tests.fakes.media import FakeObjectStore, media_uow, payloads

START = datetime(2026, 11, 3, 2, 15, tzinfo=UTC)
IMAGES = PillowImages(find_cjk_font())
STORE_AT = GeoPoint(30.25912, 120.13021, "gcj02")
TENANT = "t-acme"


class SignsSaying:
    """Stands in for the OCR engine (which has its own real test): reads fixed lines."""

    def __init__(self, *texts: str) -> None:
        self.lines = [SignLine(t, 0.99, 100.0) for t in texts]
        self.calls = 0

    def read(self, picture) -> list[SignLine]:
        self.calls += 1
        return self.lines


class Rig:
    def __init__(self, signs: SignsSaying | None = None, reuse=None) -> None:
        self.clock = FixedClock(START)
        self.uow, self.store = media_uow(self.clock), FakeObjectStore()
        self.signs = signs or SignsSaying("好又多便利店")
        self.tools = AnalysisTools(self.store, self.signs, reuse)
        repo = self.uow.repository()
        repo.put_store(StoreSighting(TENANT, "s-1", "好又多便利店", STORE_AT))
        repo.put_person(PersonName(TENANT, "rep-1", "李明"))

    def upload(self, data: bytes, **changes) -> str:
        values = {
            "tenant_id": TENANT,
            "photo_id": str(uuid.uuid4()),
            "rep_id": "rep-1",
            "visit_id": "visit-1",
            "kind": PhotoKind.STOREFRONT,
            "device_location": STORE_AT,
            "taken_at": self.clock.now(),
            "store_id": "s-1",
        }
        values.update(changes)
        meta = PhotoMeta(**values)
        upload_photo(self.uow, self.store, IMAGES, [meta, data], self.clock.now())
        return meta.photo_id

    def analyse(self, token: str = "replica-a"):
        return analyse_due_photos(self.uow, IMAGES, self.tools, self.clock, token)


def _photo_at(point: GeoPoint, taken_at: datetime) -> bytes:
    wgs = to_wgs84(point)
    block = photo_samples.exif_block(wgs.latitude, wgs.longitude, taken_at)
    return photo_samples.jpeg(photo_samples.scene(800, 600), exif=block)


def test_a_stored_photo_is_analysed_once_with_its_derived_images_and_events() -> None:
    rig = Rig()
    photo_id = rig.upload(_photo_at(STORE_AT, START))
    rig.clock.advance(seconds=1)
    [result] = rig.analyse()
    assert result.status == "done" and result.kind == "storefront"
    assert rig.analyse() == []  # done: never again

    [analyzed] = payloads(rig.uow, "photo.analyzed")
    assert analyzed.photo_id == photo_id and analyzed.store_id == "s-1"
    assert analyzed.exif.has_exif and analyzed.exif.distance_to_device_m < 5
    assert analyzed.store_match.outcome == media_events_pb2.STORE_MATCH_OUTCOME_CONFIRMED
    assert analyzed.store_match.matched_store_id == "s-1"
    assert set(analyzed.perceptual_hashes) == {"phash", "dhash"}
    assert list(analyzed.flag_reasons) == [] and payloads(rig.uow, "photo.flagged") == []
    assert analyzed.analysis_seconds == pytest.approx(1.0)

    watermarked, content_type = rig.store.objects[analyzed.watermarked_object_key]
    assert content_type == "image/jpeg" and Image.open(io.BytesIO(watermarked)).size == (800, 600)
    thumbnail, _ = rig.store.objects[analyzed.thumbnail_object_key]
    assert max(Image.open(io.BytesIO(thumbnail)).size) == 320
    state, saved = rig.uow.repository().get_analysis(photo_id)
    assert state == "done" and saved is not None and saved.watermarked_key.endswith(".wm.jpg")


def test_far_and_stale_photos_are_flagged_with_chinese_labels() -> None:
    rig = Rig(SignsSaying("美宜佳"))
    far = GeoPoint(STORE_AT.latitude + 2_000 / 111_320, STORE_AT.longitude, "gcj02")
    rig.upload(_photo_at(far, START - timedelta(days=7)))
    rig.analyse()
    flagged = {f.reason: f for f in payloads(rig.uow, "photo.flagged")}
    assert set(flagged) == {"exif_far", "exif_stale", "store_mismatch"}
    assert flagged["exif_far"].reason_label == "拍摄位置与定位不符"
    assert flagged["store_mismatch"].reason_label == "门头与拜访门店不符"
    assert "美宜佳" in flagged["store_mismatch"].detail
    [analyzed] = payloads(rig.uow, "photo.analyzed")
    assert set(analyzed.flag_reasons) == set(flagged)


def test_a_shelf_photo_is_not_read_for_a_sign() -> None:
    rig = Rig()
    rig.upload(_photo_at(STORE_AT, START), kind=PhotoKind.SHELF)
    rig.analyse()
    [analyzed] = payloads(rig.uow, "photo.analyzed")
    assert rig.signs.calls == 0 and not analyzed.HasField("store_match")


def test_an_unregistered_storefront_publishes_a_prefilled_registration() -> None:
    rig = Rig(SignsSaying("新开张百货商行"))
    rig.upload(_photo_at(STORE_AT, START), store_id="")
    rig.analyse()
    [analyzed] = payloads(rig.uow, "photo.analyzed")
    proposal = analyzed.store_match.proposed_registration
    assert proposal.name == "新开张百货商行"
    assert (proposal.location.latitude, proposal.location.longitude) == (30.25912, 120.13021)
    assert payloads(rig.uow, "photo.flagged") == []


def test_a_reuse_check_plugs_in_as_a_step_and_names_the_earlier_photo() -> None:
    earlier = EarlierPhoto("p-old", "visit-old", "rep-2", START - timedelta(days=7))

    class FoundCopy:
        def check(self, photo, picture, index) -> ReuseFinding:
            return ReuseFinding({"orb": "n=2000"}, earlier, "与 rep-2 上周的照片相同")

    rig = Rig(reuse=FoundCopy())
    rig.upload(_photo_at(STORE_AT, START))
    rig.analyse()
    [flag] = payloads(rig.uow, "photo.flagged")
    assert flag.reason == "reused" and flag.reason_label == "重复使用的照片"
    assert (flag.earlier.photo_id, flag.earlier.visit_id, flag.earlier.rep_id) == (
        "p-old", "visit-old", "rep-2",
    )  # fmt: skip
    [analyzed] = payloads(rig.uow, "photo.analyzed")
    assert set(analyzed.perceptual_hashes) == {"phash", "dhash", "orb"}


def test_a_claimed_job_is_not_run_by_a_second_replica() -> None:
    rig = Rig()
    photo_id = rig.upload(_photo_at(STORE_AT, START))
    repo = rig.uow.repository()
    [job] = repo.due_jobs(rig.clock.now(), 10)
    assert repo.claim_job(job.claimed("replica-a", rig.clock.now()), rig.clock.now())
    assert rig.analyse("replica-b") == []  # still claimed by a
    rig.clock.advance(minutes=3)  # a died: its claim ran out
    [result] = rig.analyse("replica-b")
    assert result.status == "done" and len(payloads(rig.uow, "photo.analyzed")) == 1
    assert repo.get_analysis(photo_id)[0] == "done"


def test_a_replica_whose_claim_was_taken_over_writes_nothing() -> None:
    rig = Rig()
    rig.upload(_photo_at(STORE_AT, START))
    repo = rig.uow.repository()

    class SlowSigns(SignsSaying):
        def read(self, picture):
            # While a reads the sign, its claim runs out and b finishes the job.
            rig.clock.advance(minutes=3)
            rig.tools = AnalysisTools(rig.store, SignsSaying("好又多便利店"), None)
            assert rig.analyse("replica-b")[0].status == "done"
            return super().read(picture)

    rig.tools = AnalysisTools(rig.store, SlowSigns("好又多便利店"), None)
    tools_a = rig.tools
    [result] = analyse_due_photos(rig.uow, IMAGES, tools_a, rig.clock, "replica-a")
    assert result.status == "lost"
    assert len(payloads(rig.uow, "photo.analyzed")) == 1  # b's, once
    assert repo.due_jobs(rig.clock.now(), 10) == []


def test_a_failing_analysis_backs_off_and_gives_up_after_five_attempts() -> None:
    rig = Rig()
    photo_id = rig.upload(_photo_at(STORE_AT, START))
    rig.store.objects.clear()  # the original cannot be read
    delays = []
    for _ in range(5):
        [result] = rig.analyse()
        job = rig.uow.repo.jobs[photo_id]
        delays.append((job.due_at - rig.clock.now()).total_seconds())
        rig.clock.advance(seconds=delays[-1])
    assert result.status == "failed" and job.state == "failed"
    assert delays[:4] == [5, 10, 20, 40] and "KeyError" in job.last_error
    assert rig.analyse() == [] and payloads(rig.uow, "photo.analyzed") == []


def test_store_and_person_events_keep_the_read_models_once_and_in_order() -> None:
    uow = media_uow()
    newer = StoreSighting(TENANT, "s-9", "新名字", STORE_AT, version=3)
    older = StoreSighting(TENANT, "s-9", "旧名字", STORE_AT, version=2)
    assert directory.record_store(uow, "e-1", newer) == Outcome.OK
    assert directory.record_store(uow, "e-1", newer) == Outcome.DUPLICATE  # the same event
    assert directory.record_store(uow, "e-2", older) == Outcome.OK  # handled, but older
    assert uow.repository().get_store(TENANT, "s-9") == newer
    assert directory.record_person(uow, "e-3", PersonName(TENANT, "rep-1", "李明")) == Outcome.OK
    assert uow.repository().get_person(TENANT, "rep-1").name == "李明"


def test_settings_default_and_update_with_bounds() -> None:
    uow = media_uow()
    assert field_settings.get_settings(uow, TENANT) == FieldCheckSettings(TENANT)
    changed = FieldCheckSettings(TENANT, exif_max_distance_m=800, flag_missing_exif=True)
    saved = field_settings.update_settings(uow, changed, by="admin-1", now=START)
    assert saved.exif_max_distance_m == 800 and saved.updated_by == "admin-1"
    assert field_settings.get_settings(uow, TENANT) == saved
    bad = FieldCheckSettings(TENANT, exif_max_distance_m=0, exif_max_age_minutes=0,
                             store_search_radius_m=9e9, store_match_min_score=101)  # fmt: skip
    with pytest.raises(InvalidArgument) as caught:
        field_settings.update_settings(uow, bad, by="admin-1", now=START)
    assert {v.field for v in caught.value.violations} == {
        "exif_max_distance_m", "exif_max_age_minutes", "store_search_radius_m",
        "store_match_min_score",
    }  # fmt: skip
    assert field_settings.get_settings(uow, TENANT) == saved


def test_photo_urls_cover_the_derived_images_once_made() -> None:
    rig = Rig()
    photo_id = rig.upload(_photo_at(STORE_AT, START))
    before = views.photo_urls(rig.uow, rig.store, TENANT, photo_id, 0, START)
    assert before.original and not before.watermarked and not before.thumbnail
    assert before.expires_at == START + timedelta(minutes=5) and before.rep_id == "rep-1"
    rig.analyse()
    after = views.photo_urls(rig.uow, rig.store, TENANT, photo_id, 60, START)
    assert ".wm.jpg" in after.watermarked and ".thumb.jpg" in after.thumbnail
    assert "expires=60" in after.original
    with pytest.raises(InvalidArgument) as caught:
        views.photo_urls(rig.uow, rig.store, TENANT, photo_id, 3601, START)
    assert caught.value.violations[0].field == "expires_in_seconds"


def test_the_watermark_names_place_with_datum_shanghai_time_rep_and_store() -> None:
    lines = watermark_lines(STORE_AT, START, "李明", "好又多便利店")
    assert lines == [
        "位置:30.25912°N 120.13021°E GCJ-02",
        "时间:2026-11-03 10:15:00(北京时间)",
        "业务员:李明",
        "门店:好又多便利店",
    ]
    assert watermark_lines(None, START, "", "")[0] == "位置:手机未提供定位"


def test_the_watermark_is_burned_into_the_bottom_band_only() -> None:
    rig = Rig()
    rig.upload(_photo_at(STORE_AT, START))
    rig.analyse()
    [analyzed] = payloads(rig.uow, "photo.analyzed")
    original = Image.open(io.BytesIO(photo_samples.jpeg(photo_samples.scene(800, 600)))).convert(
        "L"
    )
    marked = Image.open(io.BytesIO(rig.store.objects[analyzed.watermarked_object_key][0]))
    marked = marked.convert("L")
    band, top = (0, 520, 800, 600), (0, 0, 800, 400)
    mean = lambda image, box: ImageStat.Stat(image.crop(box)).mean[0]  # noqa: E731
    assert mean(marked, band) < mean(original, band) - 20  # darkened, with white text on it
    assert abs(mean(marked, top) - mean(original, top)) < 3  # the photo itself untouched
