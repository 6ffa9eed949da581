"""Reading an uploaded lead sheet: CSV (UTF-8, with or without BOM, or GB18030 as Excel
in China saves it) or .xlsx (openpyxl). Returns the header and the data rows as text."""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook

from services.common.errors import InvalidArgument

# One import must finish well inside the gateway's deadline (intake runs row by row).
MAX_ROWS = 1000


def _csv_text(content: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InvalidArgument.of_field("content", "无法识别文件编码,请另存为 UTF-8 CSV")


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # Excel turns 330106 and phone numbers into floats
    return str(value)


def read_sheet(filename: str, content: bytes) -> tuple[list[str], list[list[str]]]:
    name = filename.lower()
    if not content:
        raise InvalidArgument.of_field("content", "文件为空")
    if name.endswith(".csv"):
        rows = list(csv.reader(io.StringIO(_csv_text(content))))
    elif name.endswith(".xlsx"):
        try:
            sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).worksheets[0]
        except Exception:
            raise InvalidArgument.of_field(
                "content", "无法读取 Excel 文件,请确认是 .xlsx 格式"
            ) from None
        rows = [[_cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    else:
        raise InvalidArgument.of_field("filename", "只支持 .csv 和 .xlsx 文件")
    while rows and not any(c.strip() for c in rows[-1]):
        rows.pop()  # trailing blank lines; blank lines inside keep their place (row numbers)
    if not rows or not any(c.strip() for c in rows[0]):
        raise InvalidArgument.of_field("content", "文件没有表头")
    if len(rows) - 1 > MAX_ROWS:
        raise InvalidArgument.of_field("content", f"单次最多导入 {MAX_ROWS} 行")
    return rows[0], rows[1:]
