"""catalogue.proto <-> Product."""

from __future__ import annotations

from sales.visits.v1 import catalogue_pb2 as pb
from services.common.proto_time import to_timestamp
from services.visits.domain.catalogue import Product


def product_to_pb(p: Product) -> pb.Product:
    return pb.Product(
        tenant_id=p.tenant_id,
        sku=p.sku,
        name=p.name,
        specification=p.specification,
        unit=p.unit,
        list_price_fen=p.list_price_fen,
        active=p.active,
        updated_at=to_timestamp(p.updated_at),
    )
