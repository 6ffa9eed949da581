"""Decoding, checking and deriving images with Pillow: the upload's decode check, and the one
decoded picture each analysis shares (EXIF, watermark, thumbnail, perceptual hashes)."""

from __future__ import annotations

import io
import warnings
from typing import Any, BinaryIO

import imagehash
import numpy as np
from PIL import Image, ImageDraw, ImageFont, ImageOps, UnidentifiedImageError

from services.common.errors import InvalidArgument
from services.media.adapters.exif_reader import read_exif
from services.media.adapters.fonts import FontFile
from services.media.application.ports import ImageSize
from services.media.domain.content_type import JPEG, PNG, WEBP
from services.media.domain.exif import ExifFacts

# 50 megapixels: above every phone's default mode (12-50 MP). Checked from the header before
# any pixel is decoded; Pillow's own limit (which errors only at twice its value) is set to it
# as a second guard for paths that open images elsewhere.
MAX_PIXELS = 50_000_000
Image.MAX_IMAGE_PIXELS = MAX_PIXELS
FORMATS = {JPEG: "JPEG", PNG: "PNG", WEBP: "WEBP"}
CORRUPT = "照片已损坏或不完整,无法解码:请重新拍摄或重新上传"
THUMBNAIL_SIDE = 320
DECODE_ERRORS = (OSError, SyntaxError, ValueError, EOFError, UnidentifiedImageError, IndexError)


TOO_LARGE = f"照片像素过多,最多 {MAX_PIXELS // 10_000} 万像素,请压缩后重新上传"


class PillowImages:
    def __init__(self, font: FontFile) -> None:
        self._font = font

    def inspect(self, data: BinaryIO, content_type: str) -> ImageSize:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error", Image.DecompressionBombWarning)
                return _decode_check(data, content_type)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            # Pillow refused at open(), from the header: no pixel was decoded.
            raise InvalidArgument.of_field("chunk", TOO_LARGE) from None
        except DECODE_ERRORS:
            raise InvalidArgument.of_field("chunk", CORRUPT) from None
        finally:
            data.seek(0)

    def open(self, data: bytes) -> PillowPicture:
        return PillowPicture(data, self._font)


def _decode_check(data: BinaryIO, content_type: str) -> ImageSize:
    image = Image.open(data, formats=[FORMATS[content_type]])
    width, height = image.size
    if width * height > MAX_PIXELS:
        raise InvalidArgument.of_field("chunk", f"{TOO_LARGE}(收到 {width}×{height})")
    if image.format == "JPEG":
        # DCT scaling decodes the whole entropy-coded stream (so truncation is caught) at an
        # eighth of the work of a full decode.
        image.draft("RGB", (max(1, width // 8), max(1, height // 8)))
    image.load()
    return ImageSize(width, height)


class PillowPicture:
    """The photo decoded once, turned upright by its EXIF orientation."""

    def __init__(self, data: bytes, font: FontFile) -> None:
        source = Image.open(io.BytesIO(data))
        self._exif = read_exif(source)
        try:
            upright = ImageOps.exif_transpose(source)
        except Exception:  # a malformed orientation tag: keep the pixels as stored
            upright = source
        self.image = upright.convert("RGB")
        self._font = font

    def exif(self) -> ExifFacts:
        return self._exif

    def watermarked_jpeg(self, lines: list[str]) -> bytes:
        """The lines in white on a darkened band along the bottom; only the band is blended,
        so a 12-megapixel photo costs the band, not the whole frame."""
        image = self.image.copy()
        size = max(14, image.width // 36)
        font = ImageFont.truetype(self._font.path, size, index=self._font.index)
        pad, gap = size // 2, size // 4
        band_height = min(image.height, pad * 2 + len(lines) * size + (len(lines) - 1) * gap)
        top = image.height - band_height
        band = image.crop((0, top, image.width, image.height))
        band = Image.blend(band, Image.new("RGB", band.size, (0, 0, 0)), 0.55)
        draw = ImageDraw.Draw(band)
        for i, line in enumerate(lines):
            draw.text((pad, pad + i * (size + gap)), line, font=font, fill=(255, 255, 255))
        image.paste(band, (0, top))
        return _jpeg(image, quality=88)

    def thumbnail_jpeg(self) -> bytes:
        small = self.image.copy()
        small.thumbnail((THUMBNAIL_SIDE, THUMBNAIL_SIDE), Image.Resampling.LANCZOS)
        return _jpeg(small, quality=80)

    def perceptual_hashes(self) -> dict[str, str]:
        return {
            "phash": str(imagehash.phash(self.image)),
            "dhash": str(imagehash.dhash(self.image)),
        }

    def rgb_array(self) -> Any:
        return np.asarray(self.image)


def _jpeg(image: Image.Image, quality: int) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=quality)
    return buffer.getvalue()
