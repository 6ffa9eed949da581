"""Many facts at once, merged exactly as one at a time (ADR 037): the same join functions
fold a chunk's sightings into the stored facts in order, and what a changed fact adds to
the rep-month aggregates is (final contribution - stored contribution), the sum of the
steps a one-by-one path would have taken. Pure: no I/O."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import TypeVar

from services.scoring.domain.credit import CreditPoints
from services.scoring.domain.phi import ZERO, Counters
from services.scoring.domain.recompute import MonthAggregate, day_deltas

F = TypeVar("F")
Part = Callable[[F], tuple[date | None, Counters]]
Key = tuple[str, str]  # (rep, month)


def fold(
    stored: Mapping[str, F], sightings: Iterable[tuple[str, F]], merge: Callable[[F | None, F], F]
) -> dict[str, F]:
    """The facts that end different from what is stored, after merging every sighting in
    order (duplicates and an already-stored sighting change nothing: merges are joins)."""
    current: dict[str, F] = {}
    for key, fact in sightings:
        current[key] = merge(current.get(key, stored.get(key)), fact)
    return {k: f for k, f in current.items() if f != stored.get(k)}


@dataclass
class MonthChanges:
    """What a chunk adds to each rep-month: day counters and credit points."""

    days: dict[Key, dict[int, Counters]]
    credit: dict[Key, CreditPoints]

    @classmethod
    def empty(cls) -> MonthChanges:
        return cls({}, {})

    def add_fact(self, rep_id: str, old: tuple | None, new: tuple) -> None:
        for month, days in day_deltas(old, new).items():
            into = self.days.setdefault((rep_id, month), {})
            for day, counters in days.items():
                into[day] = into.get(day, ZERO) + counters

    def add_points(self, rep_id: str, month: str, points: CreditPoints) -> None:
        key = (rep_id, month)
        self.credit[key] = self.credit.get(key, CreditPoints()) + points

    def aggregates(self, tenant_id: str) -> list[MonthAggregate]:
        """One increment a (rep, month), zero days left out, by key (a stable write order)."""
        found = []
        for key in sorted(set(self.days) | set(self.credit)):
            days = {d: c for d, c in self.days.get(key, {}).items() if not c.is_zero()}
            credit = self.credit.get(key, CreditPoints())
            if days or credit != CreditPoints():
                found.append(MonthAggregate(tenant_id, key[0], key[1], days, credit))
        return found


def next_latest(latest: MonthAggregate | None, fact_month: str, points: CreditPoints,
                tenant_id: str, rep_id: str) -> MonthAggregate:  # fmt: skip
    """The rep's latest credit month after a credit fact of `fact_month` (what the pointer
    document and the month's points would read after the one-by-one path's write)."""
    if latest is None or fact_month > latest.month:
        return MonthAggregate(tenant_id, rep_id, fact_month, {}, points)
    if fact_month == latest.month:
        return replace(latest, credit=latest.credit + points)
    return latest
