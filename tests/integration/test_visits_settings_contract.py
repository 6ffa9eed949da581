"""The settings port: the same cases on the fake and on MongoDB."""

from __future__ import annotations

from dataclasses import replace

from services.visits.domain.settings import StoreSettings, TenantSettings
from tests.fakes.visits_data import TENANT
from tests.integration.visits_repos import T0, uow  # noqa: F401  (the fixture)


def test_settings_are_saved_by_version(uow) -> None:  # noqa: F811
    repo = uow.repository()
    assert repo.settings.get(TENANT) == TenantSettings(TENANT)
    first = TenantSettings(
        TENANT, StoreSettings({"KA": 3, "BC": 9, "CONVENIENCE": 21}, 4, 12), 1, T0, "admin"
    )
    assert repo.settings.save(first)
    assert repo.settings.get(TENANT) == first
    assert not repo.settings.save(first)  # version 1 again: someone saved first
    second = replace(first, version=2, stores=replace(first.stores, max_plan_items=30))
    assert not repo.settings.save(replace(second, version=3))  # skips a version
    assert repo.settings.save(second)
    assert repo.settings.get(TENANT).stores.max_plan_items == 30
    assert repo.settings.get("t-other").version == 0
