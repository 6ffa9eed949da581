"""G3: a phone's 50-card offline batch through the gateway's SyncOfflineBatch, every service
running: the first sync (every card applied) and a replay (every card already applied,
nothing written).

    python -m bench.offline_batch --batches 5 --cards 50
"""

from __future__ import annotations

import argparse
import os
import time

from bench.common import percentiles, progress, report
from bench.visit_cards import REP, jpeg_of_size, running_platform
from sales.visits.v1 import batches_pb2 as vb


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--batches", type=int, default=5)
    parser.add_argument("--cards", type=int, default=50)
    args = parser.parse_args()

    with running_platform("batch") as bench:
        photo = bench.rep.upload_photo(jpeg_of_size(200_000), REP, "bench")
        first: list[float] = []
        replay: list[float] = []
        outcomes: dict[str, int] = {}
        for b in range(args.batches):
            items = [vb.BatchItem(card=bench.card([photo.photo_id])) for _ in range(args.cards)]
            for samples in (first, replay):  # the first sync, then the phone's replay of it
                started = time.perf_counter()
                answer = bench.rep.sync_batch(items)
                samples.append((time.perf_counter() - started) * 1000)
                for r in answer.results:
                    name = vb.ItemOutcome.Name(r.outcome)
                    outcomes[name] = outcomes.get(name, 0) + 1
            progress("batches", b + 1, args.batches)

    per_card = [ms / args.cards for ms in first]
    report(
        "offline_batch",
        {
            "cards_per_batch": args.cards,
            "first_sync": percentiles(first),
            "replay": percentiles(replay),
            "first_sync_per_card_ms": percentiles(per_card),
            "outcomes": outcomes,
            "note": "closed loop, one phone; every service of the platform on this machine",
            "load_average_1m_at_end": round(os.getloadavg()[0], 1),
        },
    )


if __name__ == "__main__":
    main()
