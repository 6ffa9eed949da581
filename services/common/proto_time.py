"""datetime <-> google.protobuf.Timestamp, always UTC."""

from __future__ import annotations

from datetime import UTC, datetime

from google.protobuf.timestamp_pb2 import Timestamp

from services.common.errors import Violations

# The range google.protobuf.Timestamp allows: 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z.
MIN_SECONDS = -62_135_596_800
MAX_SECONDS = 253_402_300_799
MAX_NANOS = 999_999_999


def to_timestamp(value: datetime | None) -> Timestamp | None:
    if value is None:
        return None
    ts = Timestamp()
    ts.FromDatetime(value.astimezone(UTC))
    return ts


def from_timestamp(ts: Timestamp) -> datetime | None:
    """An unset Timestamp (0 s, 0 ns) means "not given"."""
    if ts.seconds == 0 and ts.nanos == 0:
        return None
    return ts.ToDatetime(tzinfo=UTC)


def checked_timestamp(ts: Timestamp, field: str, violations: Violations) -> datetime | None:
    """`from_timestamp`, but a value protobuf itself would refuse (seconds outside year 1 to
    9999, nanos negative or over a second) becomes a violation of `field` and None, instead
    of the ValueError that reaches the caller as INTERNAL."""
    if not MIN_SECONDS <= ts.seconds <= MAX_SECONDS:
        violations.add(field, "时间超出范围(须在公元 1 年至 9999 年之间)")
        return None
    if not 0 <= ts.nanos <= MAX_NANOS:
        violations.add(field, "时间的纳秒部分必须在 0 到 999999999 之间")
        return None
    return from_timestamp(ts)
