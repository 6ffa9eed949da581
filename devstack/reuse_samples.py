"""The labelled set for reused-photo detection (SPEC M3, issue 9), made on the spot, the same
every run (seeded), never committed as binaries.

Earlier photos ("originals"): real photographs that ship inside scikit-image's wheel
(skimage.data reads them from the package folder, nothing is downloaded), and rendered
storefronts with Chinese signs (devstack/photo_samples.py) as photographed on a first visit.

Positives, one per original and kind: the original after JPEG recompression, resizing, a crop
of up to 10 % of each side, our own watermark strip (the real renderer of media's analysis),
another app's strip (a camera-watermark app's bar, overlaid or added below/above), a brightness
change, a contrast change.

Negatives, which must NOT be flagged: the same storefront photographed on another visit (the
rep stands elsewhere, another hour of the day, other people and cars in front), the other
view of a stereo pair (skimage's motorcycle), and other parts of a large real photo (offset by
more than 30 % of the frame).
"""

from __future__ import annotations

import io
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np
from PIL import Image, ImageDraw, ImageEnhance, ImageFilter, ImageFont

from devstack import photo_samples
from devstack.photo_samples import SIGN_FONTS, scene

KINDS = (
    "recompress",
    "resize",
    "crop",
    "our_watermark",
    "other_app_strip",
    "brightness",
    "contrast",
)
NEGATIVE_KINDS = ("new_visit", "stereo_pair", "other_part")
REAL_PHOTOS = (
    "astronaut",
    "coffee",
    "chelsea",
    "rocket",
    "immunohistochemistry",
    "hubble_deep_field",
    "retina",
    "camera",
    "brick",
    "grass",
    "gravel",
    "coins",
    "moon",
    "horse",
    "clock",
    "page",
    "text",
    "logo",
)  # fmt: skip; not the colour wheel: a synthetic gradient with no detail, not a photograph
LARGE_PHOTOS = (
    "astronaut",
    "coffee",
    "rocket",
    "hubble_deep_field",
    "retina",
    "immunohistochemistry",
)
STORE_NAMES = (
    "美宜佳", "好又多超市", "联华超市", "华润万家", "喜士多", "罗森", "全家便利店", "物美超市",
    "永辉超市", "世纪联华", "快客便利", "可的便利店", "苏果超市", "张记粮油店", "老王副食店",
    "李氏便利店", "鑫鑫水果店", "阿强烟酒店", "佳佳百货商行", "福满多超市", "惠民小卖部",
    "金辉生鲜超市", "红星副食店", "兴旺便利店",
)  # fmt: skip
OTHER_APPS = ("今日水印相机", "马克水印相机", "元道经纬相机", "工作蜂水印相机")
FRAME = (960, 720)


@dataclass(frozen=True)
class Sample:
    name: str
    kind: str  # a positive kind (KINDS), a negative kind (NEGATIVE_KINDS), or "original"
    data: bytes  # JPEG
    original: str  # the name of the earlier photo it copies (positives) or resembles


def jpeg(image: Image.Image, quality: int = 90) -> bytes:
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, format="JPEG", quality=quality)
    return buffer.getvalue()


def decode(data: bytes) -> Image.Image:
    return Image.open(io.BytesIO(data)).convert("RGB")


# --- originals -------------------------------------------------------------------------------


def real_photo(name: str) -> Image.Image:
    from skimage import data  # a test/bench dependency: only the labelled set needs it

    pixels = np.asarray(getattr(data, name)())
    if pixels.dtype == bool:  # the horse is a silhouette mask
        pixels = np.where(pixels, 0, 255).astype(np.uint8)
    if pixels.ndim == 2:
        pixels = np.stack([pixels] * 3, axis=-1)
    return Image.fromarray(pixels[..., :3].astype(np.uint8), "RGB")


def stereo_pair() -> tuple[Image.Image, Image.Image]:
    from skimage import data

    left, right, _ = data.stereo_motorcycle()
    return Image.fromarray(left, "RGB"), Image.fromarray(right, "RGB")


