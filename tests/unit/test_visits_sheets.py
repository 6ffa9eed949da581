"""The sheet reader under files built to hurt it: CR-only line endings, a huge cell, NUL bytes,
Excel's GB18030 CSV, and an .xlsx that declares a million-row sheet. Each is read or refused
with a clear field error, and never does unbounded work."""

from __future__ import annotations

import io
import re
import time
import zipfile

import pytest
from openpyxl import Workbook

from services.common import sheets
from services.common.errors import InvalidArgument
from services.common.sheets import read_sheet


def refused(filename: str, content: bytes) -> str:
    with pytest.raises(InvalidArgument) as caught:
        read_sheet(filename, content)
    [violation] = caught.value.violations
    return f"{violation.field}: {violation.description}"


def test_every_line_ending_reads_the_same() -> None:
    text = '外部编号,门店名称\nE1,好又多\nE2,"美宜佳,文三路"\n'
    for ending in ("\n", "\r\n", "\r"):
        sheet = read_sheet("s.csv", text.replace("\n", ending).encode())
        assert sheet.header == ["外部编号", "门店名称"]
        assert sheet.rows == [["E1", "好又多"], ["E2", "美宜佳,文三路"]]


def test_gb18030_as_excel_saves_it_in_china() -> None:
    sheet = read_sheet("s.csv", "外部编号,门店名称\r\nE1,华润万家\r\n".encode("gb18030"))
    assert sheet.rows == [["E1", "华润万家"]]


def test_a_huge_cell_a_nul_and_a_broken_quote_are_clear_errors() -> None:
    huge = b"a,b\nE1," + b"x" * 500_000 + b"\n"
    assert refused("s.csv", huge) == "content: 第 1 行无法读取(单元格超过 2000 字或引号不成对)"
    assert refused("s.csv", b"a,b\nE1,\x00x\n") == "content: 第 1 行第 2 列含有控制字符"
    assert refused("s.csv", b'a,b\nE1,ok\nE2,"open\n').startswith("content: 第 2 行无法读取")


def test_limits_on_rows_and_columns(monkeypatch) -> None:
    monkeypatch.setattr(sheets, "MAX_ROWS", 3)
    ok = b"a\n1\n2\n3\n"
    assert len(read_sheet("s.csv", ok).rows) == 3
    assert refused("s.csv", ok + b"4\n") == "content: 单次最多导入 3 行"
    wide = ",".join(["x"] * 41).encode()
    assert refused("s.csv", b"a\n" + wide) == "content: 第 1 行超过 40 列"


def test_empty_headless_and_unknown_files() -> None:
    assert refused("s.csv", b"") == "content: 文件为空"
    assert refused("s.csv", b"\n,\n") == "content: 文件没有表头"
    assert refused("s.txt", b"a") == "filename: 只支持 .csv 和 .xlsx 文件"
    assert refused("s.xlsx", b"not a zip") == "content: 无法读取 Excel 文件,请确认是 .xlsx 格式"


def xlsx(rows: list[list[object]]) -> bytes:
    book = Workbook()
    for r in rows:
        book.active.append(r)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def declare_dimension(content: bytes, ref: str) -> bytes:
    """The same workbook, its first sheet claiming the dimension `ref`."""
    source, out = zipfile.ZipFile(io.BytesIO(content)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(rb'<dimension ref="[^"]*"', f'<dimension ref="{ref}"'.encode(), data)
            target.writestr(item, data)
    return out.getvalue()


def test_xlsx_numbers_come_back_as_people_typed_them() -> None:
    sheet = read_sheet("s.xlsx", xlsx([["区域编码", "电话"], [330106, 13800138000.0]]))
    assert sheet.rows == [["330106", "13800138000"]]


def test_an_xlsx_declaring_a_million_rows_is_read_in_no_time() -> None:
    content = declare_dimension(xlsx([["外部编号"], ["E1"], ["E2"]]), "A1:XFD1048576")
    assert len(content) < 10_000
    started = time.perf_counter()
    sheet = read_sheet("s.xlsx", content)
    assert time.perf_counter() - started < 1.0  # bounded work, not a timing claim: ~ms
    assert sheet.rows == [["E1"], ["E2"]]


def test_an_xlsx_that_unpacks_too_large_is_refused(monkeypatch) -> None:
    monkeypatch.setattr(sheets, "MAX_UNPACKED", 1000)
    assert refused("s.xlsx", xlsx([["a"], ["b"]])) == "content: Excel 文件解压后过大,请拆分后导入"
