"""Bulk intake from a sheet (SPEC A1): every row is checked on its own and reported with its
Chinese messages; good rows go through the bulk intake (same rules, claims and events as
CreateLead, fewer round trips)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from services.assignment.application.leads import Intake, create_leads_in_bulk
from services.assignment.application.ports import Uow
from services.assignment.domain.lead_rows import header_map, lead_from_row, missing_columns
from services.assignment.domain.model import Lead
from services.common.errors import DomainError, FieldViolation, InvalidArgument

# One import must finish well inside the gateway's deadline (intake runs row by row).
MAX_ROWS = 1000


@dataclass
class RowResult:
    row: int
    status: str  # created | merged | duplicate | failed
    lead_id: str = ""
    errors: list[FieldViolation] = field(default_factory=list)


def import_leads(
    uow: Uow,
    tenant_id: str,
    header: list[str],
    rows: list[list[str]],
    new_id: Callable[[], str],
    now: Callable[[], datetime],
) -> list[RowResult]:
    columns = header_map(header)
    missing = missing_columns(columns)
    if missing:
        raise InvalidArgument.of_field("content", f"缺少必填列:{'、'.join(missing)}")
    parsed, results = _parse_rows(rows, columns, tenant_id, new_id, now)
    first_row: dict[str, int] = {}
    for number, lead in parsed:
        first_row.setdefault(lead.external_id, number)
    unique = [lead for number, lead in parsed if first_row[lead.external_id] == number]
    intakes = create_leads_in_bulk(uow, unique, now)
    for number, lead in parsed:
        intake = intakes[lead.external_id]
        repeated = first_row[lead.external_id] != number  # the same id twice in one sheet
        results.append(_row_result(number, intake, repeated))
    return sorted(results, key=lambda r: r.row)


def _parse_rows(
    rows: list[list[str]],
    columns: dict[str, int],
    tenant_id: str,
    new_id: Callable[[], str],
    now: Callable[[], datetime],
) -> tuple[list[tuple[int, Lead]], list[RowResult]]:
    """(the rows that are leads, with their numbers; the report of the rows that are not)."""
    parsed: list[tuple[int, Lead]] = []
    failed: list[RowResult] = []
    for number, values in enumerate(rows, start=1):
        if not any(v.strip() for v in values):
            continue  # a blank line in the sheet is not a lead, and keeps the numbering true
        try:
            parsed.append((number, lead_from_row(values, columns, tenant_id, new_id(), now())))
        except DomainError as error:
            failed.append(RowResult(number, "failed", errors=_problems(error)))
    return parsed, failed


def _row_result(number: int, intake: Intake | DomainError, repeated: bool) -> RowResult:
    if isinstance(intake, DomainError):
        return RowResult(number, "failed", errors=_problems(intake))
    return RowResult(number, "duplicate" if repeated else intake.outcome, intake.lead.lead_id)


def _problems(error: DomainError) -> list[FieldViolation]:
    return error.violations or [FieldViolation("row", error.message)]
