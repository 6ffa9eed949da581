"""Applying events to rep figures, exactly once each, and answering for a rep."""

from __future__ import annotations

from datetime import datetime

from services.common.unit_of_work import MongoUnitOfWork, Transaction
from services.scoring.domain.rep_stats import RepStats, StatsDelta


def apply(
    uow: MongoUnitOfWork,
    tenant_id: str,
    rep_id: str,
    delta: StatsDelta,
    event_id: str,
    now: datetime,
) -> bool | None:
    """None when the event was already consumed."""

    def work(tx: Transaction) -> bool:
        tx.repo.apply_delta(tenant_id, rep_id, delta, now)
        return True

    return uow.run_consuming(event_id, work)


def rep_stats(uow: MongoUnitOfWork, tenant_id: str, rep_id: str) -> RepStats:
    """A rep with no events yet has all-zero figures, not an error."""
    found = uow.run(lambda tx: tx.repo.get(tenant_id, rep_id))
    return found or RepStats(tenant_id=tenant_id, rep_id=rep_id)
