"""V1 visit plans on the fakes, with the clock under the test's control: generation by the
per-class rules and each store's last visit across a Shanghai midnight (times stored in
UTC), claimed once per rep-day; edits with reasons in the audit trail; cards closing items
so that completion is exact; unplanned visits; plans made ahead dropping visited stores."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from sales.events.v1 import store_events_pb2
from services.common import envelope as envelopes
from services.common.clock import FixedClock
from services.common.errors import FailedPrecondition, InvalidArgument, NotFound
from services.visits.application import plans
from services.visits.domain.plans import DONE, DROPPED, PENDING
from services.visits.domain.settings import StoreSettings, TenantSettings
from tests.fakes.visits import fake_uow, submit_card
from tests.fakes.visits_data import TENANT, person, store

# 2026-12-01 23:59 in Shanghai is 15:59 UTC the same day.
BEFORE_MIDNIGHT = datetime(2026, 12, 1, 15, 59, tzinfo=UTC)
DEC1, DEC2 = date(2026, 12, 1), date(2026, 12, 2)


def at_shanghai(day: int, hour: int, minute: int = 0) -> datetime:
    """December `day` at hour:minute in Shanghai, as the UTC instant it is stored as."""
    return datetime(2026, 12, day, hour, minute, tzinfo=UTC) - timedelta(hours=8)


@pytest.fixture
def world():
    clock = FixedClock(BEFORE_MIDNIGHT)
    uow = fake_uow(clock)
    uow.repo.people.upsert(person("rep-1", "rep", supervisor_id="sup-1", team_id="hz-1"))
    uow.repo.people.upsert(person("rep-2", "rep", supervisor_id="sup-1"))
    return uow


def add(uow, name: str, klass: str = "KA", last: datetime | None = None, **changes):
    s = store(name, customer_class=klass, last_visited_at=last, **changes)
    return uow.repo.stores.add_many([s])[0]


def changes(uow) -> list[store_events_pb2.PlanDayChanged]:
    return [
        envelopes.unpack(e, store_events_pb2.PlanDayChanged)
        for e in uow.published
        if e.type == "plan.day_changed"
    ]


def test_the_rules_decide_the_day_across_a_shanghai_midnight(world) -> None:
    # Visited at 00:30 on 25 Nov in Shanghai, which is still 24 Nov in UTC: KA every 7 days
    # makes it due on 2 Dec (Shanghai), not on 1 Dec.
    ka = add(world, "世纪联华(学院路店)", "KA", datetime(2026, 11, 24, 16, 30, tzinfo=UTC))
    bc = add(world, "华联超市", "BC", at_shanghai(1, 10) - timedelta(days=20))  # 6 days overdue
    add(world, "美宜佳(文三路店)", "CONVENIENCE", at_shanghai(1, 10) - timedelta(days=3))
    never = add(world, "新开的便利店", "CONVENIENCE")  # never visited: due since registration
    add(world, "别人的店", "KA", owner_rep_id="rep-2")

    today = plans.get_plan(world, TENANT, "rep-1", "", world.clock.now())
    assert today.plan_date == DEC1
    assert [i.store_id for i in today.items] == [never.store_id, bc.store_id]  # most overdue
    assert [i.overdue_days for i in today.items] == [30, 6]
    assert today.items[1].last_visited_on == date(2026, 11, 11)

    world.clock.advance(minutes=2)  # 00:01 on 2 Dec in Shanghai
    tomorrow = plans.get_plan(world, TENANT, "rep-1", "", world.clock.now())
    assert tomorrow.plan_date == DEC2
    assert [i.store_id for i in tomorrow.items] == [never.store_id, bc.store_id, ka.store_id]
    assert tomorrow.supervisor_id == "sup-1" and tomorrow.team_id == "hz-1"
    [first, second] = changes(world)
    assert (first.plan_date, first.planned, first.change) == ("2026-12-01", 2, "generated")
    assert (second.plan_date, second.planned, second.version) == ("2026-12-02", 3, 1)


def test_a_rep_day_is_generated_once_and_then_only_read(world) -> None:
    add(world, "华联超市", "BC")
    plan = plans.get_plan(world, TENANT, "rep-1", "", world.clock.now())
    add(world, "又一家新店", "KA")  # registered after the day was planned
    again = plans.get_plan(world, TENANT, "rep-1", "", world.clock.now())
    assert [i.item_id for i in again.items] == [i.item_id for i in plan.items]
    assert len(changes(world)) == 1


def test_a_rep_who_owns_no_store_yet_is_planned_once_their_stores_arrive(world) -> None:
    # Reps join the directory before the store sheet is imported: the empty day they read
    # (and that the timer sees) is not kept, so the stores imported later are on today's plan.
    early = plans.get_plan(world, TENANT, "rep-1", "", world.clock.now())
    assert (early.stored, early.items) == (False, [])
    assert plans.plan_coming_days(world, world.clock.now()) == 0
    assert world.repo.plans.plans == {} and changes(world) == []
    shop = add(world, "华联超市", "BC")
    later = plans.get_plan(world, TENANT, "rep-1", "", world.clock.now())
    assert later.stored and [i.store_id for i in later.items] == [shop.store_id]


def test_order_is_overdue_first_then_class_and_the_daily_limit_holds(world) -> None:
    every = {"KA": 7, "BC": 14, "CONVENIENCE": 28}
    for name, klass in (("便利店甲", "CONVENIENCE"), ("卖场乙", "KA"), ("超市丙", "BC")):
        add(world, name, klass, at_shanghai(1, 9) - timedelta(days=every[klass]))
    add(world, "卖场丁", "KA", at_shanghai(1, 9) - timedelta(days=8))  # a day overdue
    world.repo.settings.save(replace(TenantSettings(TENANT), version=1,
                                     stores=replace(StoreSettings(), max_plan_items=3)))  # fmt: skip
    plan = plans.get_plan(world, TENANT, "rep-1", "", world.clock.now())
    # the overdue one first; the three that fell due on 1 Dec exactly: KA, then BC, then
    # convenience, which the daily limit of 3 leaves for another day
    assert [i.store_name for i in plan.items] == ["卖场丁", "卖场乙", "超市丙"]
    assert [i.overdue_days for i in plan.items] == [1, 0, 0]


def test_past_days_never_planned_are_empty_and_not_kept(world) -> None:
    add(world, "华联超市", "BC")
    past = plans.get_plan(world, TENANT, "rep-1", "2026-11-20", world.clock.now())
    assert (past.stored, past.planned, past.items) == (False, 0, [])
    assert world.repo.plans.plans == {} and changes(world) == []
    with pytest.raises(NotFound):
        plans.get_plan(world, TENANT, "nobody", "", world.clock.now())
    with pytest.raises(InvalidArgument):
        plans.get_plan(world, TENANT, "rep-1", "2026-12-31", world.clock.now())  # > a week


def test_edits_need_reasons_and_leave_an_audit_trail(world) -> None:
    a, b = add(world, "卖场甲", "KA"), add(world, "超市乙", "BC")
    extra = add(world, "便利店丙", "CONVENIENCE", at_shanghai(1, 9))  # just visited: not due
    now = world.clock.now()
    plan = plans.get_plan(world, TENANT, "rep-1", "", now)
    with pytest.raises(InvalidArgument):
        plans.add_item(world, TENANT, "rep-1", "", extra.store_id, 1, " ", 0, "rep-1", now)
    plan = plans.add_item(world, TENANT, "rep-1", "", extra.store_id, 1, "店长约了今天谈陈列", 1,
                          "rep-1", now)  # fmt: skip
    assert [i.store_id for i in plan.items] == [extra.store_id, a.store_id, b.store_id]
    dropped_id = plan.items[1].item_id
    plan = plans.drop_item(world, TENANT, "rep-1", "", dropped_id, "门店装修停业", 2, "sup-1", now)
    order = [plan.items[1].item_id, plan.items[0].item_id]
    plan = plans.reorder(world, TENANT, "rep-1", "", order, "按路线顺路", 3, "rep-1", now)
    assert [i.store_id for i in plan.items] == [b.store_id, extra.store_id, a.store_id]
    assert [i.status for i in plan.items] == [PENDING, PENDING, DROPPED]
    assert (plan.planned, plan.version) == (2, 4)
    trail = [(e.change, e.by, e.reason) for e in plan.history]
    assert trail == [("generated", "system", ""), ("added", "rep-1", "店长约了今天谈陈列"),
                     ("dropped", "sup-1", "门店装修停业"), ("reordered", "rep-1", "按路线顺路")]  # fmt: skip
    assert [c.change for c in changes(world)] == ["generated", "added", "dropped", "reordered"]
    with pytest.raises(FailedPrecondition, match="当前版本 4"):
        plans.drop_item(world, TENANT, "rep-1", "", order[0], "再改一次", 3, "rep-1", now)


def test_cards_close_items_and_completion_is_exact(world) -> None:
    a, b = add(world, "卖场甲", "KA"), add(world, "超市乙", "BC")
    other = add(world, "便利店丙", "CONVENIENCE", at_shanghai(1, 8))  # not due today
    plans.get_plan(world, TENANT, "rep-1", "", world.clock.now())
    closed = submit_card(world, TENANT, "rep-1", a.store_id, at_shanghai(1, 21), "v-1")
    assert closed.status == DONE and closed.visit_id == "v-1"
    assert submit_card(world, TENANT, "rep-1", a.store_id, at_shanghai(1, 21), "v-1") is not None
    assert submit_card(world, TENANT, "rep-1", other.store_id, at_shanghai(1, 22), "v-2") is None
    plan = plans.get_plan(world, TENANT, "rep-1", "", world.clock.now())
    assert (plan.planned, plan.completed) == (2, 1)  # the unplanned visit is not completion
    assert plan.unplanned_visit_ids == ["v-2"]
    assert world.repo.stores.get(TENANT, other.store_id).last_visit_id == "v-2"  # but a visit
    last = changes(world)[-1]
    assert (last.change, last.planned, last.completed, last.version) == ("unplanned", 2, 1, 3)
    assert list(last.unplanned_visit_ids) == ["v-2"]
    assert [s.status for s in last.items] == [DONE, PENDING]
    submit_card(world, TENANT, "rep-1", b.store_id, at_shanghai(1, 23), "v-3")
    assert changes(world)[-1].completed == 2 and changes(world)[-1].change == "completed"
    with pytest.raises(FailedPrecondition):  # a done item cannot be dropped to flatter the day
        plans.drop_item(world, TENANT, "rep-1", "", plan.items[0].item_id, "算了", 0, "rep-1",
                        world.clock.now())  # fmt: skip


def test_a_visit_drops_the_store_from_a_plan_made_ahead(world) -> None:
    world.clock.advance(minutes=-239)  # 20:00 in Shanghai: the coming day gets planned
    a, b = add(world, "卖场甲", "KA"), add(world, "超市乙", "BC")
    assert (
        plans.plan_coming_days(world, world.clock.now()) == 2
    )  # today and tomorrow (rep-2 owns none)
    ahead = plans.get_plan(world, TENANT, "rep-1", "2026-12-02", world.clock.now())
    assert {i.store_id for i in ahead.pending()} == {a.store_id, b.store_id}
    submit_card(world, TENANT, "rep-1", a.store_id, at_shanghai(1, 21), "v-late")
    ahead = plans.get_plan(world, TENANT, "rep-1", "2026-12-02", world.clock.now())
    assert [i.store_id for i in ahead.pending()] == [b.store_id]
    dropped = next(i for i in ahead.items if i.status == DROPPED)
    assert dropped.reason == "已于 2026-12-01 拜访,当天不再到期"
    assert plans.plan_coming_days(world, world.clock.now()) == 0  # already made, not again


def test_the_timer_plans_the_coming_day_only_from_the_evening(world) -> None:
    add(world, "卖场甲", "KA")
    world.clock.advance(minutes=-599)  # 14:00 in Shanghai
    assert plans.days_to_plan(world.clock.now()) == [DEC1]
    world.clock.advance(minutes=6 * 60)  # 20:00
    assert plans.days_to_plan(world.clock.now()) == [DEC1, DEC2]
    add(world, "超市乙", "BC", owner_rep_id="rep-2")
    world.repo.people.upsert(person("rep-3", "rep", on_leave=True))
    add(world, "休假者的店", "BC", owner_rep_id="rep-3")
    assert plans.plan_coming_days(world, world.clock.now()) == 4  # rep-1, rep-2; not on leave
