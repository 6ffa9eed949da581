"""V1 visit plans: a rep's plan per Asia/Shanghai day, generated on first read of the rep-day
or by the timer for the coming day, edited with reasons, closed item by item by cards.

A rep-day is claimed by inserting its document: whichever replica (or reader) inserts first
made the plan, and the others read it; its plan.day_changed "generated" is written in the
same transaction, so it goes out exactly once (tests/integration/test_visits_plans.py).
Every later change rewrites the day under its version and publishes the whole day again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from services.common.clock import SHANGHAI, as_utc
from services.common.errors import AlreadyExists, FailedPrecondition, InvalidArgument, NotFound
from services.common.ids import new_id
from services.common.unit_of_work import Transaction, UnitOfWork
from services.visits.application import event_payloads
from services.visits.application.ports import VisitsRepository
from services.visits.domain import plans
from services.visits.domain.people import REP
from services.visits.domain.plans import PlanDay, PlanItem, shanghai_day

log = logging.getLogger(__name__)
AHEAD_FROM = time(20, 0)  # Shanghai evening: the timer plans the coming day from then on
MAX_DAYS_AHEAD = 7
Tx = Transaction[VisitsRepository]
Uow = UnitOfWork[VisitsRepository]


def plan_day(text: str, now: datetime) -> date:
    """The day a request names (empty: today in Shanghai), at most a week ahead."""
    today = shanghai_day(now)
    if not text:
        return today
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise InvalidArgument.of_field("plan_date", "日期格式必须是 YYYY-MM-DD") from None
    if day > today + timedelta(days=MAX_DAYS_AHEAD):
        raise InvalidArgument.of_field("plan_date", f"最多查看 {MAX_DAYS_AHEAD} 天后的计划")
    return day


def _generate(
    uow: Uow, tenant_id: str, rep_id: str, day: date, now: datetime, keep_empty: bool = False
) -> tuple[PlanDay, bool]:
    """(the rep-day's plan, whether this call made it). A rep who owns no store yet gets an
    empty plan that is not kept (unless an edit needs it stored): their stores are often
    imported after they join the directory, and a kept empty plan would hide them all day."""

    def work(tx: Tx) -> tuple[PlanDay, bool]:
        existing = tx.repo.plans.get(tenant_id, rep_id, day)
        if existing is not None:
            return existing, False
        rep = tx.repo.people.get(tenant_id, rep_id)
        stores = tx.repo.stores.owned_by(tenant_id, rep_id)
        if not stores and not keep_empty:
            return plans.not_planned(tenant_id, rep_id, day, now), False
        rules = tx.repo.settings.get(tenant_id).stores
        plan = plans.generate(rep_id, tenant_id, day, stores, rules, new_id, now)
        plan.supervisor_id, plan.team_id = (rep.supervisor_id, rep.team_id) if rep else ("", "")
        tx.repo.plans.add(plan)
        tx.emit("plan.day_changed", event_payloads.plan_day_changed(plan, "generated"), tenant_id)
        return plan, True

    try:
        return uow.run(work, correlation_id=f"{rep_id}:{day.isoformat()}")
    except AlreadyExists:  # another replica claimed the rep-day first: theirs is the plan
        found = uow.repository().plans.get(tenant_id, rep_id, day)
        assert found is not None  # it was just inserted
        return found, False


def get_plan(
    uow: Uow, tenant_id: str, rep_id: str, day_text: str, now: datetime, keep_empty: bool = False
) -> PlanDay:
    """The rep's plan for the day, generated now if it is today or later and not there yet;
    a past day that was never planned, or a day of a rep who owns no store yet (unless
    `keep_empty`), reads as an empty plan and is not stored."""
    if not rep_id:
        raise InvalidArgument.of_field("rep_id", "必须指定业务员")
    day = plan_day(day_text, now)
    repo = uow.repository()
    found = repo.plans.get(tenant_id, rep_id, day)
    if found is not None:
        return found
    rep = repo.people.get(tenant_id, rep_id)
    if rep is None or REP not in rep.roles:
        raise NotFound("业务员不存在")
    if day < shanghai_day(now) or not rep.active:
        return plans.not_planned(tenant_id, rep_id, day, now)
    return _generate(uow, tenant_id, rep_id, day, now, keep_empty)[0]


Edit = Callable[[PlanDay, Tx], str]


def edit_plan(
    uow: Uow,
    tenant_id: str,
    rep_id: str,
    day_text: str,
    expected_version: int,
    now: datetime,
    edit: Edit,
    *,
    generate: bool = False,
) -> PlanDay:
    """Apply `edit` (which returns its change code) to the day under its version; with
    `generate`, a day not planned yet is planned first (adding to tomorrow's plan)."""
    if not rep_id:
        raise InvalidArgument.of_field("rep_id", "必须指定业务员")
    if expected_version < 0:
        raise InvalidArgument.of_field("expected_version", "版本号不能为负数")
    day = plan_day(day_text, now)
    if day < shanghai_day(now):
        raise FailedPrecondition("已过去日期的计划不能修改")
    if generate:
        get_plan(uow, tenant_id, rep_id, day.isoformat(), now, keep_empty=True)

    def work(tx: Tx) -> PlanDay:
        plan = tx.repo.plans.get(tenant_id, rep_id, day)
        if plan is None:  # nothing was planned that day, so no item of it can be named
            raise InvalidArgument.of_field("item_id", "当天还没有计划,没有这一项")
        plan.check_editable(shanghai_day(now), expected_version)
        change = edit(plan, tx)
        _save(tx, plan, change)
        return plan

    return uow.run(work, correlation_id=f"{rep_id}:{day.isoformat()}")


def _save(tx: Tx, plan: PlanDay, change: str) -> None:
    plan.version += 1
    if not tx.repo.plans.save(plan):
        raise FailedPrecondition("计划已被他人同时修改,请刷新后重试")
    tx.emit("plan.day_changed", event_payloads.plan_day_changed(plan, change), plan.tenant_id)


def add_item(uow: Uow, tenant_id: str, rep_id: str, day_text: str, store_id: str,
             position: int, reason: str, expected_version: int, actor: str, now: datetime):  # fmt: skip
    why = plans.check_reason(reason)
    if not store_id:
        raise InvalidArgument.of_field("store_id", "必须选择门店")
    store = uow.repository().stores.get(tenant_id, store_id)
    if store is None:  # checked before the day is planned, so a refusal writes nothing
        raise NotFound("门店不存在")
    plans.check_addable(store, rep_id)

    def edit(plan: PlanDay, tx: Tx) -> str:
        current = tx.repo.stores.get(tenant_id, store_id)
        if current is None:
            raise NotFound("门店不存在")
        plan.add(current, position, why, actor, now, new_id())
        return "added"

    return edit_plan(uow, tenant_id, rep_id, day_text, expected_version, now, edit, generate=True)


def drop_item(uow: Uow, tenant_id: str, rep_id: str, day_text: str, item_id: str,
              reason: str, expected_version: int, actor: str, now: datetime):  # fmt: skip
    why = plans.check_reason(reason)

    def edit(plan: PlanDay, tx: Tx) -> str:
        plan.drop(item_id, why, actor, now)
        return "dropped"

    return edit_plan(uow, tenant_id, rep_id, day_text, expected_version, now, edit)


def reorder(uow: Uow, tenant_id: str, rep_id: str, day_text: str, item_ids: list[str],
            reason: str, expected_version: int, actor: str, now: datetime):  # fmt: skip
    why = plans.check_reason(reason)

    def edit(plan: PlanDay, tx: Tx) -> str:
        plan.reorder(item_ids, why, actor, now)
        return "reordered"

    return edit_plan(uow, tenant_id, rep_id, day_text, expected_version, now, edit)


def pending_visits(uow: Uow, tenant_id: str, rep_id: str, now: datetime) -> PlanDay:
    """Today's plan of the rep (its pending items are today's pending visits)."""
    return get_plan(uow, tenant_id, rep_id, "", now)


# --- what a submitted card does (called by the card's submit, inside its transaction) ------


def close_item_for_visit(
    tx: Tx, tenant_id: str, rep_id: str, store_id: str, plan_date: date, visit_id: str,
    now: datetime,
) -> PlanItem | None:  # fmt: skip
    """The card of a visit to `store_id` on `plan_date` (its check-in's Shanghai day) closes
    the store's item of that day's plan (plan.day_changed "completed"). A store not on the
    plan is an unplanned visit: recorded on the day, not completion (ADR 024). Either way,
    plans made ahead whose generated item for the store is no longer due drop it."""
    plan = tx.repo.plans.get(tenant_id, rep_id, plan_date)
    item = None
    if plan is not None:
        seen = len(plan.history)
        item = plan.complete(store_id, visit_id, rep_id, now)
        if len(plan.history) != seen:
            _save(tx, plan, "completed" if item else "unplanned")
    _drop_from_later_days(tx, tenant_id, rep_id, store_id, plan_date, now)
    return item


def _drop_from_later_days(
    tx: Tx, tenant_id: str, rep_id: str, store_id: str, visited_on: date, now: datetime
) -> None:
    store = tx.repo.stores.get(tenant_id, store_id)
    if store is None:
        return
    every = store.visit_every_days or tx.repo.settings.get(tenant_id).stores.every_days(
        store.customer_class
    )
    for later in tx.repo.plans.days_after(tenant_id, rep_id, visited_on):
        if later.drop_if_no_longer_due(store_id, visited_on, every, now):
            _save(tx, later, "dropped")


def todays_item(
    repo: VisitsRepository, tenant_id: str, rep_id: str, store_id: str, day: date
) -> PlanItem | None:
    """The store's item on the rep's plan of `day` (StartVisit prefills the card with it)."""
    plan = repo.plans.get(tenant_id, rep_id, day)
    return plan.active_item(store_id) if plan else None


# --- the timer ---------------------------------------------------------------------------


def days_to_plan(now: datetime) -> list[date]:
    """Today (catching up after downtime), and from the evening on, the coming day."""
    local = as_utc(now).astimezone(SHANGHAI)
    today = local.date()
    return [today, today + timedelta(days=1)] if local.time() >= AHEAD_FROM else [today]


def plan_coming_days(uow: Uow, now: datetime) -> int:
    """Generate every active rep's plan for the days to plan; returns how many it made."""
    made = 0
    repo = uow.repository()
    for rep in repo.people.active_reps():
        if rep.on_leave:
            continue
        for day in days_to_plan(now):
            if repo.plans.get(rep.tenant_id, rep.person_id, day) is not None:
                continue
            try:
                made += _generate(uow, rep.tenant_id, rep.person_id, day, now)[1]
            except Exception:
                # one rep's failure must not stop the others; the next tick tries again
                log.exception("plan generation failed", extra={"rep_id": rep.person_id})
    return made
