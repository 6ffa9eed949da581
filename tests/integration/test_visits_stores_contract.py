"""The store port: the same cases on the fake and on MongoDB."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from services.common.errors import AlreadyExists
from services.visits.domain.stores import StoreQuery
from tests.fakes.visits_data import REGISTERED, TENANT, store
from tests.integration.visits_repos import T0, uow  # noqa: F401  (the fixture)


def names(stores) -> list[str]:
    return [s.name for s in stores]


def test_add_get_and_external_ids(uow) -> None:  # noqa: F811
    repo = uow.repository()
    a, b = store("好又多便利店", external_id="E1"), store("美宜佳", external_id="E2")
    added = repo.stores.add_many([a, b])
    assert [s.number for s in added] == [1, 2]
    assert repo.stores.get(TENANT, a.store_id) == added[0]
    assert repo.stores.get("t-other", a.store_id) is None
    assert set(repo.stores.by_external_ids(TENANT, ["E1", "E2", "E3"])) == {"E1", "E2"}
    assert repo.stores.by_external_id(TENANT, "E2").store_id == b.store_id
    with pytest.raises(AlreadyExists):
        repo.stores.add_many([store("又一家", external_id="E1")])
    with pytest.raises(AlreadyExists):
        repo.stores.add_many([replace(a, external_id="E9")])  # the store id is taken
    other = store("别家", external_id="E1", tenant_id="t-other")
    assert repo.stores.add_many([other])[0].number == 1  # each tenant numbers its own


def test_save_needs_the_next_version(uow) -> None:  # noqa: F811
    repo = uow.repository()
    [s] = repo.stores.add_many([store()])
    renamed = replace(s, name="世纪联华(文三路店)", version=2, updated_at=T0)
    assert repo.stores.save(renamed)
    assert not repo.stores.save(renamed)  # version 2 again
    assert repo.stores.get(TENANT, s.store_id).name == "世纪联华(文三路店)"


def test_note_visit_keeps_the_latest_and_the_earliest(uow) -> None:  # noqa: F811
    repo = uow.repository()
    [s] = repo.stores.add_many([store(first_visit_due_at=REGISTERED + timedelta(days=3))])
    day = REGISTERED + timedelta(days=5)
    repo.stores.note_visit(TENANT, s.store_id, day, "v2")
    repo.stores.note_visit(TENANT, s.store_id, day - timedelta(days=1), "v1")  # offline, late
    repo.stores.note_visit(TENANT, s.store_id, day + timedelta(days=2), "v3")
    seen = repo.stores.get(TENANT, s.store_id)
    assert (seen.last_visit_id, seen.last_visited_at) == ("v3", day + timedelta(days=2))
    assert (seen.first_visit_id, seen.first_visited_at) == ("v1", day - timedelta(days=1))
    assert repo.stores.first_visits_due(day + timedelta(days=9), 10) == []  # visited


def test_a_latest_visit_from_the_sheet_yields_only_to_a_later_card(uow) -> None:  # noqa: F811
    """A register sheet's 最近拜访日期 is the store's own; cards keep theirs beside it
    (ADR 049): every read shows the later of the two, in every read path."""
    repo = uow.repository()
    sheet_day = REGISTERED - timedelta(days=3)
    [s] = repo.stores.add_many([store(last_visited_at=sheet_day, first_visit_tracked=False)])
    repo.stores.note_visit(TENANT, s.store_id, sheet_day - timedelta(days=1), "older")
    assert repo.stores.get(TENANT, s.store_id).last_visited_at == sheet_day
    repo.stores.note_visit(TENANT, s.store_id, REGISTERED, "v1")
    for seen in (
        repo.stores.get(TENANT, s.store_id),
        repo.stores.owned_by(TENANT, "rep-1")[0],
        repo.stores.page(StoreQuery(tenant_id=TENANT), 0, 10)[0],
    ):
        assert (seen.last_visit_id, seen.last_visited_at) == ("v1", REGISTERED)


def test_pages_filter_by_every_field_in_register_order(uow) -> None:  # noqa: F811
    repo = uow.repository()
    repo.stores.add_many([
        store("世纪联华(学院路店)", owner_rep_id="rep-1", region_code="330106"),
        store("联华快客便利店", owner_rep_id="rep-2", customer_class="CONVENIENCE"),
        store("华联超市", owner_rep_id="rep-1", region_code="330205", customer_class="BC"),
        store("世纪联华(文三路店)", owner_rep_id="rep-3", active=False),
    ])  # fmt: skip

    def find(limit: int = 10, after: int = 0, **filters) -> list[str]:
        return names(repo.stores.page(StoreQuery(TENANT, **filters), after, limit))

    assert find() == ["世纪联华(学院路店)", "联华快客便利店", "华联超市"]
    assert find(include_inactive=True)[-1] == "世纪联华(文三路店)"
    assert find(name_query="联华") == ["世纪联华(学院路店)", "联华快客便利店"]
    assert find(name_query="联华学院") == ["世纪联华(学院路店)"]  # skipping the bracket
    assert find(name_query="便利店") == ["联华快客便利店"]  # only generic characters
    assert find(name_query="ＬＩＡＮ") == []  # normalised, and nothing matches
    assert find(region_code="330100") == ["世纪联华(学院路店)", "联华快客便利店"]
    assert find(region_code="330000") == find()
    assert find(customer_class="BC") == ["华联超市"]
    assert find(owner_rep_ids=("rep-1",)) == ["世纪联华(学院路店)", "华联超市"]
    assert find(owner_rep_ids=("rep-2", "rep-1"), name_query="华") == find()
    assert find(limit=1, after=1) == ["联华快客便利店"]
    assert find(name_query="联华", owner_rep_ids=("rep-2",)) == ["联华快客便利店"]
    assert names(repo.stores.owned_by(TENANT, "rep-3")) == []  # inactive
    assert names(repo.stores.owned_by(TENANT, "rep-1")) == ["世纪联华(学院路店)", "华联超市"]


def test_first_visits_due_claimed_once_and_rescheduled(uow) -> None:  # noqa: F811
    repo = uow.repository()
    due = REGISTERED + timedelta(days=3)
    waiting, known = store("新店", first_visit_due_at=due), store("老店", first_visit_tracked=False)
    repo.stores.add_many([waiting, known])
    assert repo.stores.first_visits_due(due - timedelta(seconds=1), 10) == []
    [found] = repo.stores.first_visits_due(due, 10)
    assert found.store_id == waiting.store_id
    assert repo.stores.claim_first_visit_overdue(TENANT, waiting.store_id, due)
    assert not repo.stores.claim_first_visit_overdue(TENANT, waiting.store_id, due)
    assert repo.stores.get(TENANT, waiting.store_id).first_visit_overdue_at == due
    assert repo.stores.first_visits_due(due + timedelta(days=9), 10) == []
    [late] = repo.stores.add_many([store("又一家新店", first_visit_due_at=due)])
    repo.stores.reschedule_first_visits(TENANT, 7)
    assert repo.stores.get(TENANT, late.store_id).first_visit_due_at == REGISTERED + timedelta(
        days=7
    )
    window = repo.stores.registered_between(TENANT, REGISTERED, REGISTERED + timedelta(hours=1))
    assert len(window) == 3
    assert repo.stores.registered_between(TENANT, T0, T0 + timedelta(days=1)) == []
