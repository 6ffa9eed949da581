"""Asia/Shanghai days, ISO weeks and months: the periods people read their figures by.

Storage keeps instants in UTC; a fact belongs to the Shanghai calendar day it happened on
(a lead to its assignment day, a commitment to its due date, a plan to its plan date)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from services.common.clock import SHANGHAI, as_utc
from services.common.errors import InvalidArgument


class PeriodKind(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"


PERIOD_ZH = {PeriodKind.DAY: "日", PeriodKind.WEEK: "周", PeriodKind.MONTH: "月"}
# The most periods one series answers: a year of days, three years of weeks or months. A
# series reads every rep-month of the range for every rep of the scope at once, so the range
# bounds that read (at most 37 months a rep).
MAX_SERIES = {PeriodKind.DAY: 366, PeriodKind.WEEK: 157, PeriodKind.MONTH: 36}


@dataclass(frozen=True)
class Period:
    kind: PeriodKind
    first: date
    last: date  # inclusive

    @property
    def label(self) -> str:
        if self.kind is PeriodKind.DAY:
            return self.first.isoformat()
        if self.kind is PeriodKind.WEEK:
            return iso_week(self.first)
        return month_key(self.first)

    def months(self) -> list[str]:
        """The month keys the period touches (a week may straddle two)."""
        return sorted({month_key(self.first), month_key(self.last)})

    def contains(self, day: date) -> bool:
        return self.first <= day <= self.last


def local_date(at: datetime) -> date:
    return as_utc(at).astimezone(SHANGHAI).date()


def month_key(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def period_of(kind: PeriodKind, day: date) -> Period:
    if kind is PeriodKind.DAY:
        return Period(kind, day, day)
    if kind is PeriodKind.WEEK:
        monday = day - timedelta(days=day.weekday())
        return Period(kind, monday, monday + timedelta(days=6))
    first = day.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return Period(kind, first, following - timedelta(days=1))


def series(kind: PeriodKind, first_day: date, last_day: date) -> list[Period]:
    """The periods of `kind` from the one holding first_day to the one holding last_day,
    oldest first; INVALID_ARGUMENT (first_day) when reversed or longer than MAX_SERIES."""
    if first_day > last_day:
        raise InvalidArgument.of_field("first_day", "开始日期不能晚于结束日期")
    periods = [period_of(kind, first_day)]
    while periods[-1].last < last_day:
        if len(periods) == MAX_SERIES[kind]:
            raise InvalidArgument.of_field(
                "first_day", f"一次最多 {MAX_SERIES[kind]} 个{PERIOD_ZH[kind]},请缩短范围"
            )
        periods.append(period_of(kind, periods[-1].last + timedelta(days=1)))
    return periods


def parse_day(text: str, field: str, today: date) -> date:
    """An empty date means today (Shanghai); anything else must be YYYY-MM-DD."""
    if not text:
        return today
    try:
        day = date.fromisoformat(text) if len(text) == 10 else _bad(field)
    except ValueError:
        return _bad(field)
    # the first and last years' weeks and months would run past what a date can hold
    return day if 1 < day.year < 9999 else _bad(field)


def parse_month(text: str, field: str, today: date) -> str:
    if not text:
        return month_key(today)
    try:
        if len(text) != 7:
            _bad(field)
        return month_key(date.fromisoformat(f"{text}-01"))
    except ValueError:
        return _bad(field)


def month_first_day(month: str) -> date:
    return date.fromisoformat(f"{month}-01")


def _bad(field: str):
    raise InvalidArgument.of_field(field, "日期格式应为 YYYY-MM-DD(月份为 YYYY-MM)")
