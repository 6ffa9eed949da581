"""visit.history_imported: a chunk of up to 500 imported visits, handled as its items'
live events would be, in one transaction (ADR 037).

Steps: load the stored facts of the chunk's keys (one `$in` read a kind) -> fold the
chunk's sightings in with the single-event merges -> write the changed facts in bulk ->
one increment a (rep, month) -> the running rep counters -> score.threshold_crossed per
rep, in the chunk's order. Because the merges are the same joins, a chunk, its items as
single events, or both (a replay) end in the same facts and figures."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, TypeVar

from services.scoring.application import ingest, stats
from services.scoring.application.figures import settings_of
from services.scoring.domain import batch
from services.scoring.domain import credit as credit_rules
from services.scoring.domain.credit import CreditFact, VisitFact, points_of
from services.scoring.domain.facts import (
    CommitmentFact,
    PlanFact,
    RatingFact,
    commitment_counters,
    merge_commitment,
    merge_plan,
    plan_counters,
)
from services.scoring.domain.phi import Counters
from services.scoring.domain.recompute import MonthAggregate
from services.scoring.domain.rep_stats import StatsDelta

Tx = ingest.Tx
F = TypeVar("F")


@dataclass(frozen=True)
class HistoryChunk:
    tenant_id: str
    visits: tuple[VisitFact, ...] = ()
    commitments: tuple[CommitmentFact, ...] = ()  # created and closed, in the chunk's order
    plans: tuple[PlanFact, ...] = ()
    ratings: tuple[RatingFact, ...] = ()
    # The first slice's rep counters, counted per item as the live events count them.
    stats: tuple[tuple[str, StatsDelta], ...] = field(default=())


@dataclass(frozen=True)
class HistoryReport:
    facts_changed: int
    months_changed: int
    crossings: int


def record_history(
    uow: ingest.Uow, event_id: str, chunk: HistoryChunk, now: datetime
) -> HistoryReport | None:
    """None when the event was consumed before."""

    def work(tx: Tx) -> HistoryReport:
        changes = batch.MonthChanges.empty()
        changed = _plans(tx, chunk, changes) + _commitments(tx, chunk, changes)
        changed += _ratings(tx, chunk)
        new_credit = _new_credit_facts(tx, chunk)
        latest = tx.repo.latest_credit_months(chunk.tenant_id, _reps(new_credit))
        for fact in new_credit:
            changes.add_points(fact.rep_id, fact.month, points_of(fact.deductions))
        tx.repo.insert_credit_facts(chunk.tenant_id, new_credit)
        months = changes.aggregates(chunk.tenant_id)
        tx.repo.add_to_months(months)
        counted = stats.uncounted(tx.repo, chunk.tenant_id, chunk.stats)
        tx.repo.apply_deltas(chunk.tenant_id, _summed(counted), now)
        crossed = _announce_in_order(tx, chunk.tenant_id, new_credit, latest)
        return HistoryReport(changed + len(new_credit), len(months), crossed)

    return uow.run_consuming(event_id, work)


def _plans(tx: Tx, chunk: HistoryChunk, changes: batch.MonthChanges) -> int:
    keys = list(dict.fromkeys(p.key for p in chunk.plans))
    stored = tx.repo.plans_by_key(chunk.tenant_id, keys)
    sightings = [(p.key, p) for p in chunk.plans]
    return _fold(stored, sightings, merge_plan, plan_counters, changes, tx.repo.save_plans)


def _commitments(tx: Tx, chunk: HistoryChunk, changes: batch.MonthChanges) -> int:
    ids = list(dict.fromkeys(c.commitment_id for c in chunk.commitments))
    stored = tx.repo.commitments_by_id(chunk.tenant_id, ids)
    sightings = [(c.commitment_id, c) for c in chunk.commitments]
    return _fold(
        stored, sightings, merge_commitment, commitment_counters, changes,
        tx.repo.save_commitments,
    )  # fmt: skip


def _fold(
    stored: dict[Any, F],
    sightings: list[tuple[Any, F]],
    merge: Callable[[F | None, F], F],
    counters: Callable[[F], Counters],
    changes: batch.MonthChanges,
    save: Callable[[list[F]], None],
) -> int:
    """Merge a kind's sightings into its stored facts, count each changed fact's move of its
    day's counters, and save the changed ones in one write."""
    changed = batch.fold(stored, sightings, merge)
    for key, fact in changed.items():
        old = stored.get(key)
        before = (old.day, counters(old)) if old else None  # type: ignore[attr-defined]
        changes.add_fact(fact.rep_id, before, (fact.day, counters(fact)))  # type: ignore[attr-defined]
    save(list(changed.values()))
    return len(changed)


def _ratings(tx: Tx, chunk: HistoryChunk) -> int:
    known = tx.repo.known_ratings(chunk.tenant_id, [r.key for r in chunk.ratings])
    new = {r.key: r for r in reversed(chunk.ratings) if r.key not in known}  # the first wins
    tx.repo.insert_ratings(list(reversed(new.values())))
    return len(new)


def _new_credit_facts(tx: Tx, chunk: HistoryChunk) -> list[CreditFact]:
    """The cards that lose points and are not stored yet (a visit also seen as
    visit.submitted is stored once), judged by the tenant's lateness window."""
    if not chunk.visits:
        return []
    grace = credit_rules.grace_seconds(settings_of(tx.repo, chunk.tenant_id).lateness_window_hours)
    found: dict[str, CreditFact] = {}
    for visit in chunk.visits:
        fact = credit_rules.visit_fact(replace(visit, grace_seconds=grace))
        if fact.deductions and fact.fact_id not in found:
            found[fact.fact_id] = fact
    known = tx.repo.known_credit_facts(chunk.tenant_id, list(found))
    return [f for f in found.values() if f.fact_id not in known]


def _reps(facts: list[CreditFact]) -> list[str]:
    return list(dict.fromkeys(f.rep_id for f in facts))


def _summed(stats: tuple[tuple[str, StatsDelta], ...]) -> dict[str, StatsDelta]:
    found: dict[str, StatsDelta] = {}
    for rep_id, delta in stats:
        old = found.get(rep_id, StatsDelta({}))
        counts = dict(old.increments)
        for name, inc in delta.increments.items():
            counts[name] = counts.get(name, 0) + inc
        at = max(filter(None, [old.visit_at, delta.visit_at]), default=None)
        found[rep_id] = StatsDelta(counts, at)
    return found


def _announce_in_order(
    tx: Tx, tenant_id: str, facts: list[CreditFact], latest: dict[str, MonthAggregate]
) -> int:
    """Each new credit fact moves its rep's standing as it would one by one; the people
    are read once, only if anything was crossed."""
    moves = []
    for fact in facts:
        points = points_of(fact.deductions)
        current = latest.get(fact.rep_id)
        before, after = ingest.standings(current, fact.month, points)
        if credit_rules.crossings(before[1], after[1]):
            moves.append((fact.rep_id, before, after))
        latest[fact.rep_id] = batch.next_latest(current, fact.month, points, tenant_id,
                                                fact.rep_id)  # fmt: skip
    people = tx.repo.people(tenant_id, _reps_of(moves)) if moves else {}
    emitted = len(tx.events)
    for rep_id, before, after in moves:
        ingest.announce(tx, tenant_id, rep_id, before, after, lambda r=rep_id: people.get(r))
    return len(tx.events) - emitted


def _reps_of(moves: list) -> list[str]:
    return list(dict.fromkeys(rep_id for rep_id, _, _ in moves))
