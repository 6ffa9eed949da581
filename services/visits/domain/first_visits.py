"""V7 first visits: how long a new store waits from its registration to its first submitted
visit (the source's 7.3 days), and when that wait becomes overdue. Plain rules, no I/O.

Figures are over the stores registered in a period (Asia/Shanghai dates): median and p90 of
the hours to the first visit among those visited, interpolated between ranks as Excel's
PERCENTILE.INC does (so the median of 2 h and 4 h is 3 h), plus how many still wait and how
many of those are past the tenant's limit. A store registered from a card is visited by
that very card, so its wait is 0 (a card's check-in precedes its registration).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from services.common.clock import SHANGHAI, as_utc
from services.common.errors import Violations
from services.visits.domain.stores import Store

MAX_PERIOD_DAYS = 366
REGION_DIGITS = (2, 4, 6)


@dataclass(frozen=True)
class Figures:
    key: str
    stores: int
    visited: int
    waiting: int
    overdue: int
    median_hours: float
    p90_hours: float


@dataclass(frozen=True)
class FirstVisitStats:
    start: date
    end: date
    limit_days: int
    overall: Figures
    by_rep: list[Figures]
    by_region: list[Figures]


def period(start_text: str, end_text: str, today: date) -> tuple[date, date]:
    """The inclusive Shanghai dates of a stats request (defaults: the last 30 days)."""
    v = Violations()
    start = end = today
    try:
        end = date.fromisoformat(end_text) if end_text else today
    except ValueError:
        v.add("to_date", "日期格式必须是 YYYY-MM-DD")
    try:
        start = date.fromisoformat(start_text) if start_text else end - timedelta(days=29)
    except ValueError:
        v.add("from_date", "日期格式必须是 YYYY-MM-DD")
    if not v.items:
        v.check(start <= end, "from_date", "开始日期不能晚于结束日期")
        v.check((end - start).days < MAX_PERIOD_DAYS, "to_date", "统计区间最长 366 天")
    v.raise_if_any()
    return start, end


def utc_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """[start 00:00, end + 1 day 00:00) in Shanghai, as UTC instants."""
    first = datetime.combine(start, time(), SHANGHAI)
    after = datetime.combine(end + timedelta(days=1), time(), SHANGHAI)
    return as_utc(first), as_utc(after)


def hours_waited(store: Store) -> float | None:
    if store.first_visited_at is None:
        return None
    seconds = (as_utc(store.first_visited_at) - as_utc(store.registered_at)).total_seconds()
    return max(0.0, seconds) / 3600


def is_overdue(store: Store, limit_days: int, now: datetime) -> bool:
    return store.first_visited_at is None and as_utc(now) - as_utc(
        store.registered_at
    ) >= timedelta(days=limit_days)


def days_waiting(store: Store, now: datetime) -> int:
    return (as_utc(now) - as_utc(store.registered_at)).days


def percentile(ordered: list[float], q: float) -> float:
    """Linear between closest ranks (Excel PERCENTILE.INC) of an ascending list."""
    if not ordered:
        return 0.0
    rank = q * (len(ordered) - 1)
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def figures(key: str, stores: list[Store], limit_days: int, now: datetime) -> Figures:
    waits = sorted(w for s in stores if (w := hours_waited(s)) is not None)
    waiting = [s for s in stores if s.first_visited_at is None]
    return Figures(
        key=key,
        stores=len(stores),
        visited=len(waits),
        waiting=len(waiting),
        overdue=sum(1 for s in waiting if is_overdue(s, limit_days, now)),
        median_hours=round(percentile(waits, 0.5), 2),
        p90_hours=round(percentile(waits, 0.9), 2),
    )


def stats(
    stores: list[Store], start: date, end: date, limit_days: int, region_digits: int, now: datetime
) -> FirstVisitStats:
    """Figures overall, per owner rep and per region (its first `region_digits` digits,
    padded with zeros: 3301 -> 330100), over the tracked stores given."""
    tracked = [s for s in stores if s.first_visit_tracked]
    by_rep: dict[str, list[Store]] = defaultdict(list)
    by_region: dict[str, list[Store]] = defaultdict(list)
    for store in tracked:
        by_rep[store.owner_rep_id].append(store)
        by_region[store.region_code[:region_digits].ljust(6, "0")].append(store)
    return FirstVisitStats(
        start=start,
        end=end,
        limit_days=limit_days,
        overall=figures("", tracked, limit_days, now),
        by_rep=[figures(k, v, limit_days, now) for k, v in sorted(by_rep.items())],
        by_region=[figures(k, v, limit_days, now) for k, v in sorted(by_region.items())],
    )
