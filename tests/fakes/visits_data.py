"""Builders of visits domain objects for tests: a tenant's people and stores with sensible
Chinese defaults, any field overridable."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, datetime

from services.common.geo import GeoPoint
from services.visits.domain.people import Person
from services.visits.domain.stores import Store

TENANT = "t-hz"
REGISTERED = datetime(2026, 11, 1, 2, 0, tzinfo=UTC)


def person(person_id: str, *roles: str, tenant: str = TENANT, **changes) -> Person:
    base = Person(
        tenant_id=tenant,
        person_id=person_id,
        name=f"员工{person_id}",
        roles=frozenset(roles or ("rep",)),
        as_of=datetime(2026, 11, 1, tzinfo=UTC),
    )
    return replace(base, **changes)


def store(name: str = "世纪联华(学院路店)", **changes) -> Store:
    base = Store(
        tenant_id=TENANT,
        store_id=str(uuid.uuid4()),
        external_id="",
        name=name,
        address="杭州市西湖区学院路 77 号",
        location=GeoPoint(30.2741, 120.1301, "gcj02"),
        region_code="330106",
        customer_class="KA",
        owner_rep_id="rep-1",
        visit_every_days=0,
        lead_id="",
        registered_at=REGISTERED,
        registered_by="admin",
    )
    return replace(base, **changes)
