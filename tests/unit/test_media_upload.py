"""The upload use case (SPEC M1) against the in-memory fakes and the real Pillow decoder:
streaming rules, the decode checks of issue 7, and all-or-nothing writes."""

from __future__ import annotations

import hashlib
import io
import uuid
from datetime import UTC, datetime

import pytest
from PIL import Image

from devstack import photo_samples
from services.common.errors import AlreadyExists, InvalidArgument, NotFound, Unavailable
from services.media.adapters.fonts import find_cjk_font
from services.media.adapters.pillow_images import PillowImages
from services.media.application.photos import get_photo, upload_photo
from services.media.domain.content_type import JPEG, PNG, WEBP
from services.media.domain.model import GeoPoint, PhotoKind, PhotoMeta
from tests.fakes.kernel import FakeUnitOfWork
from tests.fakes.media import FakeObjectStore, media_uow, payloads

NOW = datetime(2025, 6, 1, 2, 3, 4, 567891, tzinfo=UTC)
IMAGES = PillowImages(find_cjk_font())


def _image_bytes(fmt: str, size: tuple[int, int] = (64, 48)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format=fmt)
    return buffer.getvalue()


def _meta(**changes) -> PhotoMeta:
    values = {
        "tenant_id": "t-acme",
        "photo_id": str(uuid.uuid4()),
        "rep_id": "rep-1",
        "visit_id": "visit-1",
        "kind": PhotoKind.STOREFRONT,
        "device_location": GeoPoint(31.23, 121.47, "gcj02", 12.0),
    }
    values.update(changes)
    return PhotoMeta(**values)


def _parts(meta, data: bytes, chunk: int = 1000):
    yield meta
    for start in range(0, len(data), chunk):
        yield data[start : start + chunk]


def _upload(uow, store, parts, max_bytes: int = 10_000_000):
    return upload_photo(uow, store, IMAGES, parts, NOW, max_bytes=max_bytes)


def _refusal(
    data: bytes, meta: PhotoMeta | None = None
) -> tuple[InvalidArgument, FakeUnitOfWork, FakeObjectStore]:
    uow, store = media_uow(), FakeObjectStore()
    with pytest.raises(InvalidArgument) as caught:
        _upload(uow, store, _parts(meta or _meta(), data))
    return caught.value, uow, store


def _nothing_stored(uow: FakeUnitOfWork, store: FakeObjectStore) -> bool:
    repo = uow.repo
    return not (store.objects or repo.photos or repo.jobs or uow.published)


def test_upload_streams_hashes_stores_then_records_photo_job_and_event() -> None:
    uow, store = media_uow(), FakeObjectStore()
    data = _image_bytes("PNG", (300, 200))
    meta = _meta(store_id="store-9")
    photo = _upload(uow, store, _parts(meta, data, chunk=5))
    assert photo.sha256 == hashlib.sha256(data).hexdigest()
    assert photo.content_type == PNG and photo.size_bytes == len(data)
    assert (photo.width, photo.height) == (300, 200)
    assert photo.stored_at == NOW.replace(microsecond=567000)
    assert store.objects[photo.object_key] == (data, PNG)
    assert uow.repo.photos == {meta.photo_id: photo}
    assert uow.repo.jobs[meta.photo_id].state == "pending"  # the analysis, off the hot path
    [payload] = payloads(uow, "photo.stored")
    assert payload.sha256 == photo.sha256 and payload.kind == "storefront"
    assert payload.store_id == "store-9"

    # Same id, same bytes: the stored photo, nothing new written or emitted.
    assert _upload(uow, store, _parts(meta, data)) == photo
    assert len(uow.published) == 1
    # Same id, other bytes: refused, the original untouched.
    with pytest.raises(AlreadyExists):
        _upload(uow, store, _parts(meta, _image_bytes("PNG", (301, 200))))
    assert store.objects[photo.object_key][0] == data


@pytest.mark.parametrize(("fmt", "content_type"), [("JPEG", JPEG), ("WEBP", WEBP)])
def test_other_types_are_sniffed_from_the_bytes(fmt: str, content_type: str) -> None:
    photo = _upload(
        media_uow(), FakeObjectStore(), _parts(_meta(filename="x.png"), _image_bytes(fmt))
    )
    assert photo.content_type == content_type


def test_oversized_upload_stops_at_the_limit_without_reading_the_rest() -> None:
    uow, store = media_uow(), FakeObjectStore()
    consumed: list[bytes] = []

    def parts():
        yield _meta()
        for _ in range(100):
            chunk = b"\xff\xd8\xff" + b"\x00" * 997
            consumed.append(chunk)
            yield chunk

    with pytest.raises(InvalidArgument) as caught:
        _upload(uow, store, parts(), max_bytes=5_500)
    assert {v.field for v in caught.value.violations} == {"chunk"}
    assert len(consumed) == 6
    assert _nothing_stored(uow, store)


