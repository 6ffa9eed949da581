"""In-memory fakes of scoring's orders capability (the OrdersRepository port)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from services.scoring.domain import revenue_days
from services.scoring.domain.orders import Order, StoreFacts, VisitFact
from services.scoring.domain.revenue_days import GroupKey, Placement, RepCountyDay
from tests.fakes.kernel import FakeState, FakeUnitOfWork


class FakeOrdersRepository(FakeState):
    def __init__(self) -> None:
        self.store_facts: dict[tuple[str, str], StoreFacts] = {}
        self.visit_facts: dict[tuple[str, str], VisitFact] = {}
        self.orders: dict[tuple[str, str], Order] = {}
        self.windows: dict[str, int] = {}
        self.revenue: dict[GroupKey, RepCountyDay] = {}

    def store(self, tenant_id: str, store_id: str) -> StoreFacts | None:
        return self.store_facts.get((tenant_id, store_id))

    def store_by_external_id(self, tenant_id: str, external_id: str) -> StoreFacts | None:
        return next(
            (s for s in self.store_facts.values()
             if s.tenant_id == tenant_id and s.external_id == external_id),
            None,
        )  # fmt: skip

    def stores(self, tenant_id: str, store_ids: list[str]) -> dict[str, StoreFacts]:
        return {
            s: self.store_facts[(tenant_id, s)]
            for s in store_ids
            if (tenant_id, s) in self.store_facts
        }

    def save_stores(self, stores: list[StoreFacts], known: set[str]) -> None:
        for store in stores:
            stored = (store.tenant_id, store.store_id) in self.store_facts
            # The real adapter inserts what is not known: an insert over a stored one fails.
            assert stored == (store.store_id in known), f"{store.store_id}: known is wrong"
            self.store_facts[(store.tenant_id, store.store_id)] = store

    def add_visit(self, visit: VisitFact) -> bool:
        key = (visit.tenant_id, visit.visit_id)
        if key in self.visit_facts:
            return False
        self.visit_facts[key] = visit
        return True

    def last_visit(
        self, tenant_id: str, store_id: str, since: datetime, until: datetime
    ) -> VisitFact | None:
        found = [
            v for v in self.visit_facts.values()
            if v.tenant_id == tenant_id and v.store_id == store_id and since <= v.at <= until
        ]  # fmt: skip
        return max(found, key=lambda v: (v.at, v.visit_id), default=None)

    def add_order(self, order: Order) -> bool:
        key = (order.tenant_id, order.order_id)
        if key in self.orders:
            return False
        self.orders[key] = order
        return True

    def save_order(self, order: Order) -> None:
        self.orders[(order.tenant_id, order.order_id)] = replace(order)

    def pending_orders_of(self, tenant_id: str, external_ids: list[str]) -> list[Order]:
        return [
            o for o in self.orders.values()
            if o.tenant_id == tenant_id and o.pending and o.store_external_id in external_ids
        ]  # fmt: skip

    def store_orders(
        self, tenant_id: str, store_id: str, since: datetime, until: datetime
    ) -> list[Order]:
        return [
            o for o in self.orders.values()
            if o.tenant_id == tenant_id and o.store_id == store_id and since <= o.ordered_at <= until
        ]  # fmt: skip

    def region_orders(
        self, tenant_id: str, prefix: str, since: datetime, until: datetime,
        rep_ids: list[str] | None = None,
    ) -> list[Order]:  # fmt: skip
        return [
            o for o in self.orders.values()
            if o.tenant_id == tenant_id and not o.pending and o.region_code.startswith(prefix)
            and since <= o.ordered_at < until and (rep_ids is None or o.rep_id in rep_ids)
        ]  # fmt: skip

    def order_history(
        self, tenant_id: str, prefix: str, until: datetime
    ) -> list[tuple[str, datetime, int]]:
        return [
            (o.store_id, o.ordered_at, o.total_fen) for o in self.orders.values()
            if o.tenant_id == tenant_id and not o.pending and o.region_code.startswith(prefix)
            and o.ordered_at < until
        ]  # fmt: skip

    def known_orders(self, tenant_id: str, order_ids: list[str]) -> set[str]:
        return {o for o in order_ids if (tenant_id, o) in self.orders}

    def known_visits(self, tenant_id: str, visit_ids: list[str]) -> set[str]:
        return {v for v in visit_ids if (tenant_id, v) in self.visit_facts}

    def stores_by_external_ids(self, tenant_id: str, external_ids: list[str]) -> dict:
        found = (self.store_by_external_id(tenant_id, e) for e in set(external_ids))
        return {s.external_id: s for s in found if s is not None}

    def visits_of_stores(self, tenant_id, store_ids, since, until) -> list[VisitFact]:
        return [
            v for v in self.visit_facts.values()
            if v.tenant_id == tenant_id and v.store_id in store_ids and since <= v.at <= until
        ]  # fmt: skip

    def orders_of_stores(self, tenant_id, store_ids, since, until) -> list[Order]:
        return [o for s in store_ids for o in self.store_orders(tenant_id, s, since, until)]

    def insert_orders(self, orders: list[Order]) -> None:
        for o in orders:
            assert self.add_order(o), f"order {o.order_id} was stored already"

    def insert_visits(self, visits: list[VisitFact]) -> None:
        for v in visits:
            assert self.add_visit(v), f"visit {v.visit_id} was stored already"

    def save_orders(self, orders: list[Order]) -> None:
        for o in orders:
            assert (o.tenant_id, o.order_id) in self.orders, f"order {o.order_id} is not stored"
            self.save_order(o)

    def put_revenue(self, placements: list[Placement]) -> None:
        revenue_days.count(self.revenue, placements)

    def revenue_days(
        self, tenant_id: str, prefix: str, first_day: date, last_day: date
    ) -> list[RepCountyDay]:
        return [
            replace(g, stores={s: dict(e) for s, e in g.stores.items()})
            for k, g in sorted(self.revenue.items(), key=lambda kv: repr(kv[0]))
            if k.tenant_id == tenant_id and k.county and k.county.startswith(prefix)
            and first_day <= k.day <= last_day
        ]  # fmt: skip

    def tenants_with_stores(self) -> list[str]:
        return sorted({s.tenant_id for s in self.store_facts.values()})

    def county_codes(self, tenant_id: str) -> list[str]:
        return sorted({s.region_code for s in self.store_facts.values()
                       if s.tenant_id == tenant_id and s.region_code})  # fmt: skip

    def window_days(self, tenant_id: str) -> int | None:
        return self.windows.get(tenant_id)

    def save_window_days(self, tenant_id: str, days: int) -> None:
        self.windows[tenant_id] = days


def fake_orders_uow() -> FakeUnitOfWork[FakeOrdersRepository]:
    return FakeUnitOfWork(FakeOrdersRepository(), producer="scoring")
