"""Shared kernel (services/common): event envelope, ids, paging, error mapping, clock."""

from __future__ import annotations

import base64
import json
import uuid
from datetime import UTC, datetime, timedelta, timezone

import grpc
import pytest
from google.rpc import code_pb2
from hypothesis import given, settings
from hypothesis import strategies as st

from sales.events.v1 import lead_events_pb2, visit_events_pb2
from services.common import ids, paging
from services.common.clock import SHANGHAI, FixedClock, as_utc, shanghai_text
from services.common.envelope import from_json, new_envelope, to_json, unpack
from services.common.errors import (
    AlreadyExists,
    DomainError,
    FailedPrecondition,
    FieldViolation,
    InvalidArgument,
    NotFound,
    PermissionDenied,
    Unauthenticated,
)
from services.common.grpc_status import status_code, to_status, violations_from_status

OCCURRED = datetime(2024, 5, 2, 1, 2, 3, 456000, tzinfo=UTC)


def lead_created() -> lead_events_pb2.LeadCreated:
    return lead_events_pb2.LeadCreated(
        lead_id="lead-1",
        external_id="ERP-1",
        channel="ecommerce",
        region_code="330106",
        customer_name="西湖区文三路便利店",
    )


def envelope():
    return new_envelope(
        "lead.created",
        lead_created(),
        tenant_id="t-hz",
        producer="assignment",
        correlation_id="req-1",
        occurred_at=OCCURRED,
    )


# --- envelope -------------------------------------------------------------------------------


def test_envelope_round_trip_through_json() -> None:
    original = envelope()
    body = to_json(original)
    for form in (body, body.encode(), json.loads(body)):
        back = from_json(form)
        assert back.id == original.id
        assert back.type == "lead.created"
        assert back.tenant_id == "t-hz"
        assert back.producer == "assignment"
        assert back.correlation_id == "req-1"
        assert back.version == 1
        assert back.occurred_at.ToDatetime(tzinfo=UTC) == OCCURRED
        assert unpack(back, lead_events_pb2.LeadCreated) == lead_created()


def test_envelope_id_is_a_uuid7() -> None:
    assert uuid.UUID(envelope().id).version == 7
    assert envelope().id != envelope().id


def test_envelope_json_is_canonical_proto3() -> None:
    body = to_json(envelope())
    data = json.loads(body)
    assert {"id", "type", "version", "occurredAt", "tenantId", "producer", "correlationId"} <= set(
        data
    )
    assert "tenant_id" not in data and "occurred_at" not in data
    assert data["occurredAt"] == "2024-05-02T01:02:03.456Z"
    assert data["payload"]["@type"] == "type.googleapis.com/sales.events.v1.LeadCreated"
    assert data["payload"]["customerName"] == "西湖区文三路便利店"
    assert data["payload"]["regionCode"] == "330106"
    # Chinese is written as-is, not as \\u escapes, so partners read it in logs.
    assert "西湖区文三路便利店" in body
    assert "\\u" not in body
    assert "\n" not in body


def test_unpack_with_the_wrong_type_raises() -> None:
    with pytest.raises(ValueError, match="sales.events.v1.LeadCreated"):
        unpack(envelope(), visit_events_pb2.VisitSubmitted)


def test_from_json_tolerates_a_field_added_by_a_newer_producer() -> None:
    data = json.loads(to_json(envelope()))
    data["payload"]["addedLater"] = "x"
    data["addedLater"] = 1
    back = from_json(data)
    assert unpack(back, lead_events_pb2.LeadCreated).lead_id == "lead-1"


# --- ids ------------------------------------------------------------------------------------


def test_new_id_is_uuid7_with_rfc_variant() -> None:
    value = uuid.UUID(ids.new_id())
    assert value.version == 7
    assert value.variant == uuid.RFC_4122


def test_new_id_embeds_the_millisecond_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    ms = 1_714_611_723_456
    monkeypatch.setattr(ids.time, "time_ns", lambda: ms * 1_000_000 + 999)
    assert uuid.UUID(ids.new_id()).int >> 80 == ms


