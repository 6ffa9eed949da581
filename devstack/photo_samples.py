"""Photos made on the spot for tests and benchmarks: JPEGs with EXIF GPS and capture time,
broken files of the kinds outside testing found, and rendered storefronts with Chinese signs
(CJK fonts from Debian's fonts-noto-cjk, then blur, rotation, perspective and recompression,
as a phone held at an angle sees them)."""

from __future__ import annotations

import io
import random
import struct
import zlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import numpy as np
from PIL import ExifTags, Image, ImageDraw, ImageEnhance, ImageFilter, ImageFont

from services.common.clock import SHANGHAI

FONT_DIR = Path("/usr/share/fonts/opentype/noto")
SIGN_FONTS = [  # (file, face index of the Simplified Chinese face)
    (FONT_DIR / "NotoSansCJK-Bold.ttc", 2),
    (FONT_DIR / "NotoSansCJK-Regular.ttc", 2),
    (FONT_DIR / "NotoSerifCJK-Bold.ttc", 2),
    (FONT_DIR / "NotoSerifCJK-Regular.ttc", 2),
]
SIGN_COLOURS = [(196, 24, 30), (22, 70, 160), (18, 120, 60), (235, 170, 0), (240, 240, 235)]
SLOGANS = ["24小时营业", "欢迎光临", "烟酒 副食 日用百货", "电话 0571-8765 4321", "新鲜 实惠 便民"]


def _dms(value: float) -> tuple[float, float, float]:
    value = abs(value)
    degrees = int(value)
    minutes = int((value - degrees) * 60)
    seconds = round(((value - degrees) * 60 - minutes) * 60, 4)
    return float(degrees), float(minutes), seconds


def exif_block(
    latitude: float | None = None, longitude: float | None = None, taken_at: datetime | None = None
) -> bytes:
    """An EXIF block as a phone writes it: WGS-84 GPS and DateTimeOriginal in local time."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Xiaomi"
    if latitude is not None and longitude is not None:
        exif[ExifTags.IFD.GPSInfo] = {
            ExifTags.GPS.GPSLatitudeRef: "N" if latitude >= 0 else "S",
            ExifTags.GPS.GPSLatitude: _dms(latitude),
            ExifTags.GPS.GPSLongitudeRef: "E" if longitude >= 0 else "W",
            ExifTags.GPS.GPSLongitude: _dms(longitude),
            ExifTags.GPS.GPSMapDatum: "WGS-84",
        }
    if taken_at is not None:
        local = taken_at.astimezone(SHANGHAI)
        exif[ExifTags.IFD.Exif] = {
            ExifTags.Base.DateTimeOriginal: local.strftime("%Y:%m:%d %H:%M:%S"),
            ExifTags.Base.OffsetTimeOriginal: "+08:00",
        }
    return exif.tobytes()


def scene(width: int = 1600, height: int = 1200, seed: int = 0) -> Image.Image:
    """A busy, photo-like frame (smooth gradients plus texture), so JPEG sizes are realistic."""
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:height, 0:width].astype(np.float32)
    base = np.stack(
        [
            np.sin(x / rng.uniform(40, 200) + c) * np.cos(y / rng.uniform(40, 200))
            for c in (0, 1, 2)
        ],
        axis=-1,
    )
    noise = rng.normal(0, 0.35, (height, width, 3))
    pixels = ((base + noise) * 60 + 128).clip(0, 255).astype(np.uint8)
    return Image.fromarray(pixels, "RGB")


def jpeg(image: Image.Image, quality: int = 90, exif: bytes | None = None) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=quality, exif=exif or b"")
    return buffer.getvalue()


def photo_of_size(target_bytes: int, seed: int = 0, exif: bytes | None = None) -> bytes:
    """A JPEG of at least `target_bytes` (a 2 MB photo is about 2600 x 1950 of this scene)."""
    side = 1200
    while True:
        data = jpeg(scene(side * 4 // 3, side, seed), quality=92, exif=exif)
        if len(data) >= target_bytes:
            return data
        side = int(side * 1.25)


def corrupt_exif_jpeg(seed: int = 0) -> bytes:
    """A decodable JPEG whose APP1 EXIF block points its IFD far outside the block."""
    good = jpeg(scene(320, 240, seed))
    tiff = b"MM\x00*" + struct.pack(">I", 0x7FFFFFF0) + b"\x00\x01garbage"
    app1 = b"Exif\x00\x00" + tiff
    segment = b"\xff\xe1" + struct.pack(">H", len(app1) + 2) + app1
    return good[:2] + segment + good[2:]


def png_bomb(width: int = 100_000, height: int = 100_000) -> bytes:
    """A 100-byte PNG that declares 10 gigapixels (its one IDAT decodes to a few bytes)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


