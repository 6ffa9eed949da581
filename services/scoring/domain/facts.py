"""The raw facts PHI is computed from, one per natural key, and how two sightings of the same
fact merge. Every merge is a join (commutative, associative, idempotent), so duplicates and
any delivery order end in the same fact, and a fact's contribution to the counters is a
function of the fact alone: incremental = recompute (ADR 029).

- an assignment (lead, rep, assigned at): pending -> answered late / breached / on time;
- a rep's plan day: the highest version wins;
- a commitment: open -> closed (done / cancelled, on time or not), overdue reminders.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import IntEnum

from services.scoring.domain.periods import local_date
from services.scoring.domain.phi import Counters


class LeadState(IntEnum):
    """Ordered so that the join is max(): an answer within SLA outranks everything."""

    PENDING = 0
    LATE = 1  # answered, but after the SLA
    BREACHED = 2  # no answer within the SLA; the lead moved on
    ON_TIME = 3


LEAD_STATE_ZH = {
    LeadState.PENDING: "待响应",
    LeadState.LATE: "超时响应",
    LeadState.BREACHED: "超时未响应",
    LeadState.ON_TIME: "及时响应",
}


@dataclass(frozen=True)
class LeadFact:
    tenant_id: str
    lead_id: str
    rep_id: str
    assigned_at: datetime
    state: LeadState
    customer_name: str = ""
    urgency: str = ""
    response_seconds: int = 0

    @property
    def key(self) -> str:
        return f"{self.lead_id}:{self.rep_id}:{int(self.assigned_at.timestamp() * 1000)}"

    @property
    def day(self) -> date:
        return local_date(self.assigned_at)


def merge_lead(old: LeadFact | None, new: LeadFact) -> LeadFact:
    if old is None:
        return new
    high, low = (new, old) if new.state > old.state else (old, new)
    return replace(
        high,
        customer_name=high.customer_name or low.customer_name,
        urgency=high.urgency or low.urgency,
        response_seconds=high.response_seconds or low.response_seconds,
    )


def lead_counters(f: LeadFact) -> Counters:
    decided = f.state is not LeadState.PENDING
    return Counters(lead_on_time=int(f.state is LeadState.ON_TIME), lead_decided=int(decided))


PLAN_PENDING, PLAN_DONE, PLAN_DROPPED = "pending", "done", "dropped"


@dataclass(frozen=True)
class PlanItem:
    item_id: str
    store_id: str
    status: str
    position: int
    visit_id: str = ""


@dataclass(frozen=True)
class PlanFact:
    tenant_id: str
    rep_id: str
    plan_date: date
    version: int
    planned: int
    completed: int
    items: tuple[PlanItem, ...] = ()

    @property
    def key(self) -> str:
        return f"{self.rep_id}:{self.plan_date.isoformat()}"

    @property
    def day(self) -> date:
        return self.plan_date

    def pending(self) -> list[PlanItem]:
        return sorted((i for i in self.items if i.status == PLAN_PENDING), key=lambda i: i.position)


def merge_plan(old: PlanFact | None, new: PlanFact) -> PlanFact:
    """The whole day travels in each event: keep the highest version (ties keep the first)."""
    return new if old is None or new.version > old.version else old


def plan_counters(f: PlanFact) -> Counters:
    return Counters(plan_completed=f.completed, plan_planned=f.planned)


OPEN, DONE, CANCELLED = "open", "done", "cancelled"
COMMITMENT_STATUS_ZH = {OPEN: "未闭环", DONE: "已完成", CANCELLED: "已取消"}


@dataclass(frozen=True)
class CommitmentFact:
    tenant_id: str
    commitment_id: str
    rep_id: str
    due_date: date | None
    status: str = OPEN
    on_time: bool = False
    closed_at: datetime | None = None
    visit_id: str = ""
    store_id: str = ""
    store_name: str = ""
    description: str = ""
    reminders: int = 0

    @property
    def key(self) -> str:
        return self.commitment_id

    @property
    def day(self) -> date | None:
        return self.due_date

    def overdue_on(self, today: date) -> bool:
        return self.status == OPEN and self.due_date is not None and self.due_date < today


def merge_commitment(old: CommitmentFact | None, new: CommitmentFact) -> CommitmentFact:
    """A close outranks "open" whatever arrives first; descriptive fields fill in."""
    if old is None:
        return new
    closed = _closing(old, new)
    return CommitmentFact(
        tenant_id=old.tenant_id,
        commitment_id=old.commitment_id,
        rep_id=old.rep_id or new.rep_id,
        due_date=old.due_date or new.due_date,
        status=closed.status,
        on_time=closed.on_time,
        closed_at=closed.closed_at,
        visit_id=old.visit_id or new.visit_id,
        store_id=old.store_id or new.store_id,
        store_name=old.store_name or new.store_name,
        description=old.description or new.description,
        reminders=max(old.reminders, new.reminders),
    )


def _closing(a: CommitmentFact, b: CommitmentFact) -> CommitmentFact:
    if (a.status == OPEN) != (b.status == OPEN):
        return b if a.status == OPEN else a
    if a.status == OPEN:
        return a
    # Two closes (a replayed close of another kind): the earlier status update stands.
    return min(a, b, key=lambda f: (f.closed_at.timestamp() if f.closed_at else 0.0, f.status))


def commitment_counters(f: CommitmentFact) -> Counters:
    if f.due_date is None:
        return Counters()
    closed_in_time = f.status != OPEN and f.on_time
    return Counters(commit_on_time=int(closed_in_time), commit_due=1)


@dataclass(frozen=True)
class RatingFact:
    tenant_id: str
    visit_id: str
    rep_id: str
    store_id: str
    stars: int
    comment: str
    rated_at: datetime
    week: str

    @property
    def key(self) -> str:
        return self.visit_id
