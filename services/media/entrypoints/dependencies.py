"""nameko dependency giving media's workers the photo store and the upload size limit."""

from __future__ import annotations

import os
from dataclasses import dataclass

from nameko.extensions import DependencyProvider

from services.common.config import Settings
from services.media.adapters.s3_store import S3PhotoStore
from services.media.domain.rules import DEFAULT_MAX_BYTES


@dataclass(frozen=True)
class MediaStorage:
    store: S3PhotoStore
    max_bytes: int


def max_upload_bytes() -> int:
    """SALES_MEDIA_MAX_BYTES, default 10 MiB."""
    value = int(os.environ.get("SALES_MEDIA_MAX_BYTES", str(DEFAULT_MAX_BYTES)))
    if value <= 0:
        raise ValueError("SALES_MEDIA_MAX_BYTES must be a positive number of bytes")
    return value


class PhotoStorage(DependencyProvider):
    """Connects to S3 and makes sure the bucket exists before the service accepts calls."""

    def setup(self) -> None:
        store = S3PhotoStore.from_settings(Settings("media"))
        store.ensure_bucket()
        self.storage = MediaStorage(store=store, max_bytes=max_upload_bytes())

    def get_dependency(self, worker_ctx) -> MediaStorage:
        return self.storage
