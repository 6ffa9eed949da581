"""M2: EXIF read from real JPEG bytes, and the position and time checks after datum conversion."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

import pytest

from devstack import photo_samples
from services.media.adapters.fonts import find_cjk_font
from services.media.adapters.pillow_images import PillowImages
from services.media.domain.exif import ExifFacts, check_exif
from services.media.domain.flags import FlagReason
from services.media.domain.geo import distance_m, format_point, from_wgs84, to_wgs84
from services.media.domain.model import GeoPoint
from services.media.domain.settings import FieldCheckSettings

IMAGES = PillowImages(find_cjk_font())
SETTINGS = FieldCheckSettings(tenant_id="t")
# 好又多便利店 by West Lake, registered from an Amap address: GCJ-02.
STORE_GCJ02 = GeoPoint(30.25912, 120.13021, "gcj02")
VISIT = datetime(2026, 11, 3, 2, 15, tzinfo=UTC)  # 10:15 in Shanghai


def _photo_exif(point: GeoPoint | None, taken_at: datetime | None) -> ExifFacts:
    wgs = to_wgs84(point) if point else None
    block = photo_samples.exif_block(
        wgs.latitude if wgs else None, wgs.longitude if wgs else None, taken_at
    )
    return IMAGES.open(photo_samples.jpeg(photo_samples.scene(320, 240), exif=block)).exif()


def _metres_north(point: GeoPoint, metres: float) -> GeoPoint:
    return GeoPoint(point.latitude + metres / 111_320, point.longitude, point.datum)


def test_exif_gps_and_time_are_read_from_the_bytes() -> None:
    facts = _photo_exif(STORE_GCJ02, VISIT)
    assert facts.has_exif and not facts.unreadable
    assert facts.location is not None and facts.location.datum == "wgs84"
    assert distance_m(facts.location, STORE_GCJ02) < 2
    assert facts.taken_at == VISIT


def test_a_wgs84_photo_at_a_gcj02_registered_store_is_not_flagged() -> None:
    facts = _photo_exif(STORE_GCJ02, VISIT)
    # The phone reports the store's own GCJ-02 position (WeCom answers in GCJ-02 when asked).
    verdict = check_exif(facts, STORE_GCJ02, VISIT + timedelta(minutes=1), SETTINGS)
    assert verdict.flags == ()
    assert verdict.distance_to_device_m is not None and verdict.distance_to_device_m < 5
    # Measured without converting, the same honest photo would be ~520 m off: over the rule.
    assert facts.location is not None
    naive = math.dist(
        (facts.location.latitude * 111_320, facts.location.longitude * 96_000),
        (STORE_GCJ02.latitude * 111_320, STORE_GCJ02.longitude * 96_000),
    )
    assert naive > SETTINGS.exif_max_distance_m


def test_a_photo_taken_2_km_away_is_flagged_with_both_points_and_datums() -> None:
    facts = _photo_exif(_metres_north(STORE_GCJ02, 2_000), VISIT)
    verdict = check_exif(facts, STORE_GCJ02, VISIT, SETTINGS)
    [flag] = verdict.flags
    assert flag.reason == FlagReason.EXIF_FAR and flag.label == "拍摄位置与定位不符"
    assert 1_950 < (verdict.distance_to_device_m or 0) < 2_050
    assert "GCJ-02" in flag.detail and "WGS-84" in flag.detail
    assert f"{verdict.distance_to_device_m:,.0f} 米" in flag.detail


def test_a_bd09_device_position_is_converted_too() -> None:
    device_bd09 = from_wgs84(to_wgs84(STORE_GCJ02), "bd09")
    verdict = check_exif(_photo_exif(STORE_GCJ02, VISIT), device_bd09, VISIT, SETTINGS)
    assert verdict.flags == () and (verdict.distance_to_device_m or 99) < 5


def test_a_gallery_photo_from_last_week_is_flagged_stale() -> None:
    facts = _photo_exif(STORE_GCJ02, VISIT - timedelta(days=6))
    verdict = check_exif(facts, STORE_GCJ02, VISIT, SETTINGS)
    [flag] = verdict.flags
    assert flag.reason == FlagReason.EXIF_STALE
    assert "6 天" in flag.detail and "2026-10-28 10:15:00" in flag.detail
    assert verdict.minutes_before_capture == pytest.approx(6 * 24 * 60)


def test_thresholds_are_the_tenants() -> None:
    facts = _photo_exif(_metres_north(STORE_GCJ02, 300), VISIT - timedelta(minutes=30))
    assert check_exif(facts, STORE_GCJ02, VISIT, SETTINGS).flags == ()
    strict = FieldCheckSettings(tenant_id="t", exif_max_distance_m=200, exif_max_age_minutes=10)
    reasons = {f.reason for f in check_exif(facts, STORE_GCJ02, VISIT, strict).flags}
    assert reasons == {FlagReason.EXIF_FAR, FlagReason.EXIF_STALE}


def test_no_exif_is_recorded_and_not_flagged_by_default() -> None:
    facts = IMAGES.open(photo_samples.jpeg(photo_samples.scene(320, 240))).exif()
    assert facts == ExifFacts.none()
    verdict = check_exif(facts, STORE_GCJ02, VISIT, SETTINGS)
    assert verdict.flags == () and verdict.distance_to_device_m is None
    tenant = FieldCheckSettings(tenant_id="t", flag_missing_exif=True)
    [flag] = check_exif(facts, STORE_GCJ02, VISIT, tenant).flags
    assert flag.reason == FlagReason.EXIF_MISSING


def test_corrupt_exif_is_unreadable_not_an_error() -> None:
    facts = IMAGES.open(photo_samples.corrupt_exif_jpeg()).exif()
    assert facts.has_exif and facts.unreadable
    assert check_exif(facts, STORE_GCJ02, VISIT, SETTINGS).flags == ()


def test_coordinates_print_with_their_datum() -> None:
    assert format_point(STORE_GCJ02) == "30.25912°N 120.13021°E GCJ-02"
    assert format_point(GeoPoint(-33.9, -70.6, "wgs84")) == "33.90000°S 70.60000°W WGS-84"