def test_unknown_type_is_refused_as_soon_as_the_first_bytes_arrive() -> None:
    uow, store = media_uow(), FakeObjectStore()
    chunks = iter([_meta(), b"GIF8", b"9a\x01\x00\x01\x00\x00\x00\x00", b"never read"])
    with pytest.raises(InvalidArgument) as caught:
        _upload(uow, store, chunks)
    assert caught.value.violations[0].description == "仅支持 JPEG、PNG、WebP 照片"
    assert next(chunks) == b"never read"
    assert _nothing_stored(uow, store)


def test_heic_is_refused_with_what_to_do_about_it() -> None:
    heic = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 500
    error, uow, store = _refusal(heic)
    assert [v.field for v in error.violations] == ["chunk"]
    assert (
        "HEIC" in error.violations[0].description
        and "兼容性最佳" in error.violations[0].description
    )
    assert _nothing_stored(uow, store)


@pytest.mark.parametrize(
    "data",
    [
        b"\xff\xd8\xff",  # three bytes that merely look like a JPEG
        b"\xff\xd8\xff\xe0" + b"\x00" * 2000,  # a JPEG marker, then nothing that decodes
        photo_samples.jpeg(photo_samples.scene(640, 480))[:20_000],  # cut mid-scan
        _image_bytes("PNG", (200, 200))[:-30],  # PNG without its end
    ],
    ids=["ff-d8-ff", "marker-then-zeros", "truncated-jpeg", "truncated-png"],
)
def test_truncated_or_undecodable_images_are_refused_naming_the_field(data: bytes) -> None:
    error, uow, store = _refusal(data)
    assert [v.field for v in error.violations] == ["chunk"]
    assert "无法解码" in error.violations[0].description
    assert _nothing_stored(uow, store)


def test_a_png_bomb_is_refused_from_its_header() -> None:
    bomb = photo_samples.png_bomb()  # 10 gigapixels declared in 100 bytes
    assert len(bomb) < 200
    error, uow, store = _refusal(bomb)
    assert [v.field for v in error.violations] == ["chunk"]
    assert "像素过多" in error.violations[0].description
    assert _nothing_stored(uow, store)


def test_a_photo_over_the_pixel_limit_but_under_pillows_own_is_refused_too() -> None:
    error, _, _ = _refusal(photo_samples.png_bomb(8000, 7000))  # 56 MP > 50 MP
    assert "像素过多" in error.violations[0].description


def test_corrupt_exif_is_stored_not_a_crash() -> None:
    data = photo_samples.corrupt_exif_jpeg()
    photo = _upload(media_uow(), FakeObjectStore(), _parts(_meta(), data))
    assert photo.content_type == JPEG and photo.size_bytes == len(data)
    assert IMAGES.open(data).exif().unreadable  # and its analysis records it as unreadable


@pytest.mark.parametrize(
    ("parts", "field"),
    [
        ([], "meta"),
        ([b"\xff\xd8\xff\xe0"], "meta"),
        (["META", b"\xff\xd8\xff\xe0", "META"], "meta"),
        (["META"], "chunk"),
        (["META", b"", None], "chunk"),
    ],
    ids=["nothing", "no-meta", "meta-twice", "empty-stream", "empty-chunks"],
)
def test_malformed_and_empty_streams(parts: list, field: str) -> None:
    meta = _meta()
    uow, store = media_uow(), FakeObjectStore()
    with pytest.raises(InvalidArgument) as caught:
        _upload(uow, store, [meta if p == "META" else p for p in parts])
    assert {v.field for v in caught.value.violations} == {field}
    assert _nothing_stored(uow, store)


def test_object_storage_down_is_unavailable_and_leaves_no_metadata() -> None:
    uow, store = media_uow(), FakeObjectStore()
    store.down = True
    with pytest.raises(Unavailable):
        _upload(uow, store, _parts(_meta(), _image_bytes("JPEG")))
    assert _nothing_stored(uow, store)


def test_get_photo_is_scoped_to_the_tenant() -> None:
    uow = media_uow()
    meta = _meta()
    _upload(uow, FakeObjectStore(), _parts(meta, _image_bytes("WEBP")))
    assert get_photo(uow, meta.tenant_id, meta.photo_id).content_type == WEBP
    with pytest.raises(NotFound):
        get_photo(uow, "t-other", meta.photo_id)
    with pytest.raises(NotFound):
        get_photo(uow, meta.tenant_id, str(uuid.uuid4()))
    with pytest.raises(InvalidArgument):
        get_photo(uow, meta.tenant_id, "")
