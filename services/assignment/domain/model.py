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

    @property
    def idle(self) -> bool:
        return self.pending_visits == 0

    @property
    def under_capacity(self) -> bool:
        return self.open_leads < self.capacity


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
