"""What visits' use cases need from storage. visits is the largest service, so its repository
is one object per capability, reached through one composite: a use case reads
`tx.repo.stores.get(...)`, `tx.repo.cards.add(...)`. Each capability's port is declared here
in its own section, next to the others, and implemented in adapters/<capability>_repository.py
(MongoDB) and tests/fakes/visits.py (memory); a contract test per capability runs the same
cases on both.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Protocol

from services.visits.domain.catalogue import Product
from services.visits.domain.model import Visit
from services.visits.domain.people import Person
from services.visits.domain.plans import PlanDay
from services.visits.domain.settings import TenantSettings
from services.visits.domain.stores import Store, StoreQuery

# --- stores (visits-a) --------------------------------------------------------------------


class StoreRepository(Protocol):
    def get(self, tenant_id: str, store_id: str) -> Store | None: ...
    def by_external_id(self, tenant_id: str, external_id: str) -> Store | None: ...
    def by_external_ids(self, tenant_id: str, external_ids: list[str]) -> dict[str, Store]:
        """The stores that hold any of `external_ids` (one read), by external id."""
        ...

    def add_many(self, stores: list[Store]) -> list[Store]:
        """Store new stores, numbering each in its tenant's register (Store.number); raises
        AlreadyExists if a store id or an external id is taken."""
        ...

    def save(self, store: Store) -> bool:
        """Write a store's new version; False if the stored one is no longer version - 1."""
        ...

    def note_visit(self, tenant_id: str, store_id: str, visited_at: datetime, visit_id: str):
        """A submitted card visited the store: keeps the latest visit (plans) and the earliest
        (V7's first visit), whatever order offline cards arrive in."""
        ...

    def page(self, query: StoreQuery, after_number: int, limit: int) -> list[Store]:
        """Up to `limit` stores matching `query` numbered after `after_number`, in number
        order (registration order)."""
        ...

    def owned_by(self, tenant_id: str, rep_id: str) -> list[Store]:
        """The active stores the rep owns."""
        ...

    def registered_between(self, tenant_id: str, start: datetime, end: datetime) -> list[Store]:
        """Stores registered in [start, end), any state."""
        ...

    def first_visits_due(self, now: datetime, limit: int) -> list[Store]:
        """Tracked stores, of any tenant, still without a first visit and not yet alerted,
        whose first visit was due by `now` (oldest due first)."""
        ...

    def claim_first_visit_overdue(self, tenant_id: str, store_id: str, now: datetime) -> bool:
        """Mark the store alerted, only if it still waits and was not alerted: exactly one
        caller gets True, however many replicas try."""
        ...

    def reschedule_first_visits(self, tenant_id: str, limit_days: int) -> None:
        """The tenant's first-visit limit changed: every waiting store is due limit_days
        after its registration."""
        ...


# --- the product catalogue (visits-a) ------------------------------------------------------


class ProductCatalogue(Protocol):
    def get(self, tenant_id: str, sku: str) -> Product | None: ...
    def get_many(self, tenant_id: str, skus: list[str]) -> dict[str, Product]:
        """The known products among `skus`, by SKU (unknown SKUs are simply absent)."""
        ...

    def add_many(self, products: list[Product]) -> list[Product]:
        """Store new products, numbering each; AlreadyExists if a SKU is taken."""
        ...

    def save_many(self, products: list[Product]) -> None: ...
    def page(
        self, tenant_id: str, include_inactive: bool, after_number: int, limit: int
    ) -> list[Product]: ...


# --- people (read model of the org directory; visits-a) -----------------------------------


class PeopleDirectory(Protocol):
    def get(self, tenant_id: str, person_id: str) -> Person | None: ...
    def upsert(self, person: Person) -> None: ...
    def supervisor_of(self, tenant_id: str, rep_id: str) -> Person | None: ...
    def director_over(self, tenant_id: str, person_id: str) -> Person | None:
        """The first director up the supervisor chain from `person_id`."""
        ...

    def finance_covering(self, tenant_id: str, region_code: str) -> list[Person]:
        """Active finance people whose region codes cover `region_code`."""
        ...

    def team(self, tenant_id: str, supervisor_id: str) -> list[Person]:
        """The people whose direct supervisor is `supervisor_id`."""
        ...

    def active_reps(self) -> list[Person]:
        """Active reps of every tenant (timers plan their days)."""
        ...


# --- tenant settings (visits-a; sections of b1 and b2) -----------------------------------


class SettingsRepository(Protocol):
    def get(self, tenant_id: str) -> TenantSettings:
        """The tenant's settings; the defaults (version 0) if it never saved any."""
        ...

    def save(self, settings: TenantSettings) -> bool:
        """Write version N; False if the stored one is not N - 1 any more."""
        ...


# --- visit plans (visits-a) -----------------------------------------------------------------


class PlanRepository(Protocol):
    def get(self, tenant_id: str, rep_id: str, day: date) -> PlanDay | None: ...
    def add(self, plan: PlanDay) -> None:
        """The rep-day's first plan; raises AlreadyExists if another got there first."""
        ...

    def save(self, plan: PlanDay) -> bool:
        """Write version N; False if the stored one is not N - 1 any more."""
        ...

    def days_after(self, tenant_id: str, rep_id: str, day: date) -> list[PlanDay]:
        """The rep's plans stored for days after `day` (plans made ahead)."""
        ...


# --- the visit card (visits-b1 replaces this thin card) ------------------------------------


class CardRepository(Protocol):
    def get_visit(self, tenant_id: str, visit_id: str) -> Visit | None: ...
    def commitment_exists(self, commitment_id: str) -> bool: ...
    def add_visit(self, visit: Visit) -> None: ...


# --- the composite ------------------------------------------------------------------------


class VisitsRepository(Protocol):
    stores: StoreRepository  # visits-a
    products: ProductCatalogue  # visits-a
    people: PeopleDirectory  # visits-a
    settings: SettingsRepository  # visits-a
    plans: PlanRepository  # visits-a
    cards: CardRepository  # visits-b1
