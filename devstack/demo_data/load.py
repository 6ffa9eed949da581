"""Load the generated distributor through the services' own paths (P5):

- people: UpsertPerson through the gateway (org.person.upserted reaches every service);
- stores: ImportStores sheets (the store master's bulk path), leads: ImportLeads sheets;
- visits and commitment closures: SyncOfflineBatch, one batch a rep-day, as the phone of
  a rep who was offline all day would send it (admin acting for the rep);
- ratings: IssueRatingCode + RateVisit (the store's QR code); a few real photos: UploadPhoto;
- ERP orders: `erp.order.recorded` envelopes published onto the `sales.events` exchange, as
  the partner does.

Back-dated cards: visits refuses a card older than 30 days (an offline phone holds cards
for days, not months) and counts a commitment's closure at the server's time. So when the
platform runs with SALES_CLOCK_OFFSET_FILE (load_demo starts it so), the loader moves the
platform's clock day by day through the 90 days (services/common/clock.py OffsetFileClock)
and sends each day's batches at 23:30 of that day: every card, closure, overdue reminder and
plan happens on its own day. Without an offset file only a slice of at most 29 days loads
(the small slice and the e2e's tiny one), and closures count as of today.
"""

from __future__ import annotations

import csv
import io
import sys
import time as clock
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from devstack import photo_samples
from devstack.demo_data import generate as g
from devstack.frontend import Frontend, call, import_sheet, rate_visit, store_sheet
from sales.assignment.v1 import assignment_pb2 as a
from sales.common.v1 import org_pb2
from sales.common.v1 import types_pb2 as t
from sales.events.v1 import erp_events_pb2 as erp
from sales.visits.v1 import batches_pb2 as vb
from sales.visits.v1 import cards_pb2 as v
from sales.visits.v1 import commitments_pb2 as vc
from sales.visits.v1 import ratings_pb2 as ra
from services.common import envelope as envelopes
from services.common.clock import SHANGHAI
from services.common.event_bus import EventPublisher

ROLES = {"director": t.ROLE_DIRECTOR, "supervisor": t.ROLE_SUPERVISOR, "rep": t.ROLE_REP}
TYPES = {
    "KA": t.CUSTOMER_TYPE_KA,
    "BC类": t.CUSTOMER_TYPE_BC,
    "便利店": t.CUSTOMER_TYPE_CONVENIENCE,
}
SHEET_ROWS = 2000
SLOTS = (v.PHOTO_SLOT_STOREFRONT, v.PHOTO_SLOT_SHELF, v.PHOTO_SLOT_MEETING)
OLDEST_WITHOUT_OFFSET = 29  # days: visits' OLDEST_CARD is 30


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


class ClockDriver:
    """Moves the platform's clock (SALES_CLOCK_OFFSET_FILE) to a given instant."""

    def __init__(self, path: str | None) -> None:
        self.path = Path(path) if path else None

    def at(self, instant: datetime) -> None:
        if self.path is None:
            return
        offset = (instant - datetime.now(UTC)).total_seconds()
        self.path.write_text(f"{offset:.3f}")

    def reset(self) -> None:
        if self.path is not None:
            self.path.write_text("0")


def load(
    data: g.Distributor, gateway: str, tenant: str, amqp_uri: str,
    clock_file: str | None = None, workers: int = 4, quiet: bool = False,
) -> Loaded:  # fmt: skip
    """Every step through the gateway or the exchange, in the order a real roll-out goes."""
    if clock_file is None and (date.today() - data.first_day).days > OLDEST_WITHOUT_OFFSET:
        raise ValueError("超过 29 天的演示数据需要平台以 SALES_CLOCK_OFFSET_FILE 运行(见 load.py)")
    admin = Frontend(gateway, tenant, "admin", ["admin"])
    loaded = Loaded()
    driver = ClockDriver(clock_file)
    steps: list[tuple[str, Callable[[], None]]] = [
        ("people", lambda: _people(admin, data, quiet)),
        ("stores", lambda: _stores(admin, data, loaded, quiet)),
        ("leads", lambda: _leads(admin, data, loaded, quiet)),
        ("visits", lambda: _visits(admin, gateway, data, loaded, driver, workers, quiet)),
        ("photos", lambda: _photos(admin, data, quiet)),
        ("orders", lambda: _orders(amqp_uri, tenant, data, loaded, quiet)),
    ]
    try:
        for name, step in steps:
            started = clock.monotonic()
            step()
            loaded.seconds[name] = round(clock.monotonic() - started, 2)
    finally:
        driver.reset()
        admin.close()
    return loaded


def _person(p: g.Person) -> org_pb2.Person:
    return org_pb2.Person(
        person_id=p.person_id, name=p.name, roles=[ROLES[p.role]], supervisor_id=p.supervisor_id,
        region_codes=list(p.region_codes), customer_types=[TYPES[x] for x in p.customer_types],
        capacity=20 if p.role == "rep" else 0, status=t.PERSON_STATUS_ACTIVE,
        wecom_userid=f"wx-{p.person_id}", dingtalk_userid=f"ding-{p.person_id}",
        preferred_channel=t.NOTIFY_CHANNEL_WECOM,
    )  # fmt: skip


def _people(admin: Frontend, data: g.Distributor, quiet: bool) -> None:
    order = {"director": 0, "supervisor": 1, "rep": 2}  # supervisors before their reps
    people = sorted(data.people, key=lambda p: order[p.role])
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


