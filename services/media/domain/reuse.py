"""Reused-photo detection (SPEC M3): is this photo an earlier one after recompression, resizing,
a crop of up to 10 %, a watermark strip (ours or another app's) or a brightness or contrast
change, and not merely a new shot of the same storefront? Pure computation on pixel arrays;
the index that finds candidates and the store that holds earlier photos are ports.

Two stages (ADR 028):
1. Candidates, without a scan. Every stored photo keeps perceptual hashes of four regions of
   its frame ("views": whole, upper, lower, centre), each cut into 3 overlapping 24-bit bands
   kept in an index (multi-index hashing: a candidate shares at least one band exactly). The
   new photo hashes many windows of itself, placed where the earlier photo's views would fall
   if it had been cropped (a grid of shifts and scales of the centre) or had a strip added
   over, above or below it (upper and lower windows of several heights), and looks up every
   window's bands. A textbook single hash of the whole frame is lost to a 5 % crop or a strip:
   a 1 % shift already changes 6 of its 64 bits.
2. Verification of the few closest candidates, on the pixels. Keypoints (ORB) are matched
   and a similarity transform is fitted; a copy is explained by a scale and a shift alone
   (no turn, no perspective) and, aligned so, agrees with the earlier photo tile by tile in
   fine detail. A new shot of the same storefront from another visit is never aligned so
   well: the rep stood elsewhere (another angle and perspective), and people, cars and the
   light differ.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

import cv2
import numpy as np
from numpy.typing import NDArray
from scipy.fft import dctn

from services.media.domain.flags import EarlierPhoto

Gray = NDArray[np.float32]  # H x W luma, 0-255

HASH_SIDE = 256  # the long side photos are hashed at
VERIFY_SIDE = 640  # the long side photos are compared at
# A coarse 32-bit hash in four bands of 24 bits, each leaving out another byte: a copy whose
# closest window differs only within one byte still shares a band, and a band key is rare
# enough (1 in 16.7 million) that a million stored photos give a few dozen stray hits, not
# thousands as 16-bit bands would (measured: ADR 028).
BAND_MASKS = (0x00FFFFFF, 0xFF00FFFF, 0xFFFF00FF, 0xFFFFFF00)
BANDS = len(BAND_MASKS)
UNSURE_HALVES = 2
FINE_LIMIT = 20  # bits of 63 within which a candidate is worth verifying
VERIFY_AT_MOST = 3
UNSURE_PER_BAND = 2


@dataclass(frozen=True)
class View:
    name: str
    box: tuple[float, float, float, float]  # left, top, right, bottom, fractions of the frame


# Upper and lower leave out a strip of up to 32 % of the height (our own watermark band is
# 16 % of the width: 21 % of a 4:3 landscape's height, 28 % of a 16:9 one's); top leaves out
# half (our band on a small or panoramic photo, where its 14-pixel font floor makes it tall).
STORED_VIEWS = (
    View("full", (0.0, 0.0, 1.0, 1.0)),
    View("upper", (0.0, 0.0, 1.0, 0.68)),
    View("top", (0.0, 0.0, 1.0, 0.5)),
    View("lower", (0.0, 0.32, 1.0, 1.0)),
    View("centre", (0.1, 0.1, 0.9, 0.9)),
)
CENTRE_SHIFTS = (-0.055, -0.0275, 0.0, 0.0275, 0.055)  # a 10 % crop from one corner: 5.6 %
CENTRE_SCALES = (1.0, 1.055, 1.11)  # a crop of up to 10 % enlarges what is left by up to 1/0.9
STRIP_HEIGHTS = (0.95, 0.90, 0.85)  # the photo's share of a frame a strip was added to


@dataclass(frozen=True)
class WindowHash:
    view: str  # the stored view this window is compared with
    box: tuple[float, float, float, float]  # where it lies in the new photo
    coarse: int  # 32 bits, looked up by bands
    fine: int  # 63 bits, to rank candidates
    unsure: tuple[int, ...] = ()  # the coarse bits nearest their median, probed both ways


@dataclass(frozen=True)
class Fingerprint:
    """What is stored for each photo: its views' hashes (the band keys come from them)."""

    coarse: dict[str, int]
    fine: dict[str, int]

    def band_keys(self) -> list[str]:
        return sorted({key for view, value in self.coarse.items() for key in _bands(view, value)})

    def hex(self) -> dict[str, str]:
        return {f"{view}_phash": f"{value:016x}" for view, value in self.fine.items()}


