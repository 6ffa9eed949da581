"""The orders capability's storage port (SPEC S5, S6): every method its use cases call.
Implemented by adapters/orders_repository.py (MongoDB) and tests/fakes/scoring_orders.py."""

from __future__ import annotations

from datetime import date, datetime
from typing import Protocol

from services.scoring.domain.orders import Order, StoreFacts, VisitFact
from services.scoring.domain.revenue_days import Placement, RepCountyDay


class OrdersRepository(Protocol):
    # stores: scoring's own read model of visits' store master
    def store(self, tenant_id: str, store_id: str) -> StoreFacts | None: ...
    def store_by_external_id(self, tenant_id: str, external_id: str) -> StoreFacts | None: ...
    def stores(self, tenant_id: str, store_ids: list[str]) -> dict[str, StoreFacts]: ...
    def save_stores(self, stores: list[StoreFacts], known: set[str]) -> None:
        """Many at once (an import's chunk): those whose store id is in `known` replaced, the
        others added; one bulk write a collection."""
        ...

    # visits: store, rep, check-out time
    def add_visit(self, visit: VisitFact) -> bool:
        """False when the visit was known already."""
        ...

    def last_visit(
        self, tenant_id: str, store_id: str, since: datetime, until: datetime
    ) -> VisitFact | None:
        """The latest visit with since <= at <= until (ties: the highest visit id)."""
        ...

    # orders
    def add_order(self, order: Order) -> bool:
        """False when an order with this id exists already (nothing is changed)."""
        ...

    def save_order(self, order: Order) -> None: ...
    def pending_orders_of(self, tenant_id: str, external_ids: list[str]) -> list[Order]:
        """The orders waiting for any of these stores (by ERP id): one read."""
        ...

    def store_orders(
        self, tenant_id: str, store_id: str, since: datetime, until: datetime
    ) -> list[Order]: ...
    def region_orders(
        self, tenant_id: str, prefix: str, since: datetime, until: datetime,
        rep_ids: list[str] | None = None,
    ) -> list[Order]:  # fmt: skip
        """Linked orders with since <= ordered_at < until in regions starting with prefix."""
        ...

    def order_history(
        self, tenant_id: str, prefix: str, until: datetime
    ) -> list[tuple[str, datetime, int]]:
        """(store id, ordered_at, total) of linked orders before `until`, for the forecast."""
        ...

    # many at once (a back-fill call, a history chunk; ADR 037): one round trip each
    def known_orders(self, tenant_id: str, order_ids: list[str]) -> set[str]: ...
    def stores_by_external_ids(
        self, tenant_id: str, external_ids: list[str]
    ) -> dict[str, StoreFacts]:
        """By ERP id."""
        ...

    def visits_of_stores(
        self, tenant_id: str, store_ids: list[str], since: datetime, until: datetime
    ) -> list[VisitFact]:
        """The stores' visits with since <= at <= until."""
        ...

    def insert_orders(self, orders: list[Order]) -> None:
        """Orders known to be new (the caller asked known_orders)."""
        ...

    def known_visits(self, tenant_id: str, visit_ids: list[str]) -> set[str]: ...
    def insert_visits(self, visits: list[VisitFact]) -> None: ...
    def orders_of_stores(
        self, tenant_id: str, store_ids: list[str], since: datetime, until: datetime
    ) -> list[Order]:
        """The stores' orders with since <= ordered_at <= until."""
        ...

    def save_orders(self, orders: list[Order]) -> None:
        """Orders known to be stored, rewritten; their stores are marked as having orders."""
        ...

    # revenue by store and day (ADR 044), written with the orders it counts
    def put_revenue(self, placements: list[Placement]) -> None:
        """Each order's entry in its store-day, replacing an earlier entry of that order."""
        ...

    def revenue_days(
        self, tenant_id: str, prefix: str, first_day: date, last_day: date
    ) -> list[RepCountyDay]:
        """The store-days of the counties starting with prefix, first_day..last_day."""
        ...

    def tenants_with_stores(self) -> list[str]: ...
    def county_codes(self, tenant_id: str) -> list[str]: ...

    # per-tenant settings
    def window_days(self, tenant_id: str) -> int | None: ...
    def save_window_days(self, tenant_id: str, days: int) -> None: ...
