"""S1 PHI over time in one call (GetPhiSeries, ADR 046): every point is exactly what GetPhi
answers for its period, whatever the granularity and however the range falls on weeks and
months; the whole range is one read of the reps and one of their rep-months; bad ranges are
INVALID_ARGUMENT naming the field."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

import pytest

from sales.scoring.v1 import scoring_pb2 as pb
from services.common.clock import months_between
from services.common.errors import InvalidArgument
from services.scoring.application import figures
from services.scoring.application.figures import ScopeKind
from services.scoring.domain.credit import CreditPoints
from services.scoring.domain.directory import Person
from services.scoring.domain.periods import (
    MAX_SERIES,
    PeriodKind,
    month_key,
    period_of,
    series,
)
from services.scoring.domain.phi import Counters
from services.scoring.entrypoints import mapping
from tests.fakes.scoring import FakeScoringRepository

T = "t"
AT = datetime(2026, 1, 1, tzinfo=UTC)
REPS = [("r1", "hz", ("330106",)), ("r2", "hz", ("330108",)), ("r3", "nb", ("330203",))]


def world(seed: int | str) -> FakeScoringRepository:
    """Three reps with random day counters over 2026-09-20 .. 2026-12-10."""
    repo = FakeScoringRepository()
    for rep, team, regions in REPS:
        repo.save_person(Person(T, rep, rep, "sup", team, regions, True, True, AT))
    rng = random.Random(seed)
    day = date(2026, 9, 20)
    while day <= date(2026, 12, 10):
        for rep, _, _ in REPS:
            if rng.random() < 0.6:
                decided, planned, due = rng.randint(0, 4), rng.randint(0, 6), rng.randint(0, 3)
                counters = Counters(rng.randint(0, decided), decided, rng.randint(0, planned),
                                    planned, rng.randint(0, due), due)  # fmt: skip
                repo.add_to_month(T, rep, month_key(day), {day.day: counters}, CreditPoints())
        day += timedelta(days=1)
    return repo


SCOPES = [(ScopeKind.REP, "r1"), (ScopeKind.TEAM, "hz"), (ScopeKind.REGION, "330100"),
          (ScopeKind.REGION, "330000")]  # fmt: skip


@pytest.mark.parametrize("kind", list(PeriodKind))
@pytest.mark.parametrize(("scope", "scope_id"), SCOPES)
def test_each_point_is_what_get_phi_answers_for_its_period(kind, scope, scope_id) -> None:
    repo = world(seed=f"{kind}-{scope_id}")
    periods = series(kind, date(2026, 9, 24), date(2026, 12, 3))
    points = figures.phi_series(repo, T, scope, scope_id, periods)
    assert [p.period for p in points] == periods
    assert any(p.counters != Counters() for p in points)  # the data is not all empty
    for point in points:
        one = figures.phi(repo, T, scope, scope_id, point.period)
        assert point == one
        assert mapping.phi_pb(point) == mapping.phi_pb(one)


def test_the_whole_range_is_one_read_of_the_rep_months() -> None:
    repo = world(seed=7)
    reads: list[tuple[list[str], list[str]]] = []
    months = repo.months
    repo.months = lambda t, reps, ms: reads.append((reps, ms)) or months(t, reps, ms)  # type: ignore[method-assign]
    periods = series(PeriodKind.WEEK, date(2026, 10, 12), date(2026, 12, 2))
    figures.phi_series(repo, T, ScopeKind.TEAM, "hz", periods)
    assert reads == [(["r1", "r2"], ["2026-10", "2026-11", "2026-12"])]


def test_periods_run_from_first_days_period_to_last_days() -> None:
    weeks = series(PeriodKind.WEEK, date(2026, 10, 14), date(2026, 12, 2))  # Wed .. Wed
    assert [w.label for w in weeks] == [f"2026-W{n}" for n in range(42, 50)]
    assert weeks[0].first == date(2026, 10, 12) and weeks[-1].last == date(2026, 12, 6)
    months = series(PeriodKind.MONTH, date(2025, 12, 31), date(2026, 2, 1))
    assert [m.label for m in months] == ["2025-12", "2026-01", "2026-02"]
    assert series(PeriodKind.DAY, date(2026, 12, 2), date(2026, 12, 2)) == [
        period_of(PeriodKind.DAY, date(2026, 12, 2))
    ]
    assert months_between(date(2025, 11, 30), date(2026, 1, 1)) == [
        "2025-11", "2025-12", "2026-01"]  # fmt: skip


@pytest.mark.parametrize("kind", list(PeriodKind))
def test_a_series_is_bounded(kind) -> None:
    first, periods = date(2020, 1, 1), [period_of(kind, date(2020, 1, 1))]
    while len(periods) < MAX_SERIES[kind]:
        periods.append(period_of(kind, periods[-1].last + timedelta(days=1)))
    assert series(kind, first, periods[-1].last) == periods
    with pytest.raises(InvalidArgument) as refused:
        series(kind, first, periods[-1].last + timedelta(days=1))
    assert refused.value.violations[0].field == "first_day"


def request(**fields) -> pb.GetPhiSeriesRequest:
    base = {"tenant_id": T, "scope_id": "r1", "granularity": pb.PERIOD_KIND_WEEK,
            "first_day": "2026-10-14", "last_day": "2026-12-02"}  # fmt: skip
    return pb.GetPhiSeriesRequest(**{**base, **fields})


@pytest.mark.parametrize(
    ("fields", "field"),
    [({"first_day": ""}, "first_day"),
     ({"first_day": "2026-13-01"}, "first_day"),
     ({"last_day": "2026/12/02"}, "last_day"),
     ({"first_day": "2026-12-03"}, "first_day"),  # after last_day
     ({"first_day": "2016-12-03"}, "first_day"),  # ten years of weeks
     ({"first_day": "9999-12-01", "last_day": "9999-12-31"}, "first_day"),
     ({"granularity": 9}, "granularity")],
)  # fmt: skip
def test_bad_ranges_name_their_field(fields, field) -> None:
    with pytest.raises(InvalidArgument) as refused:
        mapping.periods(request(**fields), date(2026, 12, 2))
    assert [v.field for v in refused.value.violations] == [field]


def test_the_answer_carries_the_scope_and_every_period() -> None:
    repo = world(seed=3)
    periods = mapping.periods(request(last_day=""), date(2026, 12, 2))  # empty: today
    answer = mapping.series_pb(figures.phi_series(repo, T, ScopeKind.REP, "r1", periods))
    assert (answer.scope, answer.scope_id, answer.granularity, answer.reps) == (
        pb.SCOPE_KIND_REP, "r1", pb.PERIOD_KIND_WEEK, 1)  # fmt: skip
    assert [p.period.label for p in answer.points] == [f"2026-W{n}" for n in range(42, 50)]
    monthly = mapping.periods(request(granularity=pb.PERIOD_KIND_UNSPECIFIED), date(2026, 12, 2))
    assert [p.label for p in monthly] == ["2026-10", "2026-11", "2026-12"]
    with pytest.raises(InvalidArgument):
        figures.phi_series(repo, T, ScopeKind.REGION, "33A", periods)
