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
