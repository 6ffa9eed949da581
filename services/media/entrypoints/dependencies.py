"""nameko dependency giving media's workers the photo store, the image tools and the limits.

Decoding, rendering and OCR are CPU work in C libraries (Pillow, onnxruntime) that release the
GIL; run on the eventlet hub they would stall every other call of the process for as long as
they take (a 2 MB photo's decode check, an OCR of 0.5-1 s). So they run in eventlet's pool of
native threads (tpool), and the hub keeps answering uploads meanwhile.
"""

from __future__ import annotations

import logging
import os
import uuid
from dataclasses import dataclass

from eventlet import tpool
from nameko.extensions import DependencyProvider

from services.common.config import Settings
from services.common.errors import Unavailable
from services.media.adapters.fonts import find_cjk_font
from services.media.adapters.pillow_images import PillowImages
from services.media.adapters.s3_store import S3PhotoStore
from services.media.adapters.sign_reader import RapidSignReader
from services.media.application.analysis_steps import AnalysisTools
from services.media.application.ports import ImageDecoder
from services.media.application.reuse_check import BandedReuseCheck
from services.media.domain.rules import DEFAULT_MAX_BYTES

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class MediaStorage:
    store: S3PhotoStore
    images: ImageDecoder
    tools: AnalysisTools
    max_bytes: int
    replica: str  # names this process's claims on analysis jobs


def max_upload_bytes() -> int:
    """SALES_MEDIA_MAX_BYTES, default 10 MiB."""
    value = int(os.environ.get("SALES_MEDIA_MAX_BYTES", str(DEFAULT_MAX_BYTES)))
    if value <= 0:
        raise ValueError("SALES_MEDIA_MAX_BYTES must be a positive number of bytes")
    return value


def _in_threads(target: object) -> object:
    """Every method call (and every picture `open` returns) runs in a native thread."""
    return tpool.Proxy(target, autowrap_names=("open",))


class PhotoStorage(DependencyProvider):
    """Connects to S3 and makes sure the bucket exists before the service accepts calls; finds
    the CJK watermark font (start-up fails with a clear message if it is missing)."""

    def setup(self) -> None:
        store = S3PhotoStore.from_settings(Settings("media"))
        try:
            store.ensure_bucket()
        except Unavailable:
            # Start anyway: uploads answer UNAVAILABLE until the store is back, and the first
            # put after that creates the bucket if it is still missing.
            log.warning("object storage unreachable at start-up; serving without it")
        images = _in_threads(PillowImages(find_cjk_font()))
        self.storage = MediaStorage(
            store=store,
            images=images,  # type: ignore[arg-type]
            tools=AnalysisTools(
                store=store,
                signs=_in_threads(RapidSignReader()),  # type: ignore[arg-type]
                # I/O (index, object store) on the hub; hashing and keypoints in tpool
                reuse=BandedReuseCheck(store, images, cpu=tpool.execute),  # type: ignore[arg-type]
            ),
            max_bytes=max_upload_bytes(),
            replica=f"{os.uname().nodename}:{os.getpid()}:{uuid.uuid4().hex[:8]}",
        )

    def get_dependency(self, worker_ctx) -> MediaStorage:
        return self.storage
