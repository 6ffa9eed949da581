"""The demo organisation's working day, as the web console shows it: every person of
devstack/demo_org.py in the directory, the catalogue, each rep's stores and today's plan,
visit cards (some incomplete, which costs data credit; one asking a special price, which
waits for finance), and a store's rating. Everything goes through the gateway as the front
ends would send it, so the console reads what the platform really made.

Used by `make run` (devstack/demo.py), the browser tests and bench/console.py.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass, field

import grpc

from devstack.demo_org import PEOPLE, stores
from devstack.frontend import (
    Frontend,
    call,
    import_sheet,
    issue_rating_code,
    storefront_jpeg,
    todays_plan,
    visit_card,
)
from sales.common.v1 import types_pb2 as t
from sales.visits.v1 import cards_pb2 as v
from sales.visits.v1 import plans_pb2 as pl
from sales.visits.v1 import stores_pb2 as vs

ADMIN_ID = "admin-it"
PRODUCTS = [("SKU-COLA-330", "可乐 330ml", "箱", "48.00"), ("SKU-TEA-500", "冰红茶 500ml", "箱", "36.00"),
            ("SKU-WATER-550", "矿泉水 550ml", "箱", "24.00")]  # fmt: skip
STORES_PER_REP = 3
REPS = [p.person_id for p in PEOPLE if t.ROLE_REP in p.roles]


@dataclass
class DemoDay:
    tenant: str
    stores_of: dict[str, list[vs.Store]] = field(default_factory=dict)
    visits_of: dict[str, list[str]] = field(default_factory=dict)
    approval_visit: str = ""
    rating_url: str = ""  # a QR code's page, not yet used


def seed(target: str, tenant: str) -> DemoDay:
    admin = Frontend(target, tenant, ADMIN_ID, ["admin"])
    day = DemoDay(tenant)
    try:
        for person in PEOPLE:
            admin.upsert_person(person)
        import_sheet(admin, "ImportProducts", "products.csv", _product_sheet())
        for i, rep_id in enumerate(REPS):
            day.stores_of[rep_id] = _register_stores(admin, rep_id, i)
            _plan_today(admin, rep_id, day.stores_of[rep_id])
        for i, rep_id in enumerate(REPS):
            day.visits_of[rep_id] = _visit(target, tenant, rep_id, day, i)
        liming = Frontend(target, tenant, "rep-liming", ["rep"])
        day.rating_url = issue_rating_code(liming, day.visits_of["rep-liming"][0]).url
        liming.close()
    finally:
        admin.close()
    return day


def _product_sheet() -> bytes:
    rows = ["商品编码,商品名称,单位,单价(元)"] + [",".join(p) for p in PRODUCTS]
    return ("\n".join(rows) + "\n").encode()


def _register_stores(admin: Frontend, rep_id: str, index: int) -> list[vs.Store]:
    """The rep's first stores of the demo register, once visits knows the rep (an
    org.person.upserted away)."""
    rep = next(p for p in PEOPLE if p.person_id == rep_id)
    region = rep.region_codes[0][:4]
    mine = [s for s in stores() if s.region_code.startswith(region)]
    picked = mine[index % 3 :: 3][:STORES_PER_REP]
    return [_register(admin, rep_id, s, rep.customer_types[0]) for s in picked]


def _register(admin: Frontend, rep_id: str, store, customer_class: int) -> vs.Store:
    request = vs.RegisterStoreRequest(
        store=vs.Store(
            store_id=str(uuid.uuid5(uuid.NAMESPACE_URL, f"{admin.tenant}/{store.store_id}")),
            external_id=store.store_id, name=store.name, address=store.address,
            location=t.GeoPoint(latitude=store.latitude, longitude=store.longitude,
                                datum=t.DATUM_GCJ02),
            region_code=store.region_code, customer_class=customer_class, owner_rep_id=rep_id,
            contact_name=store.contact, phone=store.phone,
        )
    )  # fmt: skip
    deadline = time.monotonic() + 30
    while True:
        try:
            return call(admin, "RegisterStore", request)
        except grpc.RpcError as error:
            unknown_rep = error.code() == grpc.StatusCode.INVALID_ARGUMENT
            if not unknown_rep or time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def _plan_today(admin: Frontend, rep_id: str, mine: list[vs.Store]) -> None:
    """Today's plan holds the rep's stores: the ones visits did not plan itself are added."""
    planned = {item.store_id for item in todays_plan(admin, rep_id).items}
    for store in mine:
        if store.store_id in planned:
            continue
        request = pl.AddPlanItemRequest(
            rep_id=rep_id, store_id=store.store_id, reason="演示:今日拜访"
        )
        call(admin, "AddPlanItem", request)


def _visit(target: str, tenant: str, rep_id: str, day: DemoDay, index: int) -> list[str]:
    """The rep visits the first store of the plan (the others stay pending), with the
    storefront photo only (the shelf and meeting photos missing: data credit deductions),
    every other rep without the core demand either; 李明's card asks a special price."""
    rep = Frontend(target, tenant, rep_id, ["rep"])
    store = day.stores_of[rep_id][0]
    location = store.location
    visit_id = str(uuid.uuid4())
    photo = rep.upload_photo(storefront_jpeg((1280 + 8 * index, 960)), rep_id, visit_id)
    card = visit_card(rep_id, store.store_id, location.latitude, location.longitude,
                      [photo.photo_id], visit_id, datum=t.DATUM_GCJ02)  # fmt: skip
    if index % 2:
        card.core_demand = ""
    if rep_id == "rep-liming":
        card.special_price_requested = True
        card.price_lines.append(
            v.PriceLine(sku="SKU-COLA-330", list_price_fen=4800, requested_price_fen=4200,
                        quantity=20)
        )  # fmt: skip
        day.approval_visit = card.visit_id
    try:
        return [rep.submit_visit(card).visit_id]
    finally:
        rep.close()
