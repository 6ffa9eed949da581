"""Scoring's answers as proto messages (sales.scoring.v1), and requests to domain values."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from sales.scoring.v1 import scoring_pb2 as pb
from services.common.errors import FieldViolation, InvalidArgument
from services.common.proto_time import to_timestamp
from services.scoring.application.dashboard import Dashboard, Record
from services.scoring.application.figures import CreditFigure, DeductionLine, PhiFigure, ScopeKind
from services.scoring.domain import credit as credit_rules
from services.scoring.domain import heatmap
from services.scoring.domain.dashboard import FIGURE_ZH, Figure, stars_text
from services.scoring.domain.directory import Person
from services.scoring.domain.periods import Period, PeriodKind, parse_day, period_of, series
from services.scoring.domain.phi import (
    METRIC_ZH,
    WEIGHTS,
    Counters,
    Metric,
    Ratio,
    index,
    percent_text,
    ratios,
)

KINDS = {
    pb.PERIOD_KIND_UNSPECIFIED: PeriodKind.MONTH,
    pb.PERIOD_KIND_DAY: PeriodKind.DAY,
    pb.PERIOD_KIND_WEEK: PeriodKind.WEEK,
    pb.PERIOD_KIND_MONTH: PeriodKind.MONTH,
}
KIND_PB = {PeriodKind.DAY: pb.PERIOD_KIND_DAY, PeriodKind.WEEK: pb.PERIOD_KIND_WEEK,
           PeriodKind.MONTH: pb.PERIOD_KIND_MONTH}  # fmt: skip
SCOPES = {
    pb.SCOPE_KIND_UNSPECIFIED: ScopeKind.REP,
    pb.SCOPE_KIND_REP: ScopeKind.REP,
    pb.SCOPE_KIND_TEAM: ScopeKind.TEAM,
    pb.SCOPE_KIND_REGION: ScopeKind.REGION,
}


def period(request: pb.PeriodRequest, today: date) -> Period:
    if request.kind not in KINDS:
        raise InvalidArgument.of_field("period.kind", "统计周期应为日、周或月")
    return period_of(KINDS[request.kind], parse_day(request.date, "period.date", today))


def scope(kind: int) -> ScopeKind:
    if kind not in SCOPES:
        raise InvalidArgument.of_field("scope", "范围应为业务员、团队或区域")
    return SCOPES[kind]


def periods(request: pb.GetPhiSeriesRequest, today: date) -> list[Period]:
    """The series' periods: granularity (a month when unset), first_day required, last_day
    today when empty."""
    if request.granularity not in KINDS:
        raise InvalidArgument.of_field("granularity", "统计粒度应为日、周或月")
    if not request.first_day:
        raise InvalidArgument.of_field("first_day", "必须填写开始日期(YYYY-MM-DD)")
    first = parse_day(request.first_day, "first_day", today)
    last = parse_day(request.last_day, "last_day", today)
    return series(KINDS[request.granularity], first, last)


def period_pb(p: Period) -> pb.PeriodInfo:
    return pb.PeriodInfo(kind=KIND_PB[p.kind], label=p.label, first_day=p.first.isoformat(),
                         last_day=p.last.isoformat())  # fmt: skip


def _percent(value: Fraction | None) -> float:
    return float(value * 100) if value is not None else 0.0


def ratio_pb(metric: Metric, r: Ratio) -> pb.Ratio:
    return pb.Ratio(
        metric=metric.value, label=METRIC_ZH[metric], numerator=r.numerator,
        denominator=r.denominator, has_value=r.value is not None, percent=_percent(r.value),
        percent_text=percent_text(r.value), weight=str(float(WEIGHTS[metric])),
    )  # fmt: skip


def components_pb(c: Counters) -> list[pb.Ratio]:
    return [ratio_pb(m, r) for m, r in ratios(c).items()]


def _scope_pb(kind: ScopeKind) -> int:
    return next(k for k, v in SCOPES.items() if v is kind and k)


def phi_pb(f: PhiFigure) -> pb.Phi:
    value = index(f.counters)
    empty = [METRIC_ZH[m] for m, r in ratios(f.counters).items() if r.value is None]
    note = f"{'、'.join(empty)}无数据,按其余指标的权重折算" if empty and value is not None else ""
    return pb.Phi(
        scope=_scope_pb(f.scope), scope_id=f.scope_id, period=period_pb(f.period),
        components=components_pb(f.counters), has_value=value is not None,
        percent=_percent(value), percent_text=percent_text(value), reps=f.reps, note=note,
    )  # fmt: skip


def series_pb(points: list[PhiFigure]) -> pb.PhiSeries:
    """points: never empty (a series has at least the period holding first_day)."""
    first = points[0]
    return pb.PhiSeries(
        scope=_scope_pb(first.scope), scope_id=first.scope_id,
        granularity=KIND_PB[first.period.kind], points=[phi_pb(f) for f in points],
        reps=first.reps,
    )  # fmt: skip


def credit_pb(f: CreditFigure) -> pb.DataCredit:
    dims = [
        pb.CreditDimension(dimension=d.value, label=credit_rules.DIMENSION_ZH[d],
                           score=credit_rules.dimension_score(f.points, d),
                           points_lost=f.points.lost(d),
                           weight=str(float(credit_rules.DIMENSION_WEIGHTS[d])))
        for d in credit_rules.Dimension
    ]  # fmt: skip
    return pb.DataCredit(
        rep_id=f.rep_id, month=f.month, score=float(f.score),
        score_text=credit_rules.score_text(f.score), dimensions=dims,
        deductions=f.points.deductions, green_channel=f.score >= credit_rules.FAST_LANE,
        priority=f.score > credit_rules.PRIORITY,
    )  # fmt: skip


def deduction_pb(line: DeductionLine) -> pb.CreditDeduction:
    d, fact = line.deduction, line.fact
    return pb.CreditDeduction(
        rule=d.rule, rule_label=credit_rules.RULES[d.rule][2], dimension=d.dimension.value,
        points=d.points, visit_id=d.visit_id, photo_id=d.photo_id, item=d.item,
        detail=d.detail, occurred_at=to_timestamp(fact.occurred_at),
        store_name=fact.visit.store_name if fact.visit else "",
    )  # fmt: skip


def priority_pb(person: Person, f: CreditFigure) -> pb.PriorityRep:
    return pb.PriorityRep(rep_id=person.person_id, name=person.name, team_id=person.team_id,
                          score=float(f.score), score_text=credit_rules.score_text(f.score))  # fmt: skip


def heatmap_pb(team_id: str, p: Period, rows: list[heatmap.Row]) -> pb.TeamHeatmap:
    return pb.TeamHeatmap(
        team_id=team_id, period=period_pb(p), metrics=[m.value for m in Metric],
        metric_labels=[METRIC_ZH[m] for m in Metric], rows=[_row_pb(r) for r in rows],
    )  # fmt: skip


def _row_pb(r: heatmap.Row) -> pb.HeatmapRow:
    cells = [pb.HeatmapCell(ratio=ratio_pb(c.metric, c.ratio), level=c.level.value,
                            level_label=heatmap.LEVEL_ZH[c.level]) for c in r.cells]  # fmt: skip
    return pb.HeatmapRow(rep_id=r.rep_id, name=r.name, cells=cells, has_phi=r.phi is not None,
                         phi_percent=_percent(r.phi))  # fmt: skip


def dashboard_pb(d: Dashboard) -> pb.RepDashboard:
    c, avg = d.week_counters, d.satisfaction.average
    figures = [
        (Figure.PENDING_VISITS, d.pending_visits, str(d.pending_visits)),
        (Figure.OVERDUE_COMMITMENTS, d.overdue_commitments, str(d.overdue_commitments)),
        (Figure.WEEK_RATINGS, d.satisfaction.ratings, stars_text(avg)),
        (Figure.WEEK_LEADS, c.lead_decided, f"{c.lead_on_time}/{c.lead_decided}"),
        (Figure.WEEK_PLAN_DAYS, c.plan_planned, f"{c.plan_completed}/{c.plan_planned}"),
        (Figure.WEEK_COMMITMENTS_DUE, c.commit_due, f"{c.commit_on_time}/{c.commit_due}"),
    ]
    return pb.RepDashboard(
        rep_id=d.rep_id, date=d.today.isoformat(), week=d.week,
        figures=[pb.DashboardFigure(figure=f.value, label=FIGURE_ZH[f], count=n, value_text=t)
                 for f, n, t in figures],
        satisfaction=float(avg) if avg is not None else 0.0, has_satisfaction=avg is not None,
        week_components=components_pb(c),
    )  # fmt: skip


def record_pb(r: Record) -> pb.DashboardRecord:
    return pb.DashboardRecord(
        record_id=r.record_id, title=r.title, status=r.status, day=r.day,
        at=to_timestamp(r.at), store_id=r.store_id, visit_id=r.visit_id, detail=r.detail,
        value=r.value,
    )  # fmt: skip


def figure(text: str) -> Figure:
    try:
        return Figure(text)
    except ValueError:
        names = "、".join(f.value for f in Figure)
        raise InvalidArgument.of_field("figure", f"指标应为以下之一:{names}") from None


def settings_pb(s: heatmap.ScoringSettings) -> pb.ScoringSettings:
    return pb.ScoringSettings(
        tenant_id=s.tenant_id, version=s.version, updated_by=s.updated_by,
        updated_at=to_timestamp(s.updated_at), lateness_window_hours=s.lateness_window_hours,
        thresholds=[pb.MetricThresholds(metric=m.value, target_percent=t.target_percent,
                                        warning_percent=t.warning_percent)
                    for m, t in s.thresholds.items()],
    )  # fmt: skip


def settings_from(request: pb.UpdateScoringSettingsRequest) -> heatmap.ScoringSettings:
    found: dict[Metric, heatmap.Thresholds] = dict(heatmap.DEFAULT_THRESHOLDS)
    problems = []
    for i, t in enumerate(request.thresholds):
        try:
            found[Metric(t.metric)] = heatmap.Thresholds(t.target_percent, t.warning_percent)
        except ValueError:
            problems.append(FieldViolation(f"thresholds[{i}].metric", "未知的指标"))
    if problems:
        raise InvalidArgument.of(problems)
    return heatmap.ScoringSettings(request.tenant_id, found)
