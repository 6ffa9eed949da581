"""Per-tenant routing overrides: edit one event type's route, list the effective ones."""

from __future__ import annotations

from datetime import datetime

from services.common.errors import InvalidArgument
from services.common.unit_of_work import UnitOfWork
from services.notify.application.ports import NotifyRepository
from services.notify.domain.routing import EVENT_TYPES, Route, default_route, validate_route


def upsert_route(uow: UnitOfWork[NotifyRepository], route: Route, now: datetime) -> Route:
    validate_route(route)
    return uow.repository().save_route(route, now)


def list_routes(uow: UnitOfWork[NotifyRepository], tenant_id: str) -> list[Route]:
    """Every event type notify handles: the tenant's override, else the default."""
    if not tenant_id:
        raise InvalidArgument.of_field("tenant_id", "租户不能为空")
    overrides = {r.event_type: r for r in uow.repository().routes(tenant_id)}
    return [overrides.get(t) or default_route(t, tenant_id) for t in EVENT_TYPES]
