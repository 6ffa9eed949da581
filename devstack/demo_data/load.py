"""Load the generated distributor through the services' own paths (P5):

- people: UpsertPerson through the gateway (org.person.upserted reaches every service);
- stores: ImportStores sheets (the store master's bulk path), leads: ImportLeads sheets;
- visits, their commitments and later closures, past plan days and ratings:
  ImportVisitHistory (admin), up to 500 cards a call, a rep's days in order, several reps'
  calls at once; each call is one transaction and one visit.history_imported (ADR 035);
- a few real photos: UploadPhoto (the cards named them; media links them on arrival);
- ERP orders: RecordOrders, the ERP back-fill call, 500 a call.

History carries its own times (each card's receipt, each closure's closed_at), so no clock
moves: the platform runs on the real clock.
"""

from __future__ import annotations

import csv
import io
import sys
import time as clock
import uuid
import zlib
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import TypeVar

import grpc

from devstack import photo_samples
from devstack.demo_data import generate as g
from devstack.frontend import Frontend, import_sheet, store_sheet
from sales.assignment.v1 import assignment_pb2 as a
from sales.common.v1 import org_pb2
from sales.common.v1 import types_pb2 as t
from sales.events.v1 import erp_events_pb2 as erp
from sales.scoring.v1 import orders_pb2 as o
from sales.visits.v1 import cards_pb2 as v
from sales.visits.v1 import commitments_pb2 as vc
from sales.visits.v1 import history_pb2 as vh
from services.common.clock import SHANGHAI

T = TypeVar("T")
HISTORY_CARDS = 500  # ImportVisitHistory's limit a call
ORDERS_A_CALL = 500  # RecordOrders' limit a call
ROLES = {"director": t.ROLE_DIRECTOR, "supervisor": t.ROLE_SUPERVISOR, "rep": t.ROLE_REP}
TYPES = {
    "KA": t.CUSTOMER_TYPE_KA,
    "BC类": t.CUSTOMER_TYPE_BC,
    "便利店": t.CUSTOMER_TYPE_CONVENIENCE,
}
SHEET_ROWS = 2000
SLOTS = (v.PHOTO_SLOT_STOREFRONT, v.PHOTO_SLOT_SHELF, v.PHOTO_SLOT_MEETING)


@dataclass
class Loaded:
    """What the load resolved (visits' store ids, assignment's lead ids) and took."""

    store_ids: dict[str, str] = field(default_factory=dict)  # external id -> store id
    lead_ids: dict[str, str] = field(default_factory=dict)  # lead external id -> lead id
    seconds: dict[str, float] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    refused: list[str] = field(default_factory=list)


class Progress:
    """One Chinese line, rewritten in place."""

    def __init__(self, label: str, total: int, quiet: bool = False) -> None:
        self.label, self.total, self.done, self.quiet = label, total, 0, quiet
        self.started = clock.monotonic()

    def step(self, n: int = 1, extra: str = "") -> None:
        self.done += n
        if self.quiet:
            return
        took = clock.monotonic() - self.started
        rate = self.done / took if took > 0 else 0.0
        left = (self.total - self.done) / rate if rate > 0 else 0.0
        sys.stdout.write(
            f"\r  【{self.label}】{self.done:,}/{self.total:,} · {rate:,.1f} 条/秒 · "
            f"已用 {took:,.0f} 秒 · 预计剩余 {left:,.0f} 秒 {extra}   "
        )
        sys.stdout.flush()

    def close(self) -> float:
        took = clock.monotonic() - self.started
        if not self.quiet:
            sys.stdout.write("\n")
        return took


def load(
    data: g.Distributor, gateway: str, tenant: str, amqp_uri: str = "",
    workers: int = 4, quiet: bool = False, max_orders: int | None = None,
    known_people: frozenset[str] = frozenset(),
) -> Loaded:  # fmt: skip
    """Every step through the gateway, in the order a real roll-out goes (`amqp_uri` is
    kept for callers that pass it; orders now go through RecordOrders). `max_orders`: only
    the first so many orders (a benchmark that projects the rest from their rate);
    `known_people`: already in the directory, left as they are."""
    data = photo_ids_of_tenant(data, tenant)
    admin = Frontend(gateway, tenant, "admin", ["admin"])
    loaded = Loaded()
    steps: list[tuple[str, Callable[[], None]]] = [
        ("people", lambda: _people(admin, data, known_people, quiet)),
        ("stores", lambda: _stores(admin, data, loaded, quiet)),
        ("leads", lambda: _leads(admin, data, loaded, quiet)),
        ("visits", lambda: _history(admin, data, loaded, workers, quiet)),
    ]
    try:
        for name, step in steps:
            started = clock.monotonic()
            step()
            loaded.seconds[name] = round(clock.monotonic() - started, 2)
        _photos_beside_orders(admin, data, loaded, workers, quiet, max_orders)
    finally:
        admin.close()
    return loaded


