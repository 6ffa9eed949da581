"""The county question (SPEC S6): load the linked orders of a period and the one before,
tally them, page the ranked reps, stores and visits."""

from __future__ import annotations

import base64
from collections.abc import Callable
from dataclasses import dataclass, field

from services.common import paging
from services.common.errors import InvalidArgument
from services.common.unit_of_work import UnitOfWork
from services.scoring.application.orders import window_days
from services.scoring.application.orders_ports import OrdersRepository
from services.scoring.domain import attribution as domain
from services.scoring.domain.attribution import Explanation, Tally
from services.scoring.domain.orders import StoreFacts


@dataclass(frozen=True)
class Question:
    tenant_id: str
    region_code: str
    first_day: str
    last_day: str
    page_size: int = 0
    page_token: str = ""
    rep_ids: tuple[str, ...] = ()  # a supervisor's team; empty = every rep


@dataclass
class Answer:
    region_code: str
    explanation: Explanation
    window_days: int
    reps: list[tuple[str, Tally]]
    stores: list[tuple[str, Tally]]
    visits: list[tuple[str, Tally]]
    totals: tuple[int, int, int]  # reps, stores, visits before paging
    store_facts: dict[str, StoreFacts]
    next_page_token: str
    summary: str
    rep_names: dict[str, str] = field(default_factory=dict)  # rep_id -> name, known ones


# (tenant_id, person ids) -> {person id: name}, one batched read of scoring's directory
# (the orders database has no people); unknown ids are simply absent.
Names = Callable[[str, list[str]], dict[str, str]]


def explain_region(
    uow: UnitOfWork[OrdersRepository], q: Question, names: Names | None = None
) -> Answer:
    """Steps: check the question; load both periods' store-days; tally; rank; page."""
    period = domain.parse_period(q.first_day, q.last_day, q.region_code)
    offset, limit = _page(q)
    repo = uow.repository()
    prefix = domain.region_prefix(q.region_code)
    # The store-days, not the orders: a county's 28 days are ~170 documents, not ~1,400.
    groups = repo.revenue_days(q.tenant_id, prefix, period.previous().first_day, period.last_day)
    if q.rep_ids:
        groups = [g for g in groups if g.key.rep_id in q.rep_ids]
    result = domain.explain(period, groups)
    reps = domain.ranked_by_change(result.reps)
    stores = domain.ranked_by_change(result.stores)
    visits = domain.ranked_by_revenue(result.visits)
    page = [ranked[offset : offset + limit] for ranked in (reps, stores, visits)]
    more = any(len(ranked) > offset + limit for ranked in (reps, stores, visits))
    named = [sid for sid, _ in stores[: domain.SUMMARY_STORES]]
    facts = repo.stores(q.tenant_id, [sid for sid, _ in page[1]] + named)
    wanted = [rid for rid, _ in page[0] + reps[: domain.SUMMARY_REPS]]
    wanted += [f.owner_rep_id for f in facts.values()]
    known = names(q.tenant_id, list(dict.fromkeys(r for r in wanted if r))) if names else {}
    return Answer(
        region_code=q.region_code,
        explanation=result,
        window_days=window_days(repo, q.tenant_id),
        reps=page[0],
        stores=page[1],
        visits=page[2],
        totals=(len(reps), len(stores), len(visits)),
        store_facts=facts,
        next_page_token=_token(offset + limit) if more else "",
        summary=domain.summary(q.region_code, result, facts, known),
        rep_names=known,
    )


def _page(q: Question) -> tuple[int, int]:
    """The ranked lists are computed whole, so the token is an offset into them."""
    after, limit = paging.decode(q.page_size, q.page_token)
    if not after:
        return 0, limit
    if not after.isdigit():
        raise InvalidArgument.of_field("page.page_token", "分页标记无效")
    return int(after), limit


def _token(offset: int) -> str:
    return base64.urlsafe_b64encode(str(offset).encode()).decode()
