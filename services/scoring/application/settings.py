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
) -> ScoringSettings:
    """Optimistic: the caller names the version it read, so two admins cannot silently
    overwrite each other; saving the same thresholds again changes nothing."""
    validate(wanted)

    def work(tx) -> ScoringSettings:
        current = settings_of(tx.repo, wanted.tenant_id)
        if current.version != expected_version:
            raise FailedPrecondition(f"设置已被他人修改(当前版本 {current.version}),请刷新后重试")
        if current.thresholds == wanted.thresholds:
            return current
        saved = dataclasses.replace(
            wanted, version=current.version + 1, updated_by=actor, updated_at=now
        )
        tx.repo.save_settings(saved)
        return saved

    return uow.run(work)
