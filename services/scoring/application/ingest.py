"""Consumed events become raw facts and move the aggregates, each event at most once (inbox)
and each fact merged by its natural key, so a duplicate under another event id or a late,
out-of-order sighting changes nothing it should not (ADR 029).

Steps of every PHI fact: load the stored fact -> merge (a join) -> if it changed, save it and
add (new contribution - old contribution) to the rep-month aggregates. Steps of a credit
fact: the rep's standing before -> store the fact once -> add its points -> the standing
after -> emit score.threshold_crossed for each threshold crossed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from fractions import Fraction
from typing import TypeVar

from sales.events.v1 import scoring_events_pb2
from services.common.unit_of_work import Transaction, UnitOfWork
from services.scoring.application.figures import settings_of
from services.scoring.application.ports import ScoringRepository
from services.scoring.domain import credit as credit_rules
from services.scoring.domain.credit import CreditFact, CreditPoints, VisitFact, points_of
from services.scoring.domain.directory import Person
from services.scoring.domain.facts import (
    CommitmentFact,
    LeadFact,
    PlanFact,
    RatingFact,
    commitment_counters,
    lead_counters,
    merge_commitment,
    merge_lead,
    merge_plan,
    plan_counters,
)
from services.scoring.domain.phi import Counters
from services.scoring.domain.recompute import MonthAggregate, day_deltas

Uow = UnitOfWork[ScoringRepository]
Tx = Transaction[ScoringRepository]
F = TypeVar("F")
THRESHOLD_CROSSED = "score.threshold_crossed"
# More work of the same event in the same transaction (the first slice's rep counters), so
# one event is one transaction and one inbox marker.
Also = Callable[[Tx], None] | None


def _with(also: Also, work: Callable[[Tx], bool]) -> Callable[[Tx], bool]:
    if also is None:
        return work

    def both(tx: Tx) -> bool:
        also(tx)
        return work(tx)

    return both


def record_person(uow: Uow, event_id: str, person: Person) -> bool | None:
    return uow.run_consuming(event_id, lambda tx: tx.repo.save_person(person))


def _merge_fact(
    tx: Tx,
    old: F | None,
    new: F,
    merge: Callable[[F | None, F], F],
    contribution: Callable[[F], tuple[date | None, Counters]],
    save: Callable[[F], None],
) -> bool:
    merged = merge(old, new)
    if merged == old:
        return False
    save(merged)
    before = contribution(old) if old is not None else None
    rep_id, tenant_id = merged.rep_id, merged.tenant_id  # type: ignore[attr-defined]
    for month, days in day_deltas(before, contribution(merged)).items():
        if days:
            tx.repo.add_to_month(tenant_id, rep_id, month, days, CreditPoints())
    return True


def record_lead(uow: Uow, event_id: str, fact: LeadFact, also: Also = None) -> bool | None:
    def work(tx: Tx) -> bool:
        old = tx.repo.lead(fact.tenant_id, fact.key)
        return _merge_fact(tx, old, fact, merge_lead, _lead_part, tx.repo.save_lead)

    return uow.run_consuming(event_id, _with(also, work))


def record_plan(uow: Uow, event_id: str, fact: PlanFact) -> bool | None:
    def work(tx: Tx) -> bool:
        old = tx.repo.plan(fact.tenant_id, fact.rep_id, fact.plan_date)
        return _merge_fact(tx, old, fact, merge_plan, _plan_part, tx.repo.save_plan)

    return uow.run_consuming(event_id, work)


def record_commitment(
    uow: Uow, event_id: str, fact: CommitmentFact, also: Also = None
) -> bool | None:
    def work(tx: Tx) -> bool:
        old = tx.repo.commitment(fact.tenant_id, fact.commitment_id)
        return _merge_fact(tx, old, fact, merge_commitment, _commit_part, tx.repo.save_commitment)

    return uow.run_consuming(event_id, _with(also, work))


def record_rating(uow: Uow, event_id: str, fact: RatingFact) -> bool | None:
    return uow.run_consuming(event_id, lambda tx: tx.repo.add_rating(fact))


def record_credit_fact(
    uow: Uow, event_id: str, tenant_id: str, fact: CreditFact, also: Also = None
) -> bool | None:
    """A card that lost no point is no credit fact: nothing is stored (True all the same: the
    event was handled)."""

    return uow.run_consuming(event_id, _with(also, _credit_work(tenant_id, fact)))


def _credit_work(tenant_id: str, fact: CreditFact) -> Callable[[Tx], bool]:
    def work(tx: Tx) -> bool:
        if not fact.deductions:
            return True
        if not tx.repo.add_credit_fact(tenant_id, fact):
            return True
        latest = tx.repo.latest_credit_month(tenant_id, fact.rep_id)
        points = points_of(fact.deductions)
        tx.repo.add_to_month(tenant_id, fact.rep_id, fact.month, {}, points)
        announce(tx, tenant_id, fact.rep_id, *standings(latest, fact.month, points))
        return True

    return work


def record_visit(uow: Uow, event_id: str, visit: VisitFact, also: Also = None) -> bool | None:
    """visit.submitted: the card judged by the tenant's lateness window as it stands now
    (kept with the fact, so a recompute applies the same rule)."""

    def work(tx: Tx) -> bool:
        judged = with_grace(tx.repo, visit)
        return _credit_work(visit.tenant_id, credit_rules.visit_fact(judged))(tx)

    return uow.run_consuming(event_id, _with(also, work))


def with_grace(repo: ScoringRepository, visit: VisitFact) -> VisitFact:
    hours = settings_of(repo, visit.tenant_id).lateness_window_hours
    return replace(visit, grace_seconds=credit_rules.grace_seconds(hours))


def standings(
    latest: MonthAggregate | None, month: str, points: CreditPoints
) -> tuple[tuple[str, Fraction], tuple[str, Fraction]]:
    """The rep's credit as the green channel reads it, before and after `points` of `month`:
    that of their latest month with a credit fact (100 before any). A late fact of an
    earlier month moves that month's figure but not the standing, so it announces nothing
    (ADR 029)."""
    before = (latest.month, credit_rules.credit(latest.credit)) if latest else ("", FULL)
    if latest is not None and month < latest.month:
        return before, before
    same = latest is not None and latest.month == month
    lost = latest.credit + points if same else points  # type: ignore[union-attr]
    return before, (month, credit_rules.credit(lost))


FULL = credit_rules.credit(CreditPoints())


def announce(
    tx: Tx,
    tenant_id: str,
    rep_id: str,
    before: tuple[str, Fraction],
    after: tuple[str, Fraction],
    person: Callable[[], Person | None] | None = None,
) -> None:
    """score.threshold_crossed for each threshold crossed; `person` finds the rep's
    supervisor (by default one read, only when something was crossed)."""
    crossed = credit_rules.crossings(before[1], after[1])
    if not crossed:
        return
    found = person() if person else tx.repo.person(tenant_id, rep_id)
    for threshold, direction in crossed:
        payload = scoring_events_pb2.ScoreThresholdCrossed(
            rep_id=rep_id,
            supervisor_id=found.supervisor_id if found else "",
            score="data_credit",
            period=after[0],
            previous=float(before[1]),
            current=float(after[1]),
            threshold=float(threshold),
            direction=direction,
        )
        tx.emit(THRESHOLD_CROSSED, payload, tenant_id)


def _lead_part(f: LeadFact) -> tuple[date | None, Counters]:
    return f.day, lead_counters(f)


def _plan_part(f: PlanFact) -> tuple[date | None, Counters]:
    return f.day, plan_counters(f)


def _commit_part(f: CommitmentFact) -> tuple[date | None, Counters]:
    return f.day, commitment_counters(f)
