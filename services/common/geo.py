"""Points with their datum, and distances measured in one datum (ARCHITECTURE.md, "China-
specific details"). Phone GPS is WGS-84, Amap/Tencent addresses GCJ-02, Baidu BD-09; they
differ by up to ~500 m (520 m at West Lake), the very threshold of the S2 accuracy rule, so a
distance between points of two datums is only taken after converting both to WGS-84.

Conversions are coordtransform's (C extension; its GCJ-02 -> WGS-84 inverse is the one-step
approximation, ~1.6 m round trip, fine for a 500 m rule). Outside China the offsets do not
apply, and coordtransform returns the point unchanged.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from coordTransform import coordTransform as ct

WGS84, GCJ02, BD09 = "wgs84", "gcj02", "bd09"
DATUMS = (WGS84, GCJ02, BD09)
DATUM_ZH = {WGS84: "WGS-84", GCJ02: "GCJ-02", BD09: "BD-09"}
EARTH_RADIUS_M = 6_371_008.8  # mean radius (IUGG)


@dataclass(frozen=True)
class GeoPoint:
    latitude: float
    longitude: float
    datum: str  # wgs84 | gcj02 | bd09
    accuracy_m: float = 0.0

    def to_wgs84(self) -> GeoPoint:
        if self.datum == WGS84:
            return self
        convert = {GCJ02: ct.gcj02_to_wgs84, BD09: ct.bd09_to_wgs84}.get(self.datum)
        if convert is None:
            raise ValueError(f"unknown datum {self.datum!r}")
        longitude, latitude = convert(self.longitude, self.latitude)
        return GeoPoint(latitude, longitude, WGS84, self.accuracy_m)

    def label(self) -> str:
        """30.25912°N 120.13021°E GCJ-02: how a watermark or a person reads it."""
        ns = "N" if self.latitude >= 0 else "S"
        ew = "E" if self.longitude >= 0 else "W"
        return (
            f"{abs(self.latitude):.5f}°{ns} {abs(self.longitude):.5f}°{ew} "
            f"{DATUM_ZH.get(self.datum, self.datum)}"
        )


def haversine_m(a: GeoPoint, b: GeoPoint) -> float:
    """Great-circle distance of two points already in the same datum."""
    if a.datum != b.datum:
        raise ValueError("convert both points to one datum before measuring")
    lat1, lat2 = math.radians(a.latitude), math.radians(b.latitude)
    dlat = lat2 - lat1
    dlon = math.radians(b.longitude - a.longitude)
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))


def distance_m(a: GeoPoint, b: GeoPoint) -> float:
    """Metres between two points of any datums: both are converted to WGS-84 first."""
    return haversine_m(a.to_wgs84(), b.to_wgs84())


def is_valid(latitude: float, longitude: float) -> bool:
    return (
        math.isfinite(latitude)
        and math.isfinite(longitude)
        and -90 <= latitude <= 90
        and -180 <= longitude <= 180
        and not (latitude == 0 and longitude == 0)  # an unset point, not the Gulf of Guinea
    )
