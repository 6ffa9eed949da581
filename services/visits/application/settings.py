"""Reading and changing a tenant's visits settings (one document, one section per
capability; optimistic versions so two admins editing at once cannot overwrite each other
unseen)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from services.common.errors import FailedPrecondition, InvalidArgument
from services.common.unit_of_work import Transaction, UnitOfWork
from services.visits.application.ports import VisitsRepository
from services.visits.domain.settings import SECTIONS, TenantSettings, validate_settings


def get_settings(uow: UnitOfWork[VisitsRepository], tenant_id: str) -> TenantSettings:
    return uow.repository().settings.get(tenant_id)


def update_settings(
    uow: UnitOfWork[VisitsRepository],
    tenant_id: str,
    sections: dict[str, object],
    expected_version: int,
    actor: str,
    now: datetime,
) -> TenantSettings:
    """Replace the given sections (by SECTIONS name) whole; the others stay."""
    if expected_version < 0:
        raise InvalidArgument.of_field("expected_version", "版本号不能为负数")
    unknown = set(sections) - set(SECTIONS)
    if unknown:
        raise InvalidArgument.of_field("settings", "未知的设置分组")

    def work(tx: Transaction[VisitsRepository]) -> TenantSettings:
        current = tx.repo.settings.get(tenant_id)
        if current.version != expected_version:
            raise FailedPrecondition(
                f"设置已被修改(当前版本 {current.version},您编辑的是版本 {expected_version}),请刷新后重试"
            )
        changed = replace(
            current, **sections, version=current.version + 1, updated_at=now, updated_by=actor
        )
        validate_settings(changed)
        if not tx.repo.settings.save(changed):
            raise FailedPrecondition("设置已被他人同时修改,请刷新后重试")
        limit = changed.stores.first_visit_limit_days
        if limit != current.stores.first_visit_limit_days:
            tx.repo.stores.reschedule_first_visits(tenant_id, limit)
        return changed

    return uow.run(work, correlation_id=tenant_id)
