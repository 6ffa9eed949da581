"""S1 Process Health Index: PHI = 0.3 x lead response timeliness + 0.4 x visit plan
completion + 0.3 x commitment closure rate (the source: 线索响应及时率 x 0.3 + 拜访计划完成率
x 0.4 + 承诺事项闭环率 x 0.3).

Every figure is a ratio of two integer counters, and the counters are what storage keeps and
adds up (per rep and day, summed over days, reps, teams and regions). Ratios and the index
are exact Fractions made at read time; only display rounds. That is why an incremental
figure and a full recompute agree to the last digit (ADR 029).

- lead response timeliness = assignments answered (accepted or declined) within the
  urgency's SLA / assignments decided (answered, or breached), by Shanghai assignment day;
- visit plan completion = plan items closed by a card / plan items not dropped, by plan day;
- commitment closure rate = commitments due in the period whose status was updated on or
  before the due date / commitments due in the period (SPEC S1), by due date.
A component with nothing behind it (no lead decided in the period, say) is not applicable:
the index is taken over the applicable components, their weights renormalised, and says so.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields
from enum import StrEnum
from fractions import Fraction


class Metric(StrEnum):
    LEAD_RESPONSE = "lead_response"
    PLAN_COMPLETION = "plan_completion"
    COMMITMENT_CLOSURE = "commitment_closure"


METRIC_ZH = {
    Metric.LEAD_RESPONSE: "线索响应及时率",
    Metric.PLAN_COMPLETION: "拜访计划完成率",
    Metric.COMMITMENT_CLOSURE: "承诺事项闭环率",
}
WEIGHTS = {
    Metric.LEAD_RESPONSE: Fraction(3, 10),
    Metric.PLAN_COMPLETION: Fraction(4, 10),
    Metric.COMMITMENT_CLOSURE: Fraction(3, 10),
}


@dataclass(frozen=True)
class Counters:
    """What one rep-day (or a sum of them) holds: numerators and denominators."""

    lead_on_time: int = 0
    lead_decided: int = 0
    plan_completed: int = 0
    plan_planned: int = 0
    commit_on_time: int = 0
    commit_due: int = 0

    # Spelled out, not through dataclasses.fields(): a recompute adds ~100,000 of these.
    def __add__(self, o: Counters) -> Counters:
        return Counters(
            self.lead_on_time + o.lead_on_time, self.lead_decided + o.lead_decided,
            self.plan_completed + o.plan_completed, self.plan_planned + o.plan_planned,
            self.commit_on_time + o.commit_on_time, self.commit_due + o.commit_due,
        )  # fmt: skip

    def __sub__(self, o: Counters) -> Counters:
        return Counters(
            self.lead_on_time - o.lead_on_time, self.lead_decided - o.lead_decided,
            self.plan_completed - o.plan_completed, self.plan_planned - o.plan_planned,
            self.commit_on_time - o.commit_on_time, self.commit_due - o.commit_due,
        )  # fmt: skip

    def values(self) -> tuple[int, ...]:
        return (self.lead_on_time, self.lead_decided, self.plan_completed, self.plan_planned,
                self.commit_on_time, self.commit_due)  # fmt: skip

    def as_dict(self) -> dict[str, int]:
        return dict(zip(COUNTER_NAMES, self.values(), strict=True))

    @classmethod
    def from_dict(cls, doc: dict) -> Counters:
        return cls(*(int(doc.get(name, 0)) for name in COUNTER_NAMES))

    def is_zero(self) -> bool:
        return not any(self.values())


COUNTER_NAMES = tuple(f.name for f in fields(Counters))
ZERO = Counters()


@dataclass(frozen=True)
class Ratio:
    numerator: int
    denominator: int

    @property
    def value(self) -> Fraction | None:
        return Fraction(self.numerator, self.denominator) if self.denominator else None


def ratios(c: Counters) -> dict[Metric, Ratio]:
    return {
        Metric.LEAD_RESPONSE: Ratio(c.lead_on_time, c.lead_decided),
        Metric.PLAN_COMPLETION: Ratio(c.plan_completed, c.plan_planned),
        Metric.COMMITMENT_CLOSURE: Ratio(c.commit_on_time, c.commit_due),
    }


def index(c: Counters) -> Fraction | None:
    """PHI in [0, 1], exact; None when no component has anything behind it."""
    parts = [(WEIGHTS[m], r.value) for m, r in ratios(c).items() if r.value is not None]
    if not parts:
        return None
    weight = sum(w for w, _ in parts)
    return sum(w * v for w, v in parts) / weight


def total(counters: list[Counters]) -> Counters:
    summed = ZERO
    for c in counters:
        summed = summed + c
    return summed


def percent_text(value: Fraction | None) -> str:
    """For people: one decimal of a percent ("89.7"), or "—" when there is no figure."""
    if value is None:
        return "—"
    tenths = math.floor(value * 1000 + Fraction(1, 2))  # half up, not to even
    return f"{tenths // 10}.{tenths % 10}"
