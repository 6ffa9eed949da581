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
from datetime import UTC, datetime, timedelta

from devstack.demo import store_row_of
from devstack.demo_org import PEOPLE, stores
from devstack.frontend import (
    Frontend,
    call,
    import_sheet,
    issue_rating_code,
    store_sheet,
    storefront_jpeg,
    todays_plan,
    visit_card,
)
from sales.common.v1 import types_pb2 as t
from sales.events.v1 import erp_events_pb2
from sales.scoring.v1 import orders_pb2
from sales.visits.v1 import cards_pb2 as v
from sales.visits.v1 import plans_pb2 as pl
from sales.visits.v1 import stores_pb2 as vs
from services.common.clock import SHANGHAI

ADMIN_ID = "admin-it"
PRODUCTS = [("SKU-COLA-330", "可乐 330ml", "箱", "48.00"), ("SKU-TEA-500", "冰红茶 500ml", "箱", "36.00"),
            ("SKU-WATER-550", "矿泉水 550ml", "箱", "24.00")]  # fmt: skip
STORES_PER_REP = 3
# RecordOrders takes up to 500 a call, but on the embedded database a call of 8 outlived its
# transaction (NoSuchTransaction after 30 s, orders branch as merged); 4 took 0.2 s on a
# quiet machine, and outlived it too on a loaded one.
ORDERS_PER_CALL = 2
REPS = [p.person_id for p in PEOPLE if t.ROLE_REP in p.roles]
PRICE_ASKERS = {"rep-liming": 20, "rep-zhaolei": 30}  # a rep's special price: cases of cola


@dataclass
class DemoDay:
    tenant: str
    stores: list[vs.Store] = field(default_factory=list)
    stores_of: dict[str, list[vs.Store]] = field(default_factory=dict)  # today's plans
    visits_of: dict[str, list[str]] = field(default_factory=dict)
    approval_visit: str = ""  # 李明's special price, waiting for finance
    second_approval_visit: str = ""  # 赵磊's, another for finance to decide
    rating_url: str = ""  # a QR code's page, not yet used


def seed(target: str, tenant: str) -> DemoDay:
    admin = Frontend(target, tenant, ADMIN_ID, ["admin"])
    day = DemoDay(tenant)
    try:
        for person in PEOPLE:
            admin.upsert_person(person)
        import_sheet(admin, "ImportProducts", "products.csv", _product_sheet())
        day.stores = _import_stores(admin)
        day.stores_of = {
            rep_id: [s for s in day.stores if s.owner_rep_id == rep_id][:STORES_PER_REP]
            for rep_id in REPS
        }
        for rep_id in REPS:
            _plan_today(admin, rep_id, day.stores_of[rep_id])
        for i, rep_id in enumerate(r for r in REPS if day.stores_of[r]):  # the sheet's owners
            day.visits_of[rep_id] = _visit(target, tenant, rep_id, day, i)
        _record_orders(admin, day)
        liming = Frontend(target, tenant, "rep-liming", ["rep"])
        day.rating_url = issue_rating_code(liming, day.visits_of["rep-liming"][0]).url
        liming.close()
    finally:
        admin.close()
    return day


def _record_orders(admin: Frontend, day: DemoDay) -> None:
    """The ERP's back-fill: every demo store ordered about 70 and 40 days ago (a history
    the forecast can fit), and the stores visited today ordered again after the visit, for
    more: the attribution view's "which rep moved which store"."""
    now = datetime.now(UTC)
    orders = []
    for n, store in enumerate(day.stores):
        orders.append(_order(store, now - timedelta(days=70 + n % 9), 15 + n % 7))
        orders.append(_order(store, now - timedelta(days=40 - n % 5), 20 + n % 11))
    visited = {
        mine[0].store_id for rep_id, mine in day.stores_of.items() if rep_id in day.visits_of
    }
    for store in (s for s in day.stores if s.store_id in visited):
        orders.append(_order(store, now, 150 + 5 * len(orders) % 50))
    for i in range(0, len(orders), ORDERS_PER_CALL):
        chunk = orders[i : i + ORDERS_PER_CALL]
        call(admin, "RecordOrders", orders_pb2.RecordOrdersRequest(orders=chunk))


