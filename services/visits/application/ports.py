"""What visits' use cases need from storage. visits is the largest service, so its repository
is one object per capability, reached through one composite: a use case reads
`tx.repo.stores.get(...)`, `tx.repo.cards.add(...)`. Each capability's port is declared here
in its own section, next to the others, and implemented in adapters/<capability>_repository.py
(MongoDB) and tests/fakes/visits.py (memory); a contract test per capability runs the same
cases on both.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from services.visits.domain.approvals import Approval, CreditStanding
from services.visits.domain.cards import Card
from services.visits.domain.catalogue import Product
from services.visits.domain.commitments import Commitment, Reminder
from services.visits.domain.history import ImportSummary
from services.visits.domain.lines import PriceLine, ReturnLine, SampleLine
from services.visits.domain.people import Person
from services.visits.domain.plans import PlanDay
from services.visits.domain.plausibility import CheckIn
from services.visits.domain.ratings import IssuedToken, Rating, WeeklySatisfaction
from services.visits.domain.returns import ReturnGroup, ReturnRecord, ReturnsQuery
from services.visits.domain.settings import TenantSettings
from services.visits.domain.stock import (
    ClaimState,
    Hold,
    Location,
    Movement,
    StockLevel,
    StockOperation,
)
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
    def names(self, tenant_id: str, person_ids: list[str]) -> dict[str, str]:
        """{person id: name} of those known with a name, in one read (a page of rows)."""
        ...

    def director_over(self, tenant_id: str, person_id: str) -> Person | None:
        """The first director up the supervisor chain from `person_id`."""
        ...

    def finance_covering(self, tenant_id: str, region_code: str) -> list[Person]:
        """Active finance people whose region codes cover `region_code`."""
        ...

    def team(self, tenant_id: str, supervisor_id: str) -> list[Person]:
        """The people whose direct supervisor is `supervisor_id`."""
        ...

    def active_reps(self, tenant_id: str = "") -> list[Person]:
        """Active reps of the tenant, or of every tenant if none is named (timers)."""
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


# --- cards (visits-b1) -------------------------------------------------------------------


class CardRepository(Protocol):
    def get(self, tenant_id: str, visit_id: str) -> Card | None:
        """Visit ids are scoped per tenant: another tenant's card of the same id is None."""
        ...

    def add(self, card: Card) -> None:
        """Raises AlreadyExists if the tenant already has a card with this visit id."""
        ...

    def has_visit_to(self, tenant_id: str, store_id: str) -> bool: ...

    def neighbour_check_ins(
        self, tenant_id: str, rep_id: str, at: datetime, exclude_visit_id: str
    ) -> list[CheckIn]:
        """The rep's stored check-in just before `at` and the one just after it (a card an
        offline phone sends late falls between two stored ones)."""
        ...

    def list_for_rep(self, tenant_id: str, rep_id: str, after: str, limit: int) -> list[Card]:
        """Newest check-in first; `after` is the key of the last card of the previous page."""
        ...

    def waiting_for_photo(self, tenant_id: str, photo_id: str) -> Card | None:
        """The card that named this photo before media stored it."""
        ...

    def link_photo(self, tenant_id: str, visit_id: str, photo_id: str) -> bool:
        """Takes the photo off the card's pending list; False if it was not on it."""
        ...


@dataclass(frozen=True)
class PhotoFact:
    photo_id: str
    rep_id: str


class PhotoDirectory(Protocol):
    """What media knows of photos (adapters/media_photos.py asks media over gRPC)."""

    def find(self, tenant_id: str, photo_ids: list[str]) -> dict[str, PhotoFact]:
        """The photos of this tenant among `photo_ids`; another tenant's photo is absent,
        exactly like one that does not exist."""
        ...


# --- commitments (visits-b1) ---------------------------------------------------------------


