"""Distances across datums (services/common/geo.py): the S2 accuracy rule is only fair when
both points are in one datum."""

from __future__ import annotations

import pytest
from coordTransform import coordTransform as ct

from services.common.geo import BD09, GCJ02, WGS84, GeoPoint, distance_m, haversine_m, is_valid

WEST_LAKE = GeoPoint(30.25912, 120.13021, WGS84)


def test_the_same_spot_in_gcj02_measures_a_few_metres_not_hundreds() -> None:
    lng, lat = ct.wgs84_to_gcj02(WEST_LAKE.longitude, WEST_LAKE.latitude)
    registered = GeoPoint(lat, lng, GCJ02)
    naive = haversine_m(WEST_LAKE, GeoPoint(lat, lng, WGS84))
    assert naive > 450  # what measuring without converting would say
    assert distance_m(WEST_LAKE, registered) < 5


def test_the_same_spot_in_bd09_measures_a_few_metres() -> None:
    lng, lat = ct.wgs84_to_bd09(WEST_LAKE.longitude, WEST_LAKE.latitude)
    assert distance_m(WEST_LAKE, GeoPoint(lat, lng, BD09)) < 10


def test_a_point_600_m_north_measures_about_600_m_across_datums() -> None:
    north = GeoPoint(WEST_LAKE.latitude + 600 / 111_195, WEST_LAKE.longitude, WGS84)
    lng, lat = ct.wgs84_to_gcj02(north.longitude, north.latitude)
    assert distance_m(WEST_LAKE, GeoPoint(lat, lng, GCJ02)) == pytest.approx(600, abs=5)


def test_measuring_two_datums_without_converting_is_refused() -> None:
    with pytest.raises(ValueError):
        haversine_m(WEST_LAKE, GeoPoint(30.2, 120.1, GCJ02))


def test_label_and_validity() -> None:
    assert GeoPoint(30.25912, 120.13021, GCJ02).label() == "30.25912°N 120.13021°E GCJ-02"
    assert is_valid(30.2, 120.1)
    assert not is_valid(0, 0)
    assert not is_valid(float("nan"), 120)
    assert not is_valid(91, 120)
