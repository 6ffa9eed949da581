"""Media (SPEC M1): content sniffing, metadata validation, size limit, object keys, and the
upload use case against in-memory fakes."""

from __future__ import annotations

import hashlib
import io
import uuid
from datetime import UTC, datetime

import pytest
from PIL import Image

from services.common.errors import AlreadyExists, InvalidArgument, NotFound
from services.media.application.photos import get_photo, upload_photo
from services.media.domain.content_type import (
    HEIC,
    JPEG,
    PNG,
    WEBP,
    extension_for,
    sniff_content_type,
)
from services.media.domain.model import GeoPoint, PhotoKind, PhotoMeta
from services.media.domain.rules import (
    DEFAULT_MAX_BYTES,
    check_size,
    object_key,
    validate_meta,
)


def _image_bytes(fmt: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(buffer, format=fmt)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("fmt", "expected"), [("JPEG", JPEG), ("PNG", PNG), ("WEBP", WEBP)], ids=str
)
def test_sniffs_real_images_made_by_pillow(fmt: str, expected: str) -> None:
    assert sniff_content_type(_image_bytes(fmt)[:12]) == expected


@pytest.mark.parametrize("brand", [b"heic", b"heix", b"mif1", b"msf1"])
def test_sniffs_heic_by_ftyp_brand(brand: bytes) -> None:
    head = b"\x00\x00\x00\x18ftyp" + brand + b"\x00\x00\x00\x00mif1heic"
    assert sniff_content_type(head) == HEIC


@pytest.mark.parametrize(
    "head",
    [
        b"",
        b"\xff\xd8",  # truncated JPEG marker
        b"GIF89a\x01\x00\x01\x00\x00\x00",
        b"%PDF-1.7\n%\xe2\xe3",
        b"RIFF\x00\x00\x00\x00WAVEfmt ",  # RIFF, but audio
        b"\x00\x00\x00\x18ftypmp42\x00\x00",  # ISO BMFF, but a video
        b"\x00\x00\x00\x18ftypavif\x00\x00",
        b"<html><body>not a photo</body></html>",
        b"\x89PNG\r\n\x1a",  # PNG signature cut short
    ],
)
def test_rejects_anything_else(head: bytes) -> None:
    assert sniff_content_type(head) is None


def test_client_supplied_name_is_irrelevant_only_bytes_count() -> None:
    # A PNG with a .jpg name is a PNG.
    assert sniff_content_type(_image_bytes("PNG")) == PNG


def test_extensions() -> None:
    assert [extension_for(t) for t in (JPEG, PNG, WEBP, HEIC)] == ["jpg", "png", "webp", "heic"]


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


def _fields(error: InvalidArgument) -> set[str]:
    return {v.field for v in error.violations}


def test_valid_meta_passes() -> None:
    validate_meta(_meta())
    validate_meta(_meta(device_location=None))


def test_every_problem_is_reported_at_once_with_contract_field_names() -> None:
    with pytest.raises(InvalidArgument) as caught:
        validate_meta(
            _meta(
                tenant_id="",
                photo_id="photo-1",
                rep_id=" ",
                visit_id="",
                kind=None,
                device_location=GeoPoint(95.0, 200.0, ""),
            )
        )
    assert _fields(caught.value) == {
        "meta.tenant_id",
        "meta.photo_id",
        "meta.rep_id",
        "meta.visit_id",
        "meta.kind",
        "meta.device_location.latitude",
        "meta.device_location.longitude",
        "meta.device_location.datum",
    }
    descriptions = {v.field: v.description for v in caught.value.violations}
    assert "UUID" in descriptions["meta.photo_id"]
    assert "照片类型" in descriptions["meta.kind"]
    assert "坐标系" in descriptions["meta.device_location.datum"]
    assert caught.value.message.startswith("输入有误")


