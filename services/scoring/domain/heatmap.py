"""S3 supervisor heatmap: the team's reps x the three PHI components, each cell with its
value, its attainment level against the tenant's thresholds, and the count behind it
(色块深浅代表达标程度)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from fractions import Fraction

from services.common.errors import FieldViolation, InvalidArgument
from services.scoring.domain.phi import Counters, Metric, Ratio, index, ratios


class Level(StrEnum):
    MET = "met"
    NEAR = "near"
    BELOW = "below"
    NO_DATA = "no_data"


LEVEL_ZH = {
    Level.MET: "达标",
    Level.NEAR: "接近达标",
    Level.BELOW: "未达标",
    Level.NO_DATA: "无数据",
}


@dataclass(frozen=True)
class Thresholds:
    """Percent: a value >= target is met, >= warning is near, below is below."""

    target_percent: int
    warning_percent: int


DEFAULT_THRESHOLDS = {
    Metric.LEAD_RESPONSE: Thresholds(90, 75),
    Metric.PLAN_COMPLETION: Thresholds(90, 75),
    Metric.COMMITMENT_CLOSURE: Thresholds(90, 75),
}


MAX_LATENESS_HOURS = 72  # visits' own bound for its card window


@dataclass(frozen=True)
class ScoringSettings:
    tenant_id: str
    thresholds: dict[Metric, Thresholds] = field(default_factory=lambda: dict(DEFAULT_THRESHOLDS))
    lateness_window_hours: float = 2.0  # S2 timeliness (SPEC's 2 h by default)
    version: int = 0  # 0: the defaults, never saved
    updated_by: str = ""
    updated_at: datetime | None = None


def validate(settings: ScoringSettings) -> None:
    problems = []
    for metric, t in settings.thresholds.items():
        where = f"thresholds.{metric.value}"
        if not 0 <= t.warning_percent <= t.target_percent <= 100:
            problems.append(
                FieldViolation(where, "阈值须满足 0 ≤ 接近达标线 ≤ 达标线 ≤ 100(百分比)")
            )
    if not 0 <= settings.lateness_window_hours <= MAX_LATENESS_HOURS:
        problems.append(
            FieldViolation(
                "lateness_window_hours", f"提交时限须在 0 到 {MAX_LATENESS_HOURS} 小时之间"
            )
        )
    missing = [m for m in Metric if m not in settings.thresholds]
    problems += [FieldViolation(f"thresholds.{m.value}", "缺少该指标的阈值") for m in missing]
    if problems:
        raise InvalidArgument.of(problems)


def level(value: Fraction | None, t: Thresholds) -> Level:
    if value is None:
        return Level.NO_DATA
    if value * 100 >= t.target_percent:
        return Level.MET
    return Level.NEAR if value * 100 >= t.warning_percent else Level.BELOW


@dataclass(frozen=True)
class Cell:
    metric: Metric
    ratio: Ratio
    level: Level


@dataclass(frozen=True)
class Row:
    rep_id: str
    name: str
    cells: tuple[Cell, ...]
    phi: Fraction | None


def row(rep_id: str, name: str, counters: Counters, settings: ScoringSettings) -> Row:
    cells = tuple(
        Cell(m, r, level(r.value, settings.thresholds[m])) for m, r in ratios(counters).items()
    )
    return Row(rep_id, name, cells, index(counters))
