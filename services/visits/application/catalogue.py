"""The product catalogue: imported from the ERP's sheet the same way as stores (idempotent by
SKU, per-row report), read by SKU and listed page by page."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from services.common import paging
from services.common.errors import InvalidArgument, NotFound
from services.common.unit_of_work import UnitOfWork
from services.visits.application.ports import VisitsRepository
from services.visits.application.sheet_imports import Parsed, Tx, import_rows
from services.visits.application.stores import after_number
from services.visits.domain import product_rows
from services.visits.domain.catalogue import MAX_SKU, Product
from services.visits.domain.sheet_rows import Row, RowResult, header_map, missing_columns


class ProductImporter:
    def __init__(self, tenant_id: str, now: datetime) -> None:
        self.tenant_id, self.now = tenant_id, now

    def existing(self, tx: Tx, keys: list[str]) -> dict[str, Product]:
        return tx.repo.products.get_many(self.tenant_id, keys)

    def build(self, parsed: Product) -> Product:
        return replace(parsed, updated_at=self.now)

    def change(self, current: Product, parsed: Product) -> Product | None:
        if current.facts() == parsed.facts():
            return None
        return replace(parsed, number=current.number, updated_at=self.now)

    def add(self, tx: Tx, items: list[Product]) -> list[Product]:
        return tx.repo.products.add_many(items)

    def save(self, tx: Tx, changes: list[tuple[Product, Product]]) -> None:
        tx.repo.products.save_many([after for _, after in changes])

    def publish(self, tx: Tx, added: list[Product], changes: list[tuple[Product, Product]]) -> None:
        """The catalogue publishes no events: no other service keeps a copy of it."""

    def ident(self, item: Product) -> str:
        return item.sku


def import_products(
    uow: UnitOfWork[VisitsRepository],
    tenant_id: str,
    header: list[str],
    rows: list[list[str]],
    now: datetime,
) -> list[RowResult]:
    columns = header_map(header, product_rows.HEADERS)
    missing = missing_columns(columns, product_rows.REQUIRED, product_rows.HEADERS)
    if missing:
        raise InvalidArgument.of_field("content", f"缺少必填列:{'、'.join(missing)}")

    def parse(row: Row) -> Parsed[Product]:
        product = product_rows.parse_row(row, tenant_id)
        return Parsed(row.number, product.sku, product)

    numbered = (Row(n, values, columns) for n, values in enumerate(rows, start=1))
    return import_rows(uow, numbered, parse, "sku", ProductImporter(tenant_id, now))


def get_product(uow: UnitOfWork[VisitsRepository], tenant_id: str, sku: str) -> Product:
    if not sku or len(sku) > MAX_SKU:
        raise InvalidArgument.of_field("sku", "必须填写商品编码")
    product = uow.repository().products.get(tenant_id, sku)
    if product is None:
        raise NotFound("商品不存在")
    return product


def list_products(
    uow: UnitOfWork[VisitsRepository],
    tenant_id: str,
    include_inactive: bool,
    page_size: int,
    page_token: str,
) -> tuple[list[Product], str]:
    after, limit = paging.decode(page_size, page_token)
    repo = uow.repository()
    found = repo.products.page(tenant_id, include_inactive, after_number(after), limit + 1)
    return paging.page(found, limit, key=lambda p: str(p.number))
