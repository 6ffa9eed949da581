"""Use cases of photo storage (SPEC M1): streamed upload of an original, and reading it back.

An upload is all or nothing: the bytes are received, checked (type, size, that they decode)
and put into object storage first; only once that put has succeeded are the metadata
document, its analysis job and its `photo.stored` event written, in one transaction. A
refused or failed upload leaves no metadata; a failed transaction leaves at most an object
nothing points to, which a retry with the same photo_id overwrites.
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
from services.media.application import event_payloads
from services.media.application.ports import (
    ImageDecoder,
    ImageSize,
    MediaTransaction,
    MediaUnitOfWork,
    PhotoStore,
)
from services.media.domain.analysis import AnalysisJob
from services.media.domain.content_type import (
    HEIC,
    HEIC_REFUSED_MESSAGE,
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


def upload_photo(
    uow: MediaUnitOfWork,
    store: PhotoStore,
    images: ImageDecoder,
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
    meta = _read_meta(stream)
    received = _receive(stream, max_bytes)
    with received.data:
        existing = _stored(uow, meta.photo_id)
        if existing is not None:
            return _same_upload(existing, meta, received.sha256)
        size = images.inspect(received.data, received.content_type)
        photo = _new_photo(meta, received, size, now)
        _put_original(store, photo, received)
    return _record(uow, photo, received.sha256)


def _read_meta(stream: Iterator[UploadPart]) -> PhotoMeta:
    meta = next(stream, None)
    if not isinstance(meta, PhotoMeta):
        raise InvalidArgument.of_field("meta", "第一条消息必须是照片信息(meta),之后再发送照片内容")
    validate_meta(meta)
    return meta


class _Spool:
    """Spools the chunks, hashing as they arrive; stops at the first byte over the limit or
    as soon as the first bytes show the content is not a supported photo."""

    def __init__(self, max_bytes: int) -> None:
        self.file = tempfile.SpooledTemporaryFile(max_size=SPOOL_IN_MEMORY)  # noqa: SIM115
        self.digest = hashlib.sha256()
        self.max_bytes = max_bytes
        self.head = b""
        self.size = 0
        self.content_type: str | None = None

    def feed(self, part: UploadPart) -> None:
        if isinstance(part, PhotoMeta):
            raise InvalidArgument.of_field("meta", "照片信息只能在第一条消息中发送一次")
        if not part:
            return
        self.size += len(part)
        check_size(self.size, self.max_bytes)
        self.digest.update(part)
        self.file.write(part)
        if self.content_type is None and len(self.head) < SNIFF_BYTES:
            self.head += part[: SNIFF_BYTES - len(self.head)]
            if len(self.head) >= SNIFF_BYTES:
                self.content_type = _sniff_or_reject(self.head)

    def finish(self) -> _Received:
        if self.size == 0:
            raise InvalidArgument.of_field("chunk", "没有收到照片内容,请重新上传")
        content_type = self.content_type or _sniff_or_reject(self.head)
        self.file.seek(0)
        return _Received(self.file, self.size, self.digest.hexdigest(), content_type)  # type: ignore[arg-type]


def _receive(chunks: Iterator[UploadPart], max_bytes: int) -> _Received:
    spool = _Spool(max_bytes)
    try:
        for part in chunks:
            spool.feed(part)
        return spool.finish()
    except BaseException:
        spool.file.close()
        raise


def _sniff_or_reject(head: bytes) -> str:
    content_type = sniff_content_type(head)
    if content_type is None:
        raise InvalidArgument.of_field("chunk", UNSUPPORTED_MESSAGE)
    if content_type == HEIC:
        raise InvalidArgument.of_field("chunk", HEIC_REFUSED_MESSAGE)
    return content_type


def _stored(uow: MediaUnitOfWork, photo_id: str) -> Photo | None:
    return uow.repository().get(photo_id)


def _same_upload(existing: Photo, meta: PhotoMeta, sha256: str) -> Photo:
    """A retry of a stored photo gets the stored result; other bytes under its id do not."""
    if existing.tenant_id == meta.tenant_id and existing.sha256 == sha256:
        return existing
    raise AlreadyExists(f"照片 {meta.photo_id} 已存在且内容不同,请为新照片生成新的编号")


def _new_photo(meta: PhotoMeta, received: _Received, size: ImageSize, now: datetime) -> Photo:
    extension = extension_for(received.content_type)
    return Photo(
        meta=meta,
        content_type=received.content_type,
        size_bytes=received.size,
        sha256=received.sha256,
        object_key=object_key(meta.tenant_id, meta.photo_id, extension, now),
        stored_at=now,
        width=size.width,
        height=size.height,
    )


def _put_original(store: PhotoStore, photo: Photo, received: _Received) -> None:
    received.data.seek(0)
    store.put(photo.object_key, received.data, received.size, photo.content_type, photo.sha256)


def _record(uow: MediaUnitOfWork, photo: Photo, sha256: str) -> Photo:
    """Metadata, analysis job and event in one transaction; a concurrent upload of the same
    id that committed first is answered as a retry would be."""

    def work(tx: MediaTransaction) -> Photo:
        tx.repo.add(photo)
        tx.repo.add_job(AnalysisJob.for_new_photo(photo.tenant_id, photo.photo_id, photo.stored_at))
        tx.emit("photo.stored", event_payloads.photo_stored(photo), photo.tenant_id)
        return photo

    try:
        return uow.run(work, correlation_id=photo.photo_id)
    except AlreadyExists:
        winner = _stored(uow, photo.photo_id)
        if winner is None:
            raise
        return _same_upload(winner, photo.meta, sha256)


def get_photo(uow: MediaUnitOfWork, tenant_id: str, photo_id: str) -> Photo:
    if not photo_id:
        raise InvalidArgument.of_field("photo_id", "必须填写照片编号")
    photo = _stored(uow, photo_id)
    if photo is None or photo.tenant_id != tenant_id:
        raise NotFound(f"照片 {photo_id} 不存在")
    return photo
