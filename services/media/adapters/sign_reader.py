"""Reads the text of a storefront sign with RapidOCR (`rapidocr==3.10.0`, PP-OCRv6 models
shipped inside its wheel and loaded from site-packages; nothing is fetched at run time; it
uses the headless OpenCV the reused-photo check uses too. ADR 019)."""

from __future__ import annotations

import logging
import math
from typing import Any

import numpy as np

from services.media.application.ports import Picture
from services.media.domain.storefront import SignLine

log = logging.getLogger(__name__)

# Signs are large: reading a 1280-pixel copy is as good as the full frame and 2-4x faster.
READ_SIDE = 1280


class RapidSignReader:
    def __init__(self) -> None:
        # Loaded on first use (about 2 s): a service that never sees a storefront never pays.
        # Analyses run one at a time per process, so no two threads construct it at once.
        self._engine: Any = None

    def _ocr(self) -> Any:
        if self._engine is None:
            from rapidocr import RapidOCR  # heavy import, kept off start-up

            self._engine = RapidOCR(params={"Global.log_level": "warning"})
        return self._engine

    def read(self, picture: Picture) -> list[SignLine]:
        rgb = _downscaled(picture.rgb_array())
        result = self._ocr()(np.ascontiguousarray(rgb[:, :, ::-1]))  # OpenCV order: BGR
        texts = result.txts or ()
        scores = result.scores or ()
        boxes = result.boxes if result.boxes is not None else ()
        return [
            SignLine(text=text, confidence=float(score), height=_height(box))
            for text, score, box in zip(texts, scores, boxes, strict=False)
        ]


def _downscaled(rgb: Any) -> Any:
    height, width = rgb.shape[:2]
    scale = READ_SIDE / max(height, width)
    if scale >= 1:
        return rgb
    import cv2

    return cv2.resize(rgb, (int(width * scale), int(height * scale)), interpolation=cv2.INTER_AREA)


def _height(box: Any) -> float:
    # Four corners clockwise from top-left: the left edge's length is the text's height.
    (x0, y0), _, _, (x3, y3) = box
    return math.hypot(x3 - x0, y3 - y0)
