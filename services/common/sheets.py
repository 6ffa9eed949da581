"""Reading an uploaded sheet (visits' stores and products, assignment's leads): CSV (UTF-8 with or without BOM, or GB18030 as
Excel in China saves it) or .xlsx (openpyxl). Every limit is checked while reading, so no
file, however it is built, makes the service do more than a bounded amount of work:

- CSV: any line ending (CR-only from old Mac Excel included: read with newline=""), and a
  cell larger than MAX_CELL, a NUL byte or a broken quote is a clear error naming its line
  instead of csv.Error escaping as INTERNAL (both seen in assignment's reader, issue 7);
- .xlsx: the declared sheet dimension is never trusted (a 1.7 KB file that declared
  A1:XFD1048576 kept assignment building cells for 4-5 s); rows and columns are read only up
  to the limits, and the archive's unpacked size is checked before openpyxl opens it;
- the reader gives the event loop a turn every few hundred rows, so a large import does
  not hold up the service's other calls (time.sleep is cooperative under eventlet).
"""

from __future__ import annotations

import csv
import io
import time
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from openpyxl import load_workbook

from services.common.errors import InvalidArgument

MAX_ROWS = 20_000  # data rows of one import by default: the source's 18,000 outlets
MAX_COLUMNS = 40
MAX_CELL = 2_000  # characters
MAX_BYTES = 16 * 1024 * 1024  # the gateway's message limit
MAX_UNPACKED = 128 * 1024 * 1024  # an .xlsx archive's members, unpacked
YIELD_EVERY = 500


@dataclass(frozen=True)
class Sheet:
    header: list[str]
    rows: list[list[str]]  # data rows, numbered from 1 (blank rows keep their number)


def _refuse(message: str) -> InvalidArgument:
    return InvalidArgument.of_field("content", message)


def _csv_text(content: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise _refuse("无法识别文件编码,请另存为 UTF-8 CSV")


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # Excel turns 330106 and phone numbers into floats
    return str(value)


def _bounded(rows: Iterable[Iterable[object]], max_rows: int) -> Iterator[list[str]]:
    """Rows as text, refusing what is over a limit, yielding to the loop now and then."""
    for number, row in enumerate(rows):
        if number > max_rows:
            raise _refuse(f"单次最多导入 {max_rows} 行")
        cells = [_cell_text(v) for v in row]
        while cells and not cells[-1]:
            cells.pop()  # .xlsx rows come padded to the column bound
        if len(cells) > MAX_COLUMNS:
            raise _refuse(f"第 {number} 行超过 {MAX_COLUMNS} 列")
        for column, cell in enumerate(cells, start=1):
            if len(cell) > MAX_CELL:
                raise _refuse(f"第 {number} 行第 {column} 列超过 {MAX_CELL} 字")
            if any(ch < " " and ch not in "\t\r\n" for ch in cell):
                raise _refuse(f"第 {number} 行第 {column} 列含有控制字符")
        if number % YIELD_EVERY == 0:
            time.sleep(0)
        yield cells


def _csv_rows(content: bytes) -> Iterator[list[str]]:
    csv.field_size_limit(MAX_CELL + 1)  # a larger cell stops the reader, with its line
    # strict: a quote left open would swallow the rest of the file into one cell
    reader = csv.reader(io.StringIO(_csv_text(content), newline=""), strict=True)
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error:
            raise _refuse(
                f"第 {max(0, reader.line_num - 1)} 行无法读取(单元格超过 {MAX_CELL} 字或引号不成对)"
            ) from None
        yield row


def _xlsx_rows(content: bytes, max_rows: int) -> Iterator[tuple[object, ...]]:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
        if unpacked > MAX_UNPACKED:
            raise _refuse("Excel 文件解压后过大,请拆分后导入")
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        sheet = book.worksheets[0]
        sheet.reset_dimensions()  # the declared dimension may claim a million rows
    except InvalidArgument:
        raise
    except Exception:
        raise _refuse("无法读取 Excel 文件,请确认是 .xlsx 格式") from None
    # One row and one column past each limit, so going over is seen, never more.
    yield from sheet.iter_rows(max_row=max_rows + 2, max_col=MAX_COLUMNS + 1, values_only=True)


def read_sheet(filename: str, content: bytes, max_rows: int | None = None) -> Sheet:
    """The header and data rows of an upload; at most `max_rows` data rows (MAX_ROWS by
    default: each use says how many it can take within the gateway's deadline)."""
    limit = MAX_ROWS if max_rows is None else max_rows
    name = filename.lower()
    if not content:
        raise _refuse("文件为空")
    if len(content) > MAX_BYTES:
        raise _refuse(f"文件不能超过 {MAX_BYTES // 1024 // 1024} MB")
    if name.endswith(".csv"):
        source: Iterable[Iterable[object]] = _csv_rows(content)
    elif name.endswith(".xlsx"):
        source = _xlsx_rows(content, limit)
    else:
        raise InvalidArgument.of_field("filename", "只支持 .csv 和 .xlsx 文件")
    rows = list(_bounded(source, limit))
    while rows and not any(c.strip() for c in rows[-1]):
        rows.pop()  # trailing blank lines; blank lines inside keep their place (row numbers)
    if not rows or not any(c.strip() for c in rows[0]):
        raise _refuse("文件没有表头")
    return Sheet(rows[0], rows[1:])