@dataclass(frozen=True)
class Distortion:
    blur: float = 1.2  # Gaussian radius, pixels
    angle: float = 3.0  # degrees
    perspective: float = 0.06  # fraction of the width a corner moves
    quality: int = 82
    brightness: float = 1.0


def random_distortion(rng: random.Random) -> Distortion:
    return Distortion(
        blur=rng.uniform(0.3, 2.2),
        angle=rng.uniform(-8, 8),
        perspective=rng.uniform(0.0, 0.12),
        quality=rng.randint(60, 92),
        brightness=rng.uniform(0.75, 1.2),
    )


def storefront(
    name: str,
    seed: int = 0,
    distortion: Distortion | None = None,
    size: tuple[int, int] = (1600, 1200),
) -> bytes:
    """A storefront with `name` on its sign, photographed at an angle."""
    rng = random.Random(seed)
    d = distortion or Distortion()
    width, height = size
    image = scene(width, height, seed).filter(ImageFilter.GaussianBlur(6))
    _draw_sign(image, name, rng)
    image = image.rotate(d.angle, resample=Image.Resampling.BICUBIC, fillcolor=(110, 110, 110))
    image = _perspective(image, d.perspective, rng)
    image = ImageEnhance.Brightness(image.filter(ImageFilter.GaussianBlur(d.blur))).enhance(
        d.brightness
    )
    return jpeg(image, quality=d.quality)


def _draw_sign(image: Image.Image, name: str, rng: random.Random) -> None:
    width, height = image.size
    draw = ImageDraw.Draw(image)
    colour = rng.choice(SIGN_COLOURS)
    ink = (20, 20, 20) if sum(colour) > 600 else (255, 255, 255)
    top, bottom = int(height * rng.uniform(0.08, 0.16)), int(height * rng.uniform(0.36, 0.42))
    draw.rectangle([int(width * 0.05), top, int(width * 0.95), bottom], fill=colour)
    path, index = rng.choice(SIGN_FONTS)
    size = int((bottom - top) * 0.55)
    font = ImageFont.truetype(str(path), size, index=index)
    while draw.textlength(name, font=font) > width * 0.82 and size > 20:
        size = int(size * 0.9)
        font = ImageFont.truetype(str(path), size, index=index)
    text_w = draw.textlength(name, font=font)
    draw.text(
        ((width - text_w) / 2, top + (bottom - top - size) / 2 - size * 0.1),
        name,
        font=font,
        fill=ink,
    )
    small = ImageFont.truetype(str(path), max(14, size // 4), index=index)
    draw.text(
        (width * 0.1, bottom + size * 0.15), rng.choice(SLOGANS), font=small, fill=(235, 235, 235)
    )
    draw.rectangle(
        [int(width * 0.2), int(height * 0.5), int(width * 0.8), height], fill=(45, 48, 55)
    )


def _perspective(image: Image.Image, amount: float, rng: random.Random) -> Image.Image:
    width, height = image.size
    dx = amount * width
    target = [(0, 0), (width, 0), (width, height), (0, height)]
    source = [
        (rng.uniform(0, dx), rng.uniform(0, dx / 2)),
        (width - rng.uniform(0, dx), rng.uniform(0, dx / 2)),
        (width - rng.uniform(0, dx / 2), height),
        (rng.uniform(0, dx / 2), height),
    ]
    rows = []
    for (x, y), (u, v) in zip(target, source, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
    coefficients = np.linalg.solve(np.array(rows, float), np.array(source, float).reshape(8))
    return image.transform(
        image.size, Image.Transform.PERSPECTIVE, coefficients.tolist(), Image.Resampling.BICUBIC
    )
