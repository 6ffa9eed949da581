"""scoring's repository port in memory (services/scoring/application/ports.py), held to the
same cases as MongoDB by tests/integration/test_scoring_repository_contract.py."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import astuple, replace
from datetime import date, datetime

from services.scoring.application.ports import MonthFacts, Page
from services.scoring.domain.credit import CreditFact, CreditPoints
from services.scoring.domain.directory import Person, covers
from services.scoring.domain.facts import OPEN, CommitmentFact, LeadFact, PlanFact, RatingFact
from services.scoring.domain.heatmap import ScoringSettings
from services.scoring.domain.periods import month_key
from services.scoring.domain.phi import ZERO, Counters
from services.scoring.domain.recompute import MonthAggregate
from services.scoring.domain.rep_stats import RepStats, StatsDelta
from tests.fakes.kernel import FakeState, FakeUnitOfWork


def _page(items: dict, page: Page, inclusive: bool = False) -> list:
    keys = sorted(k for k in items if (k >= page.after if inclusive else k > page.after))
    return [items[k] for k in keys[: page.limit]]


class FakeScoringRepository(FakeState):
    def __init__(self) -> None:
        self.people_by: dict[tuple[str, str], Person] = {}
        self.leads: dict[tuple[str, str], LeadFact] = {}
        self.plans: dict[tuple[str, str], PlanFact] = {}
        self.commitments: dict[tuple[str, str], CommitmentFact] = {}
        self.ratings: dict[tuple[str, str], RatingFact] = {}
        self.credit: dict[tuple[str, str], CreditFact] = {}
        self.month_docs: dict[tuple[str, str, str], MonthAggregate] = {}
        self.saved_settings: dict[str, ScoringSettings] = {}
        self.stats: dict[tuple[str, str], RepStats] = {}
        self.counted: set[tuple[str, str]] = set()

    # -- the directory ---------------------------------------------------------------------
    def save_person(self, person: Person) -> bool:
        old = self.people_by.get((person.tenant_id, person.person_id))
        if old is not None and old.as_of > person.as_of:
            return False
        self.people_by[(person.tenant_id, person.person_id)] = person
        return True

    def person(self, tenant_id: str, person_id: str) -> Person | None:
        return self.people_by.get((tenant_id, person_id))

    def reps(self, tenant_id: str, *, team_id: str = "", region_code: str = "") -> list[Person]:
        found = [
            p for (t, _), p in self.people_by.items() if t == tenant_id and p.is_rep and p.active
        ]
        if team_id:
            found = [p for p in found if p.team_id == team_id]
        if region_code:
            found = [p for p in found if covers(region_code, p.region_codes)]
        return sorted(found, key=lambda p: p.person_id)

    # -- raw facts -------------------------------------------------------------------------
    def lead(self, tenant_id: str, key: str) -> LeadFact | None:
        return self.leads.get((tenant_id, key))

    def save_lead(self, fact: LeadFact) -> None:
        self.leads[(fact.tenant_id, fact.key)] = fact

    def plan(self, tenant_id: str, rep_id: str, day: date) -> PlanFact | None:
        return self.plans.get((tenant_id, f"{rep_id}:{day.isoformat()}"))

    def save_plan(self, fact: PlanFact) -> None:
        self.plans[(fact.tenant_id, fact.key)] = fact

    def commitment(self, tenant_id: str, commitment_id: str) -> CommitmentFact | None:
        return self.commitments.get((tenant_id, commitment_id))

    def save_commitment(self, fact: CommitmentFact) -> None:
        self.commitments[(fact.tenant_id, fact.key)] = fact

    def add_rating(self, fact: RatingFact) -> bool:
        if (fact.tenant_id, fact.key) in self.ratings:
            return False
        self.ratings[(fact.tenant_id, fact.key)] = fact
        return True

    def add_credit_fact(self, tenant_id: str, fact: CreditFact) -> bool:
        if (tenant_id, fact.fact_id) in self.credit:
            return False
        self.credit[(tenant_id, fact.fact_id)] = fact
        return True

    # -- many facts at once ----------------------------------------------------------------
    def people(self, tenant_id: str, person_ids: list[str]) -> dict[str, Person]:
        return {p: self.people_by[(tenant_id, p)] for p in person_ids
                if (tenant_id, p) in self.people_by}  # fmt: skip

    def plans_by_key(self, tenant_id: str, keys: list[str]) -> dict[str, PlanFact]:
        return {k: self.plans[(tenant_id, k)] for k in keys if (tenant_id, k) in self.plans}

    def commitments_by_id(self, tenant_id: str, ids: list[str]) -> dict[str, CommitmentFact]:
        found = self.commitments
        return {k: found[(tenant_id, k)] for k in ids if (tenant_id, k) in found}

    def known_ratings(self, tenant_id: str, visit_ids: list[str]) -> set[str]:
        return {k for k in visit_ids if (tenant_id, k) in self.ratings}

    def known_credit_facts(self, tenant_id: str, fact_ids: list[str]) -> set[str]:
        return {k for k in fact_ids if (tenant_id, k) in self.credit}

    def save_plans(self, facts: list[PlanFact]) -> None:
        for f in facts:
            self.save_plan(f)

    def save_commitments(self, facts: list[CommitmentFact]) -> None:
        for f in facts:
            self.save_commitment(f)

    def insert_ratings(self, facts: list[RatingFact]) -> None:
        for f in facts:
            assert self.add_rating(f), f"rating {f.key} was stored already"

    def insert_credit_facts(self, tenant_id: str, facts: list[CreditFact]) -> None:
        for f in facts:
            assert self.add_credit_fact(tenant_id, f), f"credit fact {f.fact_id} was stored"

    def add_to_months(self, changes: list[MonthAggregate]) -> None:
        for a in changes:
            self.add_to_month(a.tenant_id, a.rep_id, a.month, a.days, a.credit)

    def latest_credit_months(self, tenant_id: str, rep_ids: list[str]) -> dict:
        found = {r: self.latest_credit_month(tenant_id, r) for r in rep_ids}
        return {r: a for r, a in found.items() if a is not None}

    def apply_deltas(self, tenant_id: str, deltas: dict[str, StatsDelta], now: datetime) -> None:
        for rep_id, delta in deltas.items():
            self.apply_delta(tenant_id, rep_id, delta, now)

    # -- aggregates ------------------------------------------------------------------------
    def add_to_month(
        self,
        tenant_id: str,
        rep_id: str,
        month: str,
        days: dict[int, Counters],
        credit: CreditPoints,
    ) -> None:
        key = (tenant_id, rep_id, month)
        old = self.month_docs.get(key) or MonthAggregate(tenant_id, rep_id, month)
        merged = dict(old.days)
        for day, counters in days.items():
            merged[day] = merged.get(day, ZERO) + counters
        self.month_docs[key] = replace(old, days=merged, credit=old.credit + credit)

    def months(self, tenant_id: str, rep_ids: list[str], months: list[str]) -> list[MonthAggregate]:
        wanted = [self.month_docs.get((tenant_id, r, m)) for r in rep_ids for m in months]
        return [a.normalised() for a in wanted if a is not None]

    def latest_credit_month(self, tenant_id: str, rep_id: str) -> MonthAggregate | None:
        found = [a for (t, r, _), a in self.month_docs.items()
                 if t == tenant_id and r == rep_id and a.credit.deductions]  # fmt: skip
        return max(found, key=lambda a: a.month).normalised() if found else None

    def credit_months(self, tenant_id: str, month: str) -> list[MonthAggregate]:
        return [a.normalised() for (t, _, m), a in sorted(self.month_docs.items())
                if t == tenant_id and m == month and a.credit.deductions]  # fmt: skip

    def all_months(self, tenant_id: str) -> list[MonthAggregate]:
        return [
            a.normalised() for (t, _, _), a in sorted(self.month_docs.items()) if t == tenant_id
        ]

    def put_month(self, aggregate: MonthAggregate) -> None:
        a = aggregate
        self.month_docs[(a.tenant_id, a.rep_id, a.month)] = a.normalised()

    def delete_month(self, tenant_id: str, rep_id: str, month: str) -> None:
        self.month_docs.pop((tenant_id, rep_id, month), None)

    # -- full scans ------------------------------------------------------------------------
    def all_leads(self, tenant_id: str, lean: bool = False) -> Iterable[LeadFact]:
        found = [f for (t, _), f in sorted(self.leads.items()) if t == tenant_id]
        return [LeadFact(*astuple(f)[:5]) for f in found] if lean else found

    def all_plans(self, tenant_id: str, with_items: bool = True) -> Iterable[PlanFact]:
        found = [f for (t, _), f in sorted(self.plans.items()) if t == tenant_id]
        return found if with_items else [replace(f, items=()) for f in found]

    def all_commitments(self, tenant_id: str, lean: bool = False) -> Iterable[CommitmentFact]:
        found = [f for (t, _), f in sorted(self.commitments.items()) if t == tenant_id]
        return [CommitmentFact(*astuple(f)[:6]) for f in found] if lean else found

    def all_credit_facts(self, tenant_id: str) -> Iterable[CreditFact]:
        return [f for (t, _), f in sorted(self.credit.items()) if t == tenant_id]

    def recompute_facts(self, tenant_id: str) -> MonthFacts:
        return MonthFacts(list(self.all_leads(tenant_id, lean=True)),
                          list(self.all_plans(tenant_id, with_items=False)),
                          [f for f in self.all_commitments(tenant_id, lean=True) if f.due_date],
                          list(self.all_credit_facts(tenant_id)))  # fmt: skip

    def facts_of_month(self, tenant_id: str, rep_id: str, month: str) -> MonthFacts:
        def mine(facts, day) -> list:
            return [f for (t, _), f in sorted(facts.items()) if t == tenant_id
                    and f.rep_id == rep_id and day(f) and month_key(day(f)) == month]  # fmt: skip

        credit = [f for (t, _), f in sorted(self.credit.items())
                  if t == tenant_id and f.rep_id == rep_id and f.month == month]  # fmt: skip
        plans = [replace(f, items=()) for f in mine(self.plans, lambda f: f.plan_date)]
        return MonthFacts(mine(self.leads, lambda f: f.day), plans,
                          mine(self.commitments, lambda f: f.due_date), credit)  # fmt: skip

    # -- drill-down lists --------------------------------------------------------------------
    def leads_between(self, tenant_id, rep_id, first, last, page) -> list[LeadFact]:
        found = {k: f for (t, k), f in self.leads.items()
                 if t == tenant_id and f.rep_id == rep_id and first <= f.day <= last}  # fmt: skip
        return _page(found, page)

    def plans_between(self, tenant_id, rep_id, first, last, page) -> list[PlanFact]:
        found = {k: f for (t, k), f in self.plans.items()
                 if t == tenant_id and f.rep_id == rep_id and first <= f.plan_date <= last}  # fmt: skip
        return _page(found, page)

    def commitments_due_between(self, tenant_id, rep_id, first, last, page) -> list[CommitmentFact]:
        found = {k: f for (t, k), f in self.commitments.items()
                 if t == tenant_id and f.rep_id == rep_id and f.due_date
                 and first <= f.due_date <= last}  # fmt: skip
        return _page(found, page)

    def _overdue(self, tenant_id: str, rep_id: str, today: date) -> dict[str, CommitmentFact]:
        return {k: f for (t, k), f in self.commitments.items()
                if t == tenant_id and f.rep_id == rep_id and f.status == OPEN
                and f.due_date is not None and f.due_date < today}  # fmt: skip

    def overdue_commitments(self, tenant_id, rep_id, today, page) -> list[CommitmentFact]:
        return _page(self._overdue(tenant_id, rep_id, today), page)

    def count_overdue(self, tenant_id: str, rep_id: str, today: date) -> int:
        return len(self._overdue(tenant_id, rep_id, today))

    def ratings_of_week(self, tenant_id, rep_id, week, page) -> list[RatingFact]:
        found = {k: f for (t, k), f in self.ratings.items()
                 if t == tenant_id and f.rep_id == rep_id and f.week == week}  # fmt: skip
        return _page(found, page)

    def credit_facts(self, tenant_id, rep_id, month, page) -> list[CreditFact]:
        found = {k: f for (t, k), f in self.credit.items()
                 if t == tenant_id and f.rep_id == rep_id and f.month == month}  # fmt: skip
        return _page(found, page, inclusive=True)

    # -- settings ----------------------------------------------------------------------------
    def settings(self, tenant_id: str) -> ScoringSettings | None:
        return self.saved_settings.get(tenant_id)

    def save_settings(self, settings: ScoringSettings) -> None:
        self.saved_settings[settings.tenant_id] = settings

    # -- rep stats ---------------------------------------------------------------------------
    def apply_delta(self, tenant_id: str, rep_id: str, delta: StatsDelta, now: datetime) -> None:
        s = self.stats.setdefault((tenant_id, rep_id), RepStats(tenant_id, rep_id))
        for name, inc in delta.increments.items():
            setattr(s, name, getattr(s, name) + inc)
        if delta.visit_at is not None:
            s.last_visit_at = max(filter(None, [s.last_visit_at, delta.visit_at]))
        s.updated_at = now

    def first_counted(self, tenant_id: str, keys: list[str]) -> set[str]:
        new = {k for k in keys if (tenant_id, k) not in self.counted}
        self.counted |= {(tenant_id, k) for k in new}
        return new

    def get(self, tenant_id: str, rep_id: str) -> RepStats | None:
        found = self.stats.get((tenant_id, rep_id))
        return replace(found) if found else None


def fake_uow(clock=None) -> FakeUnitOfWork[FakeScoringRepository]:
    return FakeUnitOfWork(FakeScoringRepository(), clock=clock, producer="scoring")
