"""Domain errors every service raises, free of any framework.

Adapters map them to gRPC status codes (see grpc_status.py). Messages are Chinese because a
person reads them on a phone; field names stay as they are in the contract so a front end can
highlight the right input.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FieldViolation:
    field: str
    description: str


class DomainError(Exception):
    """Base class; `kind` names the gRPC status it maps to."""

    kind = "internal"

    def __init__(self, message: str, violations: list[FieldViolation] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.violations = list(violations or [])


class InvalidArgument(DomainError):
    kind = "invalid_argument"

    @classmethod
    def of(cls, violations: list[FieldViolation]) -> InvalidArgument:
        fields = "、".join(v.field for v in violations)
        return cls(f"输入有误:{fields}", violations)

    @classmethod
    def of_field(cls, field: str, description: str) -> InvalidArgument:
        return cls.of([FieldViolation(field, description)])


class NotFound(DomainError):
    kind = "not_found"


class AlreadyExists(DomainError):
    kind = "already_exists"


class FailedPrecondition(DomainError):
    kind = "failed_precondition"


class PermissionDenied(DomainError):
    kind = "permission_denied"


class Unauthenticated(DomainError):
    kind = "unauthenticated"


class Violations:
    """Collects every problem with an input before raising, so the caller sees all at once."""

    def __init__(self) -> None:
        self.items: list[FieldViolation] = []

    def add(self, field: str, description: str) -> None:
        self.items.append(FieldViolation(field, description))

    def check(self, ok: bool, field: str, description: str) -> None:
        if not ok:
            self.add(field, description)

    def raise_if_any(self) -> None:
        if self.items:
            raise InvalidArgument.of(self.items)
