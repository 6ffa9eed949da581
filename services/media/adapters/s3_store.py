"""The photo bytes in S3 (MinIO in production, the embedded s3rver locally; ADR 018): the
originals and the images derived from them.

Two failures are the store's, not the caller's: a missing bucket (an operator emptied the
store, or a fresh server came up) is recreated and the put retried once; an unreachable
server is Unavailable, which a client retries, never INTERNAL.
"""

from __future__ import annotations

import io
import logging
from datetime import timedelta
from typing import BinaryIO

import urllib3
from minio import Minio
from minio.error import MinioException, S3Error

from services.common.config import Settings
from services.common.errors import Unavailable

log = logging.getLogger(__name__)

# minio uploads in one request up to this size, multipart above it (its minimum is 5 MiB).
PART_SIZE = 16 * 1024 * 1024
UNREACHABLE = "照片存储暂时无法访问,请稍后重试"
# Fail within seconds rather than after urllib3's default of minutes: the rep's app retries.
TIMEOUT = urllib3.Timeout(connect=2.0, read=30.0)
RETRIES = urllib3.Retry(total=2, backoff_factor=0.2, status_forcelist=(500, 502, 503, 504))
NETWORK_ERRORS = (urllib3.exceptions.HTTPError, OSError)


class S3PhotoStore:
    def __init__(self, client: Minio, bucket: str) -> None:
        self._client = client
        self.bucket = bucket

    @classmethod
    def from_settings(cls, settings: Settings) -> S3PhotoStore:
        http = urllib3.PoolManager(timeout=TIMEOUT, retries=RETRIES, maxsize=20)
        client = Minio(
            settings.s3_endpoint,
            access_key=settings.s3_access_key,
            secret_key=settings.s3_secret_key,
            secure=settings.s3_secure,
            region=settings.s3_region,
            http_client=http,
        )
        return cls(client, settings.s3_bucket)

    def ensure_bucket(self) -> None:
        """Create the bucket if it is missing (another replica may race us)."""
        try:
            if self._client.bucket_exists(self.bucket):
                return
            try:
                self._client.make_bucket(self.bucket)
                log.info("bucket created", extra={"bucket": self.bucket})
            except S3Error:
                if not self._client.bucket_exists(self.bucket):
                    raise
        except NETWORK_ERRORS as error:
            raise Unavailable(UNREACHABLE) from error

    def put(self, key: str, data: BinaryIO, length: int, content_type: str, sha256: str) -> None:
        def attempt() -> None:
            data.seek(0)
            self._client.put_object(
                self.bucket,
                key,
                data,
                length,
                content_type=content_type,
                metadata={"sha256": sha256},
                part_size=PART_SIZE,
            )

        self._with_bucket(attempt)

    def put_bytes(self, key: str, data: bytes, content_type: str) -> None:
        self.put(key, io.BytesIO(data), len(data), content_type, sha256="")

    def get(self, key: str) -> bytes:
        try:
            response = self._client.get_object(self.bucket, key)
        except NETWORK_ERRORS as error:
            raise Unavailable(UNREACHABLE) from error
        try:
            return response.read()
        finally:
            response.close()
            response.release_conn()

    def presigned_get(self, key: str, expires: timedelta) -> str:
        # Signing is local: no request is made, so this works while the server is away.
        return self._client.presigned_get_object(self.bucket, key, expires=expires)

    def _with_bucket(self, attempt) -> None:
        try:
            try:
                attempt()
            except S3Error as error:
                if error.code != "NoSuchBucket":
                    raise
                log.warning("bucket missing; recreating it", extra={"bucket": self.bucket})
                self.ensure_bucket()
                attempt()
        except NETWORK_ERRORS as error:
            log.warning("object storage unreachable", extra={"error": repr(error)[:200]})
            raise Unavailable(UNREACHABLE) from error
        except S3Error:
            raise
        except MinioException as error:  # a 5xx answer, or one that is not S3's XML
            raise Unavailable(UNREACHABLE) from error
