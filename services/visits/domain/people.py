"""visits' read model of the org directory, kept from org.person.upserted: who supervises a
rep, which finance people cover a region, who the director above a team is."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from services.common.regions import covers

REP, SUPERVISOR, DIRECTOR, FINANCE, ADMIN = "rep", "supervisor", "director", "finance", "admin"
MAX_CHAIN = 20  # a supervisor chain longer than this is a loop in the directory


@dataclass(frozen=True)
class Person:
    tenant_id: str
    person_id: str
    name: str
    roles: frozenset[str]  # rep | supervisor | director | finance | admin
    supervisor_id: str = ""
    team_id: str = ""
    region_codes: tuple[str, ...] = ()  # GB/T 2260 codes the person covers
    active: bool = True  # not left the company (on leave still counts as active)
    on_leave: bool = False
    as_of: datetime | None = None  # when the directory said so (older news is ignored)

    @property
    def is_active_rep(self) -> bool:
        return REP in self.roles and self.active

    def covers(self, region_code: str) -> bool:
        return any(covers(code, region_code) for code in self.region_codes)


def is_newer(incoming: Person, stored: Person | None) -> bool:
    """Directory events may arrive out of order (retries); the latest statement wins."""
    if stored is None or stored.as_of is None or incoming.as_of is None:
        return True
    return incoming.as_of >= stored.as_of


def director_over(
    person_id: str, lookup: Callable[[str], Person | None], *, include_self: bool = False
) -> Person | None:
    """Walk up the supervisor chain to the first director (a loop ends the walk)."""
    seen: set[str] = set()
    current = lookup(person_id)
    if current is not None and not include_self:
        current = lookup(current.supervisor_id) if current.supervisor_id else None
    while current is not None and current.person_id not in seen and len(seen) < MAX_CHAIN:
        if DIRECTOR in current.roles and current.active:
            return current
        seen.add(current.person_id)
        current = lookup(current.supervisor_id) if current.supervisor_id else None
    return None
