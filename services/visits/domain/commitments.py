"""Follow-up commitments (SPEC V3): open -> done | cancelled (with a note), by the rep, alone
or from a card; past due without an update they escalate on a per-tenant schedule. The
state changes are methods of Commitment that check their own preconditions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from services.common.clock import SHANGHAI
from services.common.errors import FailedPrecondition
from services.visits.domain.cards import Card
from services.visits.domain.settings import EscalationStep


class CommitmentStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    CANCELLED = "cancelled"


COMMITMENT_STATUS_ZH = {
    CommitmentStatus.OPEN: "进行中",
    CommitmentStatus.DONE: "已完成",
    CommitmentStatus.CANCELLED: "已取消",
}


def shanghai_day(at: datetime) -> date:
    return at.astimezone(SHANGHAI).date()


class AlreadyClosed(FailedPrecondition):
    """The commitment is no longer open; `commitment` is its current state (a batch reports
    it back as a conflict)."""

    def __init__(self, commitment: Commitment) -> None:
        label = COMMITMENT_STATUS_ZH[commitment.status]
        super().__init__(f"承诺 {commitment.commitment_id} 已{label.removeprefix('已')},不能再更新")
        self.commitment = commitment


@dataclass
class Commitment:
    tenant_id: str
    commitment_id: str
    visit_id: str  # the card that created it
    rep_id: str
    store_id: str
    store_name: str
    description: str
    due_date: date  # Asia/Shanghai
    created_at: datetime
    supervisor_id: str = ""
    team_id: str = ""
    region_code: str = ""
    status: CommitmentStatus = CommitmentStatus.OPEN
    note: str = ""
    closed_at: datetime | None = None
    on_time: bool = False
    closed_in_visit_id: str = ""
    closed_by_request: str = ""  # the client id of the update that closed it (replays)
    reminders_sent: int = 0  # escalation steps already emitted
    next_reminder_on: date | None = None  # the day the next step is due (the timer's index)

    @property
    def is_open(self) -> bool:
        return self.status == CommitmentStatus.OPEN

    def close(
        self, status: str, note: str, at: datetime, request_id: str, in_visit_id: str = ""
    ) -> None:
        """S1: on time when closed on or before the due date, in Shanghai days."""
        if not self.is_open:
            raise AlreadyClosed(self)
        self.status = CommitmentStatus(status)
        self.note = note
        self.closed_at = at
        self.on_time = shanghai_day(at) <= self.due_date
        self.closed_in_visit_id = in_visit_id
        self.closed_by_request = request_id
        self.next_reminder_on = None

    def is_overdue(self, today: date) -> bool:
        return self.is_open and today > self.due_date


def first_reminder_on(due: date, schedule: tuple[EscalationStep, ...]) -> date | None:
    return due + timedelta(days=schedule[0].days_after_due) if schedule else None


def next_step_on(commitment: Commitment, schedule: tuple[EscalationStep, ...]) -> date | None:
    """The day the commitment's next unsent step is due; None when none is left."""
    if commitment.reminders_sent >= len(schedule):
        return None
    return commitment.due_date + timedelta(days=schedule[commitment.reminders_sent].days_after_due)


@dataclass(frozen=True)
class Reminder:
    """The escalation step a due commitment has reached (1-based), and what follows it."""

    step: int
    copy_director: bool
    days_overdue: int
    next_on: date | None


def due_reminder(
    commitment: Commitment, today: date, schedule: tuple[EscalationStep, ...]
) -> Reminder | None:
    """The step to emit today, if any. A timer that was down for days does not send every
    missed step at once: it jumps to the latest step that is due (its number and its director
    copy are what count), and the skipped ones are never sent."""
    if not commitment.is_open:
        return None
    due_steps = [
        i
        for i, step in enumerate(schedule)
        if i >= commitment.reminders_sent
        and today >= commitment.due_date + timedelta(days=step.days_after_due)
    ]
    if not due_steps:
        return None
    index = due_steps[-1]
    following = schedule[index + 1] if index + 1 < len(schedule) else None
    return Reminder(
        step=index + 1,
        copy_director=schedule[index].copy_director,
        days_overdue=(today - commitment.due_date).days,
        next_on=(
            commitment.due_date + timedelta(days=following.days_after_due) if following else None
        ),
    )


def commitments_of_card(
    card: Card, now: datetime, schedule: tuple[EscalationStep, ...]
) -> list[Commitment]:
    """The follow-up commitments a card creates, each with the day its first reminder is due
    under the tenant's schedule."""
    return [
        Commitment(
            tenant_id=card.tenant_id,
            commitment_id=c.commitment_id,
            visit_id=card.visit_id,
            rep_id=card.rep_id,
            store_id=card.store_id,
            store_name=card.store_name,
            description=c.description,
            due_date=c.due_date,
            created_at=now,
            supervisor_id=card.supervisor_id,
            team_id=card.team_id,
            region_code=card.region_code,
            next_reminder_on=first_reminder_on(c.due_date, schedule),
        )
        for c in card.draft.commitments
    ]
