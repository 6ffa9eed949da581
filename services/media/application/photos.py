"""Use cases of photo storage (SPEC M1): streamed upload of an original, and reading it back.

An upload is all or nothing: the bytes go to object storage first, and only once that put has
succeeded are the metadata document and its `photo.stored` event written, in one transaction.
A failed put leaves no metadata; a failed transaction leaves at most an object nothing points
to, which a retry with the same photo_id overwrites.
"""

from __future__ import annotations

import hashlib
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import BinaryIO

from services.common.clock import to_millis
from services.common.errors import AlreadyExists, InvalidArgument, NotFound
from services.common.unit_of_work import MongoUnitOfWork, Transaction
from services.media.application import event_payloads
from services.media.application.ports import PhotoStore
from services.media.domain.content_type import (
    SNIFF_BYTES,
    UNSUPPORTED_MESSAGE,
    extension_for,
    sniff_content_type,
)
from services.media.domain.model import Photo, PhotoMeta
from services.media.domain.rules import DEFAULT_MAX_BYTES, check_size, object_key, validate_meta

# Uploads are spooled in memory up to this size, then to a temporary file, so twenty
# concurrent 10 MiB uploads do not hold 200 MiB of RAM.
SPOOL_IN_MEMORY = 1024 * 1024

# One part of an upload stream: the metadata (first, exactly once), then chunks of bytes.
UploadPart = PhotoMeta | bytes | None


@dataclass
class _Received:
    data: BinaryIO
    size: int
    sha256: str
    content_type: str


def _receive(chunks: Iterator[UploadPart], max_bytes: int) -> _Received:
    """Spool the chunks, hashing as they arrive; stop at the first byte over the limit or as
    soon as the first bytes show the content is not a supported photo."""
    digest = hashlib.sha256()
    spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_IN_MEMORY)  # noqa: SIM115
    head = b""
    content_type: str | None = None
    size = 0
    try:
        for part in chunks:
            if isinstance(part, PhotoMeta):
                raise InvalidArgument.of_field("meta", "照片信息只能在第一条消息中发送一次")
            if not part:
                continue
            size += len(part)
            check_size(size, max_bytes)
            digest.update(part)
            spool.write(part)
            if content_type is None and len(head) < SNIFF_BYTES:
                head += part[: SNIFF_BYTES - len(head)]
                if len(head) >= SNIFF_BYTES:
                    content_type = _sniff_or_reject(head)
        if size == 0:
            raise InvalidArgument.of_field("chunk", "没有收到照片内容,请重新上传")
        if content_type is None:
            content_type = _sniff_or_reject(head)
    except BaseException:
        spool.close()
        raise
    spool.seek(0)
    return _Received(spool, size, digest.hexdigest(), content_type)  # type: ignore[arg-type]


def _sniff_or_reject(head: bytes) -> str:
    content_type = sniff_content_type(head)
    if content_type is None:
        raise InvalidArgument.of_field("chunk", UNSUPPORTED_MESSAGE)
    return content_type


def _same_upload(existing: Photo, meta: PhotoMeta, sha256: str) -> Photo:
    """A retry of a stored photo gets the stored result; other bytes under its id do not."""
    if existing.tenant_id == meta.tenant_id and existing.sha256 == sha256:
        return existing
    raise AlreadyExists(f"照片 {meta.photo_id} 已存在且内容不同,请为新照片生成新的编号")


def upload_photo(
    uow: MongoUnitOfWork,
    store: PhotoStore,
    parts: Iterable[UploadPart],
    now: datetime,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Photo:
    """SPEC M1: store one original streamed as `parts` (a PhotoMeta, then bytes chunks).

    Idempotent by photo_id: the same id with the same bytes returns the stored Photo, the same
    id with other bytes raises AlreadyExists.
    """
    now = to_millis(now)  # so a retry returns an equal Photo
    stream = iter(parts)
    meta = next(stream, None)
    if not isinstance(meta, PhotoMeta):
        raise InvalidArgument.of_field("meta", "第一条消息必须是照片信息(meta),之后再发送照片内容")
    validate_meta(meta)

    received = _receive(stream, max_bytes)
    with received.data:
        existing = uow.run(lambda tx: tx.repo.get(meta.photo_id))
        if existing is not None:
            return _same_upload(existing, meta, received.sha256)

        photo = Photo(
            meta=meta,
            content_type=received.content_type,
            size_bytes=received.size,
            sha256=received.sha256,
            object_key=object_key(
                meta.tenant_id, meta.photo_id, extension_for(received.content_type), now
            ),
            stored_at=now,
        )
        store.put(photo.object_key, received.data, received.size, photo.content_type, photo.sha256)

    def work(tx: Transaction) -> Photo:
        tx.repo.add(photo)
        tx.emit("photo.stored", event_payloads.photo_stored(photo), photo.tenant_id)
        return photo

    try:
        result = uow.run(work, correlation_id=meta.photo_id)
    except AlreadyExists:
        # A concurrent upload of the same id committed first: answer as a retry would be.
        winner = uow.run(lambda tx: tx.repo.get(meta.photo_id))
        if winner is None:
            raise
        return _same_upload(winner, meta, received.sha256)
    return result


def get_photo(uow: MongoUnitOfWork, tenant_id: str, photo_id: str) -> Photo:
    if not photo_id:
        raise InvalidArgument.of_field("photo_id", "必须填写照片编号")
    photo = uow.run(lambda tx: tx.repo.get(photo_id))
    if photo is None or photo.tenant_id != tenant_id:
        raise NotFound(f"照片 {photo_id} 不存在")
    return photo