@dataclass(frozen=True)
class Visit:
    """One visit's shot of a storefront: where the rep stood, the hour, who was passing."""

    angle: float
    perspective: float
    shift: tuple[float, float]  # fraction of the frame the rep stood aside
    zoom: float
    hour: float  # 7-19
    passers: int
    cars: int
    blur: float
    quality: int


def random_visit(rng: random.Random) -> Visit:
    return Visit(
        angle=rng.uniform(-6, 6),
        perspective=rng.uniform(0.0, 0.10),
        shift=(rng.uniform(-0.06, 0.06), rng.uniform(-0.04, 0.04)),
        zoom=rng.uniform(0.92, 1.10),
        hour=rng.uniform(7, 19),
        passers=rng.randint(0, 4),
        cars=rng.randint(0, 2),
        blur=rng.uniform(0.2, 1.2),
        quality=rng.randint(75, 92),
    )


def storefront_shot(name: str, store_seed: int, visit: Visit, visit_seed: int) -> Image.Image:
    """The store (its sign, wall and door are fixed by store_seed) as one visit saw it."""
    rng = random.Random(visit_seed)
    width, height = FRAME
    wide = (int(width * 1.3), int(height * 1.3))  # the street around the frame
    street = scene(*wide, seed=store_seed).filter(ImageFilter.GaussianBlur(4))
    photo_samples._draw_sign(street, name, random.Random(store_seed))
    _passers_by(street, rng, visit.passers, visit.cars)
    _daylight(street, visit.hour)
    framed = _frame(street, visit)
    framed = photo_samples._perspective(framed, visit.perspective, rng)
    framed = framed.filter(ImageFilter.GaussianBlur(visit.blur))
    noisy = np.asarray(framed, np.float32) + np.random.default_rng(visit_seed).normal(
        0, 3.0, (height, width, 3)
    )
    return decode(jpeg(Image.fromarray(noisy.clip(0, 255).astype(np.uint8)), visit.quality))


def _frame(street: Image.Image, visit: Visit) -> Image.Image:
    width, height = FRAME
    cx = street.width / 2 + visit.shift[0] * street.width
    cy = street.height / 2 + visit.shift[1] * street.height
    half_w, half_h = width / 2 / visit.zoom, height / 2 / visit.zoom
    turned = street.rotate(visit.angle, center=(cx, cy), resample=Image.Resampling.BICUBIC)
    box = (int(cx - half_w), int(cy - half_h), int(cx + half_w), int(cy + half_h))
    return turned.crop(box).resize(FRAME, Image.Resampling.LANCZOS)


def _passers_by(image: Image.Image, rng: random.Random, people: int, cars: int) -> None:
    draw = ImageDraw.Draw(image)
    width, height = image.size
    for _ in range(cars):
        x, y = rng.uniform(0, width * 0.8), rng.uniform(height * 0.62, height * 0.8)
        w, h = rng.uniform(0.25, 0.4) * width, rng.uniform(0.14, 0.2) * height
        colour = tuple(rng.randint(20, 235) for _ in range(3))
        draw.rounded_rectangle([x, y, x + w, y + h], radius=int(h / 4), fill=colour)
        for wheel in (x + w * 0.2, x + w * 0.8):
            draw.ellipse(
                [wheel - h / 4, y + h * 0.8, wheel + h / 4, y + h * 1.3], fill=(15, 15, 15)
            )
    for _ in range(people):
        x, y = rng.uniform(0, width), rng.uniform(height * 0.5, height * 0.7)
        s = rng.uniform(0.08, 0.14) * height
        body = tuple(rng.randint(20, 235) for _ in range(3))
        draw.ellipse([x - s / 5, y - s / 2.4, x + s / 5, y - s / 8], fill=(225, 190, 160))
        draw.rounded_rectangle([x - s / 3, y - s / 8, x + s / 3, y + s * 1.3], s / 6, fill=body)


