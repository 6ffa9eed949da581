"""stores.proto <-> the store master's domain objects."""

from __future__ import annotations

from datetime import datetime

from sales.common.v1 import types_pb2
from sales.visits.v1 import stores_pb2 as pb
from services.common.errors import InvalidArgument
from services.common.geo import GeoPoint
from services.common.proto_codes import CUSTOMER_TYPE_FROM_PB, DATUM_FROM_PB
from services.common.proto_time import to_timestamp
from services.visits.application.event_payloads import store_facts
from services.visits.domain.stores import UPDATABLE, Store, StoreQuery


def point_from_pb(message: types_pb2.GeoPoint) -> GeoPoint:
    return GeoPoint(
        message.latitude,
        message.longitude,
        DATUM_FROM_PB.get(message.datum, ""),
        message.accuracy_m,
    )


def customer_class_from_pb(value: int, field: str) -> str:
    if value == types_pb2.CUSTOMER_TYPE_UNSPECIFIED:
        return ""
    if value not in CUSTOMER_TYPE_FROM_PB:
        raise InvalidArgument.of_field(field, "未知的客户类型")
    return CUSTOMER_TYPE_FROM_PB[value]


def store_to_pb(store: Store) -> pb.Store:
    return pb.Store(
        **store_facts(store),  # type: ignore[arg-type]
        tenant_id=store.tenant_id,
        source=store.source,
        contact_name=store.contact_name,
        phone=store.phone,
        updated_at=to_timestamp(store.updated_at),
        last_visited_at=to_timestamp(store.last_visited_at),
        first_visited_at=to_timestamp(store.first_visited_at),
        first_visit_tracked=store.first_visit_tracked,
        registered_by=store.registered_by,
    )


def _facts(message: pb.Store, names: tuple[str, ...] | list[str]) -> dict[str, object]:
    facts: dict[str, object] = {}
    for name in names:
        if name == "location":
            facts[name] = point_from_pb(message.location) if message.HasField("location") else None
        elif name == "customer_class":
            facts[name] = customer_class_from_pb(message.customer_class, "store.customer_class")
        else:
            facts[name] = getattr(message, name)
    return facts


def store_from_register(request: pb.RegisterStoreRequest, store_id: str, now: datetime) -> Store:
    m = request.store
    facts = _facts(m, UPDATABLE)
    facts["active"] = True  # a store enters the register open; UpdateStore closes it
    return Store(
        tenant_id=request.tenant_id,
        store_id=m.store_id or store_id,
        lead_id=m.lead_id,
        registered_at=now,
        source="api",
        registered_by=request.registered_by,
        **facts,  # type: ignore[arg-type]
    )


def facts_from_update(request: pb.UpdateStoreRequest) -> dict[str, object]:
    paths = list(request.update_mask.paths)
    unknown = [p for p in paths if p not in UPDATABLE]
    if not paths or unknown or len(set(paths)) != len(paths):
        raise InvalidArgument.of_field(
            "update_mask", f"update_mask 必须列出要修改的字段,可选:{', '.join(UPDATABLE)}"
        )
    return _facts(request.store, paths)


def query_from_pb(request: pb.ListStoresRequest) -> StoreQuery:
    return StoreQuery(
        tenant_id=request.tenant_id,
        name_query=request.name_query,
        region_code=request.region_code,
        owner_rep_ids=tuple(request.owner_rep_ids),
        customer_class=customer_class_from_pb(request.customer_class, "customer_class"),
        include_inactive=request.include_inactive,
    )
