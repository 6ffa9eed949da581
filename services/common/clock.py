"""Time source. Tests and timers read a clock they can control; storage is always UTC."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
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


def as_utc(value: datetime) -> datetime:
    """MongoDB hands back naive datetimes; they are UTC by construction."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def shanghai_text(value: datetime) -> str:
    return as_utc(value).astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M:%S")


def to_millis(value: datetime) -> datetime:
    """MongoDB keeps milliseconds: trimming before storing makes a re-read compare equal."""
    return value.replace(microsecond=value.microsecond // 1000 * 1000)
