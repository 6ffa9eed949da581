"""The per-row report of a sheet import (sheets.proto), shared by stores and products."""

from __future__ import annotations

from sales.visits.v1 import sheets_pb2 as pb
from services.visits.domain.sheet_rows import RowResult, summary, summary_text


def report_to_pb(results: list[RowResult]) -> pb.ImportSheetResponse:
    counts = summary(results)
    return pb.ImportSheetResponse(
        created=counts["created"],
        updated=counts["updated"],
        unchanged=counts["unchanged"],
        duplicates=counts["duplicate"],
        failed=counts["failed"],
        summary=summary_text(results),
        rows=[
            pb.ImportRowResult(
                row=r.row,
                status=r.status,
                status_label=r.label,
                key=r.key,
                id=r.id,
                errors=[pb.ImportRowError(field=e.field, message=e.description) for e in r.errors],
            )
            for r in results
        ],
    )
