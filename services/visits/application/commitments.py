"""Use cases of follow-up commitments (SPEC V3): the rep closes one (done, or cancelled with
a note), the timer escalates those past due, the rep's dashboard lists what is open."""

from __future__ import annotations

from datetime import date, datetime

from sales.events.v1 import visit_events_pb2 as ev
from services.common.errors import InvalidArgument, NotFound, Violations
from services.common.paging import decode, page
from services.common.unit_of_work import Transaction, UnitOfWork
from services.visits.application import card_events
from services.visits.application.cards import check_page_key
from services.visits.application.ports import VisitsRepository
from services.visits.domain import card_rules
from services.visits.domain.commitments import (
    AlreadyClosed,
    Commitment,
    Reminder,
    due_reminder,
    next_step_on,
    shanghai_day,
)

SWEEP_BATCH = 200


def close_commitment(
    uow: UnitOfWork[VisitsRepository],
    tenant_id: str,
    rep_id: str,
    commitment_id: str,
    status: str,
    note: str,
    request_id: str,
    now: datetime,
) -> Commitment:
    """Idempotent by the client's request id: a replay of the update that closed it returns
    the closed commitment; any other update of a closed one raises AlreadyClosed (with the
    current state)."""
    v = Violations()
    v.check(card_rules.is_uuid(request_id), "request_id", "更新编号必须是客户端生成的 UUID")
    v.check(0 < len(commitment_id) <= card_rules.MAX_ID, "commitment_id", "必须指明承诺")
    card_rules.check_closing(v, status, note, "update")
    v.raise_if_any()

    def work(tx: Transaction[VisitsRepository]) -> Commitment:
        commitment = tx.repo.commitments.get(tenant_id, commitment_id)
        if commitment is None or commitment.rep_id != rep_id:
            raise NotFound(f"承诺 {commitment_id} 不存在")
        if not commitment.is_open and commitment.closed_by_request == request_id:
            return commitment
        commitment.close(status, note, now, request_id)
        if not tx.repo.commitments.save_closure(commitment):
            raise AlreadyClosed(tx.repo.commitments.get(tenant_id, commitment_id) or commitment)
        tx.emit("commitment.closed", card_events.commitment_closed(commitment), tenant_id)
        return commitment

    return uow.run(work, correlation_id=commitment_id)


def list_for_rep(
    uow: UnitOfWork[VisitsRepository],
    tenant_id: str,
    rep_id: str,
    only_overdue: bool,
    page_size: int,
    token: str,
    now: datetime,
) -> tuple[list[Commitment], str]:
    """The rep's open commitments by due date; with only_overdue, those past due (S4)."""
    if not rep_id or len(rep_id) > card_rules.MAX_ID:
        raise InvalidArgument.of_field("rep_id", "必须指明业务员")
    after, limit = decode(page_size, token)
    check_page_key(after, date.fromisoformat)
    before = shanghai_day(now) if only_overdue else None
    found = uow.repository().commitments.list_for_rep(tenant_id, rep_id, before, after, limit + 1)
    return page(found, limit, commitment_page_key)


def commitment_page_key(c: Commitment) -> str:
    return f"{c.due_date.isoformat()}|{c.commitment_id}"


# --- the overdue timer ---------------------------------------------------------------------


def send_due_reminders(uow: UnitOfWork[VisitsRepository], now: datetime) -> int:
    """Every open commitment whose next escalation step is due gets exactly one
    commitment.overdue for that step, however many replicas run this: the step is claimed
    by one conditional update inside the transaction that emits the event, so a replica
    that loses the race writes nothing and emits nothing."""
    today = shanghai_day(now)
    sent = 0
    for commitment in uow.repository().commitments.due_for_reminder(today, SWEEP_BATCH):
        schedule = uow.repository().settings.get(commitment.tenant_id).cards.escalation
        reminder = due_reminder(commitment, today, schedule)
        if reminder is None:  # the tenant's schedule changed since: wait for its next step
            reminder = Reminder(
                commitment.reminders_sent, False, 0, next_step_on(commitment, schedule)
            )
            uow.repository().commitments.claim_reminder(commitment, reminder)
        elif uow.run(lambda tx, c=commitment, r=reminder: _remind(tx, c, r)):
            sent += 1
    return sent


def _remind(tx: Transaction[VisitsRepository], commitment: Commitment, reminder: Reminder) -> bool:
    if not tx.repo.commitments.claim_reminder(commitment, reminder):
        return False  # another replica sent this step
    rep = tx.repo.people.get(commitment.tenant_id, commitment.rep_id)
    supervisor = rep.supervisor_id if rep and rep.supervisor_id else commitment.supervisor_id
    director = ""
    if reminder.copy_director:
        found = tx.repo.people.director_over(commitment.tenant_id, commitment.rep_id)
        director = found.person_id if found else ""
    event = _overdue(commitment, reminder, supervisor, director)
    tx.emit("commitment.overdue", event, commitment.tenant_id)
    return True


def _overdue(
    c: Commitment, reminder: Reminder, supervisor_id: str, director_id: str
) -> ev.CommitmentOverdue:
    return ev.CommitmentOverdue(
        commitment_id=c.commitment_id, visit_id=c.visit_id, rep_id=c.rep_id,
        supervisor_id=supervisor_id, store_id=c.store_id, store_name=c.store_name,
        description=c.description, due_date=c.due_date.isoformat(),
        days_overdue=reminder.days_overdue, reminder_count=reminder.step, director_id=director_id,
    )  # fmt: skip
