"""Tenant settings of visits: defaults as the SPEC gives them, a section replaced whole and
validated field by field, optimistic versions, and a new first-visit limit re-timing the
stores that still wait."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from services.common.errors import FailedPrecondition, InvalidArgument
from services.visits.application.settings import get_settings, update_settings
from services.visits.application.stores import with_first_visit_due
from services.visits.domain.settings import StoreSettings
from tests.fakes.visits import fake_uow
from tests.fakes.visits_data import TENANT, store

NOW = fake_uow().clock.now()


def test_a_tenant_that_never_saved_gets_the_spec_defaults() -> None:
    s = get_settings(fake_uow(), TENANT)
    assert s.version == 0
    assert s.stores.visit_every_days == {"KA": 7, "BC": 14, "CONVENIENCE": 28}
    assert s.stores.first_visit_limit_days == 3


def test_update_replaces_the_section_and_bumps_the_version() -> None:
    uow = fake_uow()
    days = StoreSettings({"KA": 5, "BC": 10, "CONVENIENCE": 30}, 2, 15)
    saved = update_settings(uow, TENANT, {"stores": days}, 0, "admin", NOW)
    assert (saved.version, saved.updated_by, saved.stores) == (1, "admin", days)
    assert get_settings(uow, TENANT).stores.every_days("KA") == 5
    with pytest.raises(FailedPrecondition, match="当前版本 1"):
        update_settings(uow, TENANT, {"stores": days}, 0, "admin", NOW)  # stale editor


def test_every_bad_field_is_named_and_nothing_is_saved() -> None:
    uow = fake_uow()
    bad = StoreSettings({"KA": 0, "BC": 400, "CONVENIENCE": 28}, 0, 0)
    with pytest.raises(InvalidArgument) as caught:
        update_settings(uow, TENANT, {"stores": bad}, 0, "admin", NOW)
    assert {v.field for v in caught.value.violations} == {
        "settings.stores.visit_every_days.ka_days",
        "settings.stores.visit_every_days.bc_days",
        "settings.stores.first_visit_limit_days",
        "settings.stores.max_plan_items",
    }
    assert get_settings(uow, TENANT).version == 0


def test_a_new_first_visit_limit_retimes_the_stores_still_waiting() -> None:
    uow = fake_uow()
    waiting = with_first_visit_due(store(), StoreSettings())
    uow.repo.stores.add_many([waiting])
    assert waiting.first_visit_due_at == waiting.registered_at + timedelta(days=3)
    update_settings(uow, TENANT, {"stores": replace(StoreSettings(), first_visit_limit_days=5)},
                    0, "admin", NOW)  # fmt: skip
    due = uow.repo.stores.get(TENANT, waiting.store_id).first_visit_due_at
    assert due == waiting.registered_at + timedelta(days=5)
