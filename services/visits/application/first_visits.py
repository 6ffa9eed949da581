"""V7 first visits: figures of how long new stores wait for their first submitted visit, and
the timer that raises store.first_visit_overdue once per store when the wait passes the
tenant's limit. The store is claimed by a conditional update inside the transaction that
emits the event, so two replicas never alert twice."""

from __future__ import annotations

import logging
from datetime import datetime

from services.common.errors import InvalidArgument
from services.common.unit_of_work import Transaction, UnitOfWork
from services.visits.application import event_payloads
from services.visits.application.ports import VisitsRepository
from services.visits.domain import first_visits
from services.visits.domain.first_visits import REGION_DIGITS, FirstVisitStats
from services.visits.domain.plans import shanghai_day

log = logging.getLogger(__name__)
BATCH = 200
Uow = UnitOfWork[VisitsRepository]


def first_visit_stats(
    uow: Uow,
    tenant_id: str,
    start_text: str,
    end_text: str,
    owner_rep_ids: list[str],
    region_digits: int,
    now: datetime,
) -> FirstVisitStats:
    digits = region_digits or 6
    if digits not in REGION_DIGITS:
        raise InvalidArgument.of_field("region_digits", "区域粒度必须是 2(省)、4(市)或 6(区县)")
    start, end = first_visits.period(start_text, end_text, shanghai_day(now))
    low, high = first_visits.utc_bounds(start, end)
    repo = uow.repository()
    stores = repo.stores.registered_between(tenant_id, low, high)
    if owner_rep_ids:
        wanted = set(owner_rep_ids)
        stores = [s for s in stores if s.owner_rep_id in wanted]
    limit = repo.settings.get(tenant_id).stores.first_visit_limit_days
    return first_visits.stats(stores, start, end, limit, digits, now)


def alert_overdue_first_visits(uow: Uow, now: datetime) -> int:
    """store.first_visit_overdue for each tracked store whose first visit is past due."""
    alerted = 0
    for store in uow.repository().stores.first_visits_due(now, BATCH):

        def work(tx: Transaction[VisitsRepository], store=store) -> bool:
            if not tx.repo.stores.claim_first_visit_overdue(store.tenant_id, store.store_id, now):
                return False  # visited meanwhile, or another replica alerted it
            supervisor = tx.repo.people.supervisor_of(store.tenant_id, store.owner_rep_id)
            limit = tx.repo.settings.get(store.tenant_id).stores.first_visit_limit_days
            payload = event_payloads.first_visit_overdue(store, supervisor, limit, now)
            tx.emit("store.first_visit_overdue", payload, store.tenant_id)
            return True

        try:
            alerted += uow.run(work, correlation_id=store.store_id)
        except Exception:
            # one store's failure must not stop the others; it stays due for the next tick
            log.exception("first-visit alert failed", extra={"store_id": store.store_id})
    return alerted