class CommitmentRepository(Protocol):
    def get(self, tenant_id: str, commitment_id: str) -> Commitment | None: ...

    def add(self, commitment: Commitment) -> None:
        """Raises AlreadyExists if the tenant already has a commitment with this id."""
        ...

    def save_closure(self, commitment: Commitment) -> bool:
        """Writes a closure only if the stored commitment is still open; False if not."""
        ...

    def open_for_store(self, tenant_id: str, store_id: str, limit: int) -> list[Commitment]: ...

    def due_for_reminder(self, today: date, limit: int) -> list[Commitment]:
        """Open commitments of every tenant whose next escalation step is due by `today`."""
        ...

    def claim_reminder(self, commitment: Commitment, reminder: Reminder) -> bool:
        """One conditional update: moves the commitment from its current step to
        `reminder.step`; False if another replica claimed the step first."""
        ...

    def list_for_rep(
        self, tenant_id: str, rep_id: str, overdue_before: date | None, after: str, limit: int
    ) -> list[Commitment]:
        """The rep's open commitments by due date (only those due before `overdue_before`
        when it is given)."""
        ...


# --- cards as approvals, samples, returns and ratings read them (visits-b1 provides) --------


class CardView(Protocol):
    """What b2's capabilities read of a stored card (domain/cards.py's Card has these)."""

    tenant_id: str
    visit_id: str
    rep_id: str
    store_id: str
    store_name: str
    region_code: str
    checked_out_at: datetime | None
    special_price_requested: bool
    samples: list[SampleLine]
    returns: list[ReturnLine]
    price_lines: list[PriceLine]


class CardLookup(Protocol):
    def get(self, tenant_id: str, visit_id: str) -> CardView | None: ...


# --- stock and samples (visits-b2) ----------------------------------------------------------


class StockRepository(Protocol):
    # Holds, outside any transaction: each a single conditional update (ADR 025).
    def take(
        self,
        tenant_id: str,
        location: Location,
        sku: str,
        quantity: int,
        visit_id: str,
        claim_id: str,
        now: datetime,
    ) -> int | None:
        """Balance >= quantity and no hold of this visit yet: take it and push a hold.
        -> the balance left, or None when nothing changed."""
        ...

    def hold_of(
        self, tenant_id: str, location: Location, sku: str, visit_id: str
    ) -> Hold | None: ...
    def give_back(self, tenant_id: str, location: Location, sku: str, claim_id: str) -> bool:
        """Return a hold's units and drop the hold, only if that hold is still there."""
        ...

    def settle(self, tenant_id: str, location: Location, sku: str, claim_id: str) -> bool:
        """Drop a confirmed hold; its units stay spent."""
        ...

    def stale_holds(self, before: datetime, limit: int) -> list[tuple[str, Location, str, Hold]]:
        """(tenant, location, sku, hold) of holds taken before `before`."""
        ...

    def bury_claim(self, tenant_id: str, claim_id: str, visit_id: str, now: datetime) -> ClaimState:
        """Take the claim id with a tombstone unless a card confirmed it; -> its state."""
        ...

    def add_claim(self, tenant_id: str, claim_id: str, visit_id: str, now: datetime) -> None:
        """Confirm a claim with its card; FailedPrecondition if it was buried."""
        ...

    # Inside transactions.
    def change(
        self, tenant_id: str, location: Location, sku: str, delta: int, now: datetime
    ) -> int | None:
        """Add `delta` unless the balance would go below zero; -> the balance after."""
        ...

    def level(self, tenant_id: str, location: Location, sku: str) -> StockLevel | None: ...
    def levels(
        self, tenant_id: str, location: Location | None, after: str, limit: int
    ) -> list[StockLevel]:
        """By location then SKU, after the key `location code|sku`."""
        ...

    def add_movements(self, movements: list[Movement]) -> None: ...
    def movements(
        self, tenant_id: str, location: Location, sku: str, after: str, limit: int
    ) -> list[Movement]:
        """Newest first, after the movement id `after` (ids are time-ordered UUIDv7s)."""
        ...

    def operation(self, tenant_id: str, operation_id: str) -> StockOperation | None: ...
    def add_operation(self, operation: StockOperation) -> None: ...


# --- special-price approvals and the green channel (visits-b2) -----------------------------


