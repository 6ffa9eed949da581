"""MongoDB storage of the product catalogue: one document per tenant and SKU."""

from __future__ import annotations

from typing import Any

from pymongo import IndexModel, ReplaceOne
from pymongo.client_session import ClientSession
from pymongo.database import Database
from pymongo.errors import BulkWriteError, DuplicateKeyError

from services.common.errors import AlreadyExists
from services.common.mongo import IndexPlan
from services.visits.adapters.numbered_pages import Counters, numbered, page
from services.visits.domain.catalogue import Product

INDEXES: IndexPlan = {
    "products": [IndexModel([("tenant_id", 1), ("number", 1)], name="catalogue")],
}
Doc = dict[str, Any]


def _key(tenant_id: str, sku: str) -> str:
    return f"{tenant_id}:{sku}"


def product_to_doc(product: Product) -> Doc:
    return {"_id": _key(product.tenant_id, product.sku), **vars(product)}


def product_from_doc(doc: Doc) -> Product:
    return Product(**{k: v for k, v in doc.items() if k != "_id"})


class MongoProductCatalogue:
    def __init__(self, db: Database, session: ClientSession | None) -> None:
        self._products = db["products"]
        self._numbers = Counters(db["counters"], session, "products")
        self._s = session

    def get(self, tenant_id: str, sku: str) -> Product | None:
        doc = self._products.find_one({"_id": _key(tenant_id, sku)}, session=self._s)
        return product_from_doc(doc) if doc else None

    def get_many(self, tenant_id: str, skus: list[str]) -> dict[str, Product]:
        keys = sorted({_key(tenant_id, sku) for sku in skus})
        found = self._products.find({"_id": {"$in": keys}}, session=self._s) if keys else []
        return {p.sku: p for p in map(product_from_doc, found)}

    def add_many(self, products: list[Product]) -> list[Product]:
        if not products:
            return []
        first = self._numbers.reserve(products[0].tenant_id, len(products))
        numbered_products = [
            Product(**{**vars(p), "number": first + i}) for i, p in enumerate(products)
        ]
        try:
            self._products.insert_many(
                [product_to_doc(p) for p in numbered_products], session=self._s
            )
        except (DuplicateKeyError, BulkWriteError):
            raise AlreadyExists("商品编码已存在") from None
        return numbered_products

    def save_many(self, products: list[Product]) -> None:
        if products:
            self._products.bulk_write(
                [
                    ReplaceOne({"_id": _key(p.tenant_id, p.sku)}, product_to_doc(p))
                    for p in products
                ],
                session=self._s,
            )

    def page(
        self, tenant_id: str, include_inactive: bool, after_number: int, limit: int
    ) -> list[Product]:
        last = self._numbers.last(tenant_id)
        docs = numbered(
            self._products, self._s, {"tenant_id": tenant_id}, after_number, last, limit
        )
        kept = page(docs, lambda d: include_inactive or d["active"], limit)
        return [product_from_doc(d) for d in kept]
