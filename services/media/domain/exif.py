"""What a photo's EXIF says (read by an adapter), and the M2 checks on it: taken where the
device says it was, and not long before the app took it (a gallery photo)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from services.common.clock import shanghai_text
from services.media.domain.flags import Flag, FlagReason
from services.media.domain.geo import distance_m, format_point
from services.media.domain.model import GeoPoint
from services.media.domain.settings import FieldCheckSettings


@dataclass(frozen=True)
class ExifFacts:
    has_exif: bool
    location: GeoPoint | None = None  # cameras write WGS-84
    taken_at: datetime | None = None  # UTC
    unreadable: bool = False  # a block was there but could not be parsed

    @classmethod
    def none(cls) -> ExifFacts:
        return cls(has_exif=False)


@dataclass(frozen=True)
class ExifVerdict:
    facts: ExifFacts
    distance_to_device_m: float | None
    minutes_before_capture: float | None
    flags: tuple[Flag, ...]


def check_exif(
    facts: ExifFacts,
    device_location: GeoPoint | None,
    captured_at: datetime,
    settings: FieldCheckSettings,
) -> ExifVerdict:
    """`captured_at` is when the app took the photo (its taken_at, else the upload time)."""
    distance = None
    if facts.location is not None and device_location is not None:
        distance = distance_m(facts.location, device_location)
    minutes = None
    if facts.taken_at is not None:
        minutes = (captured_at - facts.taken_at).total_seconds() / 60
    flags = [
        *_far(facts, device_location, distance, settings),
        *_stale(facts, minutes, settings),
        *_missing(facts, settings),
    ]
    return ExifVerdict(facts, distance, minutes, tuple(flags))


def _far(
    facts: ExifFacts,
    device: GeoPoint | None,
    distance: float | None,
    settings: FieldCheckSettings,
) -> list[Flag]:
    if distance is None or distance <= settings.exif_max_distance_m:
        return []
    assert facts.location is not None and device is not None
    detail = (
        f"照片记录的拍摄位置 {format_point(facts.location)} 与手机定位 {format_point(device)} "
        f"相距 {distance:,.0f} 米(换算到同一坐标系后),超过允许的 "
        f"{settings.exif_max_distance_m:,.0f} 米"
    )
    return [Flag(FlagReason.EXIF_FAR, detail)]


def _stale(facts: ExifFacts, minutes: float | None, settings: FieldCheckSettings) -> list[Flag]:
    if minutes is None or minutes <= settings.exif_max_age_minutes:
        return []
    assert facts.taken_at is not None
    detail = (
        f"照片拍摄于 {shanghai_text(facts.taken_at)}(北京时间),比上传时的拍摄时间早 "
        f"{_duration(minutes)},超过允许的 {_duration(settings.exif_max_age_minutes)}:"
        "可能是相册里的旧照片"
    )
    return [Flag(FlagReason.EXIF_STALE, detail)]


def _missing(facts: ExifFacts, settings: FieldCheckSettings) -> list[Flag]:
    if facts.has_exif and not facts.unreadable or not settings.flag_missing_exif:
        return []
    detail = "照片没有可读的拍摄信息(EXIF),无法核对拍摄时间和位置"
    return [Flag(FlagReason.EXIF_MISSING, detail)]


def _duration(minutes: float) -> str:
    if minutes >= 2 * 24 * 60:
        return f"{minutes / (24 * 60):.0f} 天"
    if minutes >= 120:
        return f"{minutes / 60:.0f} 小时"
    return f"{minutes:.0f} 分钟"
