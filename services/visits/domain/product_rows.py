"""One row of an imported product sheet (the ERP's catalogue) -> a product. Prices are typed
in yuan (12.5, ¥12.50, 12.50元) or given in fen, and kept in fen exactly (Decimal, no float
rounding)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from services.common.errors import FieldViolation, InvalidArgument, Violations
from services.visits.domain.catalogue import Product, check_product
from services.visits.domain.sheet_rows import Row

HEADERS: dict[str, tuple[str, ...]] = {
    "sku": ("商品编码", "SKU", "物料编码", "sku"),
    "name": ("商品名称", "名称", "name"),
    "specification": ("规格", "specification"),
    "unit": ("单位", "unit"),
    "price_yuan": ("单价(元)", "价格(元)", "列表价(元)", "单价", "list_price_yuan"),
    "price_fen": ("单价(分)", "价格(分)", "list_price_fen"),
    "active": ("状态", "active"),
}
REQUIRED = ("sku", "name", "unit")
ACTIVE = {"": True, "在售": True, "正常": True, "是": True, "true": True, "1": True,
          "停售": False, "下架": False, "否": False, "false": False, "0": False}  # fmt: skip


def _price_fen(row: Row, problems: list[FieldViolation]) -> int:
    if row.cell("price_fen"):
        text = row.cell("price_fen")
        if text.isascii() and text.isdigit():
            return int(text)
        problems.append(FieldViolation("list_price_fen", "价格(分)必须是整数"))
        return 0
    text = row.cell("price_yuan").replace("¥", "").replace("￥", "").removesuffix("元").strip()
    try:
        yuan = Decimal(text)
    except InvalidOperation:
        problems.append(FieldViolation("list_price_fen", "必须填写单价(元),例如 12.50"))
        return 0
    fen = yuan * 100
    if not yuan.is_finite() or fen != fen.to_integral_value():
        problems.append(FieldViolation("list_price_fen", "单价最多两位小数"))
        return 0
    return int(fen)


def parse_row(row: Row, tenant_id: str) -> Product:
    """Raises InvalidArgument with every problem of the row."""
    problems: list[FieldViolation] = []
    if not row.has("price_fen") and not row.has("price_yuan"):
        problems.append(FieldViolation("list_price_fen", "缺少单价列"))
    fen = _price_fen(row, problems)
    active = ACTIVE.get(row.cell("active").lower())
    if active is None:
        problems.append(FieldViolation("active", "状态必须是 在售 或 停售"))
    product = Product(
        tenant_id=tenant_id,
        sku=row.cell("sku"),
        name=row.cell("name"),
        specification=row.cell("specification"),
        unit=row.cell("unit"),
        list_price_fen=fen,
        active=bool(active),
    )
    v = Violations()
    check_product(product, v)
    named = {p.field for p in problems}  # a price that did not parse is named once
    problems.extend(i for i in v.items if i.field not in named)
    if problems:
        raise InvalidArgument.of(problems)
    return product
