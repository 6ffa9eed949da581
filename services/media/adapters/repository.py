"""MongoDB implementation of PhotoRepository: collection `photos`, `_id` = photo_id.
Every query is backed by an index in INDEXES (lookups by `_id` use the primary index)."""

from __future__ import annotations

from typing import Any

from pymongo import IndexModel
from pymongo.client_session import ClientSession
from pymongo.database import Database
from pymongo.errors import DuplicateKeyError

from services.common.clock import as_utc
from services.common.errors import AlreadyExists
from services.common.mongo import IndexPlan
from services.media.domain.model import GeoPoint, Photo, PhotoKind, PhotoMeta

INDEXES: IndexPlan = {
    "photos": [IndexModel([("tenant_id", 1), ("visit_id", 1)], name="by_visit")],
}


def photo_to_doc(photo: Photo) -> dict[str, Any]:
    meta = photo.meta
    return {
        "_id": meta.photo_id,
        "tenant_id": meta.tenant_id,
        "rep_id": meta.rep_id,
        "visit_id": meta.visit_id,
        "kind": meta.kind.value if meta.kind else None,
        "device_location": vars(meta.device_location) if meta.device_location else None,
        "taken_at": meta.taken_at,
        "filename": meta.filename,
        "content_type": photo.content_type,
        "size_bytes": photo.size_bytes,
        "sha256": photo.sha256,
        "object_key": photo.object_key,
        "stored_at": photo.stored_at,
    }


def photo_from_doc(doc: dict[str, Any]) -> Photo:
    location = doc.get("device_location")
    taken_at = doc.get("taken_at")
    return Photo(
        meta=PhotoMeta(
            tenant_id=doc["tenant_id"],
            photo_id=doc["_id"],
            rep_id=doc["rep_id"],
            visit_id=doc["visit_id"],
            kind=PhotoKind(doc["kind"]) if doc.get("kind") else None,
            device_location=GeoPoint(**location) if location else None,
            taken_at=as_utc(taken_at) if taken_at else None,
            filename=doc.get("filename", ""),
        ),
        content_type=doc["content_type"],
        size_bytes=doc["size_bytes"],
        sha256=doc["sha256"],
        object_key=doc["object_key"],
        stored_at=as_utc(doc["stored_at"]),
    )


class MongoPhotoRepository:
    def __init__(self, db: Database, session: ClientSession | None) -> None:
        self._photos = db["photos"]
        self._s = session

    def get(self, photo_id: str) -> Photo | None:
        doc = self._photos.find_one({"_id": photo_id}, session=self._s)
        return photo_from_doc(doc) if doc else None

    def add(self, photo: Photo) -> None:
        try:
            self._photos.insert_one(photo_to_doc(photo), session=self._s)
        except DuplicateKeyError:
            raise AlreadyExists(f"照片 {photo.photo_id} 已存在") from None
