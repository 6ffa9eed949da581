"""Photo upload through the gateway, and its analysis (SPEC M1-M4, issue 9): a rep streams
2 MB JPEGs with EXIF in 64 KB chunks; each is acknowledged once stored (sniffed, decode-checked,
hashed, in S3, metadata and event committed), then analysed off that path (EXIF checks,
watermark, thumbnail, perceptual hashes, and for storefronts OCR against nearby stores).

Printed: upload p50/p95/p99 (the rep's wait), stored -> analysed (server side, from the event),
and upload start -> photo.analyzed seen by a subscriber, per photo kind. Photos are paced
(--interval) so the figures are latency, not a queue: the analysis of one photo ends before
the next arrives in the normal case.
"""

from __future__ import annotations

import argparse
import io
import time
import uuid
from datetime import UTC, datetime

import numpy as np
import pika
from PIL import Image

from bench.common import QUIET, percentiles, progress, report
from devstack import infra, photo_samples
from devstack.frontend import CHUNK, Frontend
from devstack.platform import Platform
from devstack.probes import wait_until
from devstack.sandbox import CONSUMER_QUEUES, consuming, sandbox
from sales.common.v1 import org_pb2
from sales.common.v1 import types_pb2 as t
from sales.events.v1 import media_events_pb2
from sales.media.v1 import media_pb2 as m
from services.common import envelope as envelopes

HERE = t.GeoPoint(latitude=30.25912, longitude=120.13021, datum=t.DATUM_GCJ02, accuracy_m=30)


def photo_bytes(kind: int, i: int, now: datetime) -> bytes:
    exif = photo_samples.exif_block(30.2614, 120.1254, now)  # WGS-84, at the store
    if kind == m.PHOTO_KIND_STOREFRONT:
        base = photo_samples.storefront(f"好又多便利店{i % 10}", seed=i, size=(2560, 1920))
        # Sensor grain, so a storefront weighs what a phone's does (about 2 MB).
        pixels = np.asarray(Image.open(io.BytesIO(base)), dtype=np.int16)
        grain = np.random.default_rng(i).normal(0, 14, pixels.shape).astype(np.int16)
        grainy = Image.fromarray((pixels + grain).clip(0, 255).astype(np.uint8))
        return photo_samples.jpeg(grainy, quality=90, exif=exif)
    return photo_samples.photo_of_size(2_000_000, seed=i, exif=exif)


def upload(rep: Frontend, rep_id: str, data: bytes, kind: int, now: datetime) -> tuple[str, float]:
    meta = m.PhotoMeta(
        photo_id=str(uuid.uuid4()), rep_id=rep_id, visit_id=str(uuid.uuid4()), kind=kind,
        device_location=HERE, filename="photo.jpg",
    )  # fmt: skip
    meta.taken_at.FromDatetime(now)

    def parts():
        yield m.UploadPhotoRequest(meta=meta)
        for start in range(0, len(data), CHUNK):
            yield m.UploadPhotoRequest(chunk=data[start : start + CHUNK])

    started = time.perf_counter()
    rep.stub.UploadPhoto(parts(), metadata=rep.metadata, timeout=60)
    return meta.photo_id, started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--photos", type=int, default=30, help="per kind")
    parser.add_argument("--interval", type=float, default=1.5, help="seconds between uploads")
    args = parser.parse_args()
    infra.up()
    tenant = f"mup-{datetime.now().strftime('%H%M%S')}"
    with sandbox("benchmedia") as isolated, Platform(isolated | QUIET) as platform:
        platform.start(quiet=True)
        if not wait_until(lambda: consuming(isolated["SALES_AMQP_URI"], CONSUMER_QUEUES), 60):
            raise SystemExit(f"event consumers not ready: {CONSUMER_QUEUES}")
        admin = Frontend(platform.gateway_target, tenant, "admin", ["admin"])
        admin.upsert_person(
            org_pb2.Person(
                person_id="rep-bench", name="压测业务员", roles=[t.ROLE_REP],
                status=t.PERSON_STATUS_ACTIVE, region_codes=["330106"],
                customer_types=[t.CUSTOMER_TYPE_CONVENIENCE], capacity=5,
                wecom_userid=f"wx-{tenant}-rep",
            )
        )  # fmt: skip
        rep = Frontend(platform.gateway_target, tenant, "rep-bench", ["rep"])
        tap = _tap(isolated["SALES_AMQP_URI"])
        figures: dict[str, object] = {}
        for kind, label in ((m.PHOTO_KIND_SHELF, "shelf"), (m.PHOTO_KIND_STOREFRONT, "storefront")):
            figures[label] = run_kind(rep, tap, kind, label, args)
        report("media_upload", {"photos_per_kind": args.photos, "interval_s": args.interval,
                                "chunk_bytes": CHUNK, **figures})  # fmt: skip


def run_kind(rep: Frontend, tap, kind: int, label: str, args) -> dict[str, object]:
    # Made before the clock starts: rendering a photo here must not compete with the analysis
    # being measured.
    now = datetime.now(UTC)
    photos = [photo_bytes(kind, i, now) for i in range(args.photos)]
    upload_ms: list[float] = []
    started_at: dict[str, float] = {}
    for i, data in enumerate(photos):
        photo_id, started = upload(rep, "rep-bench", data, kind, datetime.now(UTC))
        upload_ms.append((time.perf_counter() - started) * 1000)
        started_at[photo_id] = started
        progress(f"{label} photos uploaded", i + 1, args.photos)
        time.sleep(max(0.0, args.interval - (time.perf_counter() - started)))
    analysed = collect(tap, set(started_at), timeout_s=120 + args.photos * 5)
    server = [seconds * 1000 for seconds, _ in analysed.values()]
    end_to_end = [(seen - started_at[p]) * 1000 for p, (_, seen) in analysed.items()]
    return {
        "mean_photo_bytes": int(sum(map(len, photos)) / len(photos)),
        "upload_through_gateway": percentiles(upload_ms),
        "stored_to_analysed": percentiles(server) if server else {},
        "upload_start_to_photo_analyzed": percentiles(end_to_end) if end_to_end else {},
        "analysed": len(analysed),
    }


def _tap(amqp_uri: str):
    # No heartbeats: this connection sits idle while photos upload, and a blocking connection
    # that is not polled would be dropped by the broker.
    connection = pika.BlockingConnection(pika.URLParameters(f"{amqp_uri}?heartbeat=0"))
    channel = connection.channel()
    queue = channel.queue_declare("", exclusive=True).method.queue
    channel.queue_bind(queue, envelopes.EXCHANGE, routing_key="photo.analyzed")
    return channel, queue


def collect(tap, photo_ids: set[str], timeout_s: float) -> dict[str, tuple[float, float]]:
    """photo_id -> (analysis_seconds reported by media, perf_counter when seen here)."""
    channel, queue = tap
    seen: dict[str, tuple[float, float]] = {}
    deadline = time.monotonic() + timeout_s
    while photo_ids - set(seen) and time.monotonic() < deadline:
        method, _, body = channel.basic_get(queue, auto_ack=True)
        if method is None:
            time.sleep(0.01)
            continue
        payload = envelopes.unpack(envelopes.from_json(body), media_events_pb2.PhotoAnalyzed)
        if payload.photo_id in photo_ids:
            seen[payload.photo_id] = (payload.analysis_seconds, time.perf_counter())
    return seen


if __name__ == "__main__":
    main()