@settings(max_examples=50, deadline=None)
@given(st.lists(st.integers(1, 2**47), min_size=2, max_size=20, unique=True))
def test_string_order_is_time_order(millis: list[int]) -> None:
    made = []
    for ms in millis:
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(ids.time, "time_ns", lambda ms=ms: ms * 1_000_000)
            made.append((ms, ids.new_id()))
    assert [ms for ms, _ in sorted(made, key=lambda pair: pair[1])] == sorted(millis)


def test_ids_one_millisecond_apart_strictly_increase(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = iter(range(1_714_611_723_000, 1_714_611_723_200))
    monkeypatch.setattr(ids.time, "time_ns", lambda: next(clock) * 1_000_000)
    made = [ids.new_id() for _ in range(200)]
    assert all(a < b for a, b in zip(made, made[1:], strict=False))
    assert len({uuid.UUID(i) for i in made}) == 200


def test_ids_made_in_one_millisecond_come_out_in_the_order_they_were_made(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(ids.time, "time_ns", lambda: 1_714_611_723_000 * 1_000_000)
    made = [ids.new_id() for _ in range(500)]
    assert made == sorted(made) and len(set(made)) == 500
    assert {uuid.UUID(i).int >> 80 for i in made} == {1_714_611_723_000}
    assert all(uuid.UUID(i).version == 7 and uuid.UUID(i).variant == uuid.RFC_4122 for i in made)


def test_a_full_millisecond_carries_into_the_next(monkeypatch: pytest.MonkeyPatch) -> None:
    ms = 1_714_611_723_000
    monkeypatch.setattr(ids.time, "time_ns", lambda: ms * 1_000_000)
    monkeypatch.setattr(ids, "_last", (ms, (1 << 74) - 1))
    carried = uuid.UUID(ids.new_id())
    assert carried.int >> 80 == ms + 1 and carried.version == 7


# --- paging ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("size", "limit"), [(0, paging.DEFAULT_PAGE), (1, 1), (200, 200)])
def test_decode_page_size(size: int, limit: int) -> None:
    assert paging.decode(size, "") == ("", limit)


@pytest.mark.parametrize("size", [-1, paging.MAX_PAGE + 1, 10_000])
def test_page_size_out_of_bounds(size: int) -> None:
    with pytest.raises(InvalidArgument) as caught:
        paging.decode(size, "")
    assert [v.field for v in caught.value.violations] == ["page.page_size"]


@pytest.mark.parametrize("token", ["zzzz", "abc", "garbage", "/w=="])
def test_garbage_page_token(token: str) -> None:
    with pytest.raises(InvalidArgument) as caught:
        paging.decode(10, token)
    assert [v.field for v in caught.value.violations] == ["page.page_token"]


@pytest.mark.parametrize("token", ["!!!!", "中文", "%%%%"])
def test_non_base64_page_token_is_refused(token: str) -> None:
    with pytest.raises(InvalidArgument):
        paging.decode(10, token)


def test_page_without_more_items_has_no_token() -> None:
    assert paging.page(["a", "b"], 2, str) == (["a", "b"], "")
    assert paging.page([], 5, str) == ([], "")


KEY_CHARS = "az09-_/+=:. 中文区店\u00e9"


@settings(max_examples=50, deadline=None)
@given(
    keys=st.lists(st.text(alphabet=KEY_CHARS, min_size=1), min_size=2, max_size=30), data=st.data()
)
def test_next_token_continues_after_the_last_item(keys: list[str], data: st.DataObject) -> None:
    limit = data.draw(st.integers(1, len(keys) - 1))
    items, token = paging.page(keys, limit, lambda k: k)
    assert items == keys[:limit]
    assert token
    assert base64.urlsafe_b64decode(token)  # opaque but URL-safe
    assert paging.decode(limit, token) == (keys[limit - 1], limit)


# --- grpc status ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("error_type", "grpc_code", "rpc_code"),
    [
        (InvalidArgument, grpc.StatusCode.INVALID_ARGUMENT, code_pb2.INVALID_ARGUMENT),
        (NotFound, grpc.StatusCode.NOT_FOUND, code_pb2.NOT_FOUND),
        (AlreadyExists, grpc.StatusCode.ALREADY_EXISTS, code_pb2.ALREADY_EXISTS),
        (FailedPrecondition, grpc.StatusCode.FAILED_PRECONDITION, code_pb2.FAILED_PRECONDITION),
        (PermissionDenied, grpc.StatusCode.PERMISSION_DENIED, code_pb2.PERMISSION_DENIED),
        (Unauthenticated, grpc.StatusCode.UNAUTHENTICATED, code_pb2.UNAUTHENTICATED),
        (DomainError, grpc.StatusCode.INTERNAL, code_pb2.INTERNAL),
    ],
)
def test_error_code_mapping(error_type: type[DomainError], grpc_code, rpc_code: int) -> None:
    error = error_type("线索不存在")
    assert status_code(error) == grpc_code
    status = to_status(error)
    assert status.code == rpc_code
    assert status.message == "线索不存在"
    assert list(status.details) == []
    assert violations_from_status(status) == []


def test_violations_round_trip_through_status() -> None:
    violations = [
        FieldViolation("phone", "手机号必须是 11 位中国大陆手机号"),
        FieldViolation("location.datum", "必须注明坐标系"),
    ]
    error = InvalidArgument.of(violations)
    status = to_status(error)
    assert status.code == code_pb2.INVALID_ARGUMENT
    assert status.message == "输入有误:phone、location.datum"
    assert violations_from_status(status) == violations
    # Survives the wire.
    from google.rpc import status_pb2

    wire = status_pb2.Status.FromString(status.SerializeToString())
    assert violations_from_status(wire) == violations


# --- clock ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (datetime(2024, 1, 1, 16, 0, tzinfo=UTC), "2024-01-02 00:00:00"),
        (datetime(2024, 1, 1, 16, 0), "2024-01-02 00:00:00"),  # naive = UTC (from MongoDB)
        (
            datetime(2024, 7, 1, 9, 30, 5, tzinfo=timezone(timedelta(hours=-5))),
            "2024-07-01 22:30:05",
        ),
        (datetime(2024, 3, 10, 12, 0, tzinfo=SHANGHAI), "2024-03-10 12:00:00"),
    ],
)
def test_shanghai_text_is_utc_plus_8(value: datetime, text: str) -> None:
    assert shanghai_text(value) == text


