"""Use cases: read and change a tenant's thresholds for the field checks."""

from __future__ import annotations

from datetime import datetime

from services.common.clock import to_millis
from services.common.errors import InvalidArgument
from services.media.application.analysis import settings_for
from services.media.application.ports import MediaTransaction, MediaUnitOfWork
from services.media.domain.settings import FieldCheckSettings


def get_settings(uow: MediaUnitOfWork, tenant_id: str) -> FieldCheckSettings:
    _require_tenant(tenant_id)
    return settings_for(uow.repository(), tenant_id)


def update_settings(
    uow: MediaUnitOfWork, changes: FieldCheckSettings, by: str, now: datetime
) -> FieldCheckSettings:
    """Replaces every threshold at once (the caller sends the whole set, as read)."""
    _require_tenant(changes.tenant_id)

    def work(tx: MediaTransaction) -> FieldCheckSettings:
        current = settings_for(tx.repo, changes.tenant_id)
        updated = current.updated(changes, by=by, at=to_millis(now))
        tx.repo.put_settings(updated)
        return updated

    return uow.run(work, correlation_id=changes.tenant_id)


def _require_tenant(tenant_id: str) -> None:
    if not tenant_id:
        raise InvalidArgument.of_field("tenant_id", "必须填写租户编号")
