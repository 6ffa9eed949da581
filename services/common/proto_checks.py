"""Checks any service can run on a protobuf request, driven by its descriptor alone, so a
field added to a contract is covered without a line of code.

- `bad_utf8_field`: protobuf refuses a message whose string field is not UTF-8, but only
  says "Error parsing message"; this walks the wire bytes to name the field.
- `unknown_enum_values`: proto3 keeps an enum number no name has (a newer client, a typo,
  a fuzzer); the contract knows every name, so anything else is refused.
- `oversized_values`: a ceiling on every string and repeated field, the last defence
  against 100 KB names and 20,000-item lists; each service sets its own, tighter limits.
"""

from __future__ import annotations

from collections.abc import Iterator, Sized

from google.protobuf.descriptor import Descriptor, FieldDescriptor
from google.protobuf.message import Message

from services.common.errors import FieldViolation

_VARINT, _I64, _LEN, _I32 = 0, 1, 2, 5


class _Truncated(Exception):
    pass


def _varint(data: bytes, at: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        if at >= len(data) or shift > 63:
            raise _Truncated
        byte = data[at]
        value |= (byte & 0x7F) << shift
        at, shift = at + 1, shift + 7
        if not byte & 0x80:
            return value, at


def _fields(data: bytes) -> Iterator[tuple[int, int, bytes]]:
    """(field number, wire type, payload of a length-delimited field) for each field."""
    at = 0
    while at < len(data):
        key, at = _varint(data, at)
        number, wire = key >> 3, key & 7
        if wire == _VARINT:
            _, at = _varint(data, at)
        elif wire in (_I64, _I32):
            at += 8 if wire == _I64 else 4
        elif wire == _LEN:
            size, at = _varint(data, at)
            yield number, wire, data[at : at + size]
            at += size
        else:
            raise _Truncated  # groups are not in our contracts
        if at > len(data):
            raise _Truncated


def bad_utf8_field(descriptor: Descriptor, data: bytes, prefix: str = "") -> str | None:
    """The dotted path of the first string field in `data` (a `descriptor` message on the
    wire) that is not valid UTF-8; None if there is none or the bytes are not a message."""
    seen: dict[str, int] = {}
    try:
        for number, _, payload in _fields(data):
            field = descriptor.fields_by_number.get(number)
            if field is None:
                continue
            path = f"{prefix}{field.name}"
            if field.is_repeated and not _is_map(field):
                index = seen[path] = seen.get(path, -1) + 1
                path = f"{path}[{index}]"
            found = _bad_in(field, payload, path)
            if found:
                return found
    except _Truncated:
        return None
    return None


def _bad_in(field: FieldDescriptor, payload: bytes, path: str) -> str | None:
    if field.type == FieldDescriptor.TYPE_STRING:
        try:
            payload.decode("utf-8")
        except UnicodeDecodeError:
            return path
    elif field.type == FieldDescriptor.TYPE_MESSAGE:
        return bad_utf8_field(field.message_type, payload, f"{path}.")
    return None


def _is_map(field: FieldDescriptor) -> bool:
    return field.message_type is not None and field.message_type.GetOptions().map_entry


def _walk(message: Message, prefix: str = "") -> Iterator[tuple[FieldDescriptor, str, object]]:
    """(field, path, value) for every set field, then for each item of a repeated one
    (path `name[i]`), nested messages included."""
    for field, value in message.ListFields():
        path = f"{prefix}{field.name}"
        yield field, path, value
        if _is_map(field):
            continue
        repeated = field.is_repeated
        items = enumerate(value) if repeated else [(None, value)]
        for index, item in items:
            item_path = path if index is None else f"{path}[{index}]"
            if field.type == FieldDescriptor.TYPE_MESSAGE:
                yield from _walk(item, f"{item_path}.")
            elif repeated:
                yield field, item_path, item


def _unknown_enum(field: FieldDescriptor, value: object, _limits) -> str | None:
    if field.type != FieldDescriptor.TYPE_ENUM or not isinstance(value, int):
        return None  # not an enum, or the whole repeated field (its items come next)
    if value in field.enum_type.values_by_number:
        return None
    names = "、".join(v.name for v in field.enum_type.values if v.number)
    return f"未知的取值 {value},可选:{names}"


def _oversized(_field: FieldDescriptor, value: object, limits: tuple[int, int]) -> str | None:
    max_chars, max_items = limits
    if isinstance(value, str):
        return (
            f"不能超过 {max_chars} 个字符(现有 {len(value)} 个)" if len(value) > max_chars else None
        )
    if isinstance(value, Sized) and not isinstance(value, bytes) and len(value) > max_items:
        return f"最多 {max_items} 项(现有 {len(value)} 项)"
    return None


# google.protobuf.Timestamp's documented range: 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z.
_MIN_SECONDS, _MAX_SECONDS = -62_135_596_800, 253_402_300_799


def _bad_timestamp(field: FieldDescriptor, value: object, _limits) -> str | None:
    """A timestamp protobuf itself cannot turn into a date (ToDatetime raises on it)."""
    if not isinstance(value, Message) or field.message_type is None:
        return None
    if field.message_type.full_name != "google.protobuf.Timestamp":
        return None
    seconds, nanos = value.seconds, value.nanos  # type: ignore[attr-defined]
    if _MIN_SECONDS <= seconds <= _MAX_SECONDS and 0 <= nanos <= 999_999_999:
        return None
    return "时间超出范围(0001-01-01 至 9999-12-31,纳秒 0-999999999)"


def _violations(message: Message, checks, limits=(0, 0)) -> list[FieldViolation]:
    found = []
    for field, path, value in _walk(message):
        for check in checks:
            why = check(field, value, limits)
            if why:
                found.append(FieldViolation(path, why))
    return found


def unknown_enum_values(message: Message) -> list[FieldViolation]:
    return _violations(message, (_unknown_enum,))


def invalid_timestamps(message: Message) -> list[FieldViolation]:
    return _violations(message, (_bad_timestamp,))


def oversized_values(message: Message, max_chars: int, max_items: int) -> list[FieldViolation]:
    return _violations(message, (_oversized,), (max_chars, max_items))


def contract_violations(message: Message, max_chars: int, max_items: int) -> list[FieldViolation]:
    """All three checks above in one walk of the message (what the gateway runs per call)."""
    return _violations(message, (_unknown_enum, _bad_timestamp, _oversized), (max_chars, max_items))