def _bands(view: str, coarse: int) -> list[str]:
    return [f"{view}:{band}:{coarse & mask:08x}" for band, mask in enumerate(BAND_MASKS)]


def luma(rgb: NDArray[np.uint8], long_side: int) -> Gray:
    """Grey levels at `long_side` (area-averaged, so a resized copy hashes as its original)."""
    height, width = rgb.shape[:2]
    scale = long_side / max(height, width)
    size = (max(8, round(width * scale)), max(8, round(height * scale)))
    small = cv2.resize(rgb, size, interpolation=cv2.INTER_AREA if scale < 1 else cv2.INTER_LINEAR)
    return cv2.cvtColor(small, cv2.COLOR_RGB2GRAY).astype(np.float32)


def _window_hash(gray: Gray, box: tuple[float, float, float, float]) -> WindowHash:
    """pHash of one window: signs of its low DCT frequencies against their median. Only
    relative levels count, so a brightness or contrast change leaves it as it was."""
    height, width = gray.shape
    left, top = max(0, int(box[0] * width)), max(0, int(box[1] * height))
    right, bottom = min(width, int(box[2] * width)), min(height, int(box[3] * height))
    region = gray[top : max(bottom, top + 4), left : max(right, left + 4)]
    small = cv2.resize(region, (32, 32), interpolation=cv2.INTER_AREA)
    freq = dctn(small, norm="ortho")
    coarse = freq[:6, :6].flatten()[1:33]  # lowest 32 after the mean: survive small shifts
    fine = freq[:8, :8].flatten()[1:]
    margin = np.abs(coarse - np.median(coarse))
    unsure = tuple(
        int(16 * band + np.argsort(margin[16 * band : 16 * band + 16])[k])  # 2 per half
        for band in range(UNSURE_HALVES)
        for k in range(UNSURE_PER_BAND)
    )
    return WindowHash(
        "", box, _bits(coarse > np.median(coarse)), _bits(fine > np.median(fine)), unsure
    )


def _bits(flags: NDArray[np.bool_]) -> int:
    return int(sum(1 << i for i, flag in enumerate(flags) if flag))


def fingerprint(gray: Gray) -> Fingerprint:
    hashes = {view.name: _window_hash(gray, view.box) for view in STORED_VIEWS}
    return Fingerprint(
        coarse={name: h.coarse for name, h in hashes.items()},
        fine={name: h.fine for name, h in hashes.items()},
    )


def query_windows() -> list[tuple[str, tuple[float, float, float, float]]]:
    """Where an earlier photo's views would fall in a copy of it (see the module's doc)."""
    windows = [(view.name, view.box) for view in STORED_VIEWS]
    for scale in CENTRE_SCALES:
        half = 0.4 * scale
        for dx in CENTRE_SHIFTS:
            for dy in CENTRE_SHIFTS:
                if (scale, dx, dy) != (1.0, 0.0, 0.0):
                    windows.append(("centre", (0.5 + dx - half, 0.5 + dy - half,
                                               0.5 + dx + half, 0.5 + dy + half)))  # fmt: skip
    for share in STRIP_HEIGHTS:  # a strip added below (upper view) or above (lower view)
        windows.append(("upper", (0.0, 0.0, 1.0, 0.68 * share)))
        windows.append(("top", (0.0, 0.0, 1.0, 0.5 * share)))
        windows.append(("lower", (0.0, 1.0 - 0.68 * share, 1.0, 1.0)))
    return windows


