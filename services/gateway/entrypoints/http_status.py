"""A gRPC status as the HTTP face answers it: the HTTP status that means the same, and a JSON
body with the gRPC status name, its number, the message and the offending fields (the
BadRequest field violations in the status details), so a page can mark the right input.

The table is the one place a gRPC code meets an HTTP status (ADR 033). It follows Google's
mapping (google/rpc/code.proto) except FAILED_PRECONDITION: 412, because the console must
tell "the request is wrong" (400, fix the input) from "the state does not allow it" (an
approval already decided, an expired rating code), which 400 would merge.
"""

from __future__ import annotations

import grpc
from google.rpc import error_details_pb2, status_pb2

DETAILS_KEY = "grpc-status-details-bin"

HTTP_OF: dict[grpc.StatusCode, int] = {
    grpc.StatusCode.OK: 200,
    grpc.StatusCode.CANCELLED: 499,
    grpc.StatusCode.UNKNOWN: 500,
    grpc.StatusCode.INVALID_ARGUMENT: 400,
    grpc.StatusCode.DEADLINE_EXCEEDED: 504,
    grpc.StatusCode.NOT_FOUND: 404,
    grpc.StatusCode.ALREADY_EXISTS: 409,
    grpc.StatusCode.PERMISSION_DENIED: 403,
    grpc.StatusCode.RESOURCE_EXHAUSTED: 429,
    grpc.StatusCode.FAILED_PRECONDITION: 412,
    grpc.StatusCode.ABORTED: 409,
    grpc.StatusCode.OUT_OF_RANGE: 400,
    grpc.StatusCode.UNIMPLEMENTED: 501,
    grpc.StatusCode.INTERNAL: 500,
    grpc.StatusCode.UNAVAILABLE: 503,
    grpc.StatusCode.DATA_LOSS: 500,
    grpc.StatusCode.UNAUTHENTICATED: 401,
}


def code_of(number: int) -> grpc.StatusCode:
    return next((c for c in grpc.StatusCode if c.value[0] == number), grpc.StatusCode.UNKNOWN)


def error_body(code: grpc.StatusCode, message: str, trailers) -> dict:
    """{"error": {status, code, message, fields: [{field, description}]}} from what the
    servicer aborted with (the same trailers a gRPC client receives)."""
    fields = []
    for key, value in trailers or ():
        if key == DETAILS_KEY and isinstance(value, bytes):
            fields = _violations(value)
    return {
        "error": {
            "status": code.name,
            "code": code.value[0],
            "message": message,
            "fields": fields,
        }
    }


def _violations(details: bytes) -> list[dict[str, str]]:
    status = status_pb2.Status.FromString(details)
    found = []
    for detail in status.details:
        if detail.Is(error_details_pb2.BadRequest.DESCRIPTOR):
            bad = error_details_pb2.BadRequest()
            detail.Unpack(bad)
            found += [
                {"field": v.field, "description": v.description} for v in bad.field_violations
            ]
    return found


def retry_after_s(trailers) -> str | None:
    """The gateway's retry pushback (ms, while it drains) as an HTTP Retry-After (s)."""
    for key, value in trailers or ():
        if key == "grpc-retry-pushback-ms":
            return str(max(1, -(-int(value) // 1000)))
    return None