def _leads(admin: Frontend, data: g.Distributor, loaded: Loaded, quiet: bool) -> None:
    stores = {s.external_id: s for s in data.stores}
    header = ["外部编号", "渠道", "客户类型", "区域编码", "紧急程度", "客户名称", "联系人", "联系电话",
              "地址", "纬度", "经度", "坐标系", "门店编号"]  # fmt: skip
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for lead in data.leads:
        s = stores[lead.store_external_id]
        writer.writerow([lead.external_id, lead.channel, s.customer_type, s.region_code, lead.urgency,
                         s.name, s.contact, s.phone, s.address, f"{s.latitude:.6f}", f"{s.longitude:.6f}",
                         "GCJ-02", loaded.store_ids.get(s.external_id, "")])  # fmt: skip
    progress = Progress("线索", len(data.leads), quiet)
    request = a.ImportLeadsRequest(filename="leads.csv", content=buffer.getvalue().encode())
    report = call(admin, "ImportLeads", request)
    for row in report.rows:
        if row.lead_id and 0 < row.row <= len(data.leads):
            loaded.lead_ids[data.leads[row.row - 1].external_id] = row.lead_id
    loaded.counts["leads"] = len(loaded.lead_ids)
    progress.step(len(data.leads))
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


def closure(c: g.Commitment) -> vb.BatchItem:
    status = vc.COMMITMENT_STATUS_DONE if c.done else vc.COMMITMENT_STATUS_CANCELLED
    item = vb.CommitmentUpdateItem(request_id=str(uuid.uuid5(g.NAMESPACE, f"closure:{c.commitment_id}")),
                                   commitment_id=c.commitment_id, status=status, note="已完成并与店长确认")  # fmt: skip
    return vb.BatchItem(commitment_update=item)


def day_items(data: g.Distributor, loaded: Loaded) -> dict[date, dict[str, list[vb.BatchItem]]]:
    """Per Shanghai day, per rep: that day's cards, then the closures the rep made that day."""
    stores = {s.external_id: s for s in data.stores}
    days: dict[date, dict[str, list[vb.BatchItem]]] = {}
    closures: list[tuple[date, str, vb.BatchItem]] = []
    for visit in data.visits:
        store_id = loaded.store_ids.get(visit.store_external_id)
        if store_id is None:
            continue  # refused by the import: reported there
        day = visit.check_in.astimezone(SHANGHAI).date()
        lead_id = loaded.lead_ids.get(visit.lead_external_id, "")
        item = vb.BatchItem(card=card(visit, stores[visit.store_external_id], store_id, lead_id))
        days.setdefault(day, {}).setdefault(visit.rep_id, []).append(item)
        c = visit.commitment
        if c is not None and c.closed_at is not None:
            closures.append((c.closed_at.astimezone(SHANGHAI).date(), visit.rep_id, closure(c)))
    for day, rep_id, item in closures:
        days.setdefault(day, {}).setdefault(rep_id, []).append(item)
    return days


def _sync(admin: Frontend, rep_id: str, items: list[vb.BatchItem], loaded: Loaded) -> int:
    applied = 0
    for i in range(0, len(items), 200):
        request = vb.SyncBatchRequest(rep_id=rep_id, items=items[i : i + 200])
        answer = admin.stub.SyncOfflineBatch(request, metadata=admin.metadata, timeout=600)
        for result in answer.results:
            if result.outcome in (vb.ITEM_OUTCOME_APPLIED, vb.ITEM_OUTCOME_ALREADY_APPLIED):
                applied += 1
            else:
                loaded.refused.append(f"{rep_id} {result.client_id}:{result.message}")
    return applied


def _visits(admin, gateway, data, loaded: Loaded, driver: ClockDriver, workers, quiet) -> None:
    plan = day_items(data, loaded)
    rated = {x.visit_id: x.stars for x in data.visits if x.stars}
    total = sum(len(items) for reps in plan.values() for items in reps.values())
    progress = Progress("拜访与承诺", total, quiet)
    applied = ratings = 0
    with ThreadPoolExecutor(workers) as pool:
        for day in sorted(plan):
            driver.at(
                datetime.combine(day, datetime.min.time(), SHANGHAI)
                + timedelta(hours=23, minutes=30)
            )
            reps = plan[day]
            for done in pool.map(lambda kv: _sync(admin, kv[0], kv[1], loaded), reps.items()):
                applied += done
            today = [
                x.card.visit_id for items in reps.values() for x in items if x.HasField("card")
            ]
            ratings += sum(
                pool.map(
                    lambda vid: _rate(admin, gateway, vid, rated[vid]),
                    [x for x in today if x in rated],
                )
            )
            progress.step(sum(len(x) for x in reps.values()), f"· {day}")
    loaded.counts.update({"items_applied": applied, "ratings": ratings})
    progress.close()


def _rate(admin: Frontend, gateway: str, visit_id: str, stars: int) -> int:
    """As the store's phone does after scanning the rep's QR code (no account)."""
    code = call(admin, "IssueRatingCode", ra.IssueRatingCodeRequest(visit_id=visit_id))
    rate_visit(gateway, code.token, stars, "服务不错" if stars >= 4 else "")
    return 1


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


def _orders(amqp_uri: str, tenant: str, data: g.Distributor, loaded: Loaded, quiet: bool) -> None:
    """As the ERP does: one erp.order.recorded a booked order, onto the exchange."""
    publisher = EventPublisher(amqp_uri)
    progress = Progress("ERP 订单事件", len(data.orders), quiet)
    for order in data.orders:
        envelope = envelopes.new_envelope(
            "erp.order.recorded", order_event(order), tenant_id=tenant, producer="erp",
            occurred_at=order.ordered_at,
        )  # fmt: skip
        publisher.publish(envelope.id, envelope.type, envelopes.to_json(envelope), tenant)
        progress.step(extra="")
    loaded.counts["orders_published"] = len(data.orders)
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
