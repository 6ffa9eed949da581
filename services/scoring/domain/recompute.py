"""The figures as a pure function of the raw facts: what a full recompute produces and what
the incremental path must equal (property-tested, and checked by RebuildScores)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from services.scoring.domain.credit import CreditFact, CreditPoints, points_of
from services.scoring.domain.facts import (
    CommitmentFact,
    LeadFact,
    PlanFact,
    commitment_counters,
    lead_counters,
    plan_counters,
)
from services.scoring.domain.periods import month_key
from services.scoring.domain.phi import ZERO, Counters


@dataclass(frozen=True)
class MonthAggregate:
    """One rep's month: PHI counters per day of the month (non-zero days only) and the
    data-credit points lost."""

    tenant_id: str
    rep_id: str
    month: str
    days: dict[int, Counters] = field(default_factory=dict)
    credit: CreditPoints = CreditPoints()

    def normalised(self) -> MonthAggregate:
        days = {d: c for d, c in self.days.items() if not c.is_zero()}
        return MonthAggregate(self.tenant_id, self.rep_id, self.month, days, self.credit)

    def is_empty(self) -> bool:
        return not self.normalised().days and self.credit == CreditPoints()


Key = tuple[str, str]  # (rep, month)


def day_deltas(
    old: tuple[date | None, Counters] | None, new: tuple[date | None, Counters]
) -> dict[str, dict[int, Counters]]:
    """What replacing a fact's old contribution by its new one adds, by month and day."""
    found: dict[str, dict[int, Counters]] = defaultdict(dict)
    moves = [(new[0], new[1], 1)] + ([(old[0], old[1], -1)] if old else [])
    for day, counters, sign in moves:
        if day is None:
            continue
        days = found[month_key(day)]
        current = days.get(day.day, ZERO)
        days[day.day] = current + counters if sign > 0 else current - counters
    return {m: {d: c for d, c in ds.items() if not c.is_zero()} for m, ds in found.items()}


def recompute(
    tenant_id: str,
    leads: Iterable[LeadFact],
    plans: Iterable[PlanFact],
    commitments: Iterable[CommitmentFact],
    credit_facts: Iterable[CreditFact],
) -> dict[Key, MonthAggregate]:
    days: dict[Key, dict[int, Counters]] = defaultdict(lambda: defaultdict(lambda: ZERO))
    phi_facts = [
        *((f.rep_id, f.day, lead_counters(f)) for f in leads),
        *((f.rep_id, f.day, plan_counters(f)) for f in plans),
        *((f.rep_id, f.day, commitment_counters(f)) for f in commitments),
    ]
    for rep_id, day, counters in phi_facts:
        if day is not None and not counters.is_zero():
            days[(rep_id, month_key(day))][day.day] += counters
    points: dict[Key, CreditPoints] = defaultdict(CreditPoints)
    for f in credit_facts:
        points[(f.rep_id, f.month)] += points_of(f.deductions)
    return {
        key: MonthAggregate(
            tenant_id, key[0], key[1], dict(days.get(key, {})), points[key]
        ).normalised()
        for key in set(days) | set(points)
    }
