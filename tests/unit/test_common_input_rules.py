"""Shared rules for input from outside (services/common): quoting it in errors, digits,
length limits, descriptor-driven request checks, bounded statuses, counters from zero."""

from __future__ import annotations

import pytest
from google.rpc import code_pb2, error_details_pb2, status_pb2
from hypothesis import given, settings
from hypothesis import strategies as st
from prometheus_client import CollectorRegistry, Counter, generate_latest

from sales.assignment.v1 import assignment_pb2 as a
from sales.common.v1 import org_pb2
from sales.common.v1 import types_pb2 as t
from sales.gateway.v1 import gateway_pb2 as gw
from sales.media.v1 import media_pb2 as m
from sales.visits.v1 import cards_pb2 as v
from services.common.errors import FieldViolation, InvalidArgument, NotFound, Violations
from services.common.grpc_status import (
    DETAILS_BUDGET,
    MESSAGE_LIMIT,
    bounded_status,
    to_status,
    violations_from_status,
)
from services.common.metrics import initialise
from services.common.proto_checks import (
    bad_utf8_field,
    invalid_timestamps,
    oversized_values,
    unknown_enum_values,
)
from services.common.regions import is_valid_region_code
from services.common.text import ascii_digits, ascii_token, bounded

# --- quoting and digits ---------------------------------------------------------------------


def test_bounded_keeps_short_text_and_says_how_long_the_rest_was() -> None:
    assert bounded("lead-1") == "lead-1"
    quoted = bounded("x" * 100_000)
    assert len(quoted) < 100 and quoted.startswith("x" * 64) and "100000" in quoted


@pytest.mark.parametrize(
    "text",
    ["１３８００１３８０００", "1380013800٠", "13800138००0", "", "1380013800a", "+8613800138000"],
)
def test_ascii_digits_refuses_every_other_digit(text: str) -> None:
    assert not ascii_digits(text, 11)


@pytest.mark.parametrize("key", ["机器人密钥", "ｋｅｙ１", "k" * 129, "", "a b", "k\n", "../k"])
def test_provider_keys_are_ascii_letters_digits_and_dashes(key: str) -> None:
    assert not ascii_token(key)


def test_provider_keys_that_providers_issue_pass() -> None:
    assert ascii_token("693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa") and ascii_token("k" * 128)
    assert ascii_token("abc_DEF-123", extra="-_") and not ascii_token("abc_DEF", extra="-")


def test_ascii_digits_counts() -> None:
    assert ascii_digits("13800138000", 11) and ascii_digits("0")
    assert not ascii_digits("1380013800", 11)


@pytest.mark.parametrize("code", ["３３０１００", "33०100", "990100", "3301", "330100\n"])
def test_region_codes_are_six_ascii_digits_of_a_known_province(code: str) -> None:
    assert not is_valid_region_code(code)
    assert is_valid_region_code("330106")


def test_violations_length_items_and_known_values() -> None:
    v = Violations()
    assert v.max_len("name", "张三", 50) and v.max_items("codes", ["1"], 5)
    assert not v.max_len("name", "张" * 51, 50)
    assert not v.max_items("codes", ["1"] * 6, 5)
    assert not v.known("status", "?7", {"active"}, "状态")
    assert v.known("status", "active", {"active"}, "状态")
    with pytest.raises(InvalidArgument) as caught:
        v.raise_if_any()
    assert [x.field for x in caught.value.violations] == ["name", "codes", "status"]
    assert "51" in caught.value.violations[0].description


def test_invalid_argument_message_names_a_few_fields_and_counts_the_rest() -> None:
    error = InvalidArgument.of([FieldViolation(f"codes[{i}]", "坏") for i in range(20_000)])
    assert error.message.startswith("输入有误:codes[0]、codes[1]") and "20000" in error.message
    assert len(error.violations) == 20_000  # the details keep every one, until to_status


# --- statuses on the wire -------------------------------------------------------------------


def test_a_status_quoting_a_huge_id_fits_in_a_trailer() -> None:
    huge = "x" * 100_000
    status = to_status(NotFound(f"线索 {huge} 不存在"))
    assert status.code == code_pb2.NOT_FOUND and len(status.message) <= MESSAGE_LIMIT + 20
    bad = InvalidArgument.of([FieldViolation(f"region_codes[{i}]", huge) for i in range(20_000)])
    status = to_status(bad)
    assert status.ByteSize() <= DETAILS_BUDGET
    kept = violations_from_status(status)
    assert 1 <= len(kept) < 20_000 and kept[0].field == "region_codes[0]"


def test_bounded_status_keeps_a_small_status_as_it_is() -> None:
    status = to_status(InvalidArgument.of_field("phone", "手机号必须是 11 位中国大陆手机号"))
    assert bounded_status(status) == status