class ApprovalRepository(Protocol):
    def get(self, tenant_id: str, approval_id: str) -> Approval | None: ...
    def for_visit(self, tenant_id: str, visit_id: str) -> Approval | None: ...
    def add(self, approval: Approval) -> None:
        """AlreadyExists if the visit already opened one."""
        ...

    def save(self, approval: Approval) -> None:
        """Optimistic: FailedPrecondition if another change was saved since it was read."""
        ...

    def queue(
        self, tenant_id: str, region_codes: list[str] | None, after: str, limit: int
    ) -> list[Approval]:
        """Waiting orders covered by `region_codes` (None: all), fast lane first, then oldest,
        after the queue key `after`."""
        ...

    def of_rep(self, tenant_id: str, rep_id: str, after: str, limit: int) -> list[Approval]:
        """A rep's orders, newest first, after the approval id `after`."""
        ...


class CreditStandings(Protocol):
    def get(self, tenant_id: str, rep_id: str) -> CreditStanding | None: ...
    def record(self, standing: CreditStanding) -> bool:
        """Keep it unless a newer standing is already kept; -> whether it was kept."""
        ...


# --- returns (visits-b2) ----------------------------------------------------------------------


class ReturnRepository(Protocol):
    def add_many(self, records: list[ReturnRecord]) -> None: ...
    def analyse(self, query: ReturnsQuery, limit: int) -> list[ReturnGroup]: ...


# --- ratings (visits-b2) ----------------------------------------------------------------------


class RatingRepository(Protocol):
    def add_token(self, token: IssuedToken) -> None: ...
    def token(self, tenant_id: str, nonce: str) -> IssuedToken | None: ...
    def spend_token(self, tenant_id: str, nonce: str, now: datetime) -> bool:
        """Unused -> used; False if it was already used."""
        ...

    def add(self, rating: Rating) -> None:
        """AlreadyExists if the visit was already rated."""
        ...

    def of_visit(self, tenant_id: str, visit_id: str) -> Rating | None: ...
    def weekly(self, tenant_id: str, rep_id: str, week: str) -> WeeklySatisfaction: ...


# --- the composite ------------------------------------------------------------------------


# --- visit history (history) ---------------------------------------------------------------


class HistoryRepository(Protocol):
    """ImportVisitHistory's bulk reads ($in) and writes (insert_many, bulk_write) over the
    capabilities' own collections and documents, and the record of each import id."""

    def get_import(self, tenant_id: str, import_id: str) -> tuple[str, ImportSummary] | None:
        """(fingerprint, summary) of an import id already applied."""
        ...

    def add_import(self, tenant_id: str, fingerprint: str, summary: ImportSummary) -> None:
        """AlreadyExists if the import id was applied meanwhile."""
        ...

    def stores(self, tenant_id: str, store_ids: list[str]) -> dict[str, Store]: ...
    def visit_ids_taken(self, tenant_id: str, visit_ids: list[str]) -> set[str]: ...
    def commitment_ids_taken(self, tenant_id: str, commitment_ids: list[str]) -> set[str]: ...
    def plan_days_taken(
        self, tenant_id: str, days: list[tuple[str, date]]
    ) -> set[tuple[str, date]]: ...
    def add_cards(self, cards: list[Card]) -> None: ...
    def add_commitments(self, commitments: list[Commitment]) -> None: ...
    def add_plans(self, plans: list[PlanDay]) -> None: ...
    def add_ratings(self, ratings: list[Rating]) -> None: ...
    def note_store_visits(self, tenant_id: str, visits: list[tuple[str, datetime, str]]) -> None:
        """(store_id, checked_in_at, visit_id): each store keeps its latest and earliest."""
        ...


class VisitsRepository(Protocol):
    stores: StoreRepository  # visits-a
    products: ProductCatalogue  # visits-a
    people: PeopleDirectory  # visits-a
    settings: SettingsRepository  # visits-a
    plans: PlanRepository  # visits-a
    cards: CardRepository  # visits-b1
    commitments: CommitmentRepository  # visits-b1
    stock: StockRepository  # visits-b2
    approvals: ApprovalRepository  # visits-b2
    credit: CreditStandings  # visits-b2
    returns: ReturnRepository  # visits-b2
    ratings: RatingRepository  # visits-b2
    history: HistoryRepository  # history
