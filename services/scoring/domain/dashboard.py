"""S4 rep dashboard: today's pending visits (今日待办拜访数), overdue open commitments (超期未
闭环事项) and this week's satisfaction from QR ratings (本周客户满意度), plus the week's PHI
components; every figure names the raw records behind it, by kind (点击任一指标可下钻)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

from services.scoring.domain.facts import RatingFact


class Figure(StrEnum):
    PENDING_VISITS = "pending_visits"
    OVERDUE_COMMITMENTS = "overdue_commitments"
    WEEK_RATINGS = "week_ratings"
    WEEK_LEADS = "week_leads"
    WEEK_PLAN_DAYS = "week_plan_days"
    WEEK_COMMITMENTS_DUE = "week_commitments_due"


FIGURE_ZH = {
    Figure.PENDING_VISITS: "今日待办拜访",
    Figure.OVERDUE_COMMITMENTS: "超期未闭环事项",
    Figure.WEEK_RATINGS: "本周客户满意度",
    Figure.WEEK_LEADS: "本周线索响应",
    Figure.WEEK_PLAN_DAYS: "本周拜访计划",
    Figure.WEEK_COMMITMENTS_DUE: "本周到期承诺",
}


@dataclass(frozen=True)
class Satisfaction:
    stars_total: int
    ratings: int

    @property
    def average(self) -> Fraction | None:
        return Fraction(self.stars_total, self.ratings) if self.ratings else None


def satisfaction(ratings: list[RatingFact]) -> Satisfaction:
    return Satisfaction(sum(r.stars for r in ratings), len(ratings))


def stars_text(value: Fraction | None) -> str:
    if value is None:
        return "—"
    hundredths = int(value * 100 + Fraction(1, 2))
    return f"{hundredths // 100}.{hundredths % 100:02d}"
