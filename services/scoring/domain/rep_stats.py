"""A rep's running figures, built only from events (so a replay rebuilds them)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass
class RepStats:
    tenant_id: str
    rep_id: str
    leads_assigned: int = 0
    visits_total: int = 0
    commitments_total: int = 0
    commitments_open: int = 0
    commitments_done: int = 0
    last_visit_at: datetime | None = None
    updated_at: datetime | None = None


@dataclass(frozen=True)
class StatsDelta:
    """What one event changes: counter increments and, for visits, the latest visit time.
    `counted_as` names the item counted (a visit, a commitment): it may arrive twice, live and
    again in an imported history chunk, under different event ids, and counts once."""

    increments: dict[str, int]
    visit_at: datetime | None = None
    counted_as: str = ""


def lead_assigned() -> StatsDelta:
    return StatsDelta({"leads_assigned": 1})


def visit_submitted(visit_id: str, checked_out_at: datetime) -> StatsDelta:
    return StatsDelta({"visits_total": 1}, checked_out_at, f"visit:{visit_id}")


def commitment_created(commitment_id: str) -> StatsDelta:
    return StatsDelta(
        {"commitments_total": 1, "commitments_open": 1}, None, f"commitment:{commitment_id}"
    )
