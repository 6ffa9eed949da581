"""Time source. Tests and timers read a clock they can control; storage is always UTC."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Protocol
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")


class Clock(Protocol):
    def now(self) -> datetime: ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class FixedClock:
    """A clock that only moves when told to."""

    def __init__(self, start: datetime) -> None:
        self._now = start

    def now(self) -> datetime:
        return self._now

    def advance(self, **delta: float) -> None:
        self._now += timedelta(**delta)


class OffsetFileClock:
    """System time plus an offset in seconds read from a file, so an end-to-end test or the
    demo can move the clock of a running service ("the commitment is now three days
    overdue") without touching the machine's time. Only set by tests and `make run`."""

    def __init__(self, path: str) -> None:
        self._path = Path(path)
        self._seen: tuple[float, timedelta] = (-1.0, timedelta(0))

    def offset(self) -> timedelta:
        try:
            mtime = self._path.stat().st_mtime
        except OSError:
            return timedelta(0)
        if mtime != self._seen[0]:
            text = self._path.read_text().strip() or "0"
            self._seen = (mtime, timedelta(seconds=float(text)))
        return self._seen[1]

    def now(self) -> datetime:
        return datetime.now(UTC) + self.offset()


def clock_from_env() -> Clock:
    path = os.environ.get("SALES_CLOCK_OFFSET_FILE", "")
    return OffsetFileClock(path) if path else SystemClock()


def as_utc(value: datetime) -> datetime:
    """MongoDB hands back naive datetimes; they are UTC by construction."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def shanghai_text(value: datetime) -> str:
    return as_utc(value).astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M:%S")


def to_millis(value: datetime) -> datetime:
    """MongoDB keeps milliseconds: trimming before storing makes a re-read compare equal."""
    return value.replace(microsecond=value.microsecond // 1000 * 1000)


def months_between(first: date, last: date) -> list[str]:
    """Every YYYY-MM month key from first's month to last's, in order (the keys scoring's
    rep-months and visits' return groups are stored under)."""
    keys, year, month = [], first.year, first.month
    while (year, month) <= (last.year, last.month):
        keys.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return keys
