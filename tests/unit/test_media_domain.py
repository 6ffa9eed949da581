"""Media (SPEC M1): content sniffing, metadata validation, size limit, object keys. The upload
use case is in test_media_upload.py."""

from __future__ import annotations

import io
import uuid
from datetime import UTC, datetime

import pytest
from PIL import Image

from services.common.errors import InvalidArgument
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
    derived_key,
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


@pytest.mark.parametrize(
    "filename",
    [
        "../../etc/passwd",
        "a/b.jpg",
        "a\\b.jpg",
        "photo\x00.jpg",
        "ph\noto.jpg",
        "\x7f.jpg",
        "..",
        "\x85x",
    ],
)
def test_filenames_that_are_paths_or_hold_control_characters_are_refused(filename: str) -> None:
    with pytest.raises(InvalidArgument) as caught:
        validate_meta(_meta(filename=filename))
    assert _fields(caught.value) == {"meta.filename"}
    assert "路径分隔符" in caught.value.violations[0].description


@pytest.mark.parametrize("filename", ["", "IMG_0001.JPG", "门头 照片(1).jpg", "a..b.png"])
def test_plain_filenames_pass(filename: str) -> None:
    validate_meta(_meta(filename=filename))


def test_ids_have_a_length_limit() -> None:
    with pytest.raises(InvalidArgument) as caught:
        validate_meta(_meta(rep_id="r" * 129, visit_id="v" * 129, store_id="s" * 129))
    assert _fields(caught.value) == {"meta.rep_id", "meta.visit_id", "meta.store_id"}


def test_derived_images_sit_beside_the_original() -> None:
    key = "t/2025/04/01/p.png"
    assert derived_key(key, "watermarked") == "t/2025/04/01/p.wm.jpg"
    assert derived_key(key, "thumbnail") == "t/2025/04/01/p.thumb.jpg"
