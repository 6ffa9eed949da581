"""In-memory fakes of the visits service's ports (services/visits/application/ports.py), one
per capability, and the composite FakeVisitsRepository that use-case unit tests run on with
FakeUnitOfWork (tests/fakes/kernel.py). The contract tests
(tests/integration/test_visits_*_contract.py) hold them to the MongoDB repositories.

Each helper adds its capability's fake in its own section, and one attribute line in
FakeVisitsRepository."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

from services.common.errors import AlreadyExists, FailedPrecondition, FieldViolation
from services.visits.application.card_collaborators import CardCollaborators
from services.visits.application.ports import PhotoFact
from services.visits.domain import people as people_rules
from services.visits.domain.approvals import Approval, CreditStanding, covers
from services.visits.domain.cards import Card
from services.visits.domain.catalogue import Product
from services.visits.domain.commitments import Commitment, CommitmentStatus, Reminder
from services.visits.domain.history import ImportSummary
from services.visits.domain.lines import PriceLine, ReturnLine, SampleLine
from services.visits.domain.people import Person
from services.visits.domain.plans import PlanDay
from services.visits.domain.plausibility import CheckIn
from services.visits.domain.ratings import IssuedToken, Rating, WeeklySatisfaction
from services.visits.domain.returns import ReturnGroup, ReturnRecord, ReturnsQuery, group_records
from services.visits.domain.settings import TenantSettings
from services.visits.domain.stock import (
    ClaimState,
    Hold,
    Location,
    Movement,
    StockLevel,
    StockOperation,
)
from services.visits.domain.stores import Store, StoreQuery, matches
from tests.fakes.kernel import FakeState, FakeUnitOfWork

# --- stores (visits-a) --------------------------------------------------------------------


class FakeStoreRepository:
    def __init__(self) -> None:
        self.stores: dict[str, Store] = {}
        self.numbers: dict[str, int] = {}

    def get(self, tenant_id: str, store_id: str) -> Store | None:
        store = self.stores.get(store_id)
        return copy.deepcopy(store) if store and store.tenant_id == tenant_id else None

    def by_external_id(self, tenant_id: str, external_id: str) -> Store | None:
        return self.by_external_ids(tenant_id, [external_id]).get(external_id)

    def by_external_ids(self, tenant_id: str, external_ids: list[str]) -> dict[str, Store]:
        wanted = set(external_ids)
        return {
            s.external_id: copy.deepcopy(s)
            for s in self.stores.values()
            if s.tenant_id == tenant_id and s.external_id and s.external_id in wanted
        }

    def add_many(self, stores: list[Store]) -> list[Store]:
        for store in stores:
            taken = store.store_id in self.stores or (
                store.external_id and self.by_external_id(store.tenant_id, store.external_id)
            )
            if taken:
                raise AlreadyExists("门店编号或外部编号已被使用")
        for store in stores:
            self.numbers[store.tenant_id] = self.numbers.get(store.tenant_id, 0) + 1
            store.number = self.numbers[store.tenant_id]
            self.stores[store.store_id] = copy.deepcopy(store)
        return stores

    def save(self, store: Store) -> bool:
        stored = self.stores.get(store.store_id)
        if stored is None or stored.version != store.version - 1:
            return False
        self.stores[store.store_id] = copy.deepcopy(store)
        return True

    def note_visit(self, tenant_id: str, store_id: str, visited_at: datetime, visit_id: str):
        store = self.stores.get(store_id)
        if store is None or store.tenant_id != tenant_id:
            return
        if store.last_visited_at is None or store.last_visited_at <= visited_at:
            store.last_visited_at, store.last_visit_id = visited_at, visit_id
        if store.first_visited_at is None or store.first_visited_at > visited_at:
            store.first_visited_at, store.first_visit_id = visited_at, visit_id

    def page(self, query: StoreQuery, after_number: int, limit: int) -> list[Store]:
        found = sorted(
            (
                s
                for s in self.stores.values()
                if s.tenant_id == query.tenant_id and s.number > after_number and matches(s, query)
            ),
            key=lambda s: s.number,
        )
        return copy.deepcopy(found[:limit])

    def owned_by(self, tenant_id: str, rep_id: str) -> list[Store]:
        return copy.deepcopy(
            [s for s in self._of(tenant_id) if s.owner_rep_id == rep_id and s.active]
        )

    def registered_between(self, tenant_id: str, start: datetime, end: datetime) -> list[Store]:
        return copy.deepcopy([s for s in self._of(tenant_id) if start <= s.registered_at < end])

    def first_visits_due(self, now: datetime, limit: int) -> list[Store]:
        due = [
            s
            for s in self.stores.values()
            if self._awaiting(s) and s.first_visit_due_at and s.first_visit_due_at <= now
        ]
        return copy.deepcopy(sorted(due, key=lambda s: s.first_visit_due_at)[:limit])  # type: ignore[arg-type, return-value]

    def claim_first_visit_overdue(self, tenant_id: str, store_id: str, now: datetime) -> bool:
        store = self.stores.get(store_id)
        if store is None or store.tenant_id != tenant_id or not self._awaiting(store):
            return False
        store.first_visit_overdue_at = now
        return True

    def reschedule_first_visits(self, tenant_id: str, limit_days: int) -> None:
        for store in self._of(tenant_id):
            if self._awaiting(store):
                store.first_visit_due_at = store.registered_at + timedelta(days=limit_days)

    def _of(self, tenant_id: str) -> list[Store]:
        return sorted(
            (s for s in self.stores.values() if s.tenant_id == tenant_id), key=lambda s: s.number
        )

    @staticmethod
    def _awaiting(store: Store) -> bool:
        return (
            store.first_visit_tracked
            and store.first_visited_at is None
            and store.first_visit_overdue_at is None
        )


# --- the product catalogue (visits-a) ------------------------------------------------------


class FakeProductCatalogue:
    def __init__(self) -> None:
        self.products: dict[tuple[str, str], Product] = {}
        self.numbers: dict[str, int] = {}

    def get(self, tenant_id: str, sku: str) -> Product | None:
        return self.products.get((tenant_id, sku))

    def get_many(self, tenant_id: str, skus: list[str]) -> dict[str, Product]:
        return {s: p for s in skus if (p := self.products.get((tenant_id, s))) is not None}

    def add_many(self, products: list[Product]) -> list[Product]:
        if any((p.tenant_id, p.sku) in self.products for p in products):
            raise AlreadyExists("商品编码已存在")
        added = []
        for product in products:
            self.numbers[product.tenant_id] = self.numbers.get(product.tenant_id, 0) + 1
            numbered = replace(product, number=self.numbers[product.tenant_id])
            self.products[(product.tenant_id, product.sku)] = numbered
            added.append(numbered)
        return added

    def save_many(self, products: list[Product]) -> None:
        for product in products:
            self.products[(product.tenant_id, product.sku)] = product

    def page(
        self, tenant_id: str, include_inactive: bool, after_number: int, limit: int
    ) -> list[Product]:
        found = sorted(
            (
                p
                for (tenant, _), p in self.products.items()
                if tenant == tenant_id
                and p.number > after_number
                and (include_inactive or p.active)
            ),
            key=lambda p: p.number,
        )
        return found[:limit]


# --- people (visits-a) ----------------------------------------------------------------------


class FakePeopleDirectory:
    def __init__(self) -> None:
        self.people: dict[tuple[str, str], Person] = {}
        self.name_reads: list[list[str]] = []  # each names() call: a test counts the reads

    def get(self, tenant_id: str, person_id: str) -> Person | None:
        return self.people.get((tenant_id, person_id))

    def names(self, tenant_id: str, person_ids: list[str]) -> dict[str, str]:
        self.name_reads.append(list(person_ids))
        found = (self.people.get((tenant_id, pid)) for pid in person_ids)
        return {p.person_id: p.name for p in found if p is not None and p.name}

    def upsert(self, person: Person) -> None:
        self.people[(person.tenant_id, person.person_id)] = person

    def supervisor_of(self, tenant_id: str, rep_id: str) -> Person | None:
        rep = self.get(tenant_id, rep_id)
        return self.get(tenant_id, rep.supervisor_id) if rep else None

    def director_over(self, tenant_id: str, person_id: str) -> Person | None:
        return people_rules.director_over(person_id, lambda pid: self.get(tenant_id, pid))

    def finance_covering(self, tenant_id: str, region_code: str) -> list[Person]:
        return sorted(
            (
                p
                for (tenant, _), p in self.people.items()
                if tenant == tenant_id
                and people_rules.FINANCE in p.roles
                and p.active
                and p.covers(region_code)
            ),
            key=lambda p: p.person_id,
        )

    def team(self, tenant_id: str, supervisor_id: str) -> list[Person]:
        return sorted(
            (
                p
                for (tenant, _), p in self.people.items()
                if tenant == tenant_id and p.supervisor_id == supervisor_id
            ),
            key=lambda p: p.person_id,
        )

    def active_reps(self, tenant_id: str = "") -> list[Person]:
        return sorted(
            (
                p
                for p in self.people.values()
                if p.is_active_rep and (not tenant_id or p.tenant_id == tenant_id)
            ),
            key=lambda p: (p.tenant_id, p.person_id),
        )


# --- tenant settings (visits-a) ----------------------------------------------------------------


class FakeSettingsRepository:
    def __init__(self) -> None:
        self.settings: dict[str, TenantSettings] = {}

    def get(self, tenant_id: str) -> TenantSettings:
        return self.settings.get(tenant_id) or TenantSettings(tenant_id)

    def save(self, settings: TenantSettings) -> bool:
        stored = self.settings.get(settings.tenant_id)
        if (stored.version if stored else 0) != settings.version - 1:
            return False
        self.settings[settings.tenant_id] = settings
        return True


# --- visit plans (visits-a) -------------------------------------------------------------------


class FakePlanRepository:
    def __init__(self) -> None:
        self.plans: dict[tuple[str, str, date], PlanDay] = {}

    def get(self, tenant_id: str, rep_id: str, day: date) -> PlanDay | None:
        return copy.deepcopy(self.plans.get((tenant_id, rep_id, day)))

    def add(self, plan: PlanDay) -> None:
        key = (plan.tenant_id, plan.rep_id, plan.plan_date)
        if key in self.plans:
            raise AlreadyExists("这一天的计划已经生成")
        self.plans[key] = copy.deepcopy(plan)

    def save(self, plan: PlanDay) -> bool:
        key = (plan.tenant_id, plan.rep_id, plan.plan_date)
        stored = self.plans.get(key)
        if stored is None or stored.version != plan.version - 1:
            return False
        self.plans[key] = copy.deepcopy(plan)
        return True

    def days_after(self, tenant_id: str, rep_id: str, day: date) -> list[PlanDay]:
        return copy.deepcopy(
            sorted(
                (
                    p
                    for (tenant, rep, d), p in self.plans.items()
                    if tenant == tenant_id and rep == rep_id and d > day
                ),
                key=lambda p: p.plan_date,
            )
        )


# --- cards and commitments (visits-b1) ----------------------------------------------------


class FakeCardRepository:
    def __init__(self) -> None:
        self.cards: dict[tuple[str, str], Card] = {}

    def get(self, tenant_id: str, visit_id: str) -> Card | None:
        return self.cards.get((tenant_id, visit_id))

    def add(self, card: Card) -> None:
        if (card.tenant_id, card.visit_id) in self.cards:
            raise AlreadyExists(f"拜访 {card.visit_id} 已存在")
        self.cards[(card.tenant_id, card.visit_id)] = card

    def has_visit_to(self, tenant_id: str, store_id: str) -> bool:
        return any(t == tenant_id and c.store_id == store_id for (t, _), c in self.cards.items())

    def _of_rep(self, tenant_id: str, rep_id: str, exclude: str = "") -> list[Card]:
        found = [
            c
            for (t, _), c in self.cards.items()
            if t == tenant_id and c.rep_id == rep_id and c.visit_id != exclude
        ]
        return sorted(found, key=lambda c: (c.checked_in_at, c.visit_id))

    def neighbour_check_ins(self, tenant_id, rep_id, at, exclude_visit_id) -> list[CheckIn]:
        mine = self._of_rep(tenant_id, rep_id, exclude_visit_id)
        before = [c for c in mine if c.checked_in_at <= at][-1:]
        after = [c for c in mine if c.checked_in_at > at][:1]
        return [
            CheckIn(c.visit_id, c.draft.check_in.location, c.checked_in_at)  # type: ignore[union-attr]
            for c in before + after
        ]

    def list_for_rep(self, tenant_id, rep_id, after, limit) -> list[Card]:
        from services.visits.application.cards import card_page_key

        newest = list(reversed(self._of_rep(tenant_id, rep_id)))
        return [c for c in newest if not after or card_page_key(c) < after][:limit]

    def waiting_for_photo(self, tenant_id: str, photo_id: str) -> Card | None:
        found = [
            c
            for (t, _), c in self.cards.items()
            if t == tenant_id and photo_id in c.pending_photo_ids
        ]
        return found[0] if found else None

    def link_photo(self, tenant_id: str, visit_id: str, photo_id: str) -> bool:
        card = self.cards.get((tenant_id, visit_id))
        if card is None or photo_id not in card.pending_photo_ids:
            return False
        card.pending_photo_ids = [p for p in card.pending_photo_ids if p != photo_id]
        return True


class FakeCommitmentRepository:
    def __init__(self) -> None:
        self.items: dict[tuple[str, str], Commitment] = {}

    def get(self, tenant_id: str, commitment_id: str) -> Commitment | None:
        found = self.items.get((tenant_id, commitment_id))
        return replace(found) if found else None

    def add(self, commitment: Commitment) -> None:
        key = (commitment.tenant_id, commitment.commitment_id)
        if key in self.items:
            raise AlreadyExists(f"承诺 {commitment.commitment_id} 已存在")
        self.items[key] = replace(commitment)

    def save_closure(self, commitment: Commitment) -> bool:
        key = (commitment.tenant_id, commitment.commitment_id)
        if self.items[key].status != CommitmentStatus.OPEN:
            return False
        self.items[key] = replace(commitment)
        return True

    def open_for_store(self, tenant_id: str, store_id: str, limit: int) -> list[Commitment]:
        found = [
            c
            for (t, _), c in self.items.items()
            if t == tenant_id and c.store_id == store_id and c.is_open
        ]
        return sorted(found, key=lambda c: (c.due_date, c.commitment_id))[:limit]

    def due_for_reminder(self, today: date, limit: int) -> list[Commitment]:
        due = [
            replace(c)
            for c in self.items.values()
            if c.is_open and c.next_reminder_on is not None and c.next_reminder_on <= today
        ]
        return sorted(due, key=lambda c: (c.next_reminder_on, c.commitment_id))[:limit]

    def claim_reminder(self, commitment: Commitment, reminder: Reminder) -> bool:
        stored = self.items[(commitment.tenant_id, commitment.commitment_id)]
        if not stored.is_open or stored.reminders_sent != commitment.reminders_sent:
            return False
        stored.reminders_sent = reminder.step
        stored.next_reminder_on = reminder.next_on
        return True

    def list_for_rep(self, tenant_id, rep_id, overdue_before, after, limit) -> list[Commitment]:
        from services.visits.application.commitments import commitment_page_key

        found = [
            c
            for (t, _), c in self.items.items()
            if t == tenant_id
            and c.rep_id == rep_id
            and c.is_open
            and (overdue_before is None or c.due_date < overdue_before)
        ]
        found.sort(key=commitment_page_key)
        return [c for c in found if not after or commitment_page_key(c) > after][:limit]


# --- cards as b2's capabilities read them (visits-b2's tests; b1's Card has the same) ---------------------------------


@dataclass
class FakeCard:
    tenant_id: str
    visit_id: str
    rep_id: str
    store_id: str
    store_name: str
    region_code: str
    checked_out_at: datetime | None
    special_price_requested: bool = False
    samples: list[SampleLine] = field(default_factory=list)
    returns: list[ReturnLine] = field(default_factory=list)
    price_lines: list[PriceLine] = field(default_factory=list)


class FakeCards(FakeState):
    def __init__(self) -> None:
        self.cards: dict[tuple[str, str], FakeCard] = {}

    def add(self, card: FakeCard) -> None:
        self.cards[(card.tenant_id, card.visit_id)] = card

    def get(self, tenant_id: str, visit_id: str) -> FakeCard | None:
        return self.cards.get((tenant_id, visit_id))


# --- stock and samples (visits-b2) ----------------------------------------------------------


class FakeStock(FakeState):
    def __init__(self) -> None:
        self.by_key: dict[tuple[str, Location, str], StockLevel] = {}
        self.claims: dict[tuple[str, str], ClaimState] = {}
        self.moves: list[Movement] = []
        self.operations: dict[tuple[str, str], StockOperation] = {}

    def _level(self, tenant_id: str, location: Location, sku: str) -> StockLevel:
        key = (tenant_id, location, sku)
        if key not in self.by_key:
            self.by_key[key] = StockLevel(tenant_id, location, sku, 0)
        return self.by_key[key]

    def take(self, tenant_id, location, sku, quantity, visit_id, claim_id, now) -> int | None:
        level = self.by_key.get((tenant_id, location, sku))
        if level is None or level.balance < quantity:
            return None
        if any(h.visit_id == visit_id for h in level.holds):
            return None
        level.balance -= quantity
        level.holds.append(Hold(visit_id, claim_id, quantity, level.balance, now))
        return level.balance

    def hold_of(self, tenant_id, location, sku, visit_id) -> Hold | None:
        level = self.by_key.get((tenant_id, location, sku))
        return next((h for h in level.holds if h.visit_id == visit_id), None) if level else None

    def _drop_hold(self, tenant_id, location, sku, claim_id, give_back: bool) -> bool:
        level = self.by_key.get((tenant_id, location, sku))
        hold = next((h for h in level.holds if h.claim_id == claim_id), None) if level else None
        if level is None or hold is None:
            return False
        level.holds.remove(hold)
        if give_back:
            level.balance += hold.quantity
        return True

    def give_back(self, tenant_id, location, sku, claim_id) -> bool:
        return self._drop_hold(tenant_id, location, sku, claim_id, give_back=True)

    def settle(self, tenant_id, location, sku, claim_id) -> bool:
        return self._drop_hold(tenant_id, location, sku, claim_id, give_back=False)

    def stale_holds(self, before: datetime, limit: int):
        found = [
            (tenant, location, sku, hold)
            for (tenant, location, sku), level in self.by_key.items()
            for hold in level.holds
            if hold.at < before
        ]
        return found[:limit]

    def bury_claim(self, tenant_id, claim_id, visit_id, now) -> ClaimState:
        return self.claims.setdefault((tenant_id, claim_id), ClaimState.ABANDONED)

    def add_claim(self, tenant_id, claim_id, visit_id, now) -> None:
        if (tenant_id, claim_id) in self.claims:
            raise FailedPrecondition("样品预留已超时撤回,请重新提交")
        self.claims[(tenant_id, claim_id)] = ClaimState.CONFIRMED

    def change(self, tenant_id, location, sku, delta, now) -> int | None:
        level = self.by_key.get((tenant_id, location, sku))
        if level is None and delta < 0:
            return None
        level = level or self._level(tenant_id, location, sku)
        if level.balance + delta < 0:
            return None
        level.balance += delta
        level.updated_at = now
        return level.balance

    def level(self, tenant_id, location, sku) -> StockLevel | None:
        return self.by_key.get((tenant_id, location, sku))

    def levels_of(self, tenant_id: str) -> list[StockLevel]:
        return sorted(
            (v for (t, _, _), v in self.by_key.items() if t == tenant_id),
            key=lambda s: s.list_key,
        )

    def levels(self, tenant_id, location, after, limit):
        chosen = [
            s
            for s in self.levels_of(tenant_id)
            if (location is None or s.location == location) and s.list_key > after
        ]
        return chosen[:limit]

    def add_movements(self, movements: list[Movement]) -> None:
        self.moves.extend(movements)

    def movements(self, tenant_id, location, sku, after, limit) -> list[Movement]:
        chosen = sorted(
            (
                m
                for m in self.moves
                if m.tenant_id == tenant_id
                and m.location == location
                and (not sku or m.sku == sku)
                and (not after or m.movement_id < after)
            ),
            key=lambda m: m.movement_id,
            reverse=True,
        )
        return chosen[:limit]

    def operation(self, tenant_id, operation_id) -> StockOperation | None:
        return self.operations.get((tenant_id, operation_id))

    def add_operation(self, operation: StockOperation) -> None:
        self.operations[(operation.tenant_id, operation.operation_id)] = operation


# --- special-price approvals and the green channel (visits-b2) -------------------------------


class FakeApprovals(FakeState):
    def __init__(self) -> None:
        self.approvals: dict[tuple[str, str], Approval] = {}

    def get(self, tenant_id: str, approval_id: str) -> Approval | None:
        found = self.approvals.get((tenant_id, approval_id))
        return replace(found, lines=list(found.lines), audit=list(found.audit)) if found else None

    def for_visit(self, tenant_id: str, visit_id: str) -> Approval | None:
        return next(
            (
                self.get(t, a.approval_id)
                for (t, _), a in self.approvals.items()
                if t == tenant_id and a.visit_id == visit_id
            ),
            None,
        )

    def add(self, approval: Approval) -> None:
        if self.for_visit(approval.tenant_id, approval.visit_id) is not None:
            raise AlreadyExists("该拜访已有特价申请")
        self.approvals[(approval.tenant_id, approval.approval_id)] = approval

    def save(self, approval: Approval) -> None:
        self.approvals[(approval.tenant_id, approval.approval_id)] = approval

    def _of(self, tenant_id: str) -> list[Approval]:
        return [a for (t, _), a in self.approvals.items() if t == tenant_id]

    def queue(self, tenant_id, region_codes, after, limit) -> list[Approval]:
        chosen = sorted(
            (
                a
                for a in self._of(tenant_id)
                if a.waiting
                and (region_codes is None or covers(region_codes, a.region_code))
                and a.queue_key() > after
            ),
            key=lambda a: a.queue_key(),
        )
        return chosen[:limit]

    def of_rep(self, tenant_id, rep_id, after, limit) -> list[Approval]:
        chosen = sorted(
            (
                a
                for a in self._of(tenant_id)
                if a.rep_id == rep_id and (not after or a.approval_id < after)
            ),
            key=lambda a: a.approval_id,
            reverse=True,
        )
        return chosen[:limit]


class FakeCredit(FakeState):
    def __init__(self) -> None:
        self.standings: dict[tuple[str, str], CreditStanding] = {}

    def get(self, tenant_id: str, rep_id: str) -> CreditStanding | None:
        return self.standings.get((tenant_id, rep_id))

    def record(self, standing: CreditStanding) -> bool:
        known = self.get(standing.tenant_id, standing.rep_id)
        if known is not None and known.as_of >= standing.as_of:
            return False
        self.standings[(standing.tenant_id, standing.rep_id)] = standing
        return True


# --- returns (visits-b2) -----------------------------------------------------------------------


class FakeReturns(FakeState):
    def __init__(self) -> None:
        self.records: list[ReturnRecord] = []

    def add_many(self, records: list[ReturnRecord]) -> None:
        self.records.extend(records)

    def analyse(self, query: ReturnsQuery, limit: int) -> list[ReturnGroup]:
        return group_records(self.records, query, limit)


# --- ratings (visits-b2) -----------------------------------------------------------------------


class FakeRatings(FakeState):
    def __init__(self) -> None:
        self.tokens: dict[tuple[str, str], IssuedToken] = {}
        self.ratings: dict[tuple[str, str], Rating] = {}

    def add_token(self, token: IssuedToken) -> None:
        self.tokens[(token.tenant_id, token.nonce)] = token

    def token(self, tenant_id: str, nonce: str) -> IssuedToken | None:
        return self.tokens.get((tenant_id, nonce))

    def spend_token(self, tenant_id: str, nonce: str, now: datetime) -> bool:
        token = self.tokens.get((tenant_id, nonce))
        if token is None or token.used_at is not None:
            return False
        self.tokens[(tenant_id, nonce)] = replace(token, used_at=now)
        return True

    def add(self, rating: Rating) -> None:
        if (rating.tenant_id, rating.visit_id) in self.ratings:
            raise AlreadyExists("此次拜访已评价")
        self.ratings[(rating.tenant_id, rating.visit_id)] = rating

    def of_visit(self, tenant_id: str, visit_id: str) -> Rating | None:
        return self.ratings.get((tenant_id, visit_id))

    def weekly(self, tenant_id: str, rep_id: str, week: str) -> WeeklySatisfaction:
        stars = [
            r.stars
            for (t, _), r in self.ratings.items()
            if t == tenant_id and r.rep_id == rep_id and r.week == week
        ]
        by_stars = tuple(stars.count(n) for n in range(1, 6))
        return WeeklySatisfaction(rep_id, week, len(stars), sum(stars), by_stars)  # type: ignore[arg-type]


# --- visit history (history) ---------------------------------------------------------------


class FakeHistoryRepository:
    """Bulk reads and writes over the other fakes, as the Mongo adapter does over their
    collections; any id already there refuses the whole write (the transaction rolls back)."""

    def __init__(self, repo: FakeVisitsRepository) -> None:
        self.repo = repo
        self.imports: dict[tuple[str, str], tuple[str, ImportSummary]] = {}

    def get_import(self, tenant_id: str, import_id: str) -> tuple[str, ImportSummary] | None:
        return self.imports.get((tenant_id, import_id))

    def add_import(self, tenant_id: str, fingerprint: str, summary: ImportSummary) -> None:
        if (tenant_id, summary.import_id) in self.imports:
            raise AlreadyExists(f"导入 {summary.import_id} 已完成")
        self.imports[(tenant_id, summary.import_id)] = (fingerprint, summary)

    def stores(self, tenant_id: str, store_ids: list[str]) -> dict[str, Store]:
        found = (self.repo.stores.get(tenant_id, s) for s in store_ids)
        return {s.store_id: s for s in found if s is not None}

    def visit_ids_taken(self, tenant_id: str, visit_ids: list[str]) -> set[str]:
        return {v for v in visit_ids if (tenant_id, v) in self.repo.cards.cards}

    def commitment_ids_taken(self, tenant_id: str, commitment_ids: list[str]) -> set[str]:
        return {c for c in commitment_ids if (tenant_id, c) in self.repo.commitments.items}

    def plan_days_taken(
        self, tenant_id: str, days: list[tuple[str, date]]
    ) -> set[tuple[str, date]]:
        return {(r, d) for r, d in days if (tenant_id, r, d) in self.repo.plans.plans}

    def add_cards(self, cards: list[Card]) -> None:
        for card in cards:
            self.repo.cards.add(card)

    def add_commitments(self, commitments: list[Commitment]) -> None:
        for commitment in commitments:
            self.repo.commitments.add(commitment)

    def add_plans(self, plans: list[PlanDay]) -> None:
        for plan in plans:
            self.repo.plans.add(plan)

    def add_ratings(self, ratings: list[Rating]) -> None:
        for rating in ratings:
            self.repo.ratings.add(rating)

    def note_store_visits(self, tenant_id: str, visits: list[tuple[str, datetime, str]]) -> None:
        for store_id, at, visit_id in visits:
            self.repo.stores.note_visit(tenant_id, store_id, at, visit_id)


# --- the composite ------------------------------------------------------------------------


class FakeVisitsRepository(FakeState):
    def __init__(self) -> None:
        self.stores = FakeStoreRepository()  # visits-a
        self.products = FakeProductCatalogue()  # visits-a
        self.people = FakePeopleDirectory()  # visits-a
        self.settings = FakeSettingsRepository()  # visits-a
        self.plans = FakePlanRepository()  # visits-a
        self.cards = FakeCardRepository()  # visits-b1
        self.commitments = FakeCommitmentRepository()  # visits-b1
        self.stock = FakeStock()  # visits-b2
        self.approvals = FakeApprovals()  # visits-b2
        self.credit = FakeCredit()  # visits-b2
        self.returns = FakeReturns()  # visits-b2
        self.ratings = FakeRatings()  # visits-b2
        self.history = FakeHistoryRepository(self)  # history


def fake_uow(clock=None) -> FakeUnitOfWork[FakeVisitsRepository]:
    return FakeUnitOfWork(FakeVisitsRepository(), clock=clock, producer="visits")


# --- a card's submit, as far as plans and first visits see it (until visits-b1's lands) ----


def submit_card(uow, tenant_id: str, rep_id: str, store_id: str, checked_in_at: datetime,
                visit_id: str):  # fmt: skip
    """What the card's submit does for plans and V7, inside its one transaction: note the
    visit on the store, close the plan item of the check-in's Shanghai day."""
    from services.visits.application.plans import close_item_for_visit
    from services.visits.domain.plans import shanghai_day

    def work(tx):
        tx.repo.stores.note_visit(tenant_id, store_id, checked_in_at, visit_id)
        day = shanghai_day(checked_in_at)
        return close_item_for_visit(tx, tenant_id, rep_id, store_id, day, visit_id, checked_in_at)

    return uow.run(work, correlation_id=visit_id)


