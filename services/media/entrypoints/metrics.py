"""Media's business metrics (issue 9): photos analysed, flagged by reason, analysis latency.
Every label value is created at start-up, so an alert can tell zero from missing."""

from __future__ import annotations

from prometheus_client import Counter, Histogram

from services.media.application.analysis import Analysed
from services.media.domain.flags import FlagReason
from services.media.domain.model import PhotoKind

STATUSES = ("done", "retry", "failed", "lost")
PHOTOS_ANALYSED = Counter(
    "sales_photos_analysed_total",
    "Photo analyses finished, by photo kind and status (done, retry, failed, lost claim)",
    ["kind", "status"],
)
PHOTOS_FLAGGED = Counter(
    "sales_photos_flagged_total", "photo.flagged events emitted, by reason", ["reason"]
)
ANALYSIS_LATENCY = Histogram(
    "sales_photo_analysis_seconds",
    "From a photo stored to its analysis committed",
    buckets=(0.25, 0.5, 1, 2, 5, 10, 30, 60, 300),
)


def initialise() -> None:
    for kind in [*PhotoKind, ""]:
        for status in STATUSES:
            PHOTOS_ANALYSED.labels(str(kind), status)
    for reason in FlagReason:
        PHOTOS_FLAGGED.labels(reason.value)


def observe(result: Analysed) -> None:
    PHOTOS_ANALYSED.labels(result.kind, result.status).inc()
    if result.analysis is None:
        return
    ANALYSIS_LATENCY.observe(result.analysis.seconds)
    for flag in result.analysis.flags:
        PHOTOS_FLAGGED.labels(flag.reason.value).inc()
