"""Leads and the assignment read model of reps. Plain data, no I/O."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


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


class RepStatus(StrEnum):
    ACTIVE = "active"
    ON_LEAVE = "on_leave"
    INACTIVE = "inactive"


CUSTOMER_TYPE_ZH = {
    CustomerType.KA: "KA",
    CustomerType.BC: "BC类",
    CustomerType.CONVENIENCE: "便利店",
}


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
        return self.status in (LeadStatus.ASSIGNED, LeadStatus.ACCEPTED)


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
