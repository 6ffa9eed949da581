"""The plan and catalogue ports: the same cases on the fake and on MongoDB."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from services.common.errors import AlreadyExists
from services.visits.domain import plans
from services.visits.domain.catalogue import Product
from services.visits.domain.settings import StoreSettings
from tests.fakes.visits_data import TENANT, store
from tests.integration.visits_repos import T0, uow  # noqa: F401  (the fixture)

DAY = date(2026, 12, 1)


def plan_for(day: date, *stores_) -> plans.PlanDay:
    ids = iter(f"item-{i}" for i in range(100))
    return plans.generate(
        "rep-1", TENANT, day, list(stores_), StoreSettings(), lambda: next(ids), T0
    )


def test_a_rep_day_is_added_once_and_saved_by_version(uow) -> None:  # noqa: F811
    repo = uow.repository()
    a, b = store("卖场甲"), store("超市乙", customer_class="BC")
    plan = plan_for(DAY, a, b)
    plan.supervisor_id = "sup-1"
    repo.plans.add(plan)
    with pytest.raises(AlreadyExists):
        repo.plans.add(plan_for(DAY, a))
    stored = repo.plans.get(TENANT, "rep-1", DAY)
    assert stored == plan
    assert stored.items[0].location == a.location and stored.history[0].change == "generated"
    stored.drop(stored.items[0].item_id, "门店装修", "rep-1", T0)
    stored.complete(b.store_id, "v-1", "rep-1", T0)
    stored.complete("elsewhere", "v-2", "rep-1", T0)
    stored.version = 2
    assert repo.plans.save(stored)
    assert not repo.plans.save(stored)  # version 2 again
    again = repo.plans.get(TENANT, "rep-1", DAY)
    assert (again.planned, again.completed, again.unplanned_visit_ids) == (1, 1, ["v-2"])
    assert [e.change for e in again.history] == ["generated", "dropped", "completed", "unplanned"]
    assert repo.plans.get(TENANT, "rep-2", DAY) is None
    assert repo.plans.get("t-other", "rep-1", DAY) is None


def test_days_after_lists_plans_made_ahead(uow) -> None:  # noqa: F811
    repo = uow.repository()
    for day in (date(2026, 11, 30), DAY, date(2026, 12, 2), date(2026, 12, 3)):
        repo.plans.add(plan_for(day, store()))
    later = repo.plans.days_after(TENANT, "rep-1", DAY)
    assert [p.plan_date for p in later] == [date(2026, 12, 2), date(2026, 12, 3)]
    assert repo.plans.days_after(TENANT, "rep-2", DAY) == []


def test_the_catalogue(uow) -> None:  # noqa: F811
    repo = uow.repository()
    water = Product(TENANT, "SKU-1", "农夫山泉 550ml", "550ml×24", "箱", 3850, updated_at=T0)
    tea = Product(TENANT, "SKU-2", "东方树叶", "500ml×15", "箱", 5200, active=False, updated_at=T0)
    added = repo.products.add_many([water, tea])
    assert [p.number for p in added] == [1, 2]
    with pytest.raises(AlreadyExists):
        repo.products.add_many([water])
    assert repo.products.get(TENANT, "SKU-1") == added[0]
    assert set(repo.products.get_many(TENANT, ["SKU-1", "SKU-2", "SKU-9"])) == {"SKU-1", "SKU-2"}
    assert repo.products.get("t-other", "SKU-1") is None
    repo.products.save_many([replace(added[0], list_price_fen=3900)])
    assert repo.products.get(TENANT, "SKU-1").list_price_fen == 3900
    assert [p.sku for p in repo.products.page(TENANT, False, 0, 10)] == ["SKU-1"]
    assert [p.sku for p in repo.products.page(TENANT, True, 1, 10)] == ["SKU-2"]
