"""The first slice's running rep figures: their share of an event's transaction, and the
answer for a rep."""

from __future__ import annotations

from datetime import datetime

from services.common.unit_of_work import MongoUnitOfWork
from services.scoring.domain.rep_stats import RepStats, StatsDelta


def counting(tenant_id: str, rep_id: str, delta: StatsDelta, now: datetime):
    """The counters' share of an event's transaction (ingest's `also`)."""
    return lambda tx: tx.repo.apply_delta(tenant_id, rep_id, delta, now)


def rep_stats(uow: MongoUnitOfWork, tenant_id: str, rep_id: str) -> RepStats:
    """A rep with no events yet has all-zero figures, not an error."""
    found = uow.run(lambda tx: tx.repo.get(tenant_id, rep_id))
    return found or RepStats(tenant_id=tenant_id, rep_id=rep_id)
