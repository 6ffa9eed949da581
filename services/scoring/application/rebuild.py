"""RebuildScores: recompute every rep-month of a tenant from the stored raw facts, compare it
with the incrementally-kept aggregate, and repair what differs. On a healthy store it repairs
nothing, which is itself the proof that incremental == recompute (ADR 029).

It may run while events keep arriving: the scan only nominates rep-months; each repair is
fenced, in one transaction that reads that rep-month's facts and aggregate again, recomputes
it and writes it only if it still differs. An event's transaction changes a fact and its
rep-month together, so the repair sees both or neither (a snapshot), and one that commits
while the repair runs is a write conflict on the same document, retried by the driver on
the new state: nothing is lost or counted twice (ADR 038)."""

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
    facts = repo.recompute_facts(tenant_id)
    scans = [_Counted(x) for x in (facts.leads, facts.plans, facts.commitments, facts.credit)]
    expected = recompute(tenant_id, *scans)
    stored = {(a.rep_id, a.month): a.normalised() for a in repo.all_months(tenant_id)}
    repaired = 0
    for key in sorted(set(expected) | set(stored)):
        want, have = expected.get(key), stored.get(key)
        if _same(want, have):
            continue
        repaired += int(_repair(uow, tenant_id, key))
    facts = sum(s.count for s in scans)
    return RebuildReport(facts, len(set(expected) | set(stored)), repaired)


def _same(want: MonthAggregate | None, have: MonthAggregate | None) -> bool:
    if want is None and have is None:
        return True
    if want is None or have is None:
        return (want or have).is_empty()  # type: ignore[union-attr]
    return want == have


def _repair(uow, tenant_id: str, key: tuple[str, str]) -> bool:
    """Fenced: the rep-month recomputed from its facts as they are now, in the transaction
    that writes it. False when it no longer differs (an event completed it meanwhile)."""
    rep_id, month = key

    def work(tx) -> bool:
        facts = tx.repo.facts_of_month(tenant_id, rep_id, month)
        fresh = recompute(tenant_id, facts.leads, facts.plans, facts.commitments, facts.credit)
        want = fresh.get(key)
        found = tx.repo.months(tenant_id, [rep_id], [month])
        if _same(want, found[0] if found else None):
            return False
        if want is None:
            tx.repo.delete_month(tenant_id, rep_id, month)
        else:
            tx.repo.put_month(want)
        return True

    return uow.run(work)
