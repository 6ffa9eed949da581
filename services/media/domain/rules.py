"""Checks on an upload (SPEC M1): its metadata, its size, and where its bytes are kept."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from services.common.errors import InvalidArgument, Violations
from services.common.geo import DATUMS
from services.media.domain.model import PhotoMeta

SHANGHAI = ZoneInfo("Asia/Shanghai")
DEFAULT_MAX_BYTES = 10 * 1024 * 1024  # 10 MiB
KNOWN_DATUMS = frozenset(DATUMS)
# The tenant id is the first segment of an object key, so it must be path-safe.
TENANT_ID = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")
MAX_ID_CHARS = 128
MAX_FILENAME_CHARS = 255
# A file name is a name, never a path: separators, NUL and other control characters (C0, DEL,
# C1) are refused rather than quietly rewritten, so what is stored is what the app sent.
UNSAFE_FILENAME = re.compile(r"[/\\\x00-\x1f\x7f-\x9f]")


def is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except (ValueError, AttributeError, TypeError):
        return False
    return len(value) == 36


def validate_meta(meta: PhotoMeta) -> None:
    """Every problem with the metadata at once, with the contract's field names."""
    v = Violations()
    add_meta_violations(meta, v)
    v.raise_if_any()


def add_meta_violations(meta: PhotoMeta, v: Violations) -> None:
    v.check(
        bool(TENANT_ID.match(meta.tenant_id)),
        "meta.tenant_id",
        "租户编号必须填写,且只能包含字母、数字、下划线、点或连字符",
    )
    v.check(
        is_uuid(meta.photo_id),
        "meta.photo_id",
        "照片编号必须是客户端生成的 UUID(如 123e4567-e89b-12d3-a456-426614174000)",
    )
    _check_id(v, meta.rep_id, "meta.rep_id", "必须填写拍摄人(业务员)编号")
    _check_id(v, meta.visit_id, "meta.visit_id", "必须填写所属拜访编号")
    v.check(len(meta.store_id) <= MAX_ID_CHARS, "meta.store_id", "门店编号不能超过 128 个字符")
    v.check(meta.kind is not None, "meta.kind", "必须选择照片类型(门头、货架或会议)")
    _check_filename(v, meta.filename)
    if meta.device_location is not None:
        _check_location(v, meta)


def _check_id(v: Violations, value: str, field: str, missing: str) -> None:
    v.check(bool(value.strip()), field, missing)
    v.check(len(value) <= MAX_ID_CHARS, field, f"编号不能超过 {MAX_ID_CHARS} 个字符")


def _check_filename(v: Violations, filename: str) -> None:
    v.check(len(filename) <= MAX_FILENAME_CHARS, "meta.filename", "文件名不能超过 255 个字符")
    v.check(
        not UNSAFE_FILENAME.search(filename) and filename not in (".", ".."),
        "meta.filename",
        "文件名不能包含路径分隔符(/ 或 \\)、空字符或其他控制字符",
    )


def _check_location(v: Violations, meta: PhotoMeta) -> None:
    loc = meta.device_location
    assert loc is not None
    v.check(-90 <= loc.latitude <= 90, "meta.device_location.latitude", "纬度必须在 -90 到 90 之间")
    v.check(
        -180 <= loc.longitude <= 180,
        "meta.device_location.longitude",
        "经度必须在 -180 到 180 之间",
    )
    v.check(
        loc.datum in KNOWN_DATUMS,
        "meta.device_location.datum",
        "必须注明坐标系(WGS-84、GCJ-02 或 BD-09)",
    )
    v.check(loc.accuracy_m >= 0, "meta.device_location.accuracy_m", "定位精度不能为负数")


def check_size(received: int, max_bytes: int) -> None:
    """Called as bytes arrive, so an oversized upload stops at the first chunk past the limit."""
    if received > max_bytes:
        raise InvalidArgument.of_field(
            "chunk", f"照片不能超过 {_human(max_bytes)},请压缩后重新上传"
        )


def object_key(tenant_id: str, photo_id: str, extension: str, stored_at: datetime) -> str:
    """`<tenant>/<yyyy>/<mm>/<dd>/<photo_id>.<ext>`, dated by the Shanghai calendar day."""
    if stored_at.tzinfo is None:
        stored_at = stored_at.replace(tzinfo=UTC)
    day = stored_at.astimezone(SHANGHAI)
    return f"{tenant_id}/{day:%Y}/{day:%m}/{day:%d}/{photo_id}.{extension}"


def _human(size: int) -> str:
    if size >= 1024 * 1024 and size % (1024 * 1024) == 0:
        return f"{size // (1024 * 1024)} MB"
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    if size >= 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size} 字节"


DERIVED_SUFFIXES = {"watermarked": "wm.jpg", "thumbnail": "thumb.jpg"}


def derived_key(original_key: str, kind: str) -> str:
    """`<tenant>/.../<photo_id>.wm.jpg` beside its original: one derived image per kind."""
    stem = original_key.rsplit(".", 1)[0]
    return f"{stem}.{DERIVED_SUFFIXES[kind]}"
