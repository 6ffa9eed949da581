"""Use case M5: short-lived presigned URLs to view a photo. Signing is local to this process
(no request to the store), and the gateway checks scope before it hands a URL out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from services.common.errors import InvalidArgument
from services.media.application.photos import get_photo
from services.media.application.ports import MediaUnitOfWork, PhotoStore

DEFAULT_EXPIRY = timedelta(minutes=5)
MAX_EXPIRY = timedelta(hours=1)


@dataclass(frozen=True)
class PhotoUrls:
    photo_id: str
    rep_id: str
    original: str
    watermarked: str
    thumbnail: str
    expires_at: datetime


def photo_urls(
    uow: MediaUnitOfWork,
    store: PhotoStore,
    tenant_id: str,
    photo_id: str,
    expires_in_s: int,
    now: datetime,
) -> PhotoUrls:
    expiry = _expiry(expires_in_s)
    photo = get_photo(uow, tenant_id, photo_id)
    _, analysis = uow.repository().get_analysis(photo_id)

    def sign(key: str) -> str:
        return store.presigned_get(key, expiry) if key else ""

    return PhotoUrls(
        photo_id=photo_id,
        rep_id=photo.meta.rep_id,
        original=sign(photo.object_key),
        watermarked=sign(analysis.watermarked_key if analysis else ""),
        thumbnail=sign(analysis.thumbnail_key if analysis else ""),
        expires_at=now + expiry,
    )


def _expiry(expires_in_s: int) -> timedelta:
    if expires_in_s == 0:
        return DEFAULT_EXPIRY
    if not 1 <= expires_in_s <= MAX_EXPIRY.total_seconds():
        raise InvalidArgument.of_field("expires_in_seconds", "链接有效期必须在 1 到 3600 秒之间")
    return timedelta(seconds=expires_in_s)
