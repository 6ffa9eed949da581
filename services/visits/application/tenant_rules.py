"""The per-tenant settings approvals and ratings read (their section of the tenant's
settings document, owned by domain/settings.py): the green channel's discount limit and how
long a rating code stays valid."""

from __future__ import annotations

from datetime import timedelta

from services.visits.application.ports import VisitsRepository
from services.visits.domain.approvals import DiscountLimit
from services.visits.domain.ratings import lifetime


def discount_limit(repo: VisitsRepository, tenant_id: str) -> DiscountLimit:
    return repo.settings.get(tenant_id).approvals.discount_limit


def rating_code_lifetime(repo: VisitsRepository, tenant_id: str) -> timedelta:
    return lifetime(repo.settings.get(tenant_id).approvals.rating_code_days)
