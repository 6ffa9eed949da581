"""S4 the rep's dashboard and its drill-downs: each figure is counted from the same raw
facts that its list call pages through, so a figure and its records cannot disagree."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from services.scoring.application.figures import counters_in
from services.scoring.application.ports import Page, ScoringRepository
from services.scoring.domain import dashboard
from services.scoring.domain.dashboard import Figure, Satisfaction
from services.scoring.domain.facts import COMMITMENT_STATUS_ZH, LEAD_STATE_ZH
from services.scoring.domain.periods import PeriodKind, iso_week, local_date, period_of
from services.scoring.domain.phi import Counters

WEEK_RATINGS_MAX = 1000  # a rep's ratings in one week; more is not a real week


@dataclass(frozen=True)
class Dashboard:
    rep_id: str
    today: date
    week: str
    pending_visits: int
    overdue_commitments: int
    satisfaction: Satisfaction
    week_counters: Counters


def rep_dashboard(repo: ScoringRepository, tenant_id: str, rep_id: str, today: date) -> Dashboard:
    plan = repo.plan(tenant_id, rep_id, today)
    week = period_of(PeriodKind.WEEK, today)
    ratings = repo.ratings_of_week(tenant_id, rep_id, iso_week(today), Page("", WEEK_RATINGS_MAX))
    by_rep = counters_in(repo.months(tenant_id, [rep_id], week.months()), week)
    return Dashboard(
        rep_id=rep_id,
        today=today,
        week=iso_week(today),
        pending_visits=len(plan.pending()) if plan else 0,
        overdue_commitments=repo.count_overdue(tenant_id, rep_id, today),
        satisfaction=dashboard.satisfaction(ratings),
        week_counters=by_rep.get(rep_id, Counters()),
    )


@dataclass(frozen=True)
class Record:
    """One raw record behind a figure, as the drill-down shows it."""

    record_id: str
    title: str  # Chinese
    status: str  # Chinese
    day: str  # YYYY-MM-DD, Shanghai
    at: datetime | None = None
    store_id: str = ""
    visit_id: str = ""
    detail: str = ""
    value: int = 0  # stars of a rating, items of a plan day


def records(
    repo: ScoringRepository, tenant_id: str, rep_id: str, figure: Figure, today: date, page: Page
) -> tuple[list[Record], str]:
    fetched = Page(page.after, page.limit + 1)
    found = _FETCH[figure](repo, tenant_id, rep_id, today, fetched)
    if len(found) <= page.limit:
        return found, ""
    return found[: page.limit], found[page.limit - 1].record_id


def _pending(repo, tenant_id, rep_id, today, page) -> list[Record]:
    plan = repo.plan(tenant_id, rep_id, today)
    items = [i for i in (plan.pending() if plan else []) if i.item_id > page.after]
    items.sort(key=lambda i: i.item_id)
    return [Record(i.item_id, f"第 {i.position + 1} 站", "待拜访", today.isoformat(),
                   store_id=i.store_id) for i in items[: page.limit]]  # fmt: skip


def _commitment_record(c) -> Record:
    status = COMMITMENT_STATUS_ZH[c.status] + ("(按期)" if c.status != "open" and c.on_time else "")
    detail = c.description + (f";已提醒 {c.reminders} 次" if c.reminders else "")
    return Record(c.commitment_id, c.store_name or c.store_id, status,
                  c.due_date.isoformat() if c.due_date else "", c.closed_at, c.store_id,
                  c.visit_id, detail)  # fmt: skip


def _overdue(repo, tenant_id, rep_id, today, page) -> list[Record]:
    return [_commitment_record(c) for c in repo.overdue_commitments(tenant_id, rep_id, today, page)]


def _due_this_week(repo, tenant_id, rep_id, today, page) -> list[Record]:
    week = period_of(PeriodKind.WEEK, today)
    found = repo.commitments_due_between(tenant_id, rep_id, week.first, week.last, page)
    return [_commitment_record(c) for c in found]


def _ratings(repo, tenant_id, rep_id, today, page) -> list[Record]:
    found = repo.ratings_of_week(tenant_id, rep_id, iso_week(today), page)
    return [Record(r.visit_id, f"{r.stars} 星", "已评价", local_date(r.rated_at).isoformat(),
                   r.rated_at, r.store_id, r.visit_id, r.comment, r.stars) for r in found]  # fmt: skip


def _leads(repo, tenant_id, rep_id, today, page) -> list[Record]:
    week = period_of(PeriodKind.WEEK, today)
    found = repo.leads_between(tenant_id, rep_id, week.first, week.last, page)
    return [Record(f.key, f.customer_name or f.lead_id, LEAD_STATE_ZH[f.state],
                   f.day.isoformat(), f.assigned_at,
                   detail=f"首次响应 {f.response_seconds} 秒" if f.response_seconds else "")
            for f in found]  # fmt: skip


def _plan_days(repo, tenant_id, rep_id, today, page) -> list[Record]:
    week = period_of(PeriodKind.WEEK, today)
    found = repo.plans_between(tenant_id, rep_id, week.first, week.last, page)
    return [Record(f.key, f"{f.plan_date.isoformat()} 拜访计划", f"完成 {f.completed}/{f.planned}",
                   f.plan_date.isoformat(), value=f.planned) for f in found]  # fmt: skip


_FETCH = {
    Figure.PENDING_VISITS: _pending,
    Figure.OVERDUE_COMMITMENTS: _overdue,
    Figure.WEEK_RATINGS: _ratings,
    Figure.WEEK_LEADS: _leads,
    Figure.WEEK_PLAN_DAYS: _plan_days,
    Figure.WEEK_COMMITMENTS_DUE: _due_this_week,
}
