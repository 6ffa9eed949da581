"""ERP orders and what scoring knows of stores and visits, and how an order is linked to
them (SPEC S6): the store by its ERP id, the store's owner rep, the last visit to the store
within the tenant's window before the order, and the lead the store came from.

Pure: no I/O. The link of an order depends only on the facts, never on the order in which
they arrived: a store that arrives after its orders links them then, and a visit that
arrives late (an offline batch) takes over the orders it precedes.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from services.common.errors import Violations

MAX_ID = 64
MAX_LINES = 200
MAX_QUANTITY = 10_000_000
MAX_AMOUNT_FEN = 100_000_000_000  # 10 亿元 an order: anything larger is a broken export
MAX_BATCH = 1000
DEFAULT_WINDOW_DAYS = 14
MAX_WINDOW_DAYS = 180
CURRENCY = "CNY"


@dataclass(frozen=True)
class OrderLine:
    sku: str
    quantity: int
    amount_fen: int


@dataclass(frozen=True)
class StoreFacts:
    """A store as visits' store.registered / store.updated describe it."""

    tenant_id: str
    store_id: str
    external_id: str
    name: str = ""
    region_code: str = ""
    owner_rep_id: str = ""
    lead_id: str = ""
    version: int = 0


@dataclass(frozen=True)
class VisitFact:
    """A submitted visit: who, which store, when it ended (check-out)."""

    tenant_id: str
    visit_id: str
    store_id: str
    rep_id: str
    at: datetime
    lead_id: str = ""


@dataclass(frozen=True)
class Order:
    tenant_id: str
    order_id: str
    store_external_id: str
    ordered_at: datetime
    total_fen: int
    lines: tuple[OrderLine, ...] = ()
    source: str = "event"  # event | backfill
    # The link; empty while the store is unknown (status "pending").
    store_id: str = ""
    region_code: str = ""
    rep_id: str = ""
    lead_id: str = ""
    visit_id: str = ""
    visit_rep_id: str = ""
    visit_at: datetime | None = None

    @property
    def pending(self) -> bool:
        return not self.store_id


def check_order(order: Order) -> Violations:
    """The inbound contract's rules: every problem at once, fields named as in the proto."""
    v = Violations()
    v.check(bool(order.order_id.strip()), "order_id", "必须填写订单编号")
    v.max_len("order_id", order.order_id, MAX_ID)
    v.check(bool(order.store_external_id.strip()), "store_external_id", "必须填写门店外部编号")
    v.max_len("store_external_id", order.store_external_id, MAX_ID)
    v.check(order.ordered_at is not None, "ordered_at", "必须填写下单时间")
    v.check(bool(order.lines), "lines", "订单至少要有一行商品")
    v.max_items("lines", order.lines, MAX_LINES)
    for i, line in enumerate(order.lines[:MAX_LINES]):
        v.check(bool(line.sku.strip()), f"lines[{i}].sku", "必须填写商品编码")
        v.max_len(f"lines[{i}].sku", line.sku, MAX_ID)
        v.check(0 < line.quantity <= MAX_QUANTITY, f"lines[{i}].quantity", "数量必须是正数")
        v.check(0 <= line.amount_fen <= MAX_AMOUNT_FEN, f"lines[{i}].amount_fen", "金额不能为负数")
    total = sum(line.amount_fen for line in order.lines)
    v.check(
        order.total_fen == total,
        "total_fen",
        f"订单总额 {order.total_fen} 分与各行之和 {total} 分不符",
    )
    return v


def check_currency(v: Violations, currency: str) -> None:
    v.check(currency in ("", CURRENCY), "currency", f"只接受人民币(CNY),收到 {currency[:10]}")


def link(order: Order, store: StoreFacts | None, visit: VisitFact | None) -> Order:
    """The order tied to its store, the owner rep, the visit (already chosen within the
    window) and the store's lead; unchanged (pending) without a store."""
    if store is None:
        return order
    return replace(
        order,
        store_id=store.store_id,
        region_code=store.region_code,
        rep_id=store.owner_rep_id,
        lead_id=store.lead_id or (visit.lead_id if visit else ""),
        visit_id=visit.visit_id if visit else "",
        visit_rep_id=visit.rep_id if visit else "",
        visit_at=visit.at if visit else None,
    )


def last_visit(visits: list[VisitFact], since: datetime, until: datetime) -> VisitFact | None:
    """The latest of a store's visits with since <= at <= until (ties: the highest id)."""
    within = [v for v in visits if since <= v.at <= until]
    return max(within, key=lambda v: (v.at, v.visit_id), default=None)


def window_start(ordered_at: datetime, window_days: int) -> datetime:
    return ordered_at - timedelta(days=window_days)


def takes_over(order: Order, visit: VisitFact, window_days: int) -> bool:
    """A newly known visit replaces an order's link when it is later than the linked one
    and still within the window before the order (ties broken by visit id, so the choice
    does not depend on arrival order)."""
    if order.pending or visit.store_id != order.store_id:
        return False
    if not window_start(order.ordered_at, window_days) <= visit.at <= order.ordered_at:
        return False
    if order.visit_at is None:
        return True
    return (visit.at, visit.visit_id) > (order.visit_at, order.visit_id)


def with_visit(order: Order, visit: VisitFact, store: StoreFacts | None) -> Order:
    lead = order.lead_id or (store.lead_id if store else "") or visit.lead_id
    return replace(
        order, visit_id=visit.visit_id, visit_rep_id=visit.rep_id, visit_at=visit.at, lead_id=lead
    )


def newer_store(known: StoreFacts | None, incoming: StoreFacts) -> bool:
    """Keep the highest version (events may arrive out of order)."""
    return known is None or incoming.version >= known.version


def newest_stores(incoming: list[StoreFacts], known: dict[str, StoreFacts]) -> list[StoreFacts]:
    """Of a chunk of stores, those to keep over what is `known` (by store id): the highest
    version of each, unless the stored one is newer still (newer_store, one at a time)."""
    latest: dict[str, StoreFacts] = {}
    for store in incoming:
        if newer_store(latest.get(store.store_id), store):
            latest[store.store_id] = store
    return [s for s in latest.values() if newer_store(known.get(s.store_id), s)]


def check_window(window_days: int) -> Violations:
    v = Violations()
    v.check(
        1 <= window_days <= MAX_WINDOW_DAYS,
        "window_days",
        f"归因窗口必须在 1 到 {MAX_WINDOW_DAYS} 天之间",
    )
    return v
