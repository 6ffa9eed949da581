"""Bulk intake from a sheet (SPEC A1): every row is checked on its own and reported with its
Chinese messages; good rows go through the same intake as CreateLead."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from services.assignment.application.leads import create_lead
from services.assignment.domain.lead_rows import header_map, lead_from_row, missing_columns
from services.common.errors import DomainError, FieldViolation, InvalidArgument
from services.common.unit_of_work import MongoUnitOfWork


@dataclass
class RowResult:
    row: int
    status: str  # created | merged | duplicate | failed
    lead_id: str = ""
    errors: list[FieldViolation] = field(default_factory=list)


def import_leads(
    uow: MongoUnitOfWork,
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
    results: list[RowResult] = []
    for number, values in enumerate(rows, start=1):
        if not any(v.strip() for v in values):
            continue  # a blank line in the sheet is not a lead, and keeps the numbering true
        try:
            lead = lead_from_row(values, columns, tenant_id, new_id(), now())
            intake = create_lead(uow, lead, correlation_id=f"import:{lead.external_id}")
            results.append(RowResult(number, intake.outcome, intake.lead.lead_id))
        except DomainError as error:
            problems = error.violations or [FieldViolation("row", error.message)]
            results.append(RowResult(number, "failed", errors=problems))
    return results
