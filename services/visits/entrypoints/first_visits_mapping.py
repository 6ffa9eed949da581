"""first_visits.proto <- FirstVisitStats."""

from __future__ import annotations

from datetime import datetime

from sales.visits.v1 import first_visits_pb2 as pb
from services.common.proto_time import to_timestamp
from services.visits.domain.first_visits import Figures, FirstVisitStats


def _figures(f: Figures) -> pb.FirstVisitFigures:
    return pb.FirstVisitFigures(
        key=f.key,
        stores=f.stores,
        visited=f.visited,
        waiting=f.waiting,
        overdue=f.overdue,
        median_hours=f.median_hours,
        p90_hours=f.p90_hours,
    )


def stats_to_pb(s: FirstVisitStats, now: datetime) -> pb.FirstVisitStats:
    return pb.FirstVisitStats(
        from_date=s.start.isoformat(),
        to_date=s.end.isoformat(),
        limit_days=s.limit_days,
        overall=_figures(s.overall),
        by_rep=[_figures(f) for f in s.by_rep],
        by_region=[_figures(f) for f in s.by_region],
        as_of=to_timestamp(now),
    )
