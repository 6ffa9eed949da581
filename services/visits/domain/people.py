"""visits' read model of the org directory, kept from org.person.upserted: who supervises a
rep, which finance people cover a region, who the director above a team is."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Person:
    tenant_id: str
    person_id: str
    name: str
    roles: frozenset[str]  # rep | supervisor | director | finance | admin
    supervisor_id: str = ""
    team_id: str = ""
    region_codes: tuple[str, ...] = ()  # GB/T 2260 codes the person covers
    active: bool = True
