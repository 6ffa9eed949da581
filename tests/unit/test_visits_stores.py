"""The store master's use cases on the fakes: registration rules (with the owner a known
active rep), idempotent replays, optimistic updates that report exactly what changed, the
card's registration of a lead's new store, and search pages."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from sales.common.v1 import types_pb2 as t
from sales.events.v1 import store_events_pb2
from services.common import envelope as envelopes
from services.common.errors import AlreadyExists, FailedPrecondition, InvalidArgument, NotFound
from services.common.geo import GeoPoint
from services.visits.application import stores
from services.visits.domain.stores import StoreDraft, StoreQuery
from tests.fakes.visits import fake_uow
from tests.fakes.visits_data import TENANT, person, store

NOW = fake_uow().clock.now()


@pytest.fixture
def uow():
    u = fake_uow()
    u.repo.people.upsert(person("rep-1", "rep", supervisor_id="sup-1"))
    u.repo.people.upsert(person("rep-2", "rep", supervisor_id="sup-1"))
    u.repo.people.upsert(person("rep-gone", "rep", active=False))
    u.repo.people.upsert(person("sup-1", "supervisor"))
    return u


def events(uow, kind, payload):
    return [envelopes.unpack(e, payload) for e in uow.published if e.type == kind]


def fields(error) -> set[str]:
    return {v.field for v in error.value.violations}


def test_register_fills_the_snapshot_and_times_the_first_visit(uow) -> None:
    saved = stores.register_store(uow, store(external_id="ERP-1", registered_at=NOW))
    assert saved.number == 1 and saved.first_visit_due_at == NOW + timedelta(days=3)
    [event] = events(uow, "store.registered", store_events_pb2.StoreRegistered)
    snap = event.store
    assert (snap.store_id, snap.external_id, snap.name) == (saved.store_id, "ERP-1", saved.name)
    assert snap.location.datum == t.DATUM_GCJ02 and snap.location.latitude == 30.2741
    assert (snap.region_code, snap.customer_class, snap.owner_rep_id) == (
        "330106",
        t.CUSTOMER_TYPE_KA,
        "rep-1",
    )
    assert snap.registered_at.ToDatetime().isoformat() == NOW.replace(tzinfo=None).isoformat()
    assert snap.active and snap.version == 1 and event.source == "api"


def test_register_names_every_bad_field_and_writes_nothing(uow) -> None:
    bad = store(
        name=" ", location=GeoPoint(0, 0, "utm"), region_code="990106", customer_class="XL",
        owner_rep_id="", phone="12345", visit_every_days=400, external_id="有空格 的编号",
    )  # fmt: skip
    with pytest.raises(InvalidArgument) as caught:
        stores.register_store(uow, bad)
    assert fields(caught) == {
        "store.name", "store.location", "store.location.datum", "store.region_code",
        "store.customer_class", "store.owner_rep_id", "store.phone",
        "store.visit_every_days", "store.external_id",
    }  # fmt: skip
    assert uow.repo.stores.stores == {} and uow.published == []


@pytest.mark.parametrize("owner", ["nobody", "rep-gone", "sup-1"])
def test_the_owner_must_be_an_active_rep_of_the_tenant(uow, owner) -> None:
    with pytest.raises(InvalidArgument) as caught:
        stores.register_store(uow, store(owner_rep_id=owner))
    assert fields(caught) == {"store.owner_rep_id"}
    assert uow.repo.stores.stores == {}


def test_a_replay_returns_the_store_and_a_reused_id_or_external_id_is_refused(uow) -> None:
    first = stores.register_store(uow, store(external_id="ERP-1"))
    again = stores.register_store(uow, replace(first, number=0))
    assert again.store_id == first.store_id and len(uow.published) == 1
    with pytest.raises(AlreadyExists):
        stores.register_store(uow, replace(first, name="另一家店"))
    with pytest.raises(AlreadyExists) as caught:
        stores.register_store(uow, store(external_id="ERP-1"))
    assert fields(caught) == {"store.external_id"}


def test_update_reports_what_changed_and_needs_the_version(uow) -> None:
    s = stores.register_store(uow, store())
    changes = {"name": "世纪联华(学院路旗舰店)", "owner_rep_id": "rep-2", "phone": ""}
    updated = stores.update_store(uow, TENANT, s.store_id, 1, changes, "sup-1", NOW)
    assert updated.version == 2 and updated.name == "世纪联华(学院路旗舰店)"
    [event] = events(uow, "store.updated", store_events_pb2.StoreUpdated)
    assert list(event.changed_fields) == ["name", "owner_rep_id"]  # phone was already empty
    assert event.store.version == 2 and event.updated_by == "sup-1"
    with pytest.raises(FailedPrecondition, match="当前版本 2"):
        stores.update_store(uow, TENANT, s.store_id, 1, {"name": "x"}, "sup-1", NOW)
    same = stores.update_store(uow, TENANT, s.store_id, 2, {"phone": ""}, "sup-1", NOW)
    assert same.version == 2 and len(uow.published) == 2  # nothing changed: no event


def test_update_checks_the_new_facts_and_the_new_owner(uow) -> None:
    s = stores.register_store(uow, store())
    with pytest.raises(InvalidArgument) as caught:
        stores.update_store(uow, TENANT, s.store_id, 1,
                            {"owner_rep_id": "rep-gone", "region_code": "33010"}, "a", NOW)  # fmt: skip
    assert fields(caught) == {"store.owner_rep_id", "store.region_code"}
    with pytest.raises(NotFound):
        stores.update_store(uow, TENANT, "no-such-store", 1, {"name": "x"}, "a", NOW)
    with pytest.raises(NotFound):
        stores.update_store(uow, "t-other", s.store_id, 1, {"name": "x"}, "a", NOW)
    assert uow.repo.stores.get(TENANT, s.store_id).version == 1


def test_a_card_registers_the_leads_new_store_owned_by_its_rep(uow) -> None:
    draft = StoreDraft("老王副食店", "杭州市拱墅区湖墅南路 8 号", GeoPoint(30.29, 120.15, "wgs84"),
                       "330105", "CONVENIENCE", "王老板", "13800001111")  # fmt: skip
    saved = uow.run(lambda tx: stores.register_from_card(tx, TENANT, "rep-1", draft, "lead-9", NOW))
    assert (saved.source, saved.owner_rep_id, saved.lead_id) == ("card", "rep-1", "lead-9")
    [event] = events(uow, "store.registered", store_events_pb2.StoreRegistered)
    assert event.source == "card" and event.store.lead_id == "lead-9"
    bad = replace(draft, name="", location=None, region_code="x")
    with pytest.raises(InvalidArgument) as caught:
        uow.run(lambda tx: stores.register_from_card(tx, TENANT, "rep-1", bad, "", NOW))
    assert fields(caught) == {"new_store.name", "new_store.location", "new_store.region_code"}


def test_pages_follow_the_register_and_end(uow) -> None:
    for i in range(5):
        stores.register_store(uow, store(f"好又多便利店 {i} 号"))
    page, token = stores.list_stores(uow, StoreQuery(TENANT, name_query="好又多"), 2, "")
    names = [s.name for s in page]
    while token:
        page, token = stores.list_stores(uow, StoreQuery(TENANT, name_query="好又多"), 2, token)
        names += [s.name for s in page]
    assert names == [f"好又多便利店 {i} 号" for i in range(5)]
    with pytest.raises(InvalidArgument) as caught:
        stores.list_stores(uow, StoreQuery(TENANT, region_code="１１０１０１"), 2, "")
    assert fields(caught) == {"region_code"}
    with pytest.raises(InvalidArgument) as caught:
        stores.list_stores(uow, StoreQuery(TENANT), 2, "bm90LWEtbnVtYmVy")  # "not-a-number"
    assert fields(caught) == {"page.page_token"}
