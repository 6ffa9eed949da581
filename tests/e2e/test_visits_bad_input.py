"""The bad-input table of the visits-a gateway calls (stores, catalogue, plans, first visits,
visits settings), in the spirit of the project's sweep: every call, each bad request with
the status it must get and, for INVALID_ARGUMENT, exactly the offending fields; and after
each, nothing written to the visits database (no store, product, plan, setting or event).
Until tests/e2e/test_bad_input_sweep.py is on main, this table stands on its own; then its
rows join that sweep's table."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

import grpc
import pymongo
import pytest
from grpc_status import rpc_status

from devstack.frontend import Frontend, call, store_row, store_sheet
from sales.common.v1 import org_pb2
from sales.common.v1 import types_pb2 as t
from sales.gateway.v1 import gateway_pb2_grpc as gwg
from sales.visits.v1 import catalogue_pb2 as c
from sales.visits.v1 import first_visits_pb2 as f
from sales.visits.v1 import plans_pb2 as p
from sales.visits.v1 import settings_pb2 as s
from sales.visits.v1 import sheets_pb2 as sh
from sales.visits.v1 import stores_pb2 as st
from services.common.clock import SHANGHAI
from services.common.grpc_status import violations_from_status
from tests.e2e.test_visits_stores_plans import MONGO, known_to_visits

INVALID, NOT_FOUND = grpc.StatusCode.INVALID_ARGUMENT, grpc.StatusCode.NOT_FOUND
DENIED, PRECONDITION = grpc.StatusCode.PERMISSION_DENIED, grpc.StatusCode.FAILED_PRECONDITION
COLLECTIONS = ("stores", "products", "plans", "settings", "outbox")
TODAY = datetime.now(SHANGHAI).date()


def good_store(**changes) -> st.Store:
    store = st.Store(
        name="世纪联华(学院路店)", address="杭州市西湖区学院路 77 号", region_code="330106",
        location=t.GeoPoint(latitude=30.2741, longitude=120.1301, datum=t.DATUM_GCJ02),
        customer_class=t.CUSTOMER_TYPE_KA, owner_rep_id="{rep}",
    )  # fmt: skip
    for name, value in changes.items():
        if isinstance(value, t.GeoPoint):
            getattr(store, name).CopyFrom(value)
        else:
            setattr(store, name, value)
    return store


def update(store_id: str, version: int, paths: list[str], **facts) -> st.UpdateStoreRequest:
    request = st.UpdateStoreRequest(store_id=store_id, expected_version=version)
    request.store.CopyFrom(st.Store(**facts))
    request.update_mask.paths.extend(paths)
    return request


def sheet(filename: str, content: bytes) -> sh.ImportSheetRequest:
    return sh.ImportSheetRequest(filename=filename, content=content)


def frequency(ka: int, bc: int = 14, convenience: int = 28) -> s.UpdateSettingsRequest:
    request = s.UpdateSettingsRequest(expected_version=0)
    stores = request.settings.stores
    stores.visit_every_days.ka_days, stores.visit_every_days.bc_days = ka, bc
    stores.visit_every_days.convenience_days = convenience
    stores.first_visit_limit_days, stores.max_plan_items = 3, 20
    return request


LONG = "联" * 1000
AHEAD = (TODAY + timedelta(days=30)).isoformat()
PAST = (TODAY - timedelta(days=1)).isoformat()
CR_ONLY_HUGE = ("外部编号,门店名称\r" + "E1," + "x" * 300_000 + "\r").encode()
NO_OWNER = store_sheet([store_row(1, "x")]).replace("负责业务员".encode(), "备注".encode())

# (case, caller, method, request, status, offending fields)
CASES = [
    ("register: nothing", "admin", "RegisterStore", st.RegisterStoreRequest(), INVALID,
     {"store.name", "store.location", "store.region_code", "store.customer_class", "store.owner_rep_id"}),
    ("register: bad point", "admin", "RegisterStore",
     st.RegisterStoreRequest(store=good_store(location=t.GeoPoint(latitude=999, longitude=120))),
     INVALID, {"store.location", "store.location.datum"}),
    ("register: unknown class", "admin", "RegisterStore",
     st.RegisterStoreRequest(store=good_store(customer_class=42)), INVALID, {"store.customer_class"}),
    ("register: id not a UUID", "admin", "RegisterStore",
     st.RegisterStoreRequest(store=good_store(store_id="../../etc")), INVALID, {"store.store_id"}),
    ("register: unknown owner", "admin", "RegisterStore",
     st.RegisterStoreRequest(store=good_store(owner_rep_id="nobody")), INVALID, {"store.owner_rep_id"}),
    ("register: 1000-char name", "admin", "RegisterStore",
     st.RegisterStoreRequest(store=good_store(name=LONG, phone="１３８００１３８０００")), INVALID,
     {"store.name", "store.phone"}),
    ("register: by a rep", "rep", "RegisterStore", st.RegisterStoreRequest(store=good_store()),
     DENIED, set()),
    ("update: no mask", "admin", "UpdateStore", update("{store}", 1, []), INVALID, {"update_mask"}),
    ("update: unknown path", "admin", "UpdateStore", update("{store}", 1, ["version"]), INVALID,
     {"update_mask"}),
    ("update: no version", "admin", "UpdateStore", update("{store}", 0, ["name"], name="x"),
     INVALID, {"expected_version"}),
    ("update: bad region", "admin", "UpdateStore",
     update("{store}", 1, ["region_code"], region_code="33010"), INVALID, {"store.region_code"}),
    ("update: stale version", "admin", "UpdateStore", update("{store}", 7, ["name"], name="x"),
     PRECONDITION, set()),
    ("update: unknown store", "admin", "UpdateStore", update("nope", 1, ["name"], name="x"),
     NOT_FOUND, set()),
    ("update: by a rep", "rep", "UpdateStore", update("{store}", 1, ["name"], name="x"), DENIED, set()),
    ("get store: no id", "admin", "GetStore", st.GetStoreRequest(), INVALID, {"store_id"}),
    ("get store: unknown", "admin", "GetStore", st.GetStoreRequest(store_id="nope"), NOT_FOUND, set()),
    ("get store: another rep's", "other_rep", "GetStore", st.GetStoreRequest(store_id="{store}"),
     NOT_FOUND, set()),
    ("list stores: page too big", "admin", "ListStores",
     st.ListStoresRequest(page=t.PageRequest(page_size=500)), INVALID, {"page.page_size"}),
    ("list stores: bad token", "admin", "ListStores",
     st.ListStoresRequest(page=t.PageRequest(page_token="!!")), INVALID, {"page.page_token"}),
    ("list stores: bad filters", "admin", "ListStores",
     st.ListStoresRequest(region_code="12", name_query=LONG[:40]), INVALID,
     {"region_code", "name_query"}),
    ("list stores: unknown class", "admin", "ListStores", st.ListStoresRequest(customer_class=9),
     INVALID, {"customer_class"}),
    ("list stores: a rep asks for others", "rep", "ListStores",
     st.ListStoresRequest(owner_rep_ids=["{other_rep}"]), DENIED, set()),
    ("import stores: .txt", "admin", "ImportStores", sheet("stores.txt", b"a"), INVALID, {"filename"}),
    ("import stores: empty", "admin", "ImportStores", sheet("stores.csv", b""), INVALID, {"content"}),
    ("import stores: CR-only, huge cell", "admin", "ImportStores", sheet("s.csv", CR_ONLY_HUGE),
     INVALID, {"content"}),
    ("import stores: missing column", "admin", "ImportStores", sheet("s.csv", NO_OWNER), INVALID,
     {"content"}),
    ("import stores: not xlsx", "admin", "ImportStores", sheet("s.xlsx", b"PK\x03\x04junk"),
     INVALID, {"content"}),
    ("import stores: by a supervisor", "supervisor", "ImportStores", sheet("s.csv", b"a"), DENIED, set()),
    ("import products: .doc", "admin", "ImportProducts", sheet("p.doc", b"a"), INVALID, {"filename"}),
    ("import products: missing columns", "admin", "ImportProducts", sheet("p.csv", b"sku\nA\n"),
     INVALID, {"content"}),
    ("import products: by a rep", "rep", "ImportProducts", sheet("p.csv", b"a"), DENIED, set()),
    ("get product: no sku", "rep", "GetProduct", c.GetProductRequest(), INVALID, {"sku"}),
    ("get product: unknown", "rep", "GetProduct", c.GetProductRequest(sku="NOPE"), NOT_FOUND, set()),
    ("list products: negative page", "rep", "ListProducts",
     c.ListProductsRequest(page=t.PageRequest(page_size=-1)), INVALID, {"page.page_size"}),
    ("plan: bad date", "rep", "GetPlan", p.GetPlanRequest(plan_date="2026-13-01"), INVALID, {"plan_date"}),
    ("plan: a month ahead", "rep", "GetPlan", p.GetPlanRequest(plan_date=AHEAD), INVALID, {"plan_date"}),
    ("plan: unknown rep", "admin", "GetPlan", p.GetPlanRequest(rep_id="nobody"), NOT_FOUND, set()),
    ("plan: another team's", "supervisor", "GetPlan", p.GetPlanRequest(rep_id="{other_rep}"),
     DENIED, set()),
    ("add item: no reason", "rep", "AddPlanItem", p.AddPlanItemRequest(store_id="{store}"), INVALID,
     {"reason"}),
    ("add item: no store", "rep", "AddPlanItem", p.AddPlanItemRequest(reason="顺路"), INVALID,
     {"store_id"}),
    ("add item: unknown store", "rep", "AddPlanItem",
     p.AddPlanItemRequest(store_id="nope", reason="顺路"), NOT_FOUND, set()),
    ("add item: another rep's store", "other_rep", "AddPlanItem",
     p.AddPlanItemRequest(store_id="{store}", reason="顺路"), PRECONDITION, set()),
    ("add item: yesterday", "rep", "AddPlanItem",
     p.AddPlanItemRequest(store_id="{store}", reason="补记", plan_date=PAST), PRECONDITION, set()),
    ("add item: to another rep's plan", "other_rep", "AddPlanItem",
     p.AddPlanItemRequest(rep_id="{rep}", store_id="{store}", reason="顺路"), DENIED, set()),
    ("drop item: no reason", "rep", "DropPlanItem", p.DropPlanItemRequest(item_id="x"), INVALID,
     {"reason"}),
    ("drop item: unknown item", "rep", "DropPlanItem",
     p.DropPlanItemRequest(item_id="x", reason="关店"), INVALID, {"item_id"}),
    ("reorder: no reason", "rep", "ReorderPlan", p.ReorderPlanRequest(item_ids=["x"]), INVALID,
     {"reason"}),
    ("reorder: negative version", "rep", "ReorderPlan",
     p.ReorderPlanRequest(item_ids=["x"], reason="顺路", expected_version=-1), INVALID,
     {"expected_version"}),
    ("pending: another team's", "supervisor", "ListPendingVisits",
     p.ListPendingVisitsRequest(rep_id="{other_rep}"), DENIED, set()),
    ("pending: unknown rep", "admin", "ListPendingVisits",
     p.ListPendingVisitsRequest(rep_id="nobody"), NOT_FOUND, set()),
    ("first visits: bad dates", "admin", "GetFirstVisitStats",
     f.FirstVisitStatsRequest(from_date="yesterday", to_date="2026-02-30"), INVALID,
     {"from_date", "to_date"}),
    ("first visits: backwards", "admin", "GetFirstVisitStats",
     f.FirstVisitStatsRequest(from_date="2026-12-05", to_date="2026-12-01"), INVALID, {"from_date"}),
    ("first visits: too long", "admin", "GetFirstVisitStats",
     f.FirstVisitStatsRequest(from_date="2024-01-01", to_date="2026-01-01"), INVALID, {"to_date"}),
    ("first visits: region digits", "admin", "GetFirstVisitStats",
     f.FirstVisitStatsRequest(region_digits=5), INVALID, {"region_digits"}),
    ("first visits: a rep asks for others", "rep", "GetFirstVisitStats",
     f.FirstVisitStatsRequest(owner_rep_ids=["{other_rep}"]), DENIED, set()),
    ("settings: zero days", "admin", "UpdateVisitsSettings", frequency(0, 400), INVALID,
     {"settings.stores.visit_every_days.ka_days", "settings.stores.visit_every_days.bc_days"}),
    ("settings: negative version", "admin", "UpdateVisitsSettings",
     s.UpdateSettingsRequest(expected_version=-1), INVALID, {"expected_version"}),
    ("settings: stale version", "admin", "UpdateVisitsSettings",
     s.UpdateSettingsRequest(expected_version=4), PRECONDITION, set()),
    ("settings: by a rep", "rep", "UpdateVisitsSettings", frequency(7), DENIED, set()),
    ("settings: no token", "", "GetVisitsSettings", s.GetSettingsRequest(),
     grpc.StatusCode.UNAUTHENTICATED, set()),
]  # fmt: skip


@pytest.fixture(scope="module")
def world(platform, stack):
    """One tenant for the whole table (a rep, another team's rep, their supervisor, one
    store), so each case costs only its call."""
    tenant = f"t-bad-{uuid.uuid4().hex[:8]}"
    target = platform.gateway_target
    admin = Frontend(target, tenant, "admin", ["admin"])
    for person_id, role, supervisor in (("sup", t.ROLE_SUPERVISOR, ""), ("rep", t.ROLE_REP, "sup"),
                                        ("rep2", t.ROLE_REP, "sup-elsewhere")):  # fmt: skip
        admin.upsert_person(org_pb2.Person(person_id=person_id, name=f"员工{person_id}",
                                           roles=[role], supervisor_id=supervisor,
                                           customer_types=[t.CUSTOMER_TYPE_KA] if role == t.ROLE_REP else [],
                                           region_codes=["330100"], capacity=5,
                                           status=t.PERSON_STATUS_ACTIVE,
                                           wecom_userid=f"wx-{tenant}-{person_id}"))  # fmt: skip
    fronts = {
        "admin": admin,
        "supervisor": Frontend(target, tenant, "sup", ["supervisor"]),
        "rep": Frontend(target, tenant, "rep", ["rep"]),
        "other_rep": Frontend(target, tenant, "rep2", ["rep"]),
    }
    known_to_visits(admin, "rep", "rep2")
    store = good_store(owner_rep_id="rep")
    registered = call(admin, "RegisterStore", st.RegisterStoreRequest(store=store))
    names = {"{store}": registered.store_id, "{rep}": "rep", "{other_rep}": "rep2"}
    # Plan today and tomorrow now, so that the timer has nothing left to write during a case.
    for rep in ("rep", "other_rep"):
        for day in (TODAY, TODAY + timedelta(days=1)):
            call(fronts[rep], "GetPlan", p.GetPlanRequest(plan_date=day.isoformat()))
    db = pymongo.MongoClient(MONGO)[f"{stack['SALES_DB_PREFIX']}visits"]
    yield tenant, fronts, names, db
    for front in fronts.values():
        front.close()


def fill(message, names: dict[str, str]):
    """The request with {store}, {rep} ... replaced by this test's ids."""
    filled = type(message)()
    filled.CopyFrom(message)
    for field, value in filled.ListFields():
        if isinstance(value, str) and value in names:
            setattr(filled, field.name, names[value])
        elif field.type == field.TYPE_STRING and field.is_repeated:
            replaced = [names.get(v, v) for v in value]
            del value[:]
            value.extend(replaced)
        elif field.type == field.TYPE_MESSAGE and not field.is_repeated:
            value.CopyFrom(fill(value, names))
    return filled


def counts(db, tenant: str) -> dict[str, int]:
    found = {name: db[name].count_documents({"tenant_id": tenant}) for name in COLLECTIONS}
    found["settings"] = db["settings"].count_documents({"_id": tenant})
    return found


@pytest.mark.parametrize(("case", "caller", "method", "request_", "code", "fields"), CASES,
                         ids=[c[0] for c in CASES])  # fmt: skip
def test_bad_input(world, case, caller, method, request_, code, fields):
    tenant, fronts, names, db = world
    before = counts(db, tenant)
    request = fill(request_, names)
    with pytest.raises(grpc.RpcError) as caught:
        if caller:
            call(fronts[caller], method, request)
        else:
            getattr(gwg.GatewayStub(fronts["admin"].channel), method)(request, timeout=30)
    error = caught.value
    assert error.code() == code, f"{case}: {error.code()} {error.details()}"
    status = rpc_status.from_call(error)
    found = {v.field for v in violations_from_status(status)} if status else set()
    assert found == fields, f"{case}: {error.details()}"
    assert len(error.details()) < 2_000  # an answer never echoes a 300 KB input back
    assert counts(db, tenant) == before, f"{case} wrote something"
