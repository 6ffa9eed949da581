"""The type of a photo, sniffed from its first bytes: what a client claims is never trusted."""

from __future__ import annotations

# Bytes needed to recognise every supported format (HEIC's brand ends at offset 12).
SNIFF_BYTES = 12

JPEG = "image/jpeg"
PNG = "image/png"
WEBP = "image/webp"
HEIC = "image/heic"

EXTENSIONS = {JPEG: "jpg", PNG: "png", WEBP: "webp", HEIC: "heic"}
HEIC_BRANDS = frozenset({b"heic", b"heix", b"mif1", b"msf1"})
# Sniffed so that an iPhone's default format gets a message that says what to do about it;
# refused because the one well-kept decoder on PyPI (pillow-heif) bundles the GPL x265
# encoder into the service (see README, "Photos"). The rep app's camera path gives JPEG.
ACCEPTED = frozenset({JPEG, PNG, WEBP})
UNSUPPORTED_MESSAGE = "仅支持 JPEG、PNG、WebP 照片"
HEIC_REFUSED_MESSAGE = (
    "暂不支持 HEIC 格式:请在手机“设置 > 相机 > 格式”中选择“兼容性最佳”,或用企业微信/钉钉内的"
    "相机拍摄后重新上传(JPEG)"
)


def sniff_content_type(head: bytes) -> str | None:
    """The MIME type of a photo whose first bytes are `head`, or None if unsupported."""
    if head[:3] == b"\xff\xd8\xff":
        return JPEG
    if head[:8] == b"\x89PNG\r\n\x1a\n":
        return PNG
    if len(head) >= 12 and head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    # ISO BMFF: 4-byte box size, then "ftyp" and the major brand.
    if len(head) >= 12 and head[4:8] == b"ftyp" and head[8:12] in HEIC_BRANDS:
        return HEIC
    return None


def extension_for(content_type: str) -> str:
    return EXTENSIONS[content_type]
