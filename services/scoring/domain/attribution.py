"""The source's question, answered from linked orders: a region's revenue in a period
against the period just before it, and the reps, stores and visits that account for the
change (SPEC S6). Pure: the caller loads the store-days of both periods (ADR 044).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from services.common.clock import SHANGHAI
from services.common.errors import Violations
from services.common.regions import is_valid_region_code
from services.scoring.domain.orders import StoreFacts
from services.scoring.domain.revenue_days import OrderEntry, RepCountyDay

MAX_PERIOD_DAYS = 366
SUMMARY_REPS, SUMMARY_STORES = 3, 5  # named in the one-sentence answer


@dataclass(frozen=True)
class Period:
    first_day: date
    last_day: date

    @property
    def days(self) -> int:
        return (self.last_day - self.first_day).days + 1

    def previous(self) -> Period:
        last = self.first_day - timedelta(days=1)
        return Period(last - timedelta(days=self.days - 1), last)

    def bounds(self) -> tuple[datetime, datetime]:
        """[start, end) in UTC instants of the Shanghai days."""
        start = datetime.combine(self.first_day, datetime.min.time(), SHANGHAI)
        end = datetime.combine(self.last_day + timedelta(days=1), datetime.min.time(), SHANGHAI)
        return start, end

    def holds(self, at: datetime) -> bool:
        start, end = self.bounds()
        return start <= at < end


def region_prefix(code: str) -> str:
    """330100 (a city) covers every 3301xx; 330000 the province (regions.covers)."""
    prefix = code
    while prefix.endswith("00") and len(prefix) > 2:
        prefix = prefix[:-2]
    return prefix


def parse_period(first: str, last: str, region_code: str) -> Period:
    v = Violations()
    v.check(is_valid_region_code(region_code), "region_code", "区域编码须为 6 位 GB/T 2260 代码")
    first_day = _day(v, first, "first_day")
    last_day = _day(v, last, "last_day")
    if first_day and last_day:
        v.check(first_day <= last_day, "last_day", "结束日期不能早于开始日期")
        span = (last_day - first_day).days + 1
        v.check(span <= MAX_PERIOD_DAYS, "last_day", f"统计期最长 {MAX_PERIOD_DAYS} 天")
    v.raise_if_any()
    return Period(first_day, last_day)  # type: ignore[arg-type]


def _day(v: Violations, text: str, name: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        v.add(name, "日期格式须为 YYYY-MM-DD")
        return None


@dataclass
class Tally:
    current: int = 0
    previous: int = 0
    orders: int = 0
    stores: set[str] = field(default_factory=set)
    visits: set[str] = field(default_factory=set)
    last_visit: tuple[datetime, str] | None = None

    @property
    def change(self) -> int:
        return self.current - self.previous


@dataclass
class Explanation:
    period: Period
    current: int = 0
    previous: int = 0
    unvisited: int = 0
    reps: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    stores: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    visits: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    visit_facts: dict[str, tuple[str, str, datetime]] = field(default_factory=dict)

    @property
    def change(self) -> int:
        return self.current - self.previous

    @property
    def ratio(self) -> float:
        return self.change / self.previous if self.previous else 0.0


def explain(period: Period, groups: Iterable[RepCountyDay]) -> Explanation:
    """The store-days of the period and the one before it, tallied by rep, store and
    (current period) visit; a group's day decides its period once for all its orders.
    Pending orders have no store-day and are not here."""
    result = Explanation(period)
    previous = period.previous()
    for group in groups:
        day, rep_id = group.key.day, group.key.rep_id
        if period.first_day <= day <= period.last_day:
            for store_id, entries in group.stores.items():
                for entry in entries.values():
                    _count_current(result, rep_id, store_id, entry)
        elif previous.first_day <= day <= previous.last_day:
            rep = result.reps[rep_id]
            for store_id in group.stores:
                fen = group.revenue_fen(store_id)
                result.previous += fen
                rep.previous += fen
                rep.stores.add(store_id)
                result.stores[store_id].previous += fen
    return result


def _count_current(result: Explanation, rep_id: str, store_id: str, entry: OrderEntry) -> None:
    result.current += entry.fen
    rep, store = result.reps[rep_id], result.stores[store_id]
    rep.current += entry.fen
    rep.stores.add(store_id)
    store.current += entry.fen
    store.orders += 1
    if not entry.visit_id or entry.visit_at is None:
        result.unvisited += entry.fen
        return
    rep.visits.add(entry.visit_id)
    visit = result.visits[entry.visit_id]
    visit.current += entry.fen
    visit.orders += 1
    result.visit_facts[entry.visit_id] = (entry.visit_rep_id, store_id, entry.visit_at)
    seen = (entry.visit_at, entry.visit_id)
    if store.last_visit is None or seen > store.last_visit:
        store.last_visit = seen


def ranked_by_change(tallies: dict[str, Tally]) -> list[tuple[str, Tally]]:
    """Largest change first; ties by id, so pages are stable."""
    return sorted(tallies.items(), key=lambda kv: (-kv[1].change, kv[0]))


def ranked_by_revenue(tallies: dict[str, Tally]) -> list[tuple[str, Tally]]:
    return sorted(tallies.items(), key=lambda kv: (-kv[1].current, kv[0]))


def yuan(fen: int) -> str:
    return f"{fen / 100:,.2f} 元"


def summary(
    region_code: str,
    result: Explanation,
    stores: dict[str, StoreFacts],
    names: dict[str, str] | None = None,
    top: int = SUMMARY_REPS,
    top_stores: int = SUMMARY_STORES,
) -> str:
    """The answer in one Chinese sentence: how much, which reps and which stores moved it
    (the director asks both: "which rep moved which store")."""
    p, prev = result.period, result.period.previous()
    head = (
        f"区域 {region_code} {p.first_day}~{p.last_day} 营收 {yuan(result.current)},"
        f"上期({prev.first_day}~{prev.last_day}){yuan(result.previous)},"
        f"变化 {_signed(result.change)}"
    )
    who = names or {}
    reps = [
        f"{who.get(rid, rid) or '未指定'}({_signed(t.change)})"
        for rid, t in ranked_by_change(result.reps)[:top]
        if t.change > 0
    ]
    movers = [
        f"{_label(sid, stores, who)}({_signed(t.change)})"
        for sid, t in ranked_by_change(result.stores)[:top_stores]
        if t.change > 0
    ]
    text = head + (";主要来自业务员 " + "、".join(reps) if reps else "")
    return text + (";增长最多的门店:" + "、".join(movers) if movers else "")


def _signed(fen: int) -> str:
    return f"{'+' if fen >= 0 else ''}{yuan(fen)}"


def _label(store_id: str, stores: dict[str, StoreFacts], names: dict[str, str]) -> str:
    store = stores.get(store_id)
    if store is None:
        return store_id
    rep = store.owner_rep_id
    # A person scoring has not heard of yet keeps the id: better than an empty name.
    who = names.get(rep, rep) if rep else "未指定"
    return f"{store.name or store_id}·业务员 {who}"
