"""What scoring's use cases need from storage: `ScoringRepository`, used through
`UnitOfWork[ScoringRepository]`. tests/fakes/scoring.py implements it in memory;
tests/integration/test_scoring_repository_contract.py holds the fake and MongoDB to the same
cases. List methods take `Page` and answer up to `limit` items after `after` (the natural
key of the last item of the previous page), in natural-key order."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from services.scoring.domain.credit import CreditFact, CreditPoints
from services.scoring.domain.directory import Person
from services.scoring.domain.facts import CommitmentFact, LeadFact, PlanFact, RatingFact
from services.scoring.domain.heatmap import ScoringSettings
from services.scoring.domain.phi import Counters
from services.scoring.domain.recompute import MonthAggregate
from services.scoring.domain.rep_stats import RepStats, StatsDelta


@dataclass(frozen=True)
class MonthFacts:
    leads: list[LeadFact]
    plans: list[PlanFact]
    commitments: list[CommitmentFact]
    credit: list[CreditFact]


@dataclass(frozen=True)
class Page:
    after: str = ""
    limit: int = 50


class ScoringRepository(Protocol):
    # -- the directory -------------------------------------------------------------------------
    def save_person(self, person: Person) -> bool:
        """False (and nothing changes) when a newer sighting of the person is stored."""
        ...

    def person(self, tenant_id: str, person_id: str) -> Person | None: ...

    def reps(self, tenant_id: str, *, team_id: str = "", region_code: str = "") -> list[Person]:
        """Active reps, by person id; of the team, or covering the region, when given."""
        ...

    # -- raw facts (one per natural key) --------------------------------------------------------
    def lead(self, tenant_id: str, key: str) -> LeadFact | None: ...
    def save_lead(self, fact: LeadFact) -> None: ...
    def plan(self, tenant_id: str, rep_id: str, day: date) -> PlanFact | None: ...
    def save_plan(self, fact: PlanFact) -> None: ...
    def commitment(self, tenant_id: str, commitment_id: str) -> CommitmentFact | None: ...
    def save_commitment(self, fact: CommitmentFact) -> None: ...

    def add_rating(self, fact: RatingFact) -> bool:
        """False when the visit's rating is already stored."""
        ...

    def add_credit_fact(self, tenant_id: str, fact: CreditFact) -> bool:
        """False when a fact with that id is already stored."""
        ...

    # -- many facts at once (a history chunk, ADR 037): one round trip each -----------------
    def people(self, tenant_id: str, person_ids: list[str]) -> dict[str, Person]: ...
    def plans_by_key(self, tenant_id: str, keys: list[str]) -> dict[str, PlanFact]: ...
    def commitments_by_id(self, tenant_id: str, ids: list[str]) -> dict[str, CommitmentFact]: ...
    def known_ratings(self, tenant_id: str, visit_ids: list[str]) -> set[str]: ...
    def known_credit_facts(self, tenant_id: str, fact_ids: list[str]) -> set[str]: ...
    def save_plans(self, facts: list[PlanFact]) -> None: ...
    def save_commitments(self, facts: list[CommitmentFact]) -> None: ...
    def insert_ratings(self, facts: list[RatingFact]) -> None:
        """Ratings known to be new (the caller asked known_ratings)."""
        ...

    def insert_credit_facts(self, tenant_id: str, facts: list[CreditFact]) -> None:
        """Credit facts known to be new (the caller asked known_credit_facts)."""
        ...

    def add_to_months(self, changes: list[MonthAggregate]) -> None:
        """add_to_month for each (rep, month) at once: the aggregates hold increments."""
        ...

    def latest_credit_months(
        self, tenant_id: str, rep_ids: list[str]
    ) -> dict[str, MonthAggregate]: ...

    def apply_deltas(
        self, tenant_id: str, deltas: dict[str, StatsDelta], now: datetime
    ) -> None: ...
    def first_counted(self, tenant_id: str, keys: list[str]) -> set[str]:
        """Marks the items (StatsDelta.counted_as) as counted; -> those not counted before."""
        ...

    # -- aggregates: one document per rep and month -------------------------------------------
    def add_to_month(
        self,
        tenant_id: str,
        rep_id: str,
        month: str,
        days: dict[int, Counters],
        credit: CreditPoints,
    ) -> None:
        """Add (atomically, by increments) day counters and credit points to a rep-month."""
        ...

    def months(
        self, tenant_id: str, rep_ids: list[str], months: list[str]
    ) -> list[MonthAggregate]: ...

    def latest_credit_month(self, tenant_id: str, rep_id: str) -> MonthAggregate | None:
        """The rep's latest month that lost any credit point."""
        ...

    def credit_months(self, tenant_id: str, month: str) -> list[MonthAggregate]:
        """The rep-months of `month` that lost any credit point."""
        ...

    def all_months(self, tenant_id: str) -> list[MonthAggregate]: ...
    def put_month(self, aggregate: MonthAggregate) -> None: ...
    def delete_month(self, tenant_id: str, rep_id: str, month: str) -> None: ...

    # -- full scans for a recompute -------------------------------------------------------------
    def all_leads(self, tenant_id: str, lean: bool = False) -> Iterable[LeadFact]:
        """Lean: only what a recompute reads (descriptive fields keep their defaults)."""
        ...

    def all_plans(self, tenant_id: str, with_items: bool = True) -> Iterable[PlanFact]:
        """Without items, each day's `items` is empty (a recompute needs only the counts)."""
        ...

    def all_commitments(self, tenant_id: str, lean: bool = False) -> Iterable[CommitmentFact]:
        """Lean: only what a recompute reads (descriptive fields keep their defaults)."""
        ...

    def all_credit_facts(self, tenant_id: str) -> Iterable[CreditFact]: ...

    def recompute_facts(self, tenant_id: str) -> MonthFacts:
        """Every fact of the tenant as a recompute reads it (descriptive fields and plan
        items left at their defaults), at the lowest cost the store allows."""
        ...

    def facts_of_month(self, tenant_id: str, rep_id: str, month: str) -> MonthFacts:
        """Every fact that counts in one rep-month (a rebuild's fenced repair)."""
        ...

    # -- drill-down lists ---------------------------------------------------------------------
    def leads_between(
        self, tenant_id: str, rep_id: str, first: date, last: date, page: Page
    ) -> list[LeadFact]: ...

    def plans_between(
        self, tenant_id: str, rep_id: str, first: date, last: date, page: Page
    ) -> list[PlanFact]: ...

    def commitments_due_between(
        self, tenant_id: str, rep_id: str, first: date, last: date, page: Page
    ) -> list[CommitmentFact]: ...

    def overdue_commitments(
        self, tenant_id: str, rep_id: str, today: date, page: Page
    ) -> list[CommitmentFact]:
        """Open commitments due before `today`."""
        ...

    def count_overdue(self, tenant_id: str, rep_id: str, today: date) -> int: ...

    def ratings_of_week(
        self, tenant_id: str, rep_id: str, week: str, page: Page
    ) -> list[RatingFact]: ...

    def credit_facts(self, tenant_id: str, rep_id: str, month: str, page: Page) -> list[CreditFact]:
        """Facts with id >= page.after (inclusive: a page may resume inside a fact)."""
        ...

    # -- settings -------------------------------------------------------------------------------
    def settings(self, tenant_id: str) -> ScoringSettings | None: ...
    def save_settings(self, settings: ScoringSettings) -> None: ...

    # -- the first slice's running rep figures --------------------------------------------------
    def apply_delta(
        self, tenant_id: str, rep_id: str, delta: StatsDelta, now: datetime
    ) -> None: ...
    def get(self, tenant_id: str, rep_id: str) -> RepStats | None: ...
