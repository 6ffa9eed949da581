"""EXIF GPS and capture time out of a Pillow image. A camera's EXIF is trusted as far as it is
well-formed: anything that does not parse is recorded as "unreadable", never a crash."""

from __future__ import annotations

import logging
import warnings
from datetime import datetime
from typing import Any

from PIL import ExifTags, Image

from services.common.clock import SHANGHAI, as_utc
from services.common.geo import WGS84, is_valid
from services.media.domain.exif import ExifFacts
from services.media.domain.model import GeoPoint

log = logging.getLogger(__name__)

GPS = ExifTags.GPS
DATETIME_ORIGINAL = ExifTags.Base.DateTimeOriginal
OFFSET_TIME_ORIGINAL = ExifTags.Base.OffsetTimeOriginal
DATETIME = ExifTags.Base.DateTime


def read_exif(image: Image.Image) -> ExifFacts:
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            exif = image.getexif()
        if len(exif) == 0:
            # Pillow answers a block it cannot parse with a warning and nothing else.
            raw = image.info.get("exif")
            return ExifFacts(has_exif=True, unreadable=True) if raw or caught else ExifFacts.none()
        return ExifFacts(
            has_exif=True,
            location=_location(exif.get_ifd(ExifTags.IFD.GPSInfo)),
            taken_at=_taken_at(exif),
        )
    except Exception as error:  # any malformed block: recorded, never fatal
        log.info("unreadable EXIF", extra={"error": repr(error)[:200]})
        return ExifFacts(has_exif=True, unreadable=True)


def _location(gps: dict[int, Any]) -> GeoPoint | None:
    if GPS.GPSLatitude not in gps or GPS.GPSLongitude not in gps:
        return None
    lat = _degrees(gps[GPS.GPSLatitude]) * (-1 if gps.get(GPS.GPSLatitudeRef) == "S" else 1)
    lng = _degrees(gps[GPS.GPSLongitude]) * (-1 if gps.get(GPS.GPSLongitudeRef) == "W" else 1)
    if not is_valid(lat, lng):
        return None  # (0, 0) is what some phones write when they had no fix
    # Cameras write WGS-84 (GPSMapDatum is "WGS-84" when present at all).
    return GeoPoint(latitude=lat, longitude=lng, datum=WGS84)


def _degrees(value: Any) -> float:
    d, m, s = (float(part) for part in value)
    return d + m / 60 + s / 3600


def _taken_at(exif: Image.Exif) -> datetime | None:
    detail = exif.get_ifd(ExifTags.IFD.Exif)
    text = detail.get(DATETIME_ORIGINAL) or exif.get(DATETIME)
    if not isinstance(text, str):
        return None
    try:
        local = datetime.strptime(text.strip("\x00 ")[:19], "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return None
    offset = detail.get(OFFSET_TIME_ORIGINAL)
    if isinstance(offset, str) and len(offset) >= 6:
        try:
            return as_utc(datetime.strptime(f"{text[:19]}{offset[:6]}", "%Y:%m:%d %H:%M:%S%z"))
        except ValueError:
            pass
    # No offset written: the phone's clock, which in China is Beijing time.
    return as_utc(local.replace(tzinfo=SHANGHAI))