def _photos_beside_orders(
    admin: Frontend, data: g.Distributor, loaded: Loaded, workers: int, quiet: bool,
    max_orders: int | None,
) -> None:  # fmt: skip
    """The photos need their cards, the orders their stores; neither needs the other. A
    photo is media's CPU (watermark, hashes), an order the database's: side by side they
    take the longer of the two (two photos took 9 s of make run's history on their own).
    The photos report one line at the end, not a progress line under the orders'."""

    def timed(name: str, step: Callable[[], None]) -> None:
        started = clock.monotonic()
        step()
        loaded.seconds[name] = round(clock.monotonic() - started, 2)

    with ThreadPoolExecutor(1) as beside:
        photos = beside.submit(timed, "photos", lambda: _photos(admin, data, quiet=True))
        timed("orders", lambda: _orders(admin, data.orders[:max_orders], loaded, workers, quiet))
        photos.result()
    if not quiet:
        print(
            f"  【照片】{len(data.photos)} 张,用时 {loaded.seconds['photos']:.0f} 秒(与订单同时上传)"
        )


def photo_ids_of_tenant(data: g.Distributor, tenant: str) -> g.Distributor:
    """media keeps a photo by its id alone (a phone's UUID is unique everywhere), but the
    generator's ids repeat with its seed: a second `make run` into a new tenant was refused
    (ALREADY_EXISTS, another tenant's photo). Each id becomes the tenant's own, the same on
    every load into that tenant, so a reload is still idempotent."""
    space = uuid.uuid5(uuid.NAMESPACE_URL, f"sales-demo-photos:{tenant}")

    def own(photo_id: str) -> str:
        return str(uuid.uuid5(space, photo_id))

    visits = [replace(v, photo_ids=tuple(map(own, v.photo_ids))) for v in data.visits]
    photos = [replace(p, photo_id=own(p.photo_id)) for p in data.photos]
    return replace(data, visits=visits, photos=photos)


def _person(p: g.Person) -> org_pb2.Person:
    return org_pb2.Person(
        person_id=p.person_id, name=p.name, roles=[ROLES[p.role]], supervisor_id=p.supervisor_id,
        region_codes=list(p.region_codes), customer_types=[TYPES[x] for x in p.customer_types],
        capacity=20 if p.role == "rep" else 0, status=t.PERSON_STATUS_ACTIVE,
        wecom_userid=f"wx-{p.person_id}", dingtalk_userid=f"ding-{p.person_id}",
        preferred_channel=t.NOTIFY_CHANNEL_WECOM,
    )  # fmt: skip


def _people(admin: Frontend, data: g.Distributor, known: frozenset[str], quiet: bool) -> None:
    order = {"director": 0, "supervisor": 1, "rep": 2}  # supervisors before their reps
    new = [p for p in data.people if p.person_id not in known]
    people = sorted(new, key=lambda p: order[p.role])
    progress = Progress("人员", len(people), quiet)
    for p in people:
        admin.upsert_person(_person(p))
        progress.step()
    progress.close()


def _store_row(s: g.Store) -> dict[str, str]:
    return {"外部编号": s.external_id, "门店名称": s.name, "地址": s.address,
            "纬度": f"{s.latitude:.6f}", "经度": f"{s.longitude:.6f}", "坐标系": "GCJ-02",
            "区域编码": s.region_code, "客户类型": s.customer_type, "负责业务员": s.owner_rep_id,
            "联系人": s.contact, "联系电话": s.phone, "建档日期": s.registered.isoformat()}  # fmt: skip


