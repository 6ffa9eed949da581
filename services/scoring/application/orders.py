"""Use cases of ERP orders and of the facts they are linked to (SPEC S6).

Every step is idempotent: an order by its id, a visit by its id, a store by its version, so
redelivered events and re-run back-fills change nothing. Whatever arrives first, the links
end up the same (domain/orders.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from services.common.errors import InvalidArgument, Violations
from services.common.unit_of_work import Transaction, UnitOfWork
from services.scoring.application.orders_ports import OrdersRepository
from services.scoring.domain import orders as domain
from services.scoring.domain import revenue_days
from services.scoring.domain.orders import Order, StoreFacts, VisitFact

Uow = UnitOfWork[OrdersRepository]
Tx = Transaction[OrdersRepository]


class Recorded(StrEnum):
    LINKED = "recorded"
    PENDING = "pending_store"
    DUPLICATE = "already_recorded"
    INVALID = "invalid"


OUTCOME_ZH = {
    Recorded.LINKED: "已记录并归因到门店、业务员与拜访",
    Recorded.PENDING: "已记录;门店尚未同步,门店到达后自动归因",
    Recorded.DUPLICATE: "该订单编号已记录过,未重复计入",
    Recorded.INVALID: "订单无效,未记录",
}


def window_days(repo: OrdersRepository, tenant_id: str) -> int:
    return repo.window_days(tenant_id) or domain.DEFAULT_WINDOW_DAYS


def record_event(uow: Uow, order: Order, event_id: str) -> Recorded | None:
    """erp.order.recorded: None when the event itself was consumed before. An invalid
    order is a broken partner message: the caller dead-letters it (ValueError)."""
    problems = domain.check_order(order)
    if problems.items:
        raise InvalidArgument.of(problems.items)
    # The back-fill's steps with one order: its _id-keyed reads are the fast plan (ADR 037).
    return uow.run_consuming(event_id, lambda tx: _record_many(tx, order.tenant_id, [order])[0])


@dataclass(frozen=True)
class RowResult:
    index: int
    order_id: str
    outcome: Recorded
    message: str
    fields: tuple[str, ...] = ()


def record_batch(uow: Uow, tenant_id: str, rows: list[tuple[Order, Violations]]) -> list[RowResult]:
    """A back-fill, vectorised (ADR 037): every row checked and reported; the valid ones
    recorded together in one transaction (one read a kind for what they link to, one
    insert), so a call is never half-written; a known order id is a duplicate."""
    if len(rows) > domain.MAX_BATCH:
        raise InvalidArgument.of_field("orders", f"每批最多 {domain.MAX_BATCH} 条订单")
    results: dict[int, RowResult] = {}
    valid: list[tuple[int, Order]] = []
    for index, (order, problems) in enumerate(rows):
        problems.items.extend(domain.check_order(order).items)
        if problems.items:
            results[index] = _invalid(index, order, problems)
        else:
            valid.append((index, order))
    if valid:
        outcomes = uow.run(lambda tx: _record_many(tx, tenant_id, [o for _, o in valid]))
        for (index, order), outcome in zip(valid, outcomes, strict=True):
            results[index] = RowResult(index, order.order_id, outcome, OUTCOME_ZH[outcome])
    return [results[i] for i in range(len(rows))]


def _invalid(index: int, order: Order, problems: Violations) -> RowResult:
    fields = tuple(dict.fromkeys(p.field for p in problems.items))
    detail = ";".join(f"{p.field}:{p.description}" for p in problems.items[:5])
    message = f"{OUTCOME_ZH[Recorded.INVALID]}:{detail}"
    return RowResult(index, order.order_id, Recorded.INVALID, message, fields)


def _record_many(tx: Tx, tenant_id: str, batch: list[Order]) -> list[Recorded]:
    """Steps: the known ids; the stores by ERP id; the visits of those stores within the
    window; link each order in memory; insert the new ones at once."""
    repo = tx.repo
    known = repo.known_orders(tenant_id, [o.order_id for o in batch])
    stores = repo.stores_by_external_ids(tenant_id, [o.store_external_id for o in batch])
    days = window_days(repo, tenant_id)
    visits = _visits_near(repo, tenant_id, batch, stores, days)
    outcomes, new = [], {}
    for order in batch:
        if order.order_id in known or order.order_id in new:
            outcomes.append(Recorded.DUPLICATE)
            continue
        store = stores.get(order.store_external_id)
        since = domain.window_start(order.ordered_at, days)
        visit = (
            domain.last_visit(visits.get(store.store_id, []), since, order.ordered_at)
            if store
            else None
        )
        new[order.order_id] = domain.link(order, store, visit)
        outcomes.append(Recorded.PENDING if store is None else Recorded.LINKED)
    repo.insert_orders(list(new.values()))
    _count(repo, list(new.values()))
    return outcomes


def _count(repo: OrdersRepository, changed: list[Order]) -> None:
    """Every write of linked orders puts their entries in the store-days in the same
    transaction (ADR 044): a pending order has none until its store links it."""
    found = revenue_days.placements(changed)
    if found:
        repo.put_revenue(found)


def _visits_near(repo, tenant_id: str, batch: list[Order], stores: dict[str, StoreFacts],
                 days: int) -> dict[str, list[VisitFact]]:  # fmt: skip
    linked = [o for o in batch if o.store_external_id in stores]
    if not linked:
        return {}
    since = domain.window_start(min(o.ordered_at for o in linked), days)
    until = max(o.ordered_at for o in linked)
    store_ids = sorted({stores[o.store_external_id].store_id for o in linked})
    found: dict[str, list[VisitFact]] = {}
    for visit in repo.visits_of_stores(tenant_id, store_ids, since, until):
        found.setdefault(visit.store_id, []).append(visit)
    return found


def store_seen(uow: Uow, store: StoreFacts, event_id: str) -> bool | None:
    """store.registered / store.updated: keep the newest version; link the orders that
    waited for this store. The chunk's steps with one store. -> False if it was older."""
    return uow.run_consuming(event_id, lambda tx: _see_stores(tx, store.tenant_id, [store]) > 0)


