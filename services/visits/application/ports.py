"""What visits' use cases need from storage. visits is the largest service, so its repository
is one object per capability, reached through one composite: a use case reads
`tx.repo.stores.get(...)`, `tx.repo.cards.add(...)`. Each capability's port is declared here
in its own section, next to the others, and implemented in adapters/<capability>_repository.py.
"""

from __future__ import annotations

from typing import Protocol

from services.visits.domain.catalogue import Product
from services.visits.domain.people import Person
from services.visits.domain.stores import Store

# --- stores -----------------------------------------------------------------------------


class StoreRepository(Protocol):
    def get(self, tenant_id: str, store_id: str) -> Store | None: ...
    def add(self, store: Store) -> None:
        """Raises AlreadyExists if the store id or its external id is taken."""
        ...


# --- the product catalogue -------------------------------------------------------------


class ProductCatalogue(Protocol):
    def get_many(self, tenant_id: str, skus: list[str]) -> dict[str, Product]:
        """The known products among `skus`, by SKU (unknown SKUs are simply absent)."""
        ...


# --- people (read model of the org directory) -------------------------------------------


class PeopleDirectory(Protocol):
    def get(self, tenant_id: str, person_id: str) -> Person | None: ...
    def upsert(self, person: Person) -> None: ...


# --- the composite ------------------------------------------------------------------------


class VisitsRepository(Protocol):
    stores: StoreRepository
    products: ProductCatalogue
    people: PeopleDirectory