QUERY_WINDOWS = query_windows()


def probe(gray: Gray) -> list[WindowHash]:
    return [replace(_window_hash(gray, box), view=view) for view, box in QUERY_WINDOWS]


def probe_keys(windows: list[WindowHash]) -> list[str]:
    """Every window's bands; those of the few strip and whole-frame windows also with their
    least sure bits flipped (a strip moves the median a little, and a bit near it flips)."""
    keys: set[str] = set()
    for w in windows:
        keys.update(_bands(w.view, w.coarse))
        if w.view == "centre":
            continue  # already probed densely by the grid of shifts and scales
        for flips in _flip_sets(w.unsure):
            keys.update(_bands(w.view, w.coarse ^ flips))
    return sorted(keys)


def _flip_sets(unsure: tuple[int, ...]) -> list[int]:
    masks = [1 << bit for bit in unsure]
    return [a | b for i, a in enumerate(masks) for b in masks[i:]]


def closest(windows: list[WindowHash], stored_fine: dict[str, int]) -> tuple[int, WindowHash]:
    """The fewest differing fine bits between a window and the stored view it stands for,
    and that window (it tells how the earlier photo maps onto the new one)."""
    scored = [((w.fine ^ stored_fine[w.view]).bit_count(), w) for w in windows]
    return min(scored, key=lambda pair: pair[0])


def textbook_distance(a: Gray, b: Gray) -> int:
    """The textbook rule's figure: one pHash of the whole frame, in bits of 63."""
    return (_window_hash(a, (0, 0, 1, 1)).fine ^ _window_hash(b, (0, 0, 1, 1)).fine).bit_count()


# --- stage 2: verification on the pixels ------------------------------------------------------

MIN_INLIERS = 15  # keypoint pairs that one scale-and-shift explains
MAX_TURN_DEG = 0.5  # a copy is not turned; a hand-held new shot nearly always is, a little
MAX_RESIDUAL_PX = 1.2  # median misfit of a scale-and-shift at VERIFY_SIDE
MIN_AGREEMENT = 0.64  # share of textured tiles whose fine detail agrees once aligned (ADR 028)
TILE_NCC = 0.5
GRID = 8
DENSE_SCALE_STEPS = tuple(k * 0.006 for k in range(-5, 6))
MIN_DENSE_AGREEMENT = 0.6


@dataclass(frozen=True)
class Verdict:
    copy: bool
    inliers: int = 0
    turn_deg: float = 0.0
    residual_px: float = 0.0
    agreement: float = 0.0
    bend_px: float = 0.0  # how far a perspective fit moves the frame's corners from the shift

    def describe(self) -> str:
        return (
            f"{self.inliers} 个特征点对齐(旋转 {self.turn_deg:.2f}°,残差 {self.residual_px:.2f} 像素),"
            f"{self.agreement:.0%} 的纹理区域与之前的照片一致"
        )


def _equalised(gray: Gray) -> NDArray[np.uint8]:
    clahe = cv2.createCLAHE(clipLimit=2.0, tileGridSize=(8, 8))
    return clahe.apply(gray.clip(0, 255).astype(np.uint8))


def _keypoint_pairs(query: Gray, earlier: Gray) -> tuple[NDArray, NDArray] | None:
    orb = cv2.ORB_create(nfeatures=1500, fastThreshold=10)
    kq, dq = orb.detectAndCompute(_equalised(query), None)
    ke, de = orb.detectAndCompute(_equalised(earlier), None)
    if dq is None or de is None or len(kq) < MIN_INLIERS or len(ke) < MIN_INLIERS:
        return None
    pairs = cv2.BFMatcher(cv2.NORM_HAMMING).knnMatch(de, dq, k=2)
    good = [p[0] for p in pairs if len(p) == 2 and p[0].distance < 0.8 * p[1].distance]
    if len(good) < MIN_INLIERS:
        return None
    src = np.float32([ke[m.queryIdx].pt for m in good])
    dst = np.float32([kq[m.trainIdx].pt for m in good])
    return src, dst


