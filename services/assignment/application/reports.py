"""Read-side reports of the lead pool."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from services.assignment.application.ports import Tx, Uow
from services.assignment.domain.model import Lead
from services.common.errors import InvalidArgument


@dataclass
class RepStaleLeads:
    rep_id: str
    leads: list[tuple[Lead, int]] = field(default_factory=list)  # (lead, idle days)
    reclaimed_total: int = 0


def stale_lead_report(
    uow: Uow, tenant_id: str, min_idle_days: int | None, rep_id: str, now: datetime
) -> list[RepStaleLeads]:
    """SPEC A6: per rep, the open leads without follow-up for at least `min_idle_days`
    (default: the tenant's stale limit), and how many were reclaimed from them so far."""
    if min_idle_days is not None and not 0 <= min_idle_days <= 365:
        raise InvalidArgument.of_field("min_idle_days", "天数必须在 0 到 365 之间")

    def work(tx: Tx) -> list[RepStaleLeads]:
        days = tx.repo.settings(tenant_id).stale_days if min_idle_days is None else min_idle_days
        rows: dict[str, RepStaleLeads] = defaultdict(lambda: RepStaleLeads(""))
        for lead in tx.repo.open_leads_idle_since(tenant_id, now - timedelta(days=days), rep_id):
            row = rows[lead.assigned_rep_id]
            row.rep_id = lead.assigned_rep_id
            row.leads.append((lead, (now - (lead.last_follow_up_at or now)).days))
        for rep in tx.repo.all_reps(tenant_id):
            if (rep_id and rep.rep_id != rep_id) or not (rep.reclaimed_total or rep.rep_id in rows):
                continue
            rows[rep.rep_id].rep_id = rep.rep_id
            rows[rep.rep_id].reclaimed_total = rep.reclaimed_total
        return sorted(rows.values(), key=lambda r: (-len(r.leads), -r.reclaimed_total, r.rep_id))

    return uow.run(work)