def _stores(admin: Frontend, data: g.Distributor, loaded: Loaded, quiet: bool) -> None:
    progress = Progress("门店", len(data.stores), quiet)
    for i in range(0, len(data.stores), SHEET_ROWS):
        chunk = data.stores[i : i + SHEET_ROWS]
        for attempt in range(5):  # a rep the directory event has not reached yet: again
            name = f"stores-{i // SHEET_ROWS + 1}-{attempt}.csv"
            failed = _import_stores(admin, chunk, name, loaded)
            if not failed:
                break
            clock.sleep(2.0)
            chunk = [s for s in chunk if s.external_id in failed]
        loaded.refused += [f"门店 {key}:{why}" for key, why in failed.items()]
        progress.step(min(SHEET_ROWS, len(data.stores) - i))
    loaded.counts["stores"] = len(loaded.store_ids)
    progress.close()


def _import_stores(admin: Frontend, chunk: list[g.Store], name: str, loaded: Loaded) -> dict:
    """One sheet; -> the rows refused, with why."""
    sheet = store_sheet([_store_row(s) for s in chunk])
    report = import_sheet(admin, "ImportStores", name, sheet, 900)
    failed = {}
    for row in report.rows:
        if row.id:
            loaded.store_ids[row.key] = row.id
        elif row.status == "failed":
            failed[row.key] = "; ".join(e.message for e in row.errors)
    return failed


LEAD_ROWS = 500  # ImportLeads takes 1,000 a sheet, but the gateway waits 120 s: 1,000 took 109 s


def _lead_sheet(leads: list[g.Lead], stores: dict[str, g.Store], loaded: Loaded) -> bytes:
    header = ["外部编号", "渠道", "客户类型", "区域编码", "紧急程度", "客户名称", "联系人", "联系电话",
              "地址", "纬度", "经度", "坐标系", "门店编号"]  # fmt: skip
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for lead in leads:
        s = stores[lead.store_external_id]
        writer.writerow([lead.external_id, lead.channel, s.customer_type, s.region_code, lead.urgency,
                         s.name, s.contact, s.phone, s.address, f"{s.latitude:.6f}", f"{s.longitude:.6f}",
                         "GCJ-02", loaded.store_ids.get(s.external_id, "")])  # fmt: skip
    return buffer.getvalue().encode()


def _leads(admin: Frontend, data: g.Distributor, loaded: Loaded, quiet: bool) -> None:
    stores = {s.external_id: s for s in data.stores}
    progress = Progress("线索", len(data.leads), quiet)
    for start in range(0, len(data.leads), LEAD_ROWS):
        leads = data.leads[start : start + LEAD_ROWS]
        content = _lead_sheet(leads, stores, loaded)
        request = a.ImportLeadsRequest(
            filename=f"leads-{start // LEAD_ROWS + 1}.csv", content=content
        )
        report = admin.stub.ImportLeads(request, metadata=admin.metadata, timeout=600)
        for row in report.rows:
            if row.lead_id and 0 < row.row <= len(leads):
                loaded.lead_ids[leads[row.row - 1].external_id] = row.lead_id
        progress.step(len(leads))
    loaded.counts["leads"] = len(loaded.lead_ids)
    progress.close()


def _stamp(at: datetime, store: g.Store) -> v.GpsStamp:
    stamp = v.GpsStamp(location=t.GeoPoint(latitude=store.latitude, longitude=store.longitude,
                                            datum=t.DATUM_GCJ02, accuracy_m=15))  # fmt: skip
    stamp.at.FromDatetime(at)
    return stamp


def card(visit: g.Visit, store: g.Store, store_id: str, lead_id: str) -> v.SubmitVisitRequest:
    request = v.SubmitVisitRequest(
        visit_id=visit.visit_id, rep_id=visit.rep_id, store_id=store_id, lead_id=lead_id,
        check_in=_stamp(visit.check_in, store), check_out=_stamp(visit.check_out, store),
        core_demand=visit.core_demand,
        photos=[v.CardPhoto(photo_id=p, slot=SLOTS[i]) for i, p in enumerate(visit.photo_ids)],
    )  # fmt: skip
    c = visit.commitment
    if c is None:
        request.no_commitment = True
    else:
        request.commitments.append(v.CommitmentInput(commitment_id=c.commitment_id,
                                                     description=c.description, due_date=c.due_date.isoformat()))  # fmt: skip
    request.completed_at.FromDatetime(visit.completed_at)
    return request


def _closure(c: g.Commitment, received: datetime) -> vh.HistoricalClosure:
    status = vc.COMMITMENT_STATUS_DONE if c.done else vc.COMMITMENT_STATUS_CANCELLED
    closure = vh.HistoricalClosure(commitment_id=c.commitment_id, status=status,
                                   note="已完成并与店长确认" if c.done else "店长取消")  # fmt: skip
    assert c.closed_at is not None
    closure.closed_at.FromDatetime(max(c.closed_at, received))
    return closure


