"""Photos and their metadata (SPEC M1). Plain data, no I/O."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from services.common.geo import GeoPoint  # a point always carries its datum

__all__ = ["GeoPoint", "Photo", "PhotoKind", "PhotoMeta"]


class PhotoKind(StrEnum):
    STOREFRONT = "storefront"
    SHELF = "shelf"
    MEETING = "meeting"


@dataclass(frozen=True)
class PhotoMeta:
    """What the client tells us about a photo before sending its bytes."""

    tenant_id: str
    photo_id: str  # client-generated UUID: the idempotency key
    rep_id: str
    visit_id: str
    kind: PhotoKind | None
    device_location: GeoPoint | None = None
    taken_at: datetime | None = None  # when the app took or picked it (device clock)
    filename: str = ""
    store_id: str = ""  # the visit's store, when the app knows it


@dataclass(frozen=True)
class Photo:
    """A stored original: the client's metadata plus what we measured from the bytes."""

    meta: PhotoMeta
    content_type: str  # sniffed from the bytes, never taken from the client
    size_bytes: int
    sha256: str
    object_key: str
    stored_at: datetime
    width: int = 0
    height: int = 0

    @property
    def photo_id(self) -> str:
        return self.meta.photo_id

    @property
    def tenant_id(self) -> str:
        return self.meta.tenant_id
