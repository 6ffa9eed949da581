"""S2 data credit, per rep per Shanghai month: three dimensions, each from 100,

    credit = 0.3 x completeness + 0.4 x accuracy + 0.3 x timeliness
    completeness: -2 per template item a card records as missing
    accuracy:     -5 per check-in more than 500 m from the store's registered location
                  (both points in one datum: visits measures after converting, ADR 017),
                  -5 per reused photo (media's photo.flagged, reason `reused`)
    timeliness:   a card submitted later than the tenant's lateness window after check-out
                  (scoring settings, 2 h by default) loses 1 point per hour late (each
                  started hour past the window), at most 10 for that card
each dimension floored at 0. Every lost point is a Deduction naming its rule and its cause
(visit, photo), so a rep can see why. Points are integers; the credit is an exact Fraction
(a multiple of 0.1), so an incremental figure and a recompute cannot differ.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from fractions import Fraction

from services.scoring.domain.periods import local_date, month_key


class Dimension(StrEnum):
    COMPLETENESS = "completeness"
    ACCURACY = "accuracy"
    TIMELINESS = "timeliness"


DIMENSION_ZH = {
    Dimension.COMPLETENESS: "完整性",
    Dimension.ACCURACY: "准确性",
    Dimension.TIMELINESS: "及时性",
}
DIMENSION_WEIGHTS = {
    Dimension.COMPLETENESS: Fraction(3, 10),
    Dimension.ACCURACY: Fraction(4, 10),
    Dimension.TIMELINESS: Fraction(3, 10),
}

MISSING_ITEM, GPS_FAR, PHOTO_REUSED, LATE_SUBMIT = (
    "missing_item", "gps_far", "photo_reused", "late_submit"
)  # fmt: skip
# rule code -> (dimension, points, what a person reads)
RULES: dict[str, tuple[Dimension, int, str]] = {
    MISSING_ITEM: (Dimension.COMPLETENESS, 2, "拜访记录缺少必填项,每项扣 2 分"),
    GPS_FAR: (Dimension.ACCURACY, 5, "签到位置距门店登记位置超过 500 米,扣 5 分"),
    PHOTO_REUSED: (Dimension.ACCURACY, 5, "照片重复使用,扣 5 分"),
    LATE_SUBMIT: (
        Dimension.TIMELINESS,
        1,
        "超过提交时限(默认拜访结束后 2 小时)才提交,每超 1 小时扣 1 分,单次最多 10 分",
    ),
}
GPS_LIMIT_M = 500.0
GRACE_SECONDS = 2 * 3600
LATE_CAP = 10
FAST_LANE, PRIORITY = 85, 95  # below 85: green channel suspended; above 95: new products
THRESHOLDS = (FAST_LANE, PRIORITY)


@dataclass(frozen=True)
class Deduction:
    rule: str
    points: int
    visit_id: str = ""
    photo_id: str = ""
    item: str = ""  # the missing template item's code
    detail: str = ""  # Chinese

    @property
    def dimension(self) -> Dimension:
        return RULES[self.rule][0]


@dataclass(frozen=True)
class VisitFact:
    """What a submitted card tells data credit (visit.submitted)."""

    tenant_id: str
    visit_id: str
    rep_id: str
    checked_out_at: datetime
    store_id: str = ""
    store_name: str = ""
    missing_items: tuple[str, ...] = ()
    distance_m: float = 0.0
    distance_known: bool = False
    submit_delay_seconds: int = 0
    # The tenant's lateness window when the card arrived: kept with the fact, so that a
    # recompute judges it by the same rule (a changed window applies to later cards).
    grace_seconds: int = GRACE_SECONDS


@dataclass(frozen=True)
class PhotoFlagFact:
    """A reused photo (photo.flagged, reason reused), counted in the month it was flagged."""

    tenant_id: str
    photo_id: str
    rep_id: str
    flagged_at: datetime
    visit_id: str = ""
    earlier_photo_id: str = ""
    detail: str = ""


def late_points(delay_seconds: int, grace_seconds: int = GRACE_SECONDS) -> int:
    if delay_seconds <= grace_seconds:
        return 0
    return min(LATE_CAP, math.ceil((delay_seconds - grace_seconds) / 3600))


def grace_seconds(lateness_window_hours: float) -> int:
    """The window in whole seconds: exact integers in storage (ADR 029)."""
    return round(lateness_window_hours * 3600)


def visit_deductions(v: VisitFact) -> tuple[Deduction, ...]:
    found = [
        Deduction(MISSING_ITEM, 2, v.visit_id, item=code, detail=f"缺少:{item_label(code)}")
        for code in sorted(set(v.missing_items))
    ]
    if v.distance_known and v.distance_m > GPS_LIMIT_M:
        found.append(Deduction(GPS_FAR, 5, v.visit_id, detail=f"距门店 {v.distance_m:.0f} 米"))
    late = late_points(v.submit_delay_seconds, v.grace_seconds)
    if late:
        hours = v.submit_delay_seconds / 3600
        found.append(
            Deduction(LATE_SUBMIT, late, v.visit_id, detail=f"结束后 {hours:.1f} 小时提交")
        )
    return tuple(found)


def photo_deductions(p: PhotoFlagFact) -> tuple[Deduction, ...]:
    detail = p.detail or (f"与照片 {p.earlier_photo_id} 重复" if p.earlier_photo_id else "")
    return (Deduction(PHOTO_REUSED, 5, p.visit_id, p.photo_id, detail=detail),)


# The card's template items (visits' MISSING_ITEMS), as a person reads them here.
ITEM_ZH = {
    "photo_storefront": "门头照",
    "photo_shelf": "货架照",
    "photo_meeting": "洽谈照",
    "core_demand": "核心诉求",
    "commitment": "跟进承诺",
    "price_lines": "特价明细",
}


def item_label(code: str) -> str:
    return ITEM_ZH.get(code, code)


@dataclass(frozen=True)
class CreditFact:
    """One stored cause of lost points: a card or a reused photo (ADR 029: a card that loses
    nothing is not a credit fact, since it changes no figure)."""

    fact_id: str
    visit: VisitFact | None = None
    photo: PhotoFlagFact | None = None

    @property
    def rep_id(self) -> str:
        return self.visit.rep_id if self.visit else self.photo.rep_id  # type: ignore[union-attr]

    @property
    def occurred_at(self) -> datetime:
        return self.visit.checked_out_at if self.visit else self.photo.flagged_at  # type: ignore[union-attr]

    @property
    def month(self) -> str:
        return month_key(local_date(self.occurred_at))

    @property
    def deductions(self) -> tuple[Deduction, ...]:
        return visit_deductions(self.visit) if self.visit else photo_deductions(self.photo)  # type: ignore[arg-type]


def visit_fact(v: VisitFact) -> CreditFact:
    return CreditFact(f"visit:{v.visit_id}", visit=v)


def photo_fact(p: PhotoFlagFact) -> CreditFact:
    return CreditFact(f"photo:{p.photo_id}", photo=p)


@dataclass(frozen=True)
class CreditPoints:
    """Points lost in one rep-month, per dimension, and how many deductions."""

    completeness: int = 0
    accuracy: int = 0
    timeliness: int = 0
    deductions: int = 0

    def __add__(self, o: CreditPoints) -> CreditPoints:
        return CreditPoints(
            self.completeness + o.completeness,
            self.accuracy + o.accuracy,
            self.timeliness + o.timeliness,
            self.deductions + o.deductions,
        )

    def lost(self, d: Dimension) -> int:
        return getattr(self, d.value)


def points_of(deductions: tuple[Deduction, ...]) -> CreditPoints:
    lost = {d: 0 for d in Dimension}
    for x in deductions:
        lost[x.dimension] += x.points
    return CreditPoints(
        lost[Dimension.COMPLETENESS], lost[Dimension.ACCURACY], lost[Dimension.TIMELINESS],
        len(deductions),
    )  # fmt: skip


def dimension_score(points: CreditPoints, d: Dimension) -> int:
    return max(0, 100 - points.lost(d))


def credit(points: CreditPoints) -> Fraction:
    return sum(DIMENSION_WEIGHTS[d] * dimension_score(points, d) for d in Dimension)  # type: ignore[return-value]


def crossings(before: Fraction, after: Fraction) -> list[tuple[int, str]]:
    """Each threshold crossed between two credits, with "up" or "down". The fast lane needs
    >= 85 (below it is suspended); priority needs > 95."""
    found = []
    if (before >= FAST_LANE) != (after >= FAST_LANE):
        found.append((FAST_LANE, "up" if after >= FAST_LANE else "down"))
    if (before > PRIORITY) != (after > PRIORITY):
        found.append((PRIORITY, "up" if after > PRIORITY else "down"))
    return found


def score_text(value: Fraction) -> str:
    """A credit is a multiple of 0.1: shown with that one decimal."""
    tenths = math.floor(value * 10 + Fraction(1, 2))
    return f"{tenths // 10}.{tenths % 10}"
