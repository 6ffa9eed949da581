"""Leads and the assignment read model of reps. No I/O.

A lead changes state only through its own methods (assign, wait, accept, decline, breach,
reclaim, ...): each checks that the change is allowed now, raises FailedPrecondition when it
is not, and writes the lead's history line (SPEC A8), so that no use case can move a lead
half-way or forget the line that explains the move."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from services.common.errors import FailedPrecondition


class CustomerType(StrEnum):
    KA = "KA"
    BC = "BC"
    CONVENIENCE = "CONVENIENCE"


class Urgency(StrEnum):
    RED = "red"
    YELLOW = "yellow"
    BLUE = "blue"


class LeadStatus(StrEnum):
    WAITING = "waiting"
    ASSIGNED = "assigned"
    ACCEPTED = "accepted"
    VISITED = "visited"
    CLOSED = "closed"


OPEN_STATUSES = frozenset({"waiting", "assigned", "accepted", "visited"})
# Open leads a rep holds: what the stale sweep (A6) and its report look at.
HELD_STATUSES = frozenset({LeadStatus.ASSIGNED, LeadStatus.ACCEPTED, LeadStatus.VISITED})
# Until the first visit, an assigned lead is the rep's pending visit task (SPEC A2 "idle").
VISIT_TASK_STATUSES = frozenset({LeadStatus.ASSIGNED, LeadStatus.ACCEPTED})


class RepStatus(StrEnum):
    ACTIVE = "active"
    ON_LEAVE = "on_leave"
    INACTIVE = "inactive"


@dataclass(frozen=True)
class GeoPoint:
    latitude: float
    longitude: float
    datum: str  # wgs84 | gcj02 | bd09
    accuracy_m: float = 0.0


@dataclass
class Lead:
    lead_id: str
    tenant_id: str
    external_id: str
    channel: str
    customer_type: CustomerType
    region_code: str
    urgency: Urgency
    customer_name: str
    contact_name: str
    phone: str
    address: str
    location: GeoPoint | None
    store_id: str
    created_at: datetime
    status: LeadStatus = LeadStatus.WAITING
    assigned_rep_id: str = ""
    assigned_at: datetime | None = None
    decision: Decision | None = None
    sla_due_at: datetime | None = None
    responded_at: datetime | None = None
    last_follow_up_at: datetime | None = None
    waiting_since: datetime | None = None
    waiting_alerted_at: datetime | None = None
    merged_external_ids: list[str] = field(default_factory=list)
    declined_by: list[str] = field(default_factory=list)  # never offered to these reps again
    history: list[HistoryEntry] = field(default_factory=list)  # A8, oldest first

    def record(self, entry: HistoryEntry) -> None:
        self.history.append(entry)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def holds_visit_task(self) -> bool:
        """Until the first visit, an assigned lead is the rep's pending visit task."""
        return self.status in VISIT_TASK_STATUSES

    @property
    def assignment(self) -> Assignment:
        return Assignment(
            self.assigned_rep_id,
            self.holds_visit_task,
            self.assigned_at,
            self.sla_due_at,
            self.responded_at,
        )

    # -- intake (A1) ---------------------------------------------------------------------------

    def enter_pool(self) -> None:
        self.record(
            HistoryEntry(self.created_at, "created", "", f"线索进入线索池(渠道 {self.channel})")
        )

    def absorb(self, duplicate: Lead) -> None:
        """`duplicate` is the same customer arriving again: it becomes one of this lead's
        external ids instead of a second lead."""
        if not self.is_open:
            raise FailedPrecondition("重复线索已关闭,请重新提交")
        self.merged_external_ids.append(duplicate.external_id)
        same_store = bool(duplicate.store_id) and duplicate.store_id == self.store_id
        same = "同一门店" if same_store else "同一手机号"
        text = f"来源编号 {duplicate.external_id}({duplicate.channel})与本线索为{same},已合并"
        self.record(HistoryEntry(duplicate.created_at, "merged", "", text))

    # -- routing (A2, A3) ----------------------------------------------------------------------

    def _require_in_pool(self) -> None:
        if self.status != LeadStatus.WAITING:
            raise FailedPrecondition(f"线索当前状态为 {self.status.value},不在线索池中")

    def assign(self, rep_id: str, decision: Decision, now: datetime, sla: timedelta) -> None:
        """A rep's claim held: the lead is theirs, with a response due within `sla`."""
        self._require_in_pool()
        self.decision = decision
        self.status = LeadStatus.ASSIGNED
        self.assigned_rep_id = rep_id
        self.assigned_at = self.last_follow_up_at = now
        self.sla_due_at = now + sla
        self.responded_at = self.waiting_since = self.waiting_alerted_at = None
        self.record(HistoryEntry(now, "assigned", rep_id, decision.reason, decision))

    def wait(self, decision: Decision, now: datetime) -> None:
        """Nobody may take the lead now: it waits in the pool (one history line per wait, not
        one per retry)."""
        self._require_in_pool()
        already_waiting = self.waiting_since is not None
        self.decision = decision
        self.waiting_since = self.waiting_since or now
        if not already_waiting:
            self.record(HistoryEntry(now, "waiting", "", decision.reason, decision))

    def waited_too_long(self, now: datetime, limit: timedelta) -> bool:
        return (
            self.status == LeadStatus.WAITING
            and self.waiting_since is not None
            and self.waiting_alerted_at is None
            and now - self.waiting_since >= limit
        )

    def note_wait_alert(self, now: datetime, limit: timedelta) -> None:
        """The supervisor has been told that the lead waits too long (A3), once per wait."""
        if not self.waited_too_long(now, limit):
            raise FailedPrecondition("线索未在等待或已提醒过主管")
        assert self.waiting_since is not None
        self.waiting_alerted_at = now
        waited = int((now - self.waiting_since).total_seconds() // 60)
        self.record(HistoryEntry(now, "waiting_alerted", "", f"已等待 {waited} 分钟,已提醒主管"))

    def _release(self) -> Assignment:
        """The rep no longer holds the lead, which is back in the pool to be routed again,
        never to that rep."""
        held = self.assignment
        if held.rep_id and held.rep_id not in self.declined_by:
            self.declined_by.append(held.rep_id)
        self.status = LeadStatus.WAITING
        self.assigned_rep_id = ""
        self.assigned_at = self.sla_due_at = self.waiting_since = None
        return held

    # -- the rep's answer (A5) -----------------------------------------------------------------

    def _require_rep(self, rep_id: str) -> None:
        if self.assigned_rep_id != rep_id:
            raise FailedPrecondition(f"线索 {self.lead_id} 当前未分配给您")

    def accept(self, rep_id: str, now: datetime) -> bool:
        """The rep takes the lead. False when they had already (answering twice is harmless)."""
        self._require_rep(rep_id)
        if self.status == LeadStatus.ACCEPTED:
            return False
        if self.status != LeadStatus.ASSIGNED:
            raise FailedPrecondition(f"线索当前状态为 {self.status.value},不能接单")
        self.status = LeadStatus.ACCEPTED
        self.responded_at = self.last_follow_up_at = now
        self.record(HistoryEntry(now, "accepted", rep_id, "业务员已接单"))
        return True

    def decline(self, rep_id: str, reason: str, now: datetime) -> Assignment:
        """The rep declines: the lead goes back to the pool. Returns what the rep held, with
        the time of their answer."""
        self._require_rep(rep_id)
        if self.status != LeadStatus.ASSIGNED:
            raise FailedPrecondition(f"线索当前状态为 {self.status.value},不能拒单")
        self.responded_at = now
        held = self._release()
        self.record(HistoryEntry(now, "declined", rep_id, f"业务员拒单:{reason}"))
        return held

    def sla_lapsed(self, now: datetime) -> bool:
        return (
            self.status == LeadStatus.ASSIGNED
            and self.sla_due_at is not None
            and self.sla_due_at <= now
        )

    def breach(self, now: datetime, sla: timedelta) -> Assignment:
        """The rep did not answer within `sla`: the lead goes back to the pool."""
        if not self.sla_lapsed(now):
            raise FailedPrecondition("线索未超过响应时限")
        held = self._release()
        minutes = int(sla.total_seconds()) // 60
        text = f"超过 {minutes} 分钟未响应,按响应时限改派"
        self.record(HistoryEntry(now, "sla_breached", held.rep_id, text))
        return held

    # -- follow-up (A6) ------------------------------------------------------------------------

    def is_stale(self, now: datetime, stale_for: timedelta) -> bool:
        last = self.last_follow_up_at
        return self.status in HELD_STATUSES and last is not None and now - last >= stale_for

    def reclaim(self, now: datetime, stale_for: timedelta) -> Assignment:
        """No follow-up for `stale_for`: the lead goes back to the pool."""
        if not self.is_stale(now, stale_for):
            raise FailedPrecondition("线索仍在跟进期内")
        assert self.last_follow_up_at is not None
        idle_days = (now - self.last_follow_up_at).days
        held = self._release()
        text = f"{idle_days} 天未跟进,收回线索池重新分配"
        self.record(HistoryEntry(now, "reclaimed", held.rep_id, text))
        return held

    def is_visit_task_of(self, rep_id: str) -> bool:
        return self.assigned_rep_id == rep_id and self.holds_visit_task

    def visited(self, rep_id: str, at: datetime) -> bool:
        """A visit by `rep_id`: the first ends the pending visit task, and each is the follow-up
        that keeps the lead from going stale. False when the visit is not this lead's."""
        if self.assigned_rep_id != rep_id or not self.is_open:
            return False
        if self.holds_visit_task:
            self.status = LeadStatus.VISITED
        self.last_follow_up_at = max(self.last_follow_up_at or at, at)
        self.record(HistoryEntry(at, "visited", rep_id, "业务员完成拜访"))
        return True


@dataclass(frozen=True)
class Assignment:
    """What a rep held of a lead: what its events report after the lead has left them."""

    rep_id: str
    held_visit_task: bool
    assigned_at: datetime | None
    sla_due_at: datetime | None
    responded_at: datetime | None


@dataclass
class Rep:
    """What assignment knows of a rep, kept in step by org and visit events."""

    tenant_id: str
    rep_id: str
    name: str
    supervisor_id: str
    region_codes: tuple[str, ...]
    customer_types: tuple[CustomerType, ...]
    capacity: int
    status: RepStatus
    open_leads: int = 0
    pending_visits: int = 0  # idle = no pending visit task (SPEC A2)
    last_effective_visit_at: datetime | None = None
    last_assigned_at: datetime | None = None
    assigned_per_day: dict[str, int] = field(default_factory=dict)  # Asia/Shanghai date -> n
    breaches_total: int = 0
    reclaimed_total: int = 0

    def assigned_on(self, day: str) -> int:
        return self.assigned_per_day.get(day, 0)

    def took_lead(self, day: str, now: datetime) -> None:
        """What a held claim did to the rep's stored counts, on this copy (a bulk import ranks
        its next lead on the same snapshot)."""
        self.open_leads += 1
        self.pending_visits += 1
        self.assigned_per_day[day] = self.assigned_on(day) + 1
        self.last_assigned_at = now

    @property
    def idle(self) -> bool:
        return self.pending_visits == 0

    @property
    def under_capacity(self) -> bool:
        return self.open_leads < self.capacity


@dataclass(frozen=True)
class HistoryEntry:
    """One line of a lead's story (SPEC A8)."""

    at: datetime
    kind: str  # created | assigned | waiting | accepted | declined | sla_breached | reclaimed ...
    rep_id: str
    text: str
    decision: Decision | None = None


@dataclass(frozen=True)
class Candidate:
    rep_id: str
    rank: int
    reason: str


@dataclass
class Decision:
    rule_id: str
    rule_version: int
    strategy: str
    reason: str
    candidates: list[Candidate] = field(default_factory=list)
    decided_at: datetime | None = None

    @property
    def ranked_rep_ids(self) -> list[str]:
        return [c.rep_id for c in self.candidates]