def test_as_utc() -> None:
    naive = datetime(2024, 5, 2, 1, 0)
    assert as_utc(naive) == datetime(2024, 5, 2, 1, 0, tzinfo=UTC)
    assert as_utc(naive).tzinfo is UTC
    local = datetime(2024, 5, 2, 9, 0, tzinfo=SHANGHAI)
    assert as_utc(local) == local and as_utc(local).utcoffset() == timedelta(0)


def test_fixed_clock_moves_only_when_told() -> None:
    clock = FixedClock(OCCURRED)
    assert clock.now() == clock.now() == OCCURRED
    clock.advance(minutes=30, seconds=1)
    assert clock.now() == OCCURRED + timedelta(minutes=30, seconds=1)


def test_an_offset_file_moves_a_services_clock(tmp_path, monkeypatch):
    from datetime import UTC, datetime, timedelta

    from services.common.clock import SystemClock, clock_from_env

    assert isinstance(clock_from_env(), SystemClock)
    offset = tmp_path / "clock"
    monkeypatch.setenv("SALES_CLOCK_OFFSET_FILE", str(offset))
    clock = clock_from_env()
    assert abs(clock.now() - datetime.now(UTC)) < timedelta(seconds=1)  # no file yet: no offset
    offset.write_text(str(3 * 86400))
    assert timedelta(days=3) - (clock.now() - datetime.now(UTC)) < timedelta(seconds=1)
