"""Use cases that keep media's read models of stores and people up to date from other
services' events (each event handled once, through the unit of work's inbox)."""

from __future__ import annotations

from services.common.handling import Outcome, consumed
from services.media.application.ports import MediaTransaction, MediaUnitOfWork
from services.media.domain.stores import PersonName, StoreSighting, newest_sightings


def record_store(uow: MediaUnitOfWork, event_id: str, store: StoreSighting) -> Outcome:
    """A store registered or changed in visits; an older version than the one already applied
    changes nothing (events of one store may arrive out of order)."""

    def work(tx: MediaTransaction) -> bool:
        current = tx.repo.get_store(store.tenant_id, store.store_id)
        if store.newer_than(current):
            tx.repo.put_store(store)
        return True

    return consumed(uow.run_consuming(event_id, work))


def record_stores(
    uow: MediaUnitOfWork, event_id: str, tenant_id: str, stores: list[StoreSighting]
) -> Outcome:
    """store.imported: a chunk of an import's stores in one transaction, one read of those
    already known and one write (ADR 042), with record_store's rule: the newest version wins."""

    def work(tx: MediaTransaction) -> int:
        known = tx.repo.get_stores(tenant_id, [s.store_id for s in stores])
        newer = newest_sightings(stores, known)
        tx.repo.put_stores(newer, known=set(known))
        return len(newer)

    return consumed(uow.run_consuming(event_id, work))


def record_person(uow: MediaUnitOfWork, event_id: str, person: PersonName) -> Outcome:
    def work(tx: MediaTransaction) -> bool:
        tx.repo.put_person(person)
        return True

    return consumed(uow.run_consuming(event_id, work))