@pytest.mark.parametrize(
    "photo_id",
    [
        "",
        "not-a-uuid",
        "123e4567e89b12d3a456426614174000",  # no dashes
        "{123e4567-e89b-12d3-a456-426614174000}",
    ],
)
def test_photo_id_must_be_a_canonical_uuid(photo_id: str) -> None:
    with pytest.raises(InvalidArgument) as caught:
        validate_meta(_meta(photo_id=photo_id))
    assert _fields(caught.value) == {"meta.photo_id"}


def test_tenant_id_must_be_path_safe() -> None:
    with pytest.raises(InvalidArgument) as caught:
        validate_meta(_meta(tenant_id="../other"))
    assert _fields(caught.value) == {"meta.tenant_id"}


def test_size_limit() -> None:
    assert DEFAULT_MAX_BYTES == 10 * 1024 * 1024
    check_size(DEFAULT_MAX_BYTES, DEFAULT_MAX_BYTES)
    with pytest.raises(InvalidArgument) as caught:
        check_size(DEFAULT_MAX_BYTES + 1, DEFAULT_MAX_BYTES)
    assert _fields(caught.value) == {"chunk"}
    assert "10 MB" in caught.value.violations[0].description


def test_object_key_uses_the_shanghai_calendar_day() -> None:
    photo_id = "0190f1a2-0000-7000-8000-000000000001"
    # 17:30 UTC on 31 March is 01:30 on 1 April in Shanghai.
    stored_at = datetime(2025, 3, 31, 17, 30, tzinfo=UTC)
    assert object_key("t-acme", photo_id, "jpg", stored_at) == f"t-acme/2025/04/01/{photo_id}.jpg"
    earlier = datetime(2025, 3, 31, 15, 59, tzinfo=UTC)
    assert object_key("t-acme", photo_id, "png", earlier) == f"t-acme/2025/03/31/{photo_id}.png"


def test_object_key_treats_naive_times_as_utc() -> None:
    key = object_key("t", "p", "webp", datetime(2025, 12, 31, 16, 0))
    assert key == "t/2026/01/01/p.webp"


# The upload use case against in-memory fakes: streaming rules and all-or-nothing writes.


class _FakeRepo:
    def __init__(self, rows: dict) -> None:
        self.rows = rows

    def get(self, photo_id: str):
        return self.rows.get(photo_id)

    def add(self, photo) -> None:
        if photo.photo_id in self.rows:
            raise AlreadyExists("exists")
        self.rows[photo.photo_id] = photo


class _FakeTx:
    def __init__(self, repo: _FakeRepo) -> None:
        self.repo = repo
        self.events: list[tuple[str, object, str]] = []

    def emit(self, event_type: str, payload, tenant_id: str) -> None:
        self.events.append((event_type, payload, tenant_id))


class _FakeUow:
    """Commits a copy of the rows and the events only when `work` returns."""

    def __init__(self) -> None:
        self.rows: dict = {}
        self.events: list[tuple[str, object, str]] = []

    def run(self, work, **kwargs):
        tx = _FakeTx(_FakeRepo(dict(self.rows)))
        result = work(tx)
        self.rows = tx.repo.rows
        self.events.extend(tx.events)
        return result


class _FakeStore:
    def __init__(self, fail: bool = False) -> None:
        self.objects: dict[str, tuple[bytes, str, str]] = {}
        self.fail = fail

    def put(self, key, data, length, content_type, sha256) -> None:
        if self.fail:
            raise ConnectionError("S3 is down")
        body = data.read()
        assert len(body) == length
        self.objects[key] = (body, content_type, sha256)


NOW = datetime(2025, 6, 1, 2, 3, 4, 567891, tzinfo=UTC)


def _parts(meta, data: bytes, chunk: int = 1000):
    yield meta
    for start in range(0, len(data), chunk):
        yield data[start : start + chunk]