def test_bounded_status_fits_an_upstream_status_with_other_details() -> None:
    status = status_pb2.Status(code=code_pb2.INVALID_ARGUMENT, message="坏" * 10_000)
    info = error_details_pb2.ErrorInfo(reason="x" * 10_000)
    status.details.add().Pack(info)
    status.details.add().Pack(
        error_details_pb2.BadRequest(
            field_violations=[error_details_pb2.BadRequest.FieldViolation(field="a" * 9_000)]
        )
    )
    fitted = bounded_status(status)
    assert fitted.ByteSize() <= DETAILS_BUDGET
    assert [f.field[:3] for f in (violations_from_status(fitted))] == ["aaa"]


# --- descriptor-driven request checks ---------------------------------------------------------


def _raw_string(number: int, payload: bytes) -> bytes:
    return bytes([number << 3 | 2, len(payload)]) + payload


def test_bad_utf8_is_found_in_a_nested_message() -> None:
    person = org_pb2.Person(person_id="p1", region_codes=["330100"]).SerializeToString()
    person += _raw_string(7, b"\xff\xfe")  # a second region code that is not UTF-8
    request = _raw_string(1, person)
    assert bad_utf8_field(gw.UpsertPersonRequest.DESCRIPTOR, request) == "person.region_codes[1]"
    good = gw.UpsertPersonRequest(person=org_pb2.Person(name="张三")).SerializeToString()
    assert bad_utf8_field(gw.UpsertPersonRequest.DESCRIPTOR, good) is None


def test_bad_utf8_in_a_stream_part_and_garbage_bytes() -> None:
    meta = _raw_string(8, b"a\xc3(.jpg")  # filename: an invalid two-byte sequence
    assert bad_utf8_field(m.UploadPhotoRequest.DESCRIPTOR, _raw_string(1, meta)) == "meta.filename"
    assert bad_utf8_field(m.UploadPhotoRequest.DESCRIPTOR, b"\x0a\xff\xff\xff") is None


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200))
def test_bad_utf8_field_never_raises_on_any_bytes(data: bytes) -> None:
    found = bad_utf8_field(v.SubmitVisitRequest.DESCRIPTOR, data)
    assert found is None or isinstance(found, str)


def test_unknown_enum_numbers_are_named_wherever_they_are() -> None:
    person = org_pb2.Person(roles=[t.ROLE_REP, 99], status=7, customer_types=[t.CUSTOMER_TYPE_KA])
    found = unknown_enum_values(gw.UpsertPersonRequest(person=person))
    assert [x.field for x in found] == ["person.roles[1]", "person.status"]
    assert "ROLE_REP" in found[0].description
    assert unknown_enum_values(a.ListLeadsRequest(status=42))[0].field == "status"
    assert unknown_enum_values(a.ListLeadsRequest(status=a.LEAD_STATUS_WAITING)) == []


def test_timestamps_protobuf_cannot_convert_are_named() -> None:
    card = v.SubmitVisitRequest()
    card.check_in.at.seconds = 10**12
    card.check_out.at.nanos = -1
    fields = [x.field for x in invalid_timestamps(card)]
    assert fields == ["check_in.at", "check_out.at"]
    card.check_in.at.seconds, card.check_out.at.nanos = 1_700_000_000, 0
    assert invalid_timestamps(card) == []


def test_oversized_strings_and_lists_are_named() -> None:
    rule = a.Rule(name="规" * 5_000, match=a.RuleMatch(region_codes=["330100"] * 20_000))
    found = oversized_values(a.UpsertRuleRequest(rule=rule), max_chars=4096, max_items=1000)
    assert {x.field for x in found} == {"rule.name", "rule.match.region_codes"}
    ok = a.UpsertRuleRequest(rule=a.Rule(name="规则", match=a.RuleMatch(region_codes=["330100"])))
    assert oversized_values(ok, 4096, 1000) == []


# --- counters from zero ---------------------------------------------------------------------


def test_initialise_creates_every_combination_at_zero() -> None:
    registry = CollectorRegistry()
    counter = Counter("x_total", "x", ["channel", "outcome"], registry=registry)
    initialise(counter, ("wecom", "dingtalk"), ("sent", "failed"))
    text = generate_latest(registry).decode()
    for channel in ("wecom", "dingtalk"):
        for outcome in ("sent", "failed"):
            assert f'x_total{{channel="{channel}",outcome="{outcome}"}} 0.0' in text


def test_service_counters_have_series_before_anything_happens() -> None:
    import services.assignment.entrypoints.metrics  # noqa: F401  (initialised on import)
    import services.notify.entrypoints.metrics  # noqa: F401

    text = generate_latest().decode()
    assert 'sales_leads_total{outcome="breached"}' in text  # SLA breaches
    failed = 'channel="dingtalk",event_type="commitment.overdue",outcome="failed"'
    assert f"sales_notifications_total{{{failed}}}" in text
