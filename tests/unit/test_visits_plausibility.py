"""Check-in plausibility (issue 9 part 4): mock locations and impossible travel between
consecutive check-ins, fair to a position DingTalk cached for up to 2 minutes; and the
datum rule of the distance to the store."""

from __future__ import annotations

from datetime import timedelta

from services.common.geo import GeoPoint, distance_m
from services.visits.application import cards
from services.visits.domain import plausibility
from services.visits.domain.cards import Stamp
from services.visits.domain.settings import CardSettings
from tests.unit.visits_builders import AT_STORE_WGS, CHECK_IN_AT, STORE_GCJ, World, draft, stamp

SETTINGS = CardSettings()
HANGZHOU = GeoPoint(30.2752, 120.1301, "wgs84", 10)


def offset(point: GeoPoint, north_m: float) -> GeoPoint:
    return GeoPoint(point.latitude + north_m / 111_195, point.longitude, point.datum, 10)


def assess(this: Stamp, *neighbours: tuple[GeoPoint, timedelta]):
    stored = [
        plausibility.CheckIn(f"v{i}", p, this.at + dt) for i, (p, dt) in enumerate(neighbours)
    ]
    return plausibility.assess(this, None, stored, SETTINGS)


def test_a_mock_location_is_flagged_not_refused():
    assert assess(Stamp(HANGZHOU, CHECK_IN_AT, mock_location=True)).flags == ["mock_location"]


def test_thirty_kilometres_in_five_minutes_is_impossible():
    result = assess(Stamp(HANGZHOU, CHECK_IN_AT), (offset(HANGZHOU, 30_000), -timedelta(minutes=5)))
    assert result.flags == ["impossible_speed"] and result.implied_speed_kmh > 200


def test_equal_timestamps_are_fine_at_one_spot_and_impossible_far_apart():
    same_spot = assess(Stamp(HANGZHOU, CHECK_IN_AT), (HANGZHOU, timedelta(0)))
    assert same_spot.flags == [] and same_spot.implied_speed_kmh == 0
    far = assess(Stamp(HANGZHOU, CHECK_IN_AT), (offset(HANGZHOU, 20_000), timedelta(0)))
    assert far.flags == ["impossible_speed"]


def test_a_position_cached_for_two_minutes_does_not_make_a_driver_a_cheat():
    # 3 km between two check-ins reported 60 s apart: 180 km/h on the clock, but either fix
    # may be 2 minutes old, so the rep had up to 3 minutes: 60 km/h, a car in town.
    result = assess(Stamp(HANGZHOU, CHECK_IN_AT), (offset(HANGZHOU, 3_000), -timedelta(seconds=60)))
    assert result.flags == [] and 55 < result.implied_speed_kmh < 60


def test_the_next_check_in_counts_for_a_card_sent_late_by_an_offline_phone():
    late = assess(Stamp(HANGZHOU, CHECK_IN_AT), (offset(HANGZHOU, 50_000), timedelta(minutes=3)))
    assert late.flags == ["impossible_speed"]


def test_poor_accuracy_is_flagged():
    blurred = GeoPoint(HANGZHOU.latitude, HANGZHOU.longitude, "wgs84", 800)
    assert assess(Stamp(blurred, CHECK_IN_AT)).flags == ["poor_accuracy"]


def test_a_card_carries_its_flags_and_speed_against_the_reps_previous_check_in():
    world = World()
    cards.submit_card(world.uow, world.deps, draft(), CHECK_IN_AT + timedelta(minutes=40))
    jump = CHECK_IN_AT + timedelta(minutes=30)
    far = offset(AT_STORE_WGS, 150_000)  # 150 km in 30 minutes
    card = draft(
        check_in=stamp(jump, far, mock=True), check_out=stamp(jump + timedelta(minutes=5), far)
    )
    stored = cards.submit_card(world.uow, world.deps, card, jump + timedelta(minutes=10))
    assert stored.plausibility_flags == ["mock_location", "impossible_speed"]
    assert 250 < stored.implied_speed_kmh < 300


def test_a_wgs84_check_in_at_a_gcj02_address_measures_metres_and_600_m_away_about_600():
    assert distance_m(AT_STORE_WGS, STORE_GCJ) < 3
    raw = distance_m(AT_STORE_WGS, GeoPoint(STORE_GCJ.latitude, STORE_GCJ.longitude, "wgs84"))
    assert raw > 400  # measured without converting, an honest rep would be hundreds off
    away = offset(AT_STORE_WGS, 600)
    assert 590 < distance_m(away, STORE_GCJ) < 610