def historical_card(
    visit: g.Visit, store: g.Store, store_id: str, lead_id: str
) -> vh.HistoricalCard:
    item = vh.HistoricalCard(card=card(visit, store, store_id, lead_id))
    item.received_at.FromDatetime(visit.completed_at)
    c = visit.commitment
    if c is not None and c.closed_at is not None:
        item.closures.append(_closure(c, visit.completed_at))
    return item


def _rating(visit: g.Visit) -> vh.HistoricalRating:
    rating = vh.HistoricalRating(visit_id=visit.visit_id, stars=visit.stars,
                                 comment="服务不错" if visit.stars >= 4 else "")  # fmt: skip
    rating.rated_at.FromDatetime(visit.check_out + timedelta(minutes=10))
    return rating


def _plan_day(rep_id: str, day: date, visited: list[str], owned: list[str]) -> vh.HistoricalPlanDay:
    """The rep's plan of the day: the stores visited, and on about one day in five one more
    of the rep's stores that was planned and missed (plan completion is not always 100 %)."""
    missed = [s for s in owned if s not in visited]
    extra = (
        missed[zlib.crc32(f"{rep_id}{day}".encode()) % len(missed)]
        if missed and day.toordinal() % 5 == 0
        else None
    )
    stores = list(dict.fromkeys(visited)) + ([extra] if extra else [])
    return vh.HistoricalPlanDay(rep_id=rep_id, plan_date=day.isoformat(), store_ids=stores[:80])


def _rep_days(data: g.Distributor, loaded: Loaded) -> dict[str, dict[date, list[g.Visit]]]:
    days: dict[str, dict[date, list[g.Visit]]] = {}
    for visit in data.visits:
        if visit.store_external_id in loaded.store_ids:  # refused by the import: reported there
            day = visit.check_in.astimezone(SHANGHAI).date()
            days.setdefault(visit.rep_id, {}).setdefault(day, []).append(visit)
    return days


def _add_day(request, data_stores, loaded: Loaded, rep_id, day, visits, owned) -> None:
    for visit in visits:
        store_id = loaded.store_ids[visit.store_external_id]
        lead_id = loaded.lead_ids.get(visit.lead_external_id, "")
        request.cards.append(
            historical_card(visit, data_stores[visit.store_external_id], store_id, lead_id)
        )
        if visit.stars:
            request.ratings.append(_rating(visit))
    visited = [loaded.store_ids[x.store_external_id] for x in visits]
    request.plan_days.append(_plan_day(rep_id, day, visited, owned))


def history_calls(
    data: g.Distributor, loaded: Loaded, tenant: str
) -> dict[str, list[vh.ImportVisitHistoryRequest]]:
    """Per rep, the calls that carry the rep's days in order (a day never split)."""
    stores = {s.external_id: s for s in data.stores}
    owned: dict[str, list[str]] = {}
    for s in data.stores:
        if s.external_id in loaded.store_ids:
            owned.setdefault(s.owner_rep_id, []).append(loaded.store_ids[s.external_id])
    calls: dict[str, list[vh.ImportVisitHistoryRequest]] = {}
    for rep_id, by_day in _rep_days(data, loaded).items():
        mine = calls.setdefault(rep_id, [])
        for day in sorted(by_day):
            if not mine or len(mine[-1].cards) + len(by_day[day]) > HISTORY_CARDS:
                import_id = f"{tenant}:{rep_id}:{len(mine) + 1}"
                mine.append(vh.ImportVisitHistoryRequest(import_id=import_id))
            _add_day(mine[-1], stores, loaded, rep_id, day, by_day[day], owned.get(rep_id, []))
    numbered = [request for rep_calls in calls.values() for request in rep_calls]
    for n, request in enumerate(numbered, start=1):
        request.chunk, request.chunks = n, len(numbered)
    return calls


def _import_rep(
    admin: Frontend, calls: list[vh.ImportVisitHistoryRequest], progress: Progress, loaded: Loaded
) -> None:
    """One rep's calls in order (a rep's calls touch the same stores: never at once)."""
    for request in calls:
        answer = _idempotent(lambda r=request: admin.stub.ImportVisitHistory(
            r, metadata=admin.metadata, timeout=600))  # fmt: skip
        for key in ("visits", "commitments", "closures", "plan_days", "ratings"):
            loaded.counts[key] = loaded.counts.get(key, 0) + getattr(answer, key)
        progress.step(len(request.cards))


