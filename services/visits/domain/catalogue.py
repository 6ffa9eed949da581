"""The product catalogue, imported from the ERP (SKU, name, specification, unit, list price);
sample, return and price lines must name one of its SKUs."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Product:
    tenant_id: str
    sku: str
    name: str
    specification: str  # e.g. 500ml×12
    unit: str  # e.g. 箱
    list_price_fen: int
    active: bool = True
