"""ImportLeads end to end on the fakes: the shared sheet reader (services/common/sheets.py) with
assignment's row limit, then the per-row report. The files are the ones that answered INTERNAL
or stalled the service before (issue 7): CR-only line endings, a cell over csv's field limit,
and a tiny .xlsx declaring a huge sheet."""

from __future__ import annotations

import itertools
import time

import pytest

from services.assignment.application import imports
from services.common.errors import InvalidArgument
from services.common.sheets import read_sheet
from tests.fakes.assignment import NOW, TENANT, fake_uow
from tests.unit.test_visits_sheets import declare_dimension, xlsx

HEADER = "来源编号,渠道,客户类型,区域编码,紧急程度,客户名称,手机号"


def run_import(filename: str, content: bytes) -> list[imports.RowResult]:
    uow = fake_uow()
    ids = (f"lead-{n:04d}" for n in itertools.count(1))
    sheet = read_sheet(filename, content, imports.MAX_ROWS)
    return imports.import_leads(
        uow, TENANT, sheet.header, sheet.rows, lambda: next(ids), lambda: NOW
    )


def refusal(filename: str, content: bytes) -> tuple[str, str]:
    with pytest.raises(InvalidArgument) as refused:
        run_import(filename, content)
    [violation] = refused.value.violations
    return violation.field, violation.description


def test_a_sheet_with_cr_only_line_endings_is_imported() -> None:
    text = f"{HEADER}\rB1,电商,KA,330106,红,门店1,13700000001\rB2,展会,便利店,330106,蓝,门店2,13700000002\r"
    report = run_import("leads.csv", text.encode())
    assert [(r.row, r.status) for r in report] == [(1, "created"), (2, "created")]


def test_a_cell_over_the_limit_names_the_content_and_its_line() -> None:
    text = f"{HEADER}\nB1,电商,KA,330106,红,{'店' * 200_000},13700000001\n"
    field, why = refusal("leads.csv", text.encode())
    assert field == "content" and why.startswith("第 1 行无法读取")


def test_the_row_limit_is_assignments_and_checked_while_reading() -> None:
    rows = [f"B{i},电商,KA,330106,红,门店{i},137{i:08d}" for i in range(imports.MAX_ROWS + 1)]
    content = "\n".join([HEADER, *rows]).encode()
    assert refusal("leads.csv", content) == ("content", f"单次最多导入 {imports.MAX_ROWS} 行")


def test_a_tiny_xlsx_declaring_a_huge_sheet_is_read_in_no_time() -> None:
    good = [HEADER.split(","), ["B1", "电商", "KA", "330106", "红", "门店1", "13700000001"]]
    content = declare_dimension(xlsx(good), "A1:XFD1048576")
    started = time.perf_counter()
    report = run_import("leads.xlsx", content)
    assert time.perf_counter() - started < 1.0  # bounded work, not a timing claim: ~ms
    assert [r.status for r in report] == ["created"]


def test_each_bad_row_is_reported_with_its_fields() -> None:
    text = f"{HEADER},地址\nB1,电商,KA,330106,红,门店1,1370000000１,\nB2,电商,KA,330106,红,门店2,13700000002,{'路' * 201}\n"
    report = run_import("leads.csv", text.encode())
    assert [(r.row, r.status, [e.field for e in r.errors]) for r in report] == [
        (1, "failed", ["phone"]),
        (2, "failed", ["address"]),
    ]
