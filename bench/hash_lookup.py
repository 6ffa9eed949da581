"""The reuse index's lookup (SPEC M3, issue 9): one photo checked against 100,000 and
1,000,000 stored photos in MongoDB (photo_hashes, multikey index on (tenant_id, bands)), as
the analysis does it: every query window's band keys in one $in, then the hits ranked by their
fine hashes. The pixel verification of the best few is timed by bench/photo_reuse.py.

Stored entries are real fingerprints' shapes with random hash values (a 16-bit band then hits
1/65,536 of them: natural photos cluster more, which the candidate cap bounds). One real
photo's entry is among them, so the lookup must find it. Bulk inserts in a sandbox database,
dropped afterwards. --sizes picks the sizes; a size that would not finish in --budget-s is
measured at the largest size that did and reported as projected, not measured.
"""

from __future__ import annotations

import argparse
import io
import random
import time
from datetime import UTC, datetime

import numpy as np
import pymongo
from PIL import Image

from bench.common import percentiles, report
from devstack import reuse_samples as samples
from services.common.config import Settings
from services.common.mongo import ensure_indexes
from services.media.adapters import documents as docs
from services.media.adapters.repository import INDEXES, MongoPhotoRepository
from services.media.application.reuse_check import MAX_CANDIDATES
from services.media.domain import reuse
from services.media.domain.flags import EarlierPhoto
from services.media.domain.reuse import HashedPhoto

TENANT = "t-bench"
BATCH = 1_000  # small batches: the shared embedded server serves others between them


def random_entry(rng: random.Random, i: int) -> dict:
    coarse = {view.name: rng.getrandbits(32) for view in reuse.STORED_VIEWS}
    fine = {view.name: rng.getrandbits(63) for view in reuse.STORED_VIEWS}
    fp = reuse.Fingerprint(coarse, fine)
    entry = HashedPhoto(
        TENANT,
        EarlierPhoto(
            f"p{i:07d}", f"v{i // 3:07d}", f"rep{i % 500}", datetime(2026, 1, 1, tzinfo=UTC)
        ),
        f"{TENANT}/p{i:07d}.jpg",
        fine,
        tuple(fp.band_keys()),
    )
    return docs.hashed_to_doc(entry)


def fill(db, start: int, stop: int, rng: random.Random) -> float:
    began = time.perf_counter()
    for first in range(start, stop, BATCH):
        batch = [random_entry(rng, i) for i in range(first, min(stop, first + BATCH))]
        db["photo_hashes"].insert_many(batch, ordered=False)
    return time.perf_counter() - began


def real_pair() -> tuple[HashedPhoto, list[reuse.WindowHash]]:
    image = samples.real_photo("coffee")
    original = np.asarray(image)
    copy = np.asarray(Image.open(io.BytesIO(samples.crop(image, random.Random(1)))).convert("RGB"))
    fp = reuse.fingerprint(reuse.luma(original, reuse.HASH_SIDE))
    entry = HashedPhoto(
        TENANT,
        EarlierPhoto("p-real", "v-real", "rep-real", datetime(2026, 1, 1, tzinfo=UTC)),
        "real.jpg",
        dict(fp.fine),
        tuple(fp.band_keys()),
    )
    return entry, reuse.probe(reuse.luma(copy, reuse.HASH_SIDE))


def time_lookups(repo: MongoPhotoRepository, windows, rounds: int) -> dict:
    keys = reuse.probe_keys(windows)
    samples_ms, hits, found = [], 0, False
    for _ in range(rounds):
        began = time.perf_counter()
        rows = repo.sharing_bands(TENANT, keys, MAX_CANDIDATES)
        ranked = sorted(rows, key=lambda row: reuse.closest(windows, row.fine)[0])
        samples_ms.append((time.perf_counter() - began) * 1000)
        hits = len(rows)
        found = bool(ranked) and ranked[0].earlier.photo_id == "p-real"
    return {**percentiles(samples_ms), "keys": len(keys), "hits": hits, "found_the_copy": found}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--budget-s", type=float, default=1500)
    args = parser.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(","))
    client = pymongo.MongoClient(Settings("sandbox").mongo_uri, tz_aware=True)
    name = f"bench_hash_lookup_{int(time.time())}"
    db = client[name]
    try:
        figures = run(db, sizes, args)
    finally:
        client.drop_database(name)
    report("hash_lookup", figures)


def run(db, sizes: list[int], args) -> dict:
    ensure_indexes(db, INDEXES)
    repo = MongoPhotoRepository(db, None)
    entry, windows = real_pair()
    repo.add_hashes(entry)
    rng, stored, insert_s = random.Random(28), 0, 0.0
    results: dict[str, object] = {}
    for size in sizes:
        per_doc = insert_s / stored if stored else 0.0
        if stored and per_doc * (size - stored) > args.budget_s - insert_s:
            results[str(size)] = {
                "measured": False,
                "projected_insert_s": round(per_doc * size, 1),
                "note": "insert would exceed the time budget on this server; see the ADR",
            }
            continue
        insert_s += fill(db, stored, size, rng)
        stored = size
        results[str(size)] = {
            "measured": True,
            "insert_s_cumulative": round(insert_s, 1),
            "inserts_per_s": round(stored / insert_s),
            "lookup": time_lookups(repo, windows, args.rounds),
        }
        print(f"  {size}: {results[str(size)]}", flush=True)
    return {"sizes": results, "band_keys_per_photo": len(entry.band_keys)}


if __name__ == "__main__":
    main()
