"""visit.history_imported -> a HistoryChunk: each item becomes the fact its live event
would (event_facts.py), with the rep counters the live path counts for it."""

from __future__ import annotations

from datetime import datetime

from sales.events.v1 import visit_events_pb2 as visits
from services.common.proto_time import from_timestamp
from services.scoring.application.history import HistoryChunk
from services.scoring.domain import rep_stats
from services.scoring.entrypoints import event_facts as facts


def chunk(tenant_id: str, p: visits.VisitHistoryImported, at: datetime) -> HistoryChunk:
    created = [facts.commitment_created(tenant_id, c) for c in p.commitments_created]
    closed = [facts.commitment_closed(tenant_id, c, at) for c in p.commitments_closed]
    counted = [
        *((v.rep_id, rep_stats.visit_submitted(v.visit_id, from_timestamp(v.checked_out_at) or at))
          for v in p.visits),
        *((c.rep_id, rep_stats.commitment_created(c.commitment_id)) for c in p.commitments_created),
    ]  # fmt: skip
    return HistoryChunk(
        tenant_id=tenant_id,
        visits=tuple(facts.visit(tenant_id, v, at) for v in p.visits),
        commitments=(*created, *closed),
        plans=tuple(facts.plan_day(tenant_id, x) for x in p.plans),
        ratings=tuple(facts.rating(tenant_id, r, at) for r in p.ratings),
        stats=tuple(counted),
    )