def _daylight(image: Image.Image, hour: float) -> None:
    """Warmer and darker morning and evening, and a shadow that turns with the sun."""
    pixels = np.asarray(image, np.float32)
    sun = np.cos((hour - 13) / 12 * np.pi)  # 1 at 13:00, lower towards dawn and dusk
    tint = np.array([1.0 + 0.12 * (1 - sun), 1.0, 1.0 - 0.15 * (1 - sun)], np.float32)
    height, width = pixels.shape[:2]
    edge = (0.5 + (hour - 13) / 14) * width
    x = np.arange(width, dtype=np.float32)
    shadow = 1.0 - 0.35 / (1 + np.exp(-(x - edge) / 25))
    lit = pixels * tint * (0.65 + 0.35 * sun) * shadow[None, :, None]
    image.paste(Image.fromarray(lit.clip(0, 255).astype(np.uint8)))


# --- the kinds of reuse ------------------------------------------------------------------------


def recompress(image: Image.Image, rng: random.Random) -> bytes:
    once = jpeg(image, rng.randint(40, 75))
    return jpeg(decode(once), rng.randint(30, 70)) if rng.random() < 0.5 else once


def resize(image: Image.Image, rng: random.Random) -> bytes:
    scale = rng.choice([rng.uniform(0.3, 0.8), rng.uniform(1.2, 1.6)])
    size = (max(64, int(image.width * scale)), max(64, int(image.height * scale)))
    return jpeg(image.resize(size, Image.Resampling.BILINEAR), rng.randint(70, 90))


def crop(image: Image.Image, rng: random.Random) -> bytes:
    """Up to 10 % off each dimension, split at random between the two sides."""
    cut_w, cut_h = image.width * rng.uniform(0.03, 0.10), image.height * rng.uniform(0.03, 0.10)
    left, top = cut_w * rng.random(), cut_h * rng.random()
    box = (
        int(left),
        int(top),
        int(image.width - (cut_w - left)),
        int(image.height - (cut_h - top)),
    )
    return jpeg(image.crop(box), rng.randint(75, 92))


def brightness(image: Image.Image, rng: random.Random) -> bytes:
    factor = rng.choice([rng.uniform(0.55, 0.8), rng.uniform(1.2, 1.5)])
    return jpeg(ImageEnhance.Brightness(image).enhance(factor), rng.randint(75, 92))


def contrast(image: Image.Image, rng: random.Random) -> bytes:
    factor = rng.choice([rng.uniform(0.5, 0.8), rng.uniform(1.25, 1.7)])
    return jpeg(ImageEnhance.Contrast(image).enhance(factor), rng.randint(75, 92))


def other_app_strip(image: Image.Image, rng: random.Random) -> bytes:
    """A camera-watermark app's bar: opaque or translucent, over the photo or added to it."""
    width, height = image.size
    bar = int(height * rng.uniform(0.08, 0.18))
    colour = rng.choice([(255, 255, 255), (20, 20, 20), (250, 200, 40), (30, 110, 220)])
    ink = (0, 0, 0) if sum(colour) > 400 else (255, 255, 255)
    style = rng.choice(["over_bottom", "over_top", "below", "above"])
    if style in ("below", "above"):
        canvas = Image.new("RGB", (width, height + bar), colour)
        canvas.paste(image, (0, 0 if style == "below" else bar))
        strip_top = height if style == "below" else 0
    else:
        canvas = image.copy()
        strip_top = height - bar if style == "over_bottom" else 0
        region = canvas.crop((0, strip_top, width, strip_top + bar))
        alpha = rng.choice([1.0, 0.7])
        canvas.paste(
            Image.blend(region, Image.new("RGB", region.size, colour), alpha), (0, strip_top)
        )
    _strip_text(canvas, strip_top, bar, ink, rng)
    return jpeg(canvas, rng.randint(75, 90))


