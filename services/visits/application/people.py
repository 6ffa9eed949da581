"""Keeping visits' read model of the org directory (org.person.upserted): owner reps of
stores, supervisors and directors for alerts and scope, finance by region for approvals."""

from __future__ import annotations

from services.common.unit_of_work import Transaction, UnitOfWork
from services.visits.application.ports import VisitsRepository
from services.visits.domain.people import Person, is_newer


def upsert_person(uow: UnitOfWork[VisitsRepository], person: Person, event_id: str) -> bool | None:
    """Idempotent per event (None: already consumed); an older statement about the person
    than the one kept changes nothing."""

    def work(tx: Transaction[VisitsRepository]) -> bool:
        if not is_newer(person, tx.repo.people.get(person.tenant_id, person.person_id)):
            return False
        tx.repo.people.upsert(person)
        return True

    return uow.run_consuming(event_id, work)
