"""Contract enums <-> the plain codes services store ("wgs84", "KA", "red"). One table each,
so every service reads and writes the same codes."""

from __future__ import annotations

from sales.common.v1 import types_pb2

DATUM_FROM_PB = {
    types_pb2.DATUM_WGS84: "wgs84",
    types_pb2.DATUM_GCJ02: "gcj02",
    types_pb2.DATUM_BD09: "bd09",
}
DATUM_TO_PB = {code: value for value, code in DATUM_FROM_PB.items()}
CUSTOMER_TYPE_FROM_PB = {
    types_pb2.CUSTOMER_TYPE_KA: "KA",
    types_pb2.CUSTOMER_TYPE_BC: "BC",
    types_pb2.CUSTOMER_TYPE_CONVENIENCE: "CONVENIENCE",
}
URGENCY_FROM_PB = {
    types_pb2.URGENCY_RED: "red",
    types_pb2.URGENCY_YELLOW: "yellow",
    types_pb2.URGENCY_BLUE: "blue",
}
ROLE_FROM_PB = {
    types_pb2.ROLE_REP: "rep",
    types_pb2.ROLE_SUPERVISOR: "supervisor",
    types_pb2.ROLE_DIRECTOR: "director",
    types_pb2.ROLE_FINANCE: "finance",
    types_pb2.ROLE_ADMIN: "admin",
}
PERSON_STATUS_FROM_PB = {
    types_pb2.PERSON_STATUS_ACTIVE: "active",
    types_pb2.PERSON_STATUS_ON_LEAVE: "on_leave",
    types_pb2.PERSON_STATUS_INACTIVE: "inactive",
}
NOTIFY_CHANNEL_FROM_PB = {
    types_pb2.NOTIFY_CHANNEL_WECOM: "wecom",
    types_pb2.NOTIFY_CHANNEL_DINGTALK: "dingtalk",
}


def code_of(table: dict[int, str], number: int) -> str:
    """The stored code of an enum number; `?<n>` for a number the table does not name, so a
    validator can refuse it by what it is (proto3 keeps unknown numbers)."""
    return table.get(number, f"?{number}")
