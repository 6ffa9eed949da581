"""Check-in plausibility (SPEC M3, issue 9 part 4; visits owns check-ins): was the rep
really there? Flags never block a submit; they are recorded on the card and in
visit.submitted, and scoring and supervisors weigh them.

Impossible travel compares one check-in with the rep's neighbouring check-ins (the one just
before it and, for a card an offline phone sends late, the one just after it). It must be
fair to honest reps:
- DingTalk may return a position cached for up to 2 minutes, so a fix reported at t may have
  been taken as early as t - 120 s. Between two fixes the rep may therefore have had up to
  `elapsed + 120 s` to travel, and that most generous time is the one used. It also makes
  two check-ins with equal timestamps well defined (no division by zero: 0 + 120 s).
- Each position is only known within its reported accuracy, so the distance used is the
  great-circle distance less both accuracies (never below 0).
Both points are converted to one datum before measuring (services/common/geo.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from services.common.geo import GeoPoint, distance_m
from services.visits.domain.cards import Stamp
from services.visits.domain.settings import CardSettings


@dataclass(frozen=True)
class CheckIn:
    """A stored check-in of the rep, as the neighbour of a new one."""

    visit_id: str
    location: GeoPoint
    at: datetime


@dataclass(frozen=True)
class Plausibility:
    flags: list[str]
    implied_speed_kmh: float


def implied_speed_kmh(a: CheckIn, b: CheckIn, cache_s: int) -> float:
    metres = distance_m(a.location, b.location)
    metres = max(0.0, metres - a.location.accuracy_m - b.location.accuracy_m)
    seconds = abs((b.at - a.at).total_seconds()) + cache_s
    return metres / seconds * 3.6


def assess(
    check_in: Stamp,
    check_out: Stamp | None,
    neighbours: list[CheckIn],
    settings: CardSettings,
) -> Plausibility:
    flags: list[str] = []
    if check_in.mock_location or (check_out is not None and check_out.mock_location):
        flags.append("mock_location")
    this = CheckIn("", check_in.location, check_in.at)
    speed = max(
        (implied_speed_kmh(this, n, settings.position_cache_s) for n in neighbours), default=0.0
    )
    if speed > settings.impossible_speed_kmh:
        flags.append("impossible_speed")
    if check_in.location.accuracy_m > settings.max_gps_accuracy_m:
        flags.append("poor_accuracy")
    return Plausibility(flags, round(speed, 1))
