"""The returns analysis as an .xlsx workbook (openpyxl): Chinese headers and reason labels,
a frozen header row, an auto filter and widths that fit Chinese text."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from services.visits.domain.catalogue import Product
from services.visits.domain.returns import GRANULARITY_LABELS, ReturnGroup, ReturnsQuery

HEADERS = ["期间", "区域代码", "SKU", "商品名称", "退货原因", "原因代码", "退货数量", "退货次数"]
WIDTHS = [14, 12, 16, 28, 14, 20, 12, 12]  # characters; a CJK character is about two


def returns_workbook(
    query: ReturnsQuery, groups: list[ReturnGroup], products: dict[str, Product]
) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = f"退货分析(按{GRANULARITY_LABELS[query.granularity]})"
    sheet.append(HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.alignment = Alignment(horizontal="center")
    for g in groups:
        product = products.get(g.sku)
        name = product.name if product else ""
        sheet.append(
            [g.period, g.region_code, g.sku, name, g.reason_label, g.reason, g.quantity, g.count]
        )
    for i, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(HEADERS))}{max(len(groups) + 1, 1)}"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def export_filename(query: ReturnsQuery) -> str:
    return f"退货分析_{query.first_day.isoformat()}_{query.last_day.isoformat()}.xlsx"