def _scale_and_shift(src: NDArray, dst: NDArray) -> tuple[float, float, float, float]:
    """Least squares of dst = s * src + t; (s, tx, ty, median misfit in pixels)."""
    mean_s, mean_d = src.mean(axis=0), dst.mean(axis=0)
    a, b = src - mean_s, dst - mean_d
    s = float((a * b).sum() / max((a * a).sum(), 1e-9))
    t = mean_d - s * mean_s
    misfit = np.linalg.norm(dst - (s * src + t), axis=1)
    return s, float(t[0]), float(t[1]), float(np.median(misfit))


def _band_pass(gray: Gray) -> Gray:
    return cv2.GaussianBlur(gray, (0, 0), 1.0) - cv2.GaussianBlur(gray, (0, 0), 3.0)


def tile_agreement(query: Gray, earlier: Gray, s: float, tx: float, ty: float) -> float:
    """Warp the earlier photo onto the new one's frame by the scale and shift, and count the
    tiles whose fine detail (a band-pass) correlates: a strip, a passer-by or the light of
    another hour change some tiles; a copy keeps most of them. (Leaving out rows of tiles a
    strip seems to cover raised new shots' agreement more than copies': measured, ADR 028.)"""
    height, width = query.shape
    warp = np.float32([[s, 0, tx], [0, s, ty]])
    moved = cv2.warpAffine(_band_pass(earlier), warp, (width, height), flags=cv2.INTER_LINEAR)
    inside = cv2.warpAffine(np.ones_like(earlier), warp, (width, height)) > 0.99
    mine = _band_pass(query)
    agree = textured = 0
    for rows in np.array_split(np.arange(height), GRID):
        for cols in np.array_split(np.arange(width), GRID):
            block = np.ix_(rows, cols)
            if inside[block].mean() < 0.9:
                continue
            a, b = mine[block].ravel(), moved[block].ravel()
            if a.std() < 1.0 or b.std() < 1.0:
                continue  # flat: no fine detail to compare
            textured += 1
            agree += float(np.corrcoef(a, b)[0, 1]) >= TILE_NCC
    return agree / textured if textured else 0.0


Placement = tuple[float, float, float]  # s, tx, ty: earlier pixel p lands at s * p + t


def placement_of(
    window: WindowHash, query_shape: tuple[int, ...], earlier_shape: tuple[int, ...]
) -> Placement:
    """Where the closest window says the earlier photo lies in the new one."""
    view = next(v.box for v in STORED_VIEWS if v.name == window.view)
    (hq, wq), (he, we), box = query_shape[:2], earlier_shape[:2], window.box
    sx = (box[2] - box[0]) * wq / ((view[2] - view[0]) * we)
    sy = (box[3] - box[1]) * hq / ((view[3] - view[1]) * he)
    s = (sx + sy) / 2
    return s, box[0] * wq - s * view[0] * we, box[1] * hq - s * view[1] * he


def _dense_agreement(query: Gray, earlier: Gray, start: Placement) -> tuple[float, Placement]:
    """For photos with too few corners for keypoints (a silhouette, a smooth poster): search
    scales near the window's estimate, each shift found by phase correlation."""
    mine, detail = _band_pass(query), _band_pass(earlier)
    height, width = query.shape
    best: tuple[float, Placement] = (0.0, start)
    for step in DENSE_SCALE_STEPS:
        s = start[0] * (1 + step)
        # rescaled about the earlier photo's centre, where the estimate put it
        tx = start[1] + (start[0] - s) * earlier.shape[1] / 2
        ty = start[2] + (start[0] - s) * earlier.shape[0] / 2
        warp = np.float32([[s, 0, tx], [0, s, ty]])
        moved = cv2.warpAffine(detail, warp, (width, height))
        (dx, dy), _ = cv2.phaseCorrelate(moved.astype(np.float64), mine.astype(np.float64))
        for sign in (1, -1):
            placement = (s, tx + sign * dx, ty + sign * dy)
            score = tile_agreement(query, earlier, *placement)
            if score > best[0]:
                best = (score, placement)
    return best


