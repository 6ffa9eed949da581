"""Domain errors -> gRPC status with google.rpc details (BadRequest field violations)."""

from __future__ import annotations

import grpc
from google.protobuf import any_pb2
from google.rpc import code_pb2, error_details_pb2, status_pb2

from services.common.errors import DomainError, FieldViolation

_CODES: dict[str, tuple[grpc.StatusCode, int]] = {
    "invalid_argument": (grpc.StatusCode.INVALID_ARGUMENT, code_pb2.INVALID_ARGUMENT),
    "not_found": (grpc.StatusCode.NOT_FOUND, code_pb2.NOT_FOUND),
    "already_exists": (grpc.StatusCode.ALREADY_EXISTS, code_pb2.ALREADY_EXISTS),
    "failed_precondition": (grpc.StatusCode.FAILED_PRECONDITION, code_pb2.FAILED_PRECONDITION),
    "permission_denied": (grpc.StatusCode.PERMISSION_DENIED, code_pb2.PERMISSION_DENIED),
    "unauthenticated": (grpc.StatusCode.UNAUTHENTICATED, code_pb2.UNAUTHENTICATED),
    "internal": (grpc.StatusCode.INTERNAL, code_pb2.INTERNAL),
}


def status_code(error: DomainError) -> grpc.StatusCode:
    return _CODES[error.kind][0]


def to_status(error: DomainError) -> status_pb2.Status:
    status = status_pb2.Status(code=_CODES[error.kind][1], message=error.message)
    if error.violations:
        detail = any_pb2.Any()
        detail.Pack(
            error_details_pb2.BadRequest(
                field_violations=[
                    error_details_pb2.BadRequest.FieldViolation(
                        field=v.field, description=v.description
                    )
                    for v in error.violations
                ]
            )
        )
        status.details.append(detail)
    return status


def violations_from_status(status: status_pb2.Status) -> list[FieldViolation]:
    """The field violations carried by a status (used by clients and tests)."""
    found: list[FieldViolation] = []
    for detail in status.details:
        if detail.Is(error_details_pb2.BadRequest.DESCRIPTOR):
            bad = error_details_pb2.BadRequest()
            detail.Unpack(bad)
            found.extend(FieldViolation(v.field, v.description) for v in bad.field_violations)
    return found
