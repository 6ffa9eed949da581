"""The product catalogue, imported from the ERP (SKU, name, specification, unit, list price);
sample, return and price lines must name one of its SKUs."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from services.common.errors import Violations

MAX_SKU, MAX_NAME, MAX_SPEC, MAX_UNIT = 40, 100, 60, 10
MAX_PRICE_FEN = 100_000_000  # 1,000,000 CNY: far above any FMCG case price
_SKU = re.compile(r"[0-9A-Za-z._-]+")
# The facts an import compares: a row that changes none of them is "unchanged".
FACTS = ("name", "specification", "unit", "list_price_fen", "active")


@dataclass(frozen=True)
class Product:
    tenant_id: str
    sku: str
    name: str
    specification: str  # e.g. 500ml×12
    unit: str  # e.g. 箱
    list_price_fen: int
    active: bool = True
    updated_at: datetime | None = None
    number: int = 0  # its place in the tenant's catalogue (1, 2, ...): lists page by it

    def facts(self) -> dict[str, object]:
        return {name: getattr(self, name) for name in FACTS}


def check_product(product: Product, v: Violations, prefix: str = "") -> None:
    v.check(
        bool(_SKU.fullmatch(product.sku)) and len(product.sku) <= MAX_SKU,
        prefix + "sku",
        f"商品编码只能含字母、数字和 ._-,最多 {MAX_SKU} 个字符",
    )
    for name, label, limit, required in (
        ("name", "商品名称", MAX_NAME, True),
        ("specification", "规格", MAX_SPEC, False),
        ("unit", "单位", MAX_UNIT, True),
    ):
        value: str = getattr(product, name)
        if required and not value.strip():
            v.add(prefix + name, f"必须填写{label}")
        elif len(value) > limit:
            v.add(prefix + name, f"{label}不能超过 {limit} 个字")
    v.check(
        0 < product.list_price_fen <= MAX_PRICE_FEN,
        prefix + "list_price_fen",
        "价格必须大于 0 元且不超过 100 万元",
    )