def test_upload_streams_hashes_and_stores_then_records_the_event() -> None:
    uow, store = _FakeUow(), _FakeStore()
    data = _image_bytes("PNG") + b"\x00" * 5000
    meta = _meta()
    photo = upload_photo(uow, store, _parts(meta, data, chunk=5), NOW, max_bytes=10_000)
    assert photo.sha256 == hashlib.sha256(data).hexdigest()
    assert photo.content_type == PNG and photo.size_bytes == len(data)
    assert photo.stored_at == NOW.replace(microsecond=567000)
    assert store.objects[photo.object_key] == (data, PNG, photo.sha256)
    assert uow.rows == {meta.photo_id: photo}
    [(event_type, payload, tenant)] = uow.events
    assert (event_type, tenant) == ("photo.stored", meta.tenant_id)
    assert payload.sha256 == photo.sha256 and payload.kind == "storefront"

    # Same id, same bytes: the stored photo, nothing new written or emitted.
    assert upload_photo(uow, store, _parts(meta, data), NOW, max_bytes=10_000) == photo
    assert len(uow.events) == 1
    # Same id, other bytes: refused.
    with pytest.raises(AlreadyExists):
        upload_photo(uow, store, _parts(meta, data + b"!"), NOW, max_bytes=10_000)
    assert store.objects[photo.object_key][0] == data


def test_oversized_upload_stops_at_the_limit_without_reading_the_rest() -> None:
    uow, store = _FakeUow(), _FakeStore()
    consumed: list[bytes] = []

    def parts():
        yield _meta()
        for _ in range(100):
            chunk = b"\xff\xd8\xff" + b"\x00" * 997
            consumed.append(chunk)
            yield chunk

    with pytest.raises(InvalidArgument) as caught:
        upload_photo(uow, store, parts(), NOW, max_bytes=5_500)
    assert _fields(caught.value) == {"chunk"}
    assert len(consumed) == 6
    assert store.objects == {} and uow.rows == {} and uow.events == []


def test_unknown_type_is_refused_as_soon_as_the_first_bytes_arrive() -> None:
    uow, store = _FakeUow(), _FakeStore()
    chunks = iter([_meta(), b"GIF8", b"9a\x01\x00\x01\x00\x00\x00\x00", b"never read"])
    with pytest.raises(InvalidArgument) as caught:
        upload_photo(uow, store, chunks, NOW)
    assert caught.value.violations[0].description == "仅支持 JPEG、PNG、WebP、HEIC 照片"
    assert next(chunks) == b"never read"
    assert store.objects == {} and uow.rows == {}


def test_a_tiny_supported_file_is_sniffed_at_the_end() -> None:
    photo = upload_photo(_FakeUow(), _FakeStore(), iter([_meta(), b"\xff\xd8\xff\xdb"]), NOW)
    assert photo.content_type == JPEG and photo.object_key.endswith(".jpg")


@pytest.mark.parametrize(
    ("parts", "field"),
    [
        ([], "meta"),
        ([b"\xff\xd8\xff\xe0"], "meta"),
        (["META", b"\xff\xd8\xff\xe0", "META"], "meta"),
        (["META"], "chunk"),
        (["META", b"", None], "chunk"),
    ],
)
def test_malformed_streams(parts: list, field: str) -> None:
    meta = _meta()
    stream = [meta if p == "META" else p for p in parts]
    with pytest.raises(InvalidArgument) as caught:
        upload_photo(_FakeUow(), _FakeStore(), stream, NOW)
    assert _fields(caught.value) == {field}


def test_a_failed_put_leaves_no_metadata_and_no_event() -> None:
    uow = _FakeUow()
    with pytest.raises(ConnectionError):
        upload_photo(uow, _FakeStore(fail=True), _parts(_meta(), _image_bytes("JPEG")), NOW)
    assert uow.rows == {} and uow.events == []


def test_get_photo_is_scoped_to_the_tenant() -> None:
    uow = _FakeUow()
    meta = _meta()
    upload_photo(uow, _FakeStore(), _parts(meta, _image_bytes("WEBP")), NOW)
    assert get_photo(uow, meta.tenant_id, meta.photo_id).content_type == WEBP
    with pytest.raises(NotFound):
        get_photo(uow, "t-other", meta.photo_id)
    with pytest.raises(NotFound):
        get_photo(uow, meta.tenant_id, str(uuid.uuid4()))
