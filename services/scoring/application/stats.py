"""The first slice's running rep figures: their share of an event's transaction, and the
answer for a rep."""

from __future__ import annotations

from datetime import datetime

from services.common.unit_of_work import MongoUnitOfWork
from services.scoring.domain.rep_stats import RepStats, StatsDelta


def counting(tenant_id: str, rep_id: str, delta: StatsDelta, now: datetime):
    """The counters' share of an event's transaction (ingest's `also`); an item counted
    before (the same visit in a history chunk, then live) is not counted again."""

    def count(tx) -> None:
        if delta.counted_as and not tx.repo.first_counted(tenant_id, [delta.counted_as]):
            return
        tx.repo.apply_delta(tenant_id, rep_id, delta, now)

    return count


def uncounted(
    repo, tenant_id: str, stats: tuple[tuple[str, StatsDelta], ...]
) -> tuple[tuple[str, StatsDelta], ...]:
    """A chunk's counters less the items counted before, or twice in the chunk itself."""
    new = repo.first_counted(tenant_id, [d.counted_as for _, d in stats if d.counted_as])
    kept, seen = [], set()
    for rep_id, delta in stats:
        key = delta.counted_as
        if key and (key not in new or key in seen):
            continue
        seen.add(key)
        kept.append((rep_id, delta))
    return tuple(kept)


def rep_stats(uow: MongoUnitOfWork, tenant_id: str, rep_id: str) -> RepStats:
    """A rep with no events yet has all-zero figures, not an error."""
    found = uow.run(lambda tx: tx.repo.get(tenant_id, rep_id))
    return found or RepStats(tenant_id=tenant_id, rep_id=rep_id)
