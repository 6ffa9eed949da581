"""ADR 048: the embedded server's transactions side by side, as released and with the reaper
that skips busy transactions (devstack/secantus_server.py). Each variant gets a fresh
private server and the same load for the same time: `--big` clients commit transactions
that insert `--docs` documents (an import's shape), `--small` clients commit transactions
that update one document (a claim, a consumer's inbox row). Reports each kind's p50/p95/p99
and throughput, and the patched variant's ratio to the released one.

    python -m bench.secantus_transactions --seconds 20
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import threading
import time
import uuid

import pymongo

from bench.common import percentiles, report

PORT = 27191
VARIANTS = {"released": ["-m", "secantus"], "patched": ["-m", "devstack.secantus_server"]}


def server(variant: str, storage: str) -> subprocess.Popen:
    args = [sys.executable, *VARIANTS[variant], "--host", "127.0.0.1", "--port", str(PORT)]
    return subprocess.Popen([*args, "--storage-path", storage], stdout=subprocess.DEVNULL)


def client() -> pymongo.MongoClient:
    return pymongo.MongoClient(f"mongodb://127.0.0.1:{PORT}/?retryWrites=false")


def big_transaction(db, docs: int) -> None:
    rows = [{"_id": uuid.uuid4().hex, "body": "x" * 800, "n": i} for i in range(docs)]
    with db.client.start_session() as session, session.start_transaction():
        db.cards.insert_many(rows, session=session)


def small_transaction(db, key: int) -> None:
    with db.client.start_session() as session, session.start_transaction():
        db.claims.update_one({"_id": key}, {"$inc": {"n": 1}}, upsert=True, session=session)


def run(variant: str, args: argparse.Namespace) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as storage:
        process = server(variant, storage)
        try:
            connection = client()
            connection.admin.command("ping")  # waits for the server to listen
            db = connection.bench
            db.cards.insert_one({"_id": "warm"})  # both collections exist before the clock
            db.claims.insert_one({"_id": -1})
            timings: dict[str, list[float]] = {"big": [], "small": []}
            stop = time.monotonic() + args.seconds

            def loop(kind: str, n: int) -> None:
                while time.monotonic() < stop:
                    started = time.perf_counter()
                    if kind == "big":
                        big_transaction(db, args.docs)
                    else:
                        small_transaction(db, n)
                    timings[kind].append((time.perf_counter() - started) * 1000)

            threads = [threading.Thread(target=loop, args=("big", i)) for i in range(args.big)]
            threads += [threading.Thread(target=loop, args=("small", i)) for i in range(args.small)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            connection.close()
        finally:
            process.terminate()
            process.wait(30)
    return {
        kind: {**percentiles(ms), "per_s": round(len(ms) / args.seconds, 1)}
        for kind, ms in timings.items()
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--big", type=int, default=2)
    parser.add_argument("--small", type=int, default=4)
    parser.add_argument("--docs", type=int, default=500)
    args = parser.parse_args()
    results = {}
    for variant in VARIANTS:
        print(f"  {variant}: {args.seconds:.0f} s ...", file=sys.stderr, flush=True)
        results[variant] = run(variant, args)
    before, after = results["released"], results["patched"]
    report("secantus_transactions", {
        **results, "load": {"big_clients": args.big, "docs_a_big": args.docs,
                            "small_clients": args.small, "seconds": args.seconds},
        "patched_vs_released": {
            kind: {"p95": round(after[kind]["p95_ms"] / before[kind]["p95_ms"], 2),
                   "per_s": round(after[kind]["per_s"] / max(before[kind]["per_s"], 0.1), 2)}
            for kind in ("big", "small")
        },
    })  # fmt: skip


if __name__ == "__main__":
    main()
