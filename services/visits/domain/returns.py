"""Returns analysis (SPEC V6): each card's return lines are kept with the store's region and
the Asia/Shanghai day, week and month they happened in, so that quantities and counts by
reason x SKU x region x period are one indexed aggregation. Plain data and rules, no I/O."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from services.common.clock import SHANGHAI, as_utc
from services.common.errors import Violations
from services.visits.domain.lines import RETURN_REASONS

MAX_DAYS = 400  # one analysis spans at most this many Shanghai days
MAX_GROUPS = 20_000  # rows one analysis (or export) answers


class Granularity(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"


GRANULARITY_LABELS: dict[Granularity, str] = {
    Granularity.DAY: "日",
    Granularity.WEEK: "周",
    Granularity.MONTH: "月",
}


class RegionLevel(StrEnum):
    COUNTY = "county"  # the store's own 6-digit code
    CITY = "city"  # 330106 -> 330100
    PROVINCE = "province"  # 330106 -> 330000


REGION_DIGITS: dict[RegionLevel, int] = {
    RegionLevel.COUNTY: 6,
    RegionLevel.CITY: 4,
    RegionLevel.PROVINCE: 2,
}


@dataclass(frozen=True)
class PeriodKeys:
    day: str  # 2026-12-01
    week: str  # 2026-W49 (ISO week, Monday first)
    month: str  # 2026-12


def period_keys(at: datetime) -> PeriodKeys:
    local = as_utc(at).astimezone(SHANGHAI).date()
    return keys_of_day(local)


def keys_of_day(day: date) -> PeriodKeys:
    year, week, _ = day.isocalendar()
    return PeriodKeys(day.isoformat(), f"{year}-W{week:02d}", f"{day.year}-{day.month:02d}")


@dataclass(frozen=True)
class ReturnRecord:
    """One return line of one card."""

    tenant_id: str
    visit_id: str
    line_no: int
    rep_id: str
    store_id: str
    region_code: str
    sku: str
    reason: str
    quantity: int
    at: datetime  # the card's check-out
    keys: PeriodKeys


@dataclass(frozen=True)
class ReturnsQuery:
    tenant_id: str
    first_day: date
    last_day: date
    granularity: Granularity
    region_level: RegionLevel = RegionLevel.COUNTY
    region_prefix: str = ""  # only stores whose code starts with it ("3301": Hangzhou)
    sku: str = ""
    reason: str = ""
    rep_ids: tuple[str, ...] = ()  # a supervisor's team; empty: everyone

    def validate(self) -> None:
        v = Violations()
        v.check(self.first_day <= self.last_day, "last_day", "结束日期不能早于开始日期")
        v.check(
            (self.last_day - self.first_day).days < MAX_DAYS,
            "last_day",
            f"一次最多分析 {MAX_DAYS} 天",
        )
        v.check(
            self.region_prefix.isascii() and self.region_prefix.isdigit() or not self.region_prefix,
            "region_prefix",
            "区域前缀必须是 GB/T 2260 代码的前几位数字",
        )
        v.check(len(self.region_prefix) <= 6, "region_prefix", "区域前缀最多 6 位")
        v.check(len(self.sku) <= 64, "sku", "SKU 不能超过 64 个字符")
        v.check(
            not self.reason or self.reason in RETURN_REASONS,
            "reason",
            f"退货原因必须是以下之一:{'、'.join(RETURN_REASONS)}",
        )
        v.raise_if_any()

    @property
    def day_range(self) -> tuple[str, str]:
        return self.first_day.isoformat(), self.last_day.isoformat()


@dataclass(frozen=True)
class ReturnGroup:
    period: str
    region_code: str
    sku: str
    reason: str
    quantity: int
    count: int  # return lines: how many times this SKU came back for this reason

    @property
    def reason_label(self) -> str:
        return RETURN_REASONS.get(self.reason, self.reason)


def region_at(region_code: str, level: RegionLevel) -> str:
    """330106 at the city level is 330100."""
    digits = REGION_DIGITS[level]
    return region_code[:digits].ljust(6, "0") if len(region_code) == 6 else region_code


def _wanted(r: ReturnRecord, q: ReturnsQuery, first: str, last: str) -> bool:
    return (
        r.tenant_id == q.tenant_id
        and first <= r.keys.day <= last
        and (not q.region_prefix or r.region_code.startswith(q.region_prefix))
        and (not q.sku or r.sku == q.sku)
        and (not q.reason or r.reason == q.reason)
        and (not q.rep_ids or r.rep_id in q.rep_ids)
    )


def group_records(
    records: Iterable[ReturnRecord], q: ReturnsQuery, limit: int
) -> list[ReturnGroup]:
    """Quantities and counts by (period, region at the query's level, SKU, reason), ordered
    by those keys, at most `limit` groups."""
    first, last = q.day_range
    totals: dict[tuple[str, str, str, str], list[int]] = {}
    for r in records:
        if not _wanted(r, q, first, last):
            continue
        period = getattr(r.keys, q.granularity.value)
        key = (period, region_at(r.region_code, q.region_level), r.sku, r.reason)
        total = totals.setdefault(key, [0, 0])
        total[0] += r.quantity
        total[1] += 1
    return [ReturnGroup(*key, qty, n) for key, (qty, n) in sorted(totals.items())[:limit]]