def stores_seen(uow: Uow, tenant_id: str, stores: list[StoreFacts], event_id: str) -> int | None:
    """store.imported: store_seen for a chunk of an import in one transaction (ADR 042).
    -> how many of the stores were newer than what was kept."""
    return uow.run_consuming(event_id, lambda tx: _see_stores(tx, tenant_id, stores))


def _see_stores(tx: Tx, tenant_id: str, stores: list[StoreFacts]) -> int:
    """Steps: the stores already kept (one `_id` read); the newer ones written at once; the
    orders waiting for them (one read), linked in memory and rewritten at once."""
    repo = tx.repo
    known = repo.stores(tenant_id, [s.store_id for s in stores])
    newer = domain.newest_stores(stores, known)
    if not newer:
        return 0
    repo.save_stores(newer, set(known))
    linked = _linked_pending(repo, tenant_id, {s.external_id: s for s in newer})
    repo.save_orders(linked)
    _count(repo, linked)
    return len(newer)


def _linked_pending(repo, tenant_id: str, stores: dict[str, StoreFacts]) -> list[Order]:
    waiting = repo.pending_orders_of(tenant_id, list(stores))
    if not waiting:
        return []
    days = window_days(repo, tenant_id)
    visits = _visits_near(repo, tenant_id, waiting, stores, days)
    linked = []
    for order in waiting:
        store = stores[order.store_external_id]
        since = domain.window_start(order.ordered_at, days)
        visit = domain.last_visit(visits.get(store.store_id, []), since, order.ordered_at)
        linked.append(domain.link(order, store, visit))
    return linked


def visit_seen(uow: Uow, visit: VisitFact, event_id: str) -> int | None:
    """visit.submitted: remember it; orders it precedes within the window (that arrived
    before it, e.g. from an offline phone) are re-linked to it. -> orders re-linked."""
    return visits_seen(uow, visit.tenant_id, [visit], event_id)


def visits_seen(uow: Uow, tenant_id: str, visits: list[VisitFact], event_id: str) -> int | None:
    """visit.history_imported: visit_seen for a chunk's visits in one transaction: the
    new ones stored at once, and each order of their stores within the window re-linked to
    the latest of them that takes it over (the same link as one visit at a time)."""

    return uow.run_consuming(event_id, lambda tx: _see_visits(tx, tenant_id, visits))


def _see_visits(tx: Tx, tenant_id: str, visits: list[VisitFact]) -> int:
    """Steps: the new visits (the first sighting of an id wins); store them; the orders of
    their stores from the earliest visit to the window after the latest; re-link."""
    repo = tx.repo
    unique = list({v.visit_id: v for v in reversed(visits)}.values())[::-1]
    known = repo.known_visits(tenant_id, [v.visit_id for v in unique])
    new = [v for v in unique if v.visit_id not in known]
    if not new:
        return 0
    repo.insert_visits(new)
    days = window_days(repo, tenant_id)
    by_store: dict[str, list[VisitFact]] = {}
    for v in new:
        by_store.setdefault(v.store_id, []).append(v)
    changed = _relinked(repo, tenant_id, by_store, days)
    repo.save_orders(changed)
    _count(repo, changed)
    return len(changed)


def _relinked(repo, tenant_id: str, by_store: dict[str, list[VisitFact]], days: int) -> list:
    stores = repo.stores(tenant_id, list(by_store))
    seen = [v for vs in by_store.values() for v in vs]
    since, until = min(v.at for v in seen), max(v.at for v in seen) + timedelta(days=days)
    changed = []
    for order in repo.orders_of_stores(tenant_id, sorted(by_store), since, until):
        moved = _take_over(order, by_store[order.store_id], days, stores.get(order.store_id))
        if moved is not order:
            changed.append(moved)
    return changed


def _take_over(order: Order, visits: list[VisitFact], days: int, store) -> Order:
    for visit in visits:
        if domain.takes_over(order, visit, days):
            order = domain.with_visit(order, visit, store)
    return order


def get_window(uow: Uow, tenant_id: str) -> int:
    return window_days(uow.repository(), tenant_id)


def set_window(uow: Uow, tenant_id: str, days: int) -> int:
    """Applies to orders linked from now on; already linked orders keep their visit."""
    domain.check_window(days).raise_if_any()
    uow.run(lambda tx: tx.repo.save_window_days(tenant_id, days))
    return days


EARLIEST, LATEST = datetime(2000, 1, 1, tzinfo=UTC), datetime(2100, 1, 1, tzinfo=UTC)


def recount_revenue(
    uow: Uow, tenant_id: str, done: Callable[[str, int], None] | None = None
) -> int:
    """The operator's recount (ADR 044): every linked order's entry put in its store-day
    again, one transaction a county, for a database written before the store-days existed.
    Safe to repeat and while orders arrive: an entry is replaced by the same entry, and an
    order re-linked meanwhile writes its group too, so one of the two transactions retries
    on the newer state. -> orders counted."""
    total = 0
    for code in uow.repository().county_codes(tenant_id):
        orders = uow.run(lambda tx, c=code: _recount(tx.repo, tenant_id, c))
        total += orders
        if done:
            done(code, orders)
    return total


def _recount(repo: OrdersRepository, tenant_id: str, county: str) -> int:
    found = [
        o
        for o in repo.region_orders(tenant_id, county, EARLIEST, LATEST)
        if o.region_code == county
    ]
    _count(repo, found)
    return len(found)