# --- the card's collaborators (visits-a plans and stores, visits-b2, media) ---------------


@dataclass
class FakePhotos:
    photos: dict[tuple[str, str], PhotoFact] = field(default_factory=dict)
    lookups: int = 0

    def add(self, tenant_id: str, photo_id: str, rep_id: str) -> None:
        self.photos[(tenant_id, photo_id)] = PhotoFact(photo_id, rep_id)

    def find(self, tenant_id: str, photo_ids: list[str]) -> dict[str, PhotoFact]:
        self.lookups += 1
        found = (self.photos.get((tenant_id, pid)) for pid in photo_ids)
        return {f.photo_id: f for f in found if f is not None}


@dataclass
class FakePlanItem:
    item_id: str
    store_id: str


@dataclass
class FakeOtherCapabilities:
    """Plans, samples, approvals and returns as the card calls them, until their capabilities
    land. Stock is a dict the test sets; a hold per visit is kept like b2's reservation."""

    plan: dict[tuple[str, str, date], FakePlanItem] = field(default_factory=dict)
    closed_plan_items: list[str] = field(default_factory=list)
    stock: dict[str, int] = field(default_factory=dict)
    holds: dict[str, list[SampleLine]] = field(default_factory=dict)
    confirmed: list[str] = field(default_factory=list)
    approvals_opened: list[str] = field(default_factory=list)
    returns_recorded: list[str] = field(default_factory=list)
    fail_inside: Exception | None = None

    def close_plan_item(self, tx, tenant_id, rep_id, store_id, plan_date, visit_id, now):
        item = self.plan.get((rep_id, store_id, plan_date))
        if item is not None:
            self.closed_plan_items.append(visit_id)
        return item

    def todays_plan_item(self, repo, tenant_id, rep_id, store_id, day):
        return self.plan.get((rep_id, store_id, day))

    def reserve_samples(self, repo, tenant_id, rep_id, visit_id, lines, now):
        if visit_id in self.holds:
            return visit_id
        short = [
            FieldViolation(f"samples[{i}].quantity", f"可用 {self.stock.get(x.sku, 0)}")
            for i, x in enumerate(lines)
            if self.stock.get(x.sku, 0) < x.quantity
        ]
        if short:
            raise FailedPrecondition("样品库存不足", short)
        for line in lines:
            self.stock[line.sku] -= line.quantity
        self.holds[visit_id] = list(lines)
        return visit_id

    def confirm_samples(self, tx, reservation, now) -> None:
        if self.fail_inside is not None:
            raise self.fail_inside
        self.confirmed.append(reservation)

    def release_samples(self, repo, reservation) -> None:
        for line in self.holds.pop(reservation, []):
            self.stock[line.sku] += line.quantity

    def open_approval(self, tx, card: Card, store: Store, now) -> str | None:
        if not card.special_price_requested:
            return None
        self.approvals_opened.append(card.visit_id)
        return f"appr-{card.visit_id[:8]}"

    def record_returns(self, tx, card: Card, now) -> None:
        self.returns_recorded.append(card.visit_id)

    def collaborators(self, photos: FakePhotos) -> CardCollaborators:
        return CardCollaborators(
            photos=photos,
            close_plan_item=self.close_plan_item,
            todays_plan_item=self.todays_plan_item,
            reserve_samples=self.reserve_samples,
            confirm_samples=self.confirm_samples,
            release_samples=self.release_samples,
            open_approval=self.open_approval,
            record_returns=self.record_returns,
        )
