"""SubmitVisit through the gateway, every service running (SPEC Numbers: p95 < 200 ms for a
card without photos).

- "without photos": the card names a photo uploaded beforehand, so only the submit is
  timed (it still asks media whether the photo is the rep's, ADR 026);
- "with photos": three 2 MB photos uploaded through UploadPhoto, then the card: the whole
  of what a phone does for one visit.

Closed loop, one phone at a time:

    python -m bench.visit_submit --cards 200 --with-photos 30
"""

from __future__ import annotations

import argparse
import os
import time

import grpc

from bench.common import percentiles, progress, report
from bench.visit_cards import REP, jpeg_of_size, new_id, running_platform
from sales.media.v1 import media_pb2 as m

TARGET_P95_MS = 200.0
PHOTO_BYTES = 2 * 1024 * 1024
KINDS = (m.PHOTO_KIND_STOREFRONT, m.PHOTO_KIND_SHELF, m.PHOTO_KIND_MEETING)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cards", type=int, default=200)
    parser.add_argument("--with-photos", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=10)
    args = parser.parse_args()

    with running_platform("submit") as bench:
        photo = bench.rep.upload_photo(jpeg_of_size(200_000), REP, "bench")
        plain: list[float] = []
        refused: dict[str, int] = {}
        for i in range(args.warmup + args.cards):
            card = bench.card([photo.photo_id])
            started = time.perf_counter()
            try:
                bench.rep.submit_visit(card)
            except grpc.RpcError as error:  # a platform that cannot keep up: count it
                refused[error.code().name] = refused.get(error.code().name, 0) + 1
                continue
            if i >= args.warmup:
                plain.append((time.perf_counter() - started) * 1000)
                progress("cards without photos", len(plain), args.cards)
        plain_seconds = sum(plain) / 1000

        photos = [jpeg_of_size(PHOTO_BYTES) for _ in KINDS]
        with_photos: list[float] = []
        uploads: list[float] = []
        for _ in range(args.with_photos):
            visit_id = new_id()
            started = time.perf_counter()
            ids = [
                bench.rep.upload_photo(data, REP, visit_id, kind=kind).photo_id
                for data, kind in zip(photos, KINDS, strict=True)
            ]
            uploaded = time.perf_counter()
            bench.rep.submit_visit(bench.card(ids, visit_id))
            with_photos.append((time.perf_counter() - started) * 1000)
            uploads.append((uploaded - started) * 1000)
            progress("cards with 3 x 2 MB photos", len(with_photos), args.with_photos)

    figures = percentiles(plain)
    report(
        "visit_submit",
        {
            "without_photos": {
                **figures,
                "throughput_per_s": round(len(plain) / plain_seconds, 1),
                "target_p95_ms": TARGET_P95_MS,
                "p95_vs_target": round(figures["p95_ms"] / TARGET_P95_MS, 3),
                "refused": refused,
            },
            "with_3x2mb_photos_upload_and_submit": {
                **percentiles(with_photos),
                "upload_of_three": percentiles(uploads),
                "photo_bytes": [len(p) for p in photos],
            },
            "note": "closed loop, one phone; every service of the platform on this machine",
            "load_average_1m_at_end": round(os.getloadavg()[0], 1),
        },
    )


if __name__ == "__main__":
    main()
