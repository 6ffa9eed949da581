"""SPEC S1 and S2 by hand-computed cases: each formula, each cap, each threshold."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from fractions import Fraction

import pytest

from services.common.geo import GeoPoint, distance_m, haversine_m
from services.scoring.domain import credit as c
from services.scoring.domain import heatmap
from services.scoring.domain.facts import (
    CommitmentFact,
    LeadFact,
    LeadState,
    commitment_counters,
    merge_commitment,
    merge_lead,
)
from services.scoring.domain.periods import PeriodKind, period_of
from services.scoring.domain.phi import Counters, Metric, Ratio, index, percent_text

T0 = datetime(2026, 11, 30, 2, 0, tzinfo=UTC)


def test_phi_is_the_weighted_sum_of_its_three_ratios() -> None:
    # leads 9/10, plan 17/20, commitments 4/5: 0.3*0.9 + 0.4*0.85 + 0.3*0.8 = 0.85
    counters = Counters(9, 10, 17, 20, 4, 5)
    assert index(counters) == Fraction(85, 100)
    assert percent_text(index(counters)) == "85.0"


def test_phi_renormalises_over_components_that_have_data() -> None:
    # no lead decided: (0.4*0.5 + 0.3*1) / 0.7 = 0.5/0.7 = 5/7
    assert index(Counters(0, 0, 1, 2, 3, 3)) == Fraction(5, 7)
    assert index(Counters()) is None
    assert percent_text(Fraction(5, 7)) == "71.4"
    assert percent_text(Fraction(8975, 10000)) == "89.8"  # half up, not to even


def test_commitment_closure_counts_updates_on_or_before_the_due_date() -> None:
    due = date(2026, 12, 1)
    open_one = CommitmentFact("t", "c1", "r", due)
    on_time = CommitmentFact("t", "c2", "r", due, "done", True, T0)
    late = CommitmentFact("t", "c3", "r", due, "done", False, T0 + timedelta(days=3))
    cancelled_in_time = CommitmentFact("t", "c4", "r", due, "cancelled", True, T0)
    total = sum((commitment_counters(f) for f in (open_one, on_time, late, cancelled_in_time)),
                Counters())  # fmt: skip
    assert (total.commit_on_time, total.commit_due) == (2, 4)


def test_a_close_outranks_open_in_either_order() -> None:
    created = CommitmentFact("t", "c", "r", date(2026, 12, 1), store_name="联华")
    closed = CommitmentFact("t", "c", "r", date(2026, 12, 1), "done", True, T0)
    assert merge_commitment(created, closed) == merge_commitment(closed, created)
    assert merge_commitment(created, closed).status == "done"
    assert merge_commitment(closed, created).store_name == "联华"


def test_an_answer_within_sla_outranks_a_breach_and_pending() -> None:
    pending = LeadFact("t", "l", "r", T0, LeadState.PENDING, customer_name="客户")
    on_time = LeadFact("t", "l", "r", T0, LeadState.ON_TIME, response_seconds=60)
    assert merge_lead(pending, on_time) == merge_lead(on_time, pending)
    assert merge_lead(pending, on_time).customer_name == "客户"


def _visit(**kw) -> c.VisitFact:
    return c.VisitFact("t", "v1", "r", T0, **kw)


def test_credit_weights_and_per_dimension_deductions() -> None:
    # 2 missing items (-4 completeness), one GPS > 500 m and one reused photo (-10 accuracy),
    # 3 h 30 min after check-out (1.5 h late -> 2 points): 0.3*96 + 0.4*90 + 0.3*98 = 94.2
    visit = c.visit_deductions(_visit(missing_items=("photo_shelf", "core_demand"),
                                      distance_m=812.0, distance_known=True,
                                      submit_delay_seconds=3 * 3600 + 1800))  # fmt: skip
    photo = c.photo_deductions(c.PhotoFlagFact("t", "p1", "r", T0, "v1", "p0"))
    points = c.points_of(visit) + c.points_of(photo)
    assert (points.completeness, points.accuracy, points.timeliness) == (4, 10, 2)
    assert c.credit(points) == Fraction(942, 10)
    assert c.score_text(c.credit(points)) == "94.2"


@pytest.mark.parametrize(
    ("delay_s", "points"),
    [(2 * 3600, 0), (2 * 3600 + 1, 1), (3 * 3600, 1), (3 * 3600 + 1, 2), (12 * 3600, 10),
     (30 * 3600, 10)],
)  # fmt: skip
def test_lateness_is_one_point_per_started_hour_past_two_capped_at_ten(delay_s, points) -> None:
    assert c.late_points(delay_s) == points


def test_a_far_check_in_only_counts_beyond_500_m_and_when_known() -> None:
    assert not c.visit_deductions(_visit(distance_m=500.0, distance_known=True))
    assert not c.visit_deductions(_visit(distance_m=9000.0, distance_known=False))
    assert [d.rule for d in c.visit_deductions(_visit(distance_m=500.5, distance_known=True))] == [
        c.GPS_FAR
    ]


def test_west_lake_is_under_500_m_only_after_datum_conversion() -> None:
    """The store registered from Amap (GCJ-02) and the phone's WGS-84 check-in at the same
    spot: visits measures after converting (common/geo), so the card carries ~0 m and costs
    nothing; the raw coordinates would differ by more than 500 m."""
    store = GeoPoint(30.2590, 120.1490, "gcj02")
    phone = store.to_wgs84()
    raw_gap = haversine_m(GeoPoint(phone.latitude, phone.longitude, "gcj02"), store)
    measured = distance_m(phone, store)
    assert raw_gap > 500 and measured < 1
    assert not c.visit_deductions(_visit(distance_m=measured, distance_known=True))


def test_a_dimension_floors_at_zero() -> None:
    many = c.CreditPoints(completeness=250, accuracy=0, timeliness=0, deductions=125)
    assert c.dimension_score(many, c.Dimension.COMPLETENESS) == 0
    assert c.credit(many) == 70


@pytest.mark.parametrize(
    ("before", "after", "crossed"),
    [(Fraction(85), Fraction(849, 10), [(85, "down")]),
     (Fraction(849, 10), Fraction(85), [(85, "up")]),
     (Fraction(96), Fraction(95), [(95, "down")]),
     (Fraction(100), Fraction(80), [(85, "down"), (95, "down")]),
     (Fraction(90), Fraction(86), [])],
)  # fmt: skip
def test_threshold_crossings(before, after, crossed) -> None:
    assert c.crossings(before, after) == crossed


def test_heatmap_levels_and_settings_validation() -> None:
    t = heatmap.Thresholds(90, 75)
    assert heatmap.level(Fraction(9, 10), t) is heatmap.Level.MET
    assert heatmap.level(Fraction(3, 4), t) is heatmap.Level.NEAR
    assert heatmap.level(Fraction(74, 100), t) is heatmap.Level.BELOW
    assert heatmap.level(Ratio(0, 0).value, t) is heatmap.Level.NO_DATA
    bad = heatmap.ScoringSettings("t", {**heatmap.DEFAULT_THRESHOLDS,
                                        Metric.LEAD_RESPONSE: heatmap.Thresholds(70, 80)})  # fmt: skip
    with pytest.raises(Exception, match="lead_response"):
        heatmap.validate(bad)


def test_periods_are_shanghai_days_iso_weeks_and_months() -> None:
    week = period_of(PeriodKind.WEEK, date(2026, 12, 2))
    assert (week.first, week.last, week.label) == (
        date(2026, 11, 30),
        date(2026, 12, 6),
        "2026-W49",
    )
    assert week.months() == ["2026-11", "2026-12"]
    assert period_of(PeriodKind.MONTH, date(2026, 2, 10)).last == date(2026, 2, 28)
