"""MongoDB storage of each tenant's visits settings: one document, one sub-document per
section (domain/settings.py SECTIONS)."""

from __future__ import annotations

from typing import Any

from pymongo.client_session import ClientSession
from pymongo.database import Database

from services.common.mongo import BY_ID, IndexPlan
from services.visits.domain.settings import SECTIONS, TenantSettings

INDEXES: IndexPlan = {"settings": []}  # keyed by _id = tenant


def settings_to_doc(settings: TenantSettings) -> dict[str, Any]:
    doc: dict[str, Any] = {name: getattr(settings, name).to_doc() for name in SECTIONS}
    doc.update(
        _id=settings.tenant_id,
        version=settings.version,
        updated_at=settings.updated_at,
        updated_by=settings.updated_by,
    )
    return doc


def settings_from_doc(doc: dict[str, Any]) -> TenantSettings:
    sections = {name: kind.from_doc(doc.get(name)) for name, kind in SECTIONS.items()}
    return TenantSettings(
        tenant_id=doc["_id"],
        version=doc["version"],
        updated_at=doc.get("updated_at"),
        updated_by=doc.get("updated_by", ""),
        **sections,
    )


class MongoSettingsRepository:
    def __init__(self, db: Database, session: ClientSession | None) -> None:
        self._settings = db["settings"]
        self._s = session

    def get(self, tenant_id: str) -> TenantSettings:
        doc = self._settings.find_one({"_id": tenant_id}, session=self._s)
        return settings_from_doc(doc) if doc else TenantSettings(tenant_id)

    def save(self, settings: TenantSettings) -> bool:
        doc = settings_to_doc(settings)
        if settings.version == 1:
            # Insert only if absent: a failed insert would abort the whole transaction.
            result = self._settings.update_one(
                {"_id": settings.tenant_id}, {"$setOnInsert": doc}, upsert=True, session=self._s
            )
            return result.upserted_id is not None
        result = self._settings.replace_one(
            {"_id": settings.tenant_id, "version": settings.version - 1},
            doc,
            session=self._s,
            hint=BY_ID,
        )
        return result.modified_count == 1
