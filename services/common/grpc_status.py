"""Domain errors -> gRPC status with google.rpc details (BadRequest field violations).

Every status leaves here bounded. gRPC carries the message (percent-encoded, so one Chinese
character costs 9 bytes) and the details in trailers, and a client refuses trailers over
8 KB: an error that quoted a 100 KB id came back as RESOURCE_EXHAUSTED after 2 s instead of
its own status. So the message, each field and description, and the details as a whole have
a ceiling; violations beyond it are dropped (the message still counts them).
"""

from __future__ import annotations

from collections.abc import Iterable

import grpc
from google.protobuf import any_pb2
from google.rpc import code_pb2, error_details_pb2, status_pb2

from services.common.errors import DomainError, FieldViolation
from services.common.text import bounded

MESSAGE_LIMIT = 150  # characters
FIELD_LIMIT = 100
DESCRIPTION_LIMIT = 200
DETAILS_BUDGET = 3000  # bytes of serialized Status (sent base64: 4 KB)

_CODES: dict[str, tuple[grpc.StatusCode, int]] = {
    "invalid_argument": (grpc.StatusCode.INVALID_ARGUMENT, code_pb2.INVALID_ARGUMENT),
    "not_found": (grpc.StatusCode.NOT_FOUND, code_pb2.NOT_FOUND),
    "already_exists": (grpc.StatusCode.ALREADY_EXISTS, code_pb2.ALREADY_EXISTS),
    "failed_precondition": (grpc.StatusCode.FAILED_PRECONDITION, code_pb2.FAILED_PRECONDITION),
    "permission_denied": (grpc.StatusCode.PERMISSION_DENIED, code_pb2.PERMISSION_DENIED),
    "unauthenticated": (grpc.StatusCode.UNAUTHENTICATED, code_pb2.UNAUTHENTICATED),
    "unavailable": (grpc.StatusCode.UNAVAILABLE, code_pb2.UNAVAILABLE),
    "internal": (grpc.StatusCode.INTERNAL, code_pb2.INTERNAL),
}


def status_code(error: DomainError) -> grpc.StatusCode:
    return _CODES[error.kind][0]


def bounded_message(message: str) -> str:
    return bounded(message, MESSAGE_LIMIT)


def to_status(error: DomainError) -> status_pb2.Status:
    status = status_pb2.Status(code=_CODES[error.kind][1], message=bounded_message(error.message))
    if error.violations:
        _fit_violations(status, ((v.field, v.description) for v in error.violations))
    return status


def bounded_status(status: status_pb2.Status) -> status_pb2.Status:
    """The same status within the ceilings (also for statuses passed on from upstream)."""
    fitted = status_pb2.Status(code=status.code, message=bounded_message(status.message))
    for detail in status.details:
        if detail.Is(error_details_pb2.BadRequest.DESCRIPTOR):
            bad = error_details_pb2.BadRequest()
            detail.Unpack(bad)
            _fit_violations(fitted, ((v.field, v.description) for v in bad.field_violations))
        elif fitted.ByteSize() + detail.ByteSize() + 8 <= DETAILS_BUDGET:
            fitted.details.append(detail)
    return fitted


def _fit_violations(status: status_pb2.Status, violations: Iterable[tuple[str, str]]) -> None:
    """Each violation bounded, as many as the budget holds (the first one always)."""
    kept = error_details_pb2.BadRequest()
    room = DETAILS_BUDGET - status.ByteSize() - 64  # the Any wrapper and its type url
    for field, description in violations:
        item = error_details_pb2.BadRequest.FieldViolation(
            field=bounded(field, FIELD_LIMIT), description=bounded(description, DESCRIPTION_LIMIT)
        )
        if kept.field_violations and kept.ByteSize() + item.ByteSize() + 4 > room:
            break  # at least the first one always travels
        kept.field_violations.append(item)
    status.details.append(_packed(kept))


def _packed(message) -> any_pb2.Any:
    detail = any_pb2.Any()
    detail.Pack(message)
    return detail


def violations_from_status(status: status_pb2.Status) -> list[FieldViolation]:
    """The field violations carried by a status (used by clients and tests)."""
    found: list[FieldViolation] = []
    for detail in status.details:
        if detail.Is(error_details_pb2.BadRequest.DESCRIPTOR):
            bad = error_details_pb2.BadRequest()
            detail.Unpack(bad)
            found.extend(FieldViolation(v.field, v.description) for v in bad.field_violations)
    return found
