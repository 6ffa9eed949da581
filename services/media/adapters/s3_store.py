"""The original photo bytes in S3 (MinIO in production, moto's server locally)."""

from __future__ import annotations

import logging
from typing import BinaryIO

from minio import Minio

from services.common.config import Settings

log = logging.getLogger(__name__)

# minio uploads in one request up to this size, multipart above it (its minimum is 5 MiB).
PART_SIZE = 16 * 1024 * 1024


class S3PhotoStore:
    def __init__(self, client: Minio, bucket: str) -> None:
        self._client = client
        self.bucket = bucket

    @classmethod
    def from_settings(cls, settings: Settings) -> S3PhotoStore:
        client = Minio(
            settings.s3_endpoint,
            access_key=settings.s3_access_key,
            secret_key=settings.s3_secret_key,
            secure=settings.s3_secure,
            region=settings.s3_region,
        )
        return cls(client, settings.s3_bucket)

    def ensure_bucket(self) -> None:
        """Create the bucket at start-up if it is missing (another replica may race us)."""
        if self._client.bucket_exists(self.bucket):
            return
        try:
            self._client.make_bucket(self.bucket)
            log.info("bucket created", extra={"bucket": self.bucket})
        except Exception:
            if not self._client.bucket_exists(self.bucket):
                raise

    def put(self, key: str, data: BinaryIO, length: int, content_type: str, sha256: str) -> None:
        self._client.put_object(
            self.bucket,
            key,
            data,
            length,
            content_type=content_type,
            metadata={"sha256": sha256},
            part_size=PART_SIZE,
        )
