"""Event payloads visits publishes about stores and plans, built from the domain objects
(every field of the contract filled)."""

from __future__ import annotations

from sales.common.v1 import types_pb2
from sales.events.v1 import store_events_pb2 as events
from services.common.geo import GeoPoint
from services.common.proto_codes import CUSTOMER_TYPE_FROM_PB, DATUM_TO_PB
from services.common.proto_time import to_timestamp
from services.visits.domain.first_visits import days_waiting
from services.visits.domain.people import Person
from services.visits.domain.plans import PlanDay
from services.visits.domain.stores import Store

CUSTOMER_TYPE_TO_PB = {code: value for value, code in CUSTOMER_TYPE_FROM_PB.items()}


def geo_point(store: Store) -> types_pb2.GeoPoint | None:
    return point_to_pb(store.location)


def point_to_pb(point: GeoPoint | None) -> types_pb2.GeoPoint | None:
    if point is None:
        return None
    return types_pb2.GeoPoint(
        latitude=point.latitude,
        longitude=point.longitude,
        datum=DATUM_TO_PB.get(point.datum, types_pb2.DATUM_UNSPECIFIED),
        accuracy_m=point.accuracy_m,
    )


def store_facts(store: Store) -> dict[str, object]:
    """The fields a StoreSnapshot and a stores.proto Store both carry, as contract values."""
    return {
        "store_id": store.store_id,
        "external_id": store.external_id,
        "name": store.name,
        "address": store.address,
        "location": geo_point(store),
        "region_code": store.region_code,
        "customer_class": CUSTOMER_TYPE_TO_PB.get(
            store.customer_class, types_pb2.CUSTOMER_TYPE_UNSPECIFIED
        ),
        "owner_rep_id": store.owner_rep_id,
        "visit_every_days": store.visit_every_days,
        "lead_id": store.lead_id,
        "registered_at": to_timestamp(store.registered_at),
        "active": store.active,
        "version": store.version,
    }


def store_snapshot(store: Store) -> events.StoreSnapshot:
    return events.StoreSnapshot(**store_facts(store))


def store_registered(store: Store) -> events.StoreRegistered:
    return events.StoreRegistered(
        store=store_snapshot(store), source=store.source, registered_by=store.registered_by
    )


def store_updated(store: Store, changed: list[str], actor: str) -> events.StoreUpdated:
    return events.StoreUpdated(
        store=store_snapshot(store), changed_fields=changed, updated_by=actor
    )


# Stores a store.imported carries at most: the import's chunk, so one event is one chunk's
# transaction (~25 KB) and a consumer's `$in` read of its ids stays one cheap round trip.
MAX_STORES_PER_EVENT = 100


def store_imported(
    added: list[Store], changes: list[tuple[Store, list[str]]], actor: str
) -> list[events.StoreImported]:
    """The chunk's new and changed stores, in pieces of at most MAX_STORES_PER_EVENT."""
    items = [events.ImportedStore(store=store_snapshot(s), registered=True) for s in added]
    items += [
        events.ImportedStore(store=store_snapshot(s), changed_fields=changed)
        for s, changed in changes
    ]
    return [
        events.StoreImported(
            stores=items[i : i + MAX_STORES_PER_EVENT], imported_by=actor, source="import"
        )
        for i in range(0, len(items), MAX_STORES_PER_EVENT)
    ]


def first_visit_overdue(
    store: Store, supervisor: Person | None, limit_days: int, now
) -> events.StoreFirstVisitOverdue:
    return events.StoreFirstVisitOverdue(
        store_id=store.store_id,
        store_name=store.name,
        owner_rep_id=store.owner_rep_id,
        supervisor_id=supervisor.person_id if supervisor else "",
        region_code=store.region_code,
        registered_at=to_timestamp(store.registered_at),
        days_waiting=days_waiting(store, now),
        limit_days=limit_days,
    )


def plan_day_changed(plan: PlanDay, change: str) -> events.PlanDayChanged:
    return events.PlanDayChanged(
        rep_id=plan.rep_id,
        plan_date=plan.plan_date.isoformat(),
        planned=plan.planned,
        completed=plan.completed,
        items=[
            events.PlanItemState(
                item_id=i.item_id,
                store_id=i.store_id,
                status=i.status,
                position=i.position,
                visit_id=i.visit_id,
                reason=i.reason,
            )
            for i in plan.items
        ],
        version=plan.version,
        change=change,
        supervisor_id=plan.supervisor_id,
        team_id=plan.team_id,
        unplanned_visit_ids=plan.unplanned_visit_ids,
    )
