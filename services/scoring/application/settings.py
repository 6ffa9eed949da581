"""Per-tenant heatmap thresholds: the defaults until an admin saves their own."""

from __future__ import annotations

import dataclasses
from datetime import datetime

from services.common.errors import FailedPrecondition
from services.common.unit_of_work import UnitOfWork
from services.scoring.application.figures import settings_of
from services.scoring.application.ports import ScoringRepository
from services.scoring.domain.heatmap import ScoringSettings, validate


def get_settings(uow: UnitOfWork[ScoringRepository], tenant_id: str) -> ScoringSettings:
    return settings_of(uow.repository(), tenant_id)


def update_settings(
    uow: UnitOfWork[ScoringRepository],
    wanted: ScoringSettings,
    expected_version: int,
    actor: str,
    now: datetime,
    lateness_window_hours: float | None = None,
) -> ScoringSettings:
    """Optimistic: the caller names the version it read, so two admins cannot silently
    overwrite each other; saving the same settings again changes nothing. A lateness
    window of None keeps the current one."""
    if lateness_window_hours is not None:
        validate(dataclasses.replace(wanted, lateness_window_hours=lateness_window_hours))
    validate(wanted)

    def work(tx) -> ScoringSettings:
        current = settings_of(tx.repo, wanted.tenant_id)
        if current.version != expected_version:
            raise FailedPrecondition(f"设置已被他人修改(当前版本 {current.version}),请刷新后重试")
        hours = (
            current.lateness_window_hours
            if lateness_window_hours is None
            else lateness_window_hours
        )
        want = dataclasses.replace(wanted, lateness_window_hours=hours)
        if (current.thresholds, current.lateness_window_hours) == (want.thresholds, hours):
            return current
        saved = dataclasses.replace(
            want, version=current.version + 1, updated_by=actor, updated_at=now
        )
        tx.repo.save_settings(saved)
        return saved

    return uow.run(work)