def _bend(src: NDArray, dst: NDArray, placement: Placement, shape: tuple[int, ...]) -> float:
    """A copy's keypoints fit a perspective no better than a scale and shift; a new shot's
    (another standpoint) bend it: the largest gap between the two at the frame's corners."""
    homography, _ = cv2.findHomography(src, dst, cv2.RANSAC, 2.0)
    if homography is None:
        return 0.0
    s, tx, ty = placement
    height, width = shape[:2]
    earlier_corners = np.float32([[0, 0], [width, 0], [width, height], [0, height]]) - [tx, ty]
    earlier_corners = (earlier_corners / s).reshape(-1, 1, 2)
    bent = cv2.perspectiveTransform(earlier_corners, homography).reshape(-1, 2)
    straight = earlier_corners.reshape(-1, 2) * s + [tx, ty]
    return float(np.linalg.norm(bent - straight, axis=1).max())


def verify(query: Gray, earlier: Gray, hint: Placement | None = None) -> Verdict:
    """Is `query` a copy of `earlier`? Both at VERIFY_SIDE (see `luma`); `hint` is where the
    closest hash window placed the earlier photo, used when keypoints are too few."""
    pairs = _keypoint_pairs(query, earlier)
    if pairs is None:
        return _verify_dense(query, earlier, hint)
    src, dst = pairs
    model, mask = cv2.estimateAffinePartial2D(
        src, dst, method=cv2.RANSAC, ransacReprojThreshold=2.0, maxIters=4000, confidence=0.995
    )
    if model is None or mask is None or int(mask.sum()) < MIN_INLIERS:
        return _verify_dense(query, earlier, hint)
    keep = mask.ravel().astype(bool)
    turn = float(np.degrees(np.arctan2(model[1, 0], model[0, 0])))
    s, tx, ty, residual = _scale_and_shift(src[keep], dst[keep])
    bend = _bend(src[keep], dst[keep], (s, tx, ty), query.shape)
    verdict = Verdict(False, int(keep.sum()), turn, residual, bend_px=bend)
    if abs(turn) > MAX_TURN_DEG or residual > MAX_RESIDUAL_PX:
        return verdict
    agreement = tile_agreement(query, earlier, s, tx, ty)
    return Verdict(agreement >= MIN_AGREEMENT, int(keep.sum()), turn, residual, agreement, bend)


def _verify_dense(query: Gray, earlier: Gray, hint: Placement | None) -> Verdict:
    if hint is None:
        return Verdict(False)
    agreement, _ = _dense_agreement(query, earlier, hint)
    return Verdict(agreement >= MIN_DENSE_AGREEMENT, agreement=agreement)


# --- what the index keeps per photo ----------------------------------------------------------


@dataclass(frozen=True)
class HashedPhoto:
    """One photo's entry in the reuse index: who took it, where its bytes are, its hashes."""

    tenant_id: str
    earlier: EarlierPhoto
    object_key: str
    fine: dict[str, int]
    band_keys: tuple[str, ...]
    indexed_at: datetime | None = None  # when the index first took it (the server's clock)


def indexed_earlier(hit: HashedPhoto, own: HashedPhoto) -> bool:
    """Is `hit` an earlier photo than `own`? Stored no later, or indexed before it. Each photo
    is indexed before its lookup, so of two uploads of one photo analysed at once the one
    indexed second sees the first and is flagged: the stored times alone let both miss (the
    earlier-stored one's lookup may run after the other's, which skipped it as unindexed)."""
    theirs, mine = hit.earlier, own.earlier
    if theirs.stored_at is None or mine.stored_at is None or theirs.stored_at <= mine.stored_at:
        return True
    if hit.indexed_at is None or own.indexed_at is None:
        return False
    return (hit.indexed_at, theirs.photo_id) < (own.indexed_at, mine.photo_id)
