"""Domain errors every service raises, free of any framework.

Adapters map them to gRPC status codes (see grpc_status.py). Messages are Chinese because a
person reads them on a phone; field names stay as they are in the contract so a front end can
highlight the right input.
"""

from __future__ import annotations

from collections.abc import Collection, Sized
from dataclasses import dataclass

from services.common.text import bounded


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


NAMED_FIELDS = 5  # the message names this many fields; the details carry every one


class InvalidArgument(DomainError):
    kind = "invalid_argument"

    @classmethod
    def of(cls, violations: list[FieldViolation]) -> InvalidArgument:
        fields = list(dict.fromkeys(v.field for v in violations))
        named = "、".join(fields[:NAMED_FIELDS])
        more = f" 等 {len(fields)} 处" if len(fields) > NAMED_FIELDS else ""
        return cls(f"输入有误:{named}{more}", violations)

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


class Unavailable(DomainError):
    """Not done, and safe to send again (a dependency is unreachable, the process is stopping)."""

    kind = "unavailable"


class Violations:
    """Collects every problem with an input before raising, so the caller sees all at once."""

    def __init__(self) -> None:
        self.items: list[FieldViolation] = []

    def add(self, field: str, description: str) -> None:
        self.items.append(FieldViolation(field, description))

    def check(self, ok: bool, field: str, description: str) -> None:
        if not ok:
            self.add(field, description)

    def max_len(self, field: str, value: str, limit: int) -> bool:
        """True if `value` has at most `limit` characters; otherwise records why."""
        ok = len(value) <= limit
        self.check(ok, field, f"不能超过 {limit} 个字符(现有 {len(value)} 个)")
        return ok

    def max_items(self, field: str, values: Sized, limit: int) -> bool:
        """True if the repeated field holds at most `limit` items; otherwise records why."""
        ok = len(values) <= limit
        self.check(ok, field, f"最多 {limit} 项(现有 {len(values)} 项)")
        return ok

    def known(self, field: str, value: object, allowed: Collection[object], label: str) -> bool:
        """True if `value` is one of `allowed` (an enum number protobuf kept although no
        name has it, a code from an older or newer client); otherwise records why."""
        ok = value in allowed
        self.check(ok, field, f"未知的{label}:{bounded(str(value))}")
        return ok

    def raise_if_any(self) -> None:
        if self.items:
            raise InvalidArgument.of(self.items)