RETRIED = (grpc.StatusCode.INTERNAL, grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.ABORTED)


def _idempotent(send: Callable[[], T], attempts: int = 3) -> T:
    """A call that is idempotent by its own key (import id, order ids), sent again when the
    server failed it: a load should survive what a retry fixes."""
    for attempt in range(1, attempts + 1):
        try:
            return send()
        except grpc.RpcError as error:
            if error.code() not in RETRIED or attempt == attempts:
                raise
            clock.sleep(2.0 * attempt)
    raise AssertionError("unreachable")


def _history(
    admin: Frontend, data: g.Distributor, loaded: Loaded, workers: int, quiet: bool
) -> None:
    calls = history_calls(data, loaded, admin.tenant)
    progress = Progress(
        "历史拜访(含承诺、计划、评价)", sum(len(r.cards) for c in calls.values() for r in c), quiet
    )
    with ThreadPoolExecutor(workers) as pool:
        for done in pool.map(lambda c: _import_rep(admin, c, progress, loaded), calls.values()):
            assert done is None
    progress.close()


def _photos(admin: Frontend, data: g.Distributor, quiet: bool) -> None:
    """A few real storefront images on the cards that named them (the rest stay metadata:
    pending photos of an offline batch); repeats of an image are reused photos."""
    progress = Progress("照片", len(data.photos), quiet)
    rep_of = {x.visit_id: x.rep_id for x in data.visits[: len(data.photos) * 2]}
    images: dict[int, bytes] = {}
    for photo in data.photos:
        if photo.image not in images:
            images[photo.image] = photo_samples.photo_of_size(300_000, seed=photo.image)
        admin.upload_photo(
            images[photo.image], rep_of[photo.visit_id], photo.visit_id, photo.photo_id
        )
        progress.step()
    progress.close()


def order_event(order: g.Order) -> erp.ErpOrderRecorded:
    message = erp.ErpOrderRecorded(
        order_id=order.order_id, store_external_id=order.store_external_id,
        lines=[erp.OrderLine(sku=s, quantity=q, amount_fen=f) for s, q, f in order.lines],
        total_fen=order.total_fen, currency="CNY",
    )  # fmt: skip
    message.ordered_at.FromDatetime(order.ordered_at)
    return message


def _record(admin: Frontend, orders: list[g.Order], progress: Progress, loaded: Loaded) -> None:
    request = o.RecordOrdersRequest(orders=[order_event(x) for x in orders])
    answer = _idempotent(
        lambda: admin.stub.RecordOrders(request, metadata=admin.metadata, timeout=600)
    )
    for key in ("recorded", "pending_store", "already_recorded", "invalid"):
        loaded.counts[f"orders_{key}"] = loaded.counts.get(f"orders_{key}", 0) + getattr(
            answer, key
        )
    progress.step(len(orders))


def _orders(
    admin: Frontend, orders: list[g.Order], loaded: Loaded, workers: int, quiet: bool
) -> None:
    """As the ERP back-fills its books: RecordOrders, 500 orders a call."""
    progress = Progress("ERP 订单", len(orders), quiet)
    chunks = [orders[i : i + ORDERS_A_CALL] for i in range(0, len(orders), ORDERS_A_CALL)]
    with ThreadPoolExecutor(max(1, workers // 2)) as pool:
        for done in pool.map(lambda c: _record(admin, c, progress, loaded), chunks):
            assert done is None
    progress.close()


def wait_drained(
    amqp_uri: str, queues: list[str], timeout_s: float = 3600, quiet: bool = False
) -> float:
    """Until every queue is empty (the services have digested what was sent); seconds."""
    import pika

    started = clock.monotonic()
    connection = pika.BlockingConnection(pika.URLParameters(amqp_uri))
    try:
        while clock.monotonic() - started < timeout_s:
            waiting = {
                q: connection.channel().queue_declare(q, passive=True).method.message_count
                for q in queues
            }
            if not quiet:
                line = "、".join(f"{q} {n:,}" for q, n in waiting.items() if n)
                sys.stdout.write(f"\r  【事件消化】待处理:{line or '无'}          ")
                sys.stdout.flush()
            if not any(waiting.values()):
                break
            clock.sleep(1.0)
    finally:
        connection.close()
    if not quiet:
        sys.stdout.write("\n")
    return clock.monotonic() - started
