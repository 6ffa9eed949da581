"""Scoring's read model of the org directory (org.person.upserted): who is a rep, their name
for the heatmap, their team and supervisor, and the GB/T 2260 regions they cover."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Person:
    tenant_id: str
    person_id: str
    name: str
    supervisor_id: str
    team_id: str
    region_codes: tuple[str, ...]
    is_rep: bool
    active: bool
    as_of: datetime  # the event's time: an older event never overwrites a newer one


def region_prefix(code: str) -> str:
    """330000 -> "33" (province), 330100 -> "3301" (city), 330106 -> "330106" (county)."""
    if code.endswith("0000"):
        return code[:2]
    return code[:4] if code.endswith("00") else code


def covers(region_code: str, codes: tuple[str, ...]) -> bool:
    prefix = region_prefix(region_code)
    return any(c.startswith(prefix) for c in codes)


def is_region_code(code: str) -> bool:
    return len(code) == 6 and code.isascii() and code.isdigit()
