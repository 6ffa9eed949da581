"""V7 on the fakes with a controlled clock: registration -> first visit per rep and region
(median and p90), and store.first_visit_overdue once per store after the tenant's limit."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from sales.events.v1 import store_events_pb2
from services.common import envelope as envelopes
from services.common.clock import FixedClock
from services.common.errors import InvalidArgument
from services.visits.application.first_visits import alert_overdue_first_visits, first_visit_stats
from services.visits.application.settings import update_settings
from services.visits.application.stores import register_store
from services.visits.domain.first_visits import percentile
from services.visits.domain.settings import StoreSettings
from tests.fakes.visits import fake_uow, submit_card
from tests.fakes.visits_data import TENANT, person, store

T0 = datetime(2026, 12, 1, 1, 0, tzinfo=UTC)  # 09:00 in Shanghai


@pytest.fixture
def world():
    uow = fake_uow(FixedClock(T0))
    for p in (person("rep-1", "rep", supervisor_id="sup-1"), person("rep-2", "rep"),
              person("sup-1", "supervisor")):  # fmt: skip
        uow.repo.people.upsert(p)
    return uow


def register(uow, name: str, at: datetime, **changes):
    return register_store(uow, store(name, registered_at=at, **changes))


def overdue(uow) -> list[store_events_pb2.StoreFirstVisitOverdue]:
    return [
        envelopes.unpack(e, store_events_pb2.StoreFirstVisitOverdue)
        for e in uow.published
        if e.type == "store.first_visit_overdue"
    ]


def test_percentiles_interpolate_like_excel() -> None:
    assert percentile([2.0, 4.0], 0.5) == 3.0
    assert percentile([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0], 0.9) == pytest.approx(
        9.1
    )
    assert percentile([5.0], 0.9) == 5.0 and percentile([], 0.5) == 0.0


def test_figures_per_rep_and_region_over_a_period(world) -> None:
    a = register(world, "店甲", T0, region_code="330106")
    b = register(world, "店乙", T0, region_code="330108")
    c = register(world, "店丙", T0, region_code="330205", owner_rep_id="rep-2")
    register(world, "店丁", T0 - timedelta(days=40))  # outside the period
    register(world, "老店", T0, first_visit_tracked=False)  # an existing customer
    submit_card(world, TENANT, "rep-1", a.store_id, T0 + timedelta(hours=10), "v1")
    submit_card(world, TENANT, "rep-1", b.store_id, T0 + timedelta(hours=30), "v2")
    now = T0 + timedelta(days=4)
    stats = first_visit_stats(world, TENANT, "2026-11-25", "2026-12-01", [], 4, now)
    assert (stats.overall.stores, stats.overall.visited, stats.overall.waiting) == (3, 2, 1)
    assert (stats.overall.median_hours, stats.overall.overdue) == (20.0, 1)
    by_rep = {f.key: f for f in stats.by_rep}
    assert (by_rep["rep-1"].median_hours, by_rep["rep-1"].p90_hours) == (20.0, 28.0)
    assert by_rep["rep-2"].waiting == 1 and by_rep["rep-2"].overdue == 1
    assert [(f.key, f.stores) for f in stats.by_region] == [("330100", 2), ("330200", 1)]
    mine = first_visit_stats(world, TENANT, "2026-11-25", "2026-12-01", ["rep-2"], 6, now)
    assert [f.key for f in mine.by_rep] == ["rep-2"] and mine.by_region[0].key == "330205"
    assert c.store_id  # registered and waiting
    with pytest.raises(InvalidArgument) as caught:
        first_visit_stats(world, TENANT, "2026-12-05", "2026-12-01", [], 5, now)
    assert {v.field for v in caught.value.violations} == {"region_digits"}


def test_an_overdue_first_visit_alerts_once_with_the_supervisor(world) -> None:
    waiting = register(world, "新店", T0)
    visited = register(world, "已拜访的新店", T0)
    register(world, "老店", T0, first_visit_tracked=False)
    submit_card(world, TENANT, "rep-1", visited.store_id, T0 + timedelta(days=1), "v1")
    assert alert_overdue_first_visits(world, T0 + timedelta(days=3) - timedelta(seconds=1)) == 0
    assert alert_overdue_first_visits(world, T0 + timedelta(days=3)) == 1
    assert alert_overdue_first_visits(world, T0 + timedelta(days=4)) == 0  # once per store
    [event] = overdue(world)
    assert (event.store_id, event.store_name, event.owner_rep_id, event.supervisor_id) == (
        waiting.store_id, "新店", "rep-1", "sup-1"
    )  # fmt: skip
    assert (event.days_waiting, event.limit_days, event.region_code) == (3, 3, "330106")


def test_the_tenants_limit_decides_when(world) -> None:
    update_settings(world, TENANT, {"stores": replace(StoreSettings(), first_visit_limit_days=5)},
                    0, "admin", T0)  # fmt: skip
    register(world, "新店", T0)
    assert alert_overdue_first_visits(world, T0 + timedelta(days=4)) == 0
    assert alert_overdue_first_visits(world, T0 + timedelta(days=5)) == 1
    assert overdue(world)[0].limit_days == 5
