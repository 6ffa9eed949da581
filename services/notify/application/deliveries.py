"""Fan-out of events to people (SPEC N1): one event becomes its deliveries, in one transaction
with the event's inbox marker; and the directory, whose new entries send what failed only for
want of them."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from services.common.unit_of_work import Transaction, UnitOfWork
from services.notify.application.ports import NotifyRepository
from services.notify.domain import planning
from services.notify.domain.model import Contact, Delivery
from services.notify.domain.notices import Notice
from services.notify.domain.routing import FINANCE, REP, SUPERVISOR, Route, default_route

log = logging.getLogger(__name__)
Uow = UnitOfWork[NotifyRepository]
Tx = Transaction[NotifyRepository]

# A person who enters the directory (or gets a channel id) this soon after an event addressed
# to them still gets its message: org events and business events travel separately, so a new
# rep's first lead can be planned a moment before the rep is known here. Older failures stay.
REVIVE_WITHIN = timedelta(minutes=15)


# --- the directory ---------------------------------------------------------------------------


def record_contact(uow: Uow, contact: Contact, event_id: str, now: datetime) -> list[str]:
    """Store the person; returns the deliveries that failed only for want of this person's
    directory entry and are now ready to send."""

    def store(tx: Tx) -> bool:
        tx.repo.upsert_contact(contact)
        return True

    uow.run_consuming(event_id, store)
    # After the commit, not inside it: a notice planned while this transaction was open saw
    # no contact, and this transaction would not see its delivery (write skew). plan_notice
    # looks again after its own commit, so whichever of the two commits second revives it.
    # A redelivered event looks too: its first look may be what failed.
    return revive_for(uow.repository(), contact, now)


def revive_for(repo: NotifyRepository, contact: Contact, now: datetime) -> list[str]:
    if not contact.active:
        return []
    revived = []
    for d in repo.awaiting_contact(contact.tenant_id, contact.person_id, now - REVIVE_WITHIN):
        address = contact.address(d.channel)
        if not address:
            continue  # the channel chosen at planning is still unbound
        d.revive(address, now)
        if repo.revive(d):  # conditional on it still awaiting: never sent twice
            revived.append(d.delivery_id)
    return revived


# --- planning: one event -> deliveries ---------------------------------------------------------


@dataclass(frozen=True)
class Plan:
    ready: list[str]  # deliveries to send now
    awaiting: list[str]  # people whose deliveries failed for want of a directory entry


def plan_notice(uow: Uow, notice: Notice, now: datetime) -> list[str] | None:
    """Route one event to people (and group robots), render each message, and log one
    delivery per (event, recipient, channel). Idempotent twice over: the event's inbox
    marker, and the delivery key. Returns the ids of deliveries ready to send (possibly none:
    every recipient failed), or None when the event was already consumed."""
    plan = uow.run_consuming(notice.event_id, lambda tx: _plan(tx.repo, notice, now))
    if plan is None:
        return None
    return plan.ready + _look_again(uow.repository(), notice, plan.awaiting, now)


def _plan(repo: NotifyRepository, notice: Notice, now: datetime) -> Plan:
    route = effective_route(repo, notice)
    planned = planning.deliveries(notice, route, _directory(repo, notice, route), now)
    ready = [d.delivery_id for d in planned if repo.add_delivery(d) and d.is_pending]
    awaiting = sorted({d.recipient_id for d in planned if d.awaits_contact})
    return Plan(ready, awaiting)


def effective_route(repo: NotifyRepository, notice: Notice) -> Route:
    """The tenant's override for the event type, else the default."""
    found = repo.route(notice.tenant_id, notice.event_type)
    return found or default_route(notice.event_type, notice.tenant_id)


def _directory(repo: NotifyRepository, notice: Notice, route: Route) -> planning.Directory:
    """Everyone the notice names, its supervisor, and finance when the route asks for them."""
    named = set(notice.people.values())
    if FINANCE in route.roles:
        named.update(notice.finance_ids)
    contacts = {pid: repo.contact(notice.tenant_id, pid) for pid in named}
    supervisor_id = ""
    if SUPERVISOR in route.roles:
        supervisor_id = planning.supervisor_of(notice, contacts.get(notice.people.get(REP, "")))
        if supervisor_id and supervisor_id not in contacts:
            contacts[supervisor_id] = repo.contact(notice.tenant_id, supervisor_id)
    finance: list[Contact] = []
    if FINANCE in route.roles and not notice.finance_ids:
        finance = repo.contacts_with_role(notice.tenant_id, FINANCE)
        contacts.update({c.person_id: c for c in finance})
    return planning.Directory(contacts, supervisor_id, finance)


def _look_again(
    repo: NotifyRepository, notice: Notice, awaiting: list[str], now: datetime
) -> list[str]:
    """The person may have arrived while the planning transaction was open (see
    record_contact): revive what they would have received."""
    revived: list[str] = []
    try:
        for person_id in awaiting:
            person = repo.contact(notice.tenant_id, person_id)
            if person is not None:
                revived.extend(revive_for(repo, person, now))
    except Exception:  # what is planned is committed; this second look is a bonus
        log.exception("second look for new contacts failed", extra={"event_id": notice.event_id})
    return revived


def record_malformed(
    uow: Uow, event_id: str, event_type: str, tenant_id: str, error: str, now: datetime
) -> bool | None:
    """A malformed event lands in the delivery log as a failure (recipient "unknown") and is
    acknowledged: it never loops through retries. None when it was recorded before."""
    failure: Delivery = planning.malformed(event_id, event_type, tenant_id, error, now)
    return uow.run_consuming(event_id, lambda tx: tx.repo.add_delivery(failure))