def _strip_text(canvas: Image.Image, top: int, bar: int, ink, rng: random.Random) -> None:
    path, index = rng.choice(SIGN_FONTS)
    size = max(10, bar // 3)
    font = ImageFont.truetype(str(path), size, index=index)
    draw = ImageDraw.Draw(canvas)
    stamp = datetime(
        2026, 11, rng.randint(1, 28), rng.randint(8, 19), rng.randint(0, 59), tzinfo=UTC
    )
    draw.text((size // 2, top + size // 3), rng.choice(OTHER_APPS), font=font, fill=ink)
    draw.text(
        (size // 2, top + size // 3 + size + 2),
        f"{stamp:%Y-%m-%d %H:%M} 杭州市西湖区文三路{rng.randint(1, 500)}号",
        font=font,
        fill=ink,
    )


def our_watermark(image: Image.Image, rng: random.Random) -> bytes:
    """The derived image media's analysis makes (the real renderer and font), reused as is or
    recompressed by the chat app that carried it."""
    from services.media.adapters.fonts import find_cjk_font
    from services.media.adapters.pillow_images import PillowImages
    from services.media.domain.model import GeoPoint
    from services.media.domain.watermark import watermark_lines

    lines = watermark_lines(
        GeoPoint(30.25 + rng.random() / 100, 120.13 + rng.random() / 100, "gcj02"),
        datetime(2026, 11, rng.randint(1, 28), rng.randint(8, 19), tzinfo=UTC),
        rng.choice(["张伟", "王芳", "李娜", "刘洋"]),
        rng.choice(STORE_NAMES),
    )
    marked = PillowImages(find_cjk_font()).open(jpeg(image, 92)).watermarked_jpeg(lines)
    return jpeg(decode(marked), rng.randint(60, 85)) if rng.random() < 0.5 else marked


TRANSFORMS: dict[str, Callable[[Image.Image, random.Random], bytes]] = {
    "recompress": recompress,
    "resize": resize,
    "crop": crop,
    "our_watermark": our_watermark,
    "other_app_strip": other_app_strip,
    "brightness": brightness,
    "contrast": contrast,
}


# --- the set ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class LabelledSet:
    originals: list[Sample]
    positives: list[Sample]
    negatives: list[Sample]


def build(stores: int = 24, new_visits: int = 3, seed: int = 9) -> LabelledSet:
    """`stores` rendered storefronts (each with `new_visits` later visits as negatives), every
    real photo, every kind of reuse applied once to every original."""
    rng = random.Random(seed)
    originals: list[tuple[str, Image.Image]] = []
    negatives: list[Sample] = []
    for name in REAL_PHOTOS:
        originals.append((name, real_photo(name)))
    for name in LARGE_PHOTOS:
        originals.append(_parts(name, negatives))
    left, right = stereo_pair()
    originals.append(("motorcycle_left", left))
    negatives.append(Sample("motorcycle_right", "stereo_pair", jpeg(right), "motorcycle_left"))
    for i in range(stores):
        store = STORE_NAMES[i % len(STORE_NAMES)] + ("" if i < len(STORE_NAMES) else f"{i}号店")
        first = f"store{i:02d}-visit0"
        originals.append((first, storefront_shot(store, 1000 + i, random_visit(rng), 5000 + i)))
        for v in range(1, new_visits + 1):
            shot = storefront_shot(store, 1000 + i, random_visit(rng), 5000 + i + 100 * v)
            negatives.append(Sample(f"store{i:02d}-visit{v}", "new_visit", jpeg(shot, 88), first))
    positives = [
        Sample(
            f"{name}~{kind}", kind, transform(image, random.Random(f"{seed}:{name}:{kind}")), name
        )
        for name, image in originals
        for kind, transform in TRANSFORMS.items()
    ]
    stored = [Sample(name, "original", jpeg(image, 92), name) for name, image in originals]
    return LabelledSet(stored, positives, negatives)


def _parts(name: str, negatives: list[Sample]) -> tuple[str, Image.Image]:
    """The top-left 60 % of a large photo is an original; its bottom-right 60 % (offset by 40 %
    of the frame) is another photo of the same subject."""
    image = real_photo(name)
    w, h = image.size
    first = image.crop((0, 0, int(w * 0.6), int(h * 0.6)))
    other = image.crop((int(w * 0.4), int(h * 0.4), w, h))
    negatives.append(Sample(f"{name}-part2", "other_part", jpeg(other), f"{name}-part1"))
    return f"{name}-part1", first
