"""RebuildScores: recompute every rep-month of a tenant from the stored raw facts, compare it
with the incrementally-kept aggregate, and repair what differs. On a healthy store it repairs
nothing, which is itself the proof that incremental == recompute (ADR 029).

Run it when events are quiet: an event applied between the scan and a repair of the same
rep-month is overwritten by the repair, and a second run puts it back (the fact is stored)."""

from __future__ import annotations

from dataclasses import dataclass

from services.common.unit_of_work import UnitOfWork
from services.scoring.application.ports import ScoringRepository
from services.scoring.domain.recompute import MonthAggregate, recompute


@dataclass(frozen=True)
class RebuildReport:
    facts: int
    months_checked: int
    months_repaired: int


class _Counted:
    def __init__(self, items) -> None:
        self.items, self.count = items, 0

    def __iter__(self):
        for item in self.items:
            self.count += 1
            yield item


def rebuild(uow: UnitOfWork[ScoringRepository], tenant_id: str) -> RebuildReport:
    repo = uow.repository()
    scans = [
        _Counted(repo.all_leads(tenant_id)),
        _Counted(repo.all_plans(tenant_id, with_items=False)),
        _Counted(repo.all_commitments(tenant_id)),
        _Counted(repo.all_credit_facts(tenant_id)),
    ]
    expected = recompute(tenant_id, *scans)
    stored = {(a.rep_id, a.month): a.normalised() for a in repo.all_months(tenant_id)}
    repaired = 0
    for key in sorted(set(expected) | set(stored)):
        want, have = expected.get(key), stored.get(key)
        if _same(want, have):
            continue
        repaired += 1
        _repair(uow, tenant_id, key, want)
    facts = sum(s.count for s in scans)
    return RebuildReport(facts, len(set(expected) | set(stored)), repaired)


def _same(want: MonthAggregate | None, have: MonthAggregate | None) -> bool:
    if want is None or have is None:
        return (want or have).is_empty()  # type: ignore[union-attr]
    return want == have


def _repair(uow, tenant_id: str, key: tuple[str, str], want: MonthAggregate | None) -> None:
    def work(tx) -> bool:
        if want is None:
            tx.repo.delete_month(tenant_id, *key)
        else:
            tx.repo.put_month(want)
        return True

    uow.run(work)
