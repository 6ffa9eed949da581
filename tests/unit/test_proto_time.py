"""Timestamps a client can send but protobuf cannot represent: a named field, never INTERNAL."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from google.protobuf.timestamp_pb2 import Timestamp

from sales.media.v1 import media_pb2
from services.common.errors import InvalidArgument, Violations
from services.common.proto_time import MAX_SECONDS, MIN_SECONDS, checked_timestamp
from services.media.entrypoints.mapping import meta_from_pb


@pytest.mark.parametrize(
    ("seconds", "nanos", "expected"),
    [
        (0, 0, None),  # unset
        (MAX_SECONDS, 999_999_999, datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=UTC)),
        (MIN_SECONDS, 0, datetime(1, 1, 1, tzinfo=UTC)),
        (1_764_547_200, 500_000_000, datetime(2025, 12, 1, 0, 0, 0, 500000, tzinfo=UTC)),
    ],
)
def test_representable_timestamps_convert(seconds: int, nanos: int, expected) -> None:
    v = Violations()
    assert checked_timestamp(Timestamp(seconds=seconds, nanos=nanos), "at", v) == expected
    assert v.items == []


@pytest.mark.parametrize(
    ("seconds", "nanos"),
    [(MAX_SECONDS + 1, 0), (MIN_SECONDS - 1, 0), (2**62, 0), (10, -1), (10, 1_000_000_000)],
)
def test_out_of_range_timestamps_are_violations_of_the_field(seconds: int, nanos: int) -> None:
    v = Violations()
    assert checked_timestamp(Timestamp(seconds=seconds, nanos=nanos), "meta.taken_at", v) is None
    assert [item.field for item in v.items] == ["meta.taken_at"]


def test_upload_meta_reports_a_bad_time_with_its_other_problems() -> None:
    meta = media_pb2.PhotoMeta(
        tenant_id="t", photo_id="not-a-uuid", rep_id="r", visit_id="v",
        kind=media_pb2.PHOTO_KIND_SHELF, filename="../x.jpg",
    )  # fmt: skip
    meta.taken_at.seconds, meta.taken_at.nanos = 5, -3
    with pytest.raises(InvalidArgument) as caught:
        meta_from_pb(meta)
    assert {v.field for v in caught.value.violations} == {
        "meta.taken_at", "meta.photo_id", "meta.filename",
    }  # fmt: skip
