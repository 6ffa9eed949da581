"""Answers from the aggregates: PHI of a rep, team or region for a period, a rep's data
credit and its deductions, the new-product priority list and the supervisor heatmap."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

from services.common.clock import months_between
from services.common.errors import InvalidArgument, NotFound
from services.common.text import bounded
from services.scoring.application.ports import Page, ScoringRepository
from services.scoring.domain import credit as credit_rules
from services.scoring.domain import heatmap
from services.scoring.domain.credit import CreditFact, CreditPoints, Deduction
from services.scoring.domain.directory import Person, is_region_code
from services.scoring.domain.periods import Period, month_first_day
from services.scoring.domain.phi import Counters, total
from services.scoring.domain.recompute import MonthAggregate


class ScopeKind(StrEnum):
    REP = "rep"
    TEAM = "team"
    REGION = "region"


@dataclass(frozen=True)
class PhiFigure:
    scope: ScopeKind
    scope_id: str
    period: Period
    counters: Counters
    reps: int


def _members(repo: ScoringRepository, tenant_id: str, scope: ScopeKind, scope_id: str) -> list[str]:
    if not scope_id:
        raise InvalidArgument.of_field("scope_id", "必须填写业务员、团队或区域编号")
    if scope is ScopeKind.REP:
        return [scope_id]
    if scope is ScopeKind.TEAM:
        return [p.person_id for p in repo.reps(tenant_id, team_id=scope_id)]
    if not is_region_code(scope_id):
        raise InvalidArgument.of_field("scope_id", "区域编号应为 6 位 GB/T 2260 行政区划代码")
    return [p.person_id for p in repo.reps(tenant_id, region_code=scope_id)]


def counters_in(aggregates: list[MonthAggregate], period: Period) -> dict[str, Counters]:
    """Per rep, the sum of the days of `period`."""
    found: dict[str, list[Counters]] = {}
    for a in aggregates:
        first = month_first_day(a.month)
        days = [c for d, c in a.days.items() if period.contains(first.replace(day=d))]
        found.setdefault(a.rep_id, []).extend(days)
    return {rep: total(cs) for rep, cs in found.items()}


def phi(
    repo: ScoringRepository, tenant_id: str, scope: ScopeKind, scope_id: str, period: Period
) -> PhiFigure:
    reps = _members(repo, tenant_id, scope, scope_id)
    by_rep = counters_in(repo.months(tenant_id, reps, period.months()), period)
    return PhiFigure(scope, scope_id, period, total(list(by_rep.values())), len(reps))


def phi_series(
    repo: ScoringRepository, tenant_id: str, scope: ScopeKind, scope_id: str, periods: list[Period]
) -> list[PhiFigure]:
    """PHI for each of `periods` (consecutive, oldest first) with one read of the scope's
    reps and one of their rep-months for the whole range, where a trend of GetPhi calls read
    both once per period. Each point sums the same day counters GetPhi would."""
    reps = _members(repo, tenant_id, scope, scope_id)
    months = months_between(periods[0].first, periods[-1].last)
    firsts = [p.first for p in periods]
    days: list[list[Counters]] = [[] for _ in periods]
    for a in repo.months(tenant_id, reps, months):
        start = month_first_day(a.month)
        for d, counters in a.days.items():
            day = start.replace(day=d)
            at = bisect_right(firsts, day) - 1
            if at >= 0 and periods[at].contains(day):
                days[at].append(counters)
    return [PhiFigure(scope, scope_id, p, total(cs), len(reps))
            for p, cs in zip(periods, days, strict=True)]  # fmt: skip


@dataclass(frozen=True)
class CreditFigure:
    rep_id: str
    month: str
    points: CreditPoints

    @property
    def score(self) -> Fraction:
        return credit_rules.credit(self.points)


def data_credit(repo: ScoringRepository, tenant_id: str, rep_id: str, month: str) -> CreditFigure:
    if not rep_id:
        raise InvalidArgument.of_field("rep_id", "必须填写业务员编号")
    found = repo.months(tenant_id, [rep_id], [month])
    return CreditFigure(rep_id, month, found[0].credit if found else CreditPoints())


@dataclass(frozen=True)
class DeductionLine:
    fact: CreditFact
    deduction: Deduction
    cursor: str  # "fact id|index": where the next page resumes


def deductions(
    repo: ScoringRepository, tenant_id: str, rep_id: str, month: str, page: Page
) -> tuple[list[DeductionLine], str]:
    """Deductions in cause order; a page may end, and the next resume, inside one cause."""
    fact_id, _, skip_text = page.after.partition("|")
    skip = int(skip_text) if skip_text.isdigit() else 0
    lines: list[DeductionLine] = []
    for fact in repo.credit_facts(tenant_id, rep_id, month, Page(fact_id, page.limit + 1)):
        for i, d in enumerate(fact.deductions):
            if fact.fact_id == fact_id and i < skip:
                continue
            lines.append(DeductionLine(fact, d, f"{fact.fact_id}|{i + 1}"))
    if len(lines) <= page.limit:
        return lines, ""
    return lines[: page.limit], lines[page.limit - 1].cursor


def priority_reps(
    repo: ScoringRepository, tenant_id: str, month: str
) -> list[tuple[Person, CreditFigure]]:
    """Active reps whose credit for the month is above 95 (a rep who lost nothing has 100)."""
    lost = {a.rep_id: a.credit for a in repo.credit_months(tenant_id, month)}
    figures = [(p, CreditFigure(p.person_id, month, lost.get(p.person_id, CreditPoints())))
               for p in repo.reps(tenant_id)]  # fmt: skip
    ranked = [(p, f) for p, f in figures if f.score > credit_rules.PRIORITY]
    return sorted(ranked, key=lambda pf: (-pf[1].score, pf[0].person_id))


def settings_of(repo: ScoringRepository, tenant_id: str) -> heatmap.ScoringSettings:
    return repo.settings(tenant_id) or heatmap.ScoringSettings(tenant_id)


def team_heatmap(
    repo: ScoringRepository, tenant_id: str, team_id: str, period: Period
) -> list[heatmap.Row]:
    if not team_id:
        raise InvalidArgument.of_field("team_id", "必须填写团队编号")
    reps = repo.reps(tenant_id, team_id=team_id)
    if not reps:
        raise NotFound(f"团队 {bounded(team_id)} 没有在职业务员")
    by_rep = counters_in(
        repo.months(tenant_id, [p.person_id for p in reps], period.months()), period
    )
    rules = settings_of(repo, tenant_id)
    return [
        heatmap.row(p.person_id, p.name, by_rep.get(p.person_id, Counters()), rules) for p in reps
    ]