def _order(store: vs.Store, at: datetime, cases: int) -> erp_events_pb2.ErpOrderRecorded:
    sku, _, _, price = PRODUCTS[cases % len(PRODUCTS)]
    amount = cases * int(float(price) * 100)
    order = erp_events_pb2.ErpOrderRecorded(
        order_id=f"ERP-SO-{store.external_id}-{at:%Y%m%d}", store_external_id=store.external_id,
        lines=[erp_events_pb2.OrderLine(sku=sku, quantity=cases, amount_fen=amount)],
        total_fen=amount, currency="CNY",
    )  # fmt: skip
    order.ordered_at.FromDatetime(at)
    return order


def _product_sheet() -> bytes:
    rows = ["商品编码,商品名称,单位,单价(元)"] + [",".join(p) for p in PRODUCTS]
    return ("\n".join(rows) + "\n").encode()


def _import_stores(admin: Frontend) -> list[vs.Store]:
    """The demo's store sheet through ImportStores (what `make run` imports: idempotent by
    external id, so after `make run` nothing changes); the stores in the sheet's order."""
    rows = [store_row_of(s) for s in stores()]
    report = _import_when_reps_known(admin, store_sheet(rows))
    ids = [r.id for r in report.rows if r.id]
    found = call(admin, "ListStores", vs.ListStoresRequest(page=t.PageRequest(page_size=200)))
    by_id = {s.store_id: s for s in found.stores}
    return [by_id[i] for i in ids if i in by_id]


def _import_when_reps_known(admin: Frontend, sheet: bytes):
    """visits learns of the reps from org.person.upserted events; a row naming a rep it
    does not know yet is refused, so the import is repeated until every row is taken."""
    deadline = time.monotonic() + 30
    while True:
        report = import_sheet(admin, "ImportStores", "门店主数据.csv", sheet)
        if all(r.id for r in report.rows) or time.monotonic() > deadline:
            return report
        time.sleep(0.3)


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


def _due_this_week() -> int:
    """Days until the card's commitment falls due: 3, but never past this ISO week's Sunday
    (Shanghai), so the supervisor's heatmap of this week always counts it; from Friday on, a
    due date 3 days out fell in next week and the closure cell was 无数据."""
    weekday = datetime.now(UTC).astimezone(SHANGHAI).weekday()  # Monday 0 .. Sunday 6
    return min(3, 6 - weekday)


def _visit(target: str, tenant: str, rep_id: str, day: DemoDay, index: int) -> list[str]:
    """The rep visits the first store of the plan (the others stay pending), with the
    storefront photo only (the shelf and meeting photos missing: data credit deductions),
    every other rep without the core demand either; 李明's and 赵磊's cards ask a special
    price (one approval in each city for finance)."""
    rep = Frontend(target, tenant, rep_id, ["rep"])
    store = day.stores_of[rep_id][0]
    location = store.location
    visit_id = str(uuid.uuid4())
    photo = rep.upload_photo(storefront_jpeg((1280 + 8 * index, 960)), rep_id, visit_id)
    card = visit_card(rep_id, store.store_id, location.latitude, location.longitude,
                      [photo.photo_id], visit_id, due_in_days=_due_this_week(),
                      datum=t.DATUM_GCJ02)  # fmt: skip
    if index % 2:
        card.core_demand = ""
    if rep_id in PRICE_ASKERS:
        card.special_price_requested = True
        card.price_lines.append(
            v.PriceLine(sku="SKU-COLA-330", list_price_fen=4800, requested_price_fen=4200,
                        quantity=PRICE_ASKERS[rep_id])
        )  # fmt: skip
        if rep_id == "rep-liming":
            day.approval_visit = card.visit_id
        else:
            day.second_approval_visit = card.visit_id
    try:
        return [rep.submit_visit(card).visit_id]
    finally:
        rep.close()
