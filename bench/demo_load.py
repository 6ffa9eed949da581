"""P5: how long the demo distributor takes to load through the services' own paths (people
through the gateway, ImportStores/ImportLeads sheets, ImportVisitHistory for the visits with
their commitments, plan days and ratings, photos, RecordOrders for the ERP's orders), until
every consumer queue is drained. Bar: the full size in < 15 minutes.

A size smaller than full also reports each step's rate and what the full size would take
at those rates (the full size through visits takes hours here: measure it once with
--size full if the machine is free).

    .venv/bin/python -m bench.demo_load               # small slice (20 reps, 28 days)
    .venv/bin/python -m bench.demo_load --size full
"""

from __future__ import annotations

import argparse
import time
from datetime import datetime, timedelta

from bench.common import QUIET, report
from devstack import infra
from devstack.demo_data import generate as g
from devstack.demo_data import load
from devstack.platform import Platform
from devstack.sandbox import CONSUMER_QUEUES, sandbox
from services.common.clock import SHANGHAI

BAR_S = 15 * 60


def work(data: g.Distributor) -> dict[str, int]:
    """What each step sends, to turn seconds into rates."""
    return {"people": len(data.people), "stores": len(data.stores), "leads": len(data.leads),
            "visits": len(data.visits),
            "photos": len(data.photos), "orders": len(data.orders)}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", default="small", choices=sorted(g.SIZES))
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--orders", type=int, default=0, help="load only so many orders")
    args = parser.parse_args()
    yesterday = datetime.now(SHANGHAI).date() - timedelta(days=1)
    started = time.monotonic()
    data = g.generate(args.size, args.seed, yesterday)
    generated_s = time.monotonic() - started
    infra.up()
    with (
        sandbox("bload") as env,
        Platform({**env, **QUIET}) as platform,
    ):
        platform.start(quiet=True)
        started = time.monotonic()
        loaded = load.load(data, platform.gateway_target, "bench", workers=args.workers,
                           max_orders=args.orders or None)  # fmt: skip
        digest_s = load.wait_drained(env["SALES_AMQP_URI"], CONSUMER_QUEUES)
        total_s = time.monotonic() - started
    sent = work(data)
    if args.orders:
        sent["orders"] = min(args.orders, len(data.orders))
    rates = {k: round(sent[k] / s, 1) for k, s in loaded.seconds.items() if s > 0}
    full = work(g.generate("full", args.seed, yesterday)) if args.size != "full" else work(data)
    projected = sum(full[k] / rates[k] for k in rates if rates[k] > 0) + digest_s
    report("demo_load", {
        "size": args.size, "generated": sent, "generate_s": round(generated_s, 1),
        "load_s": round(total_s, 1), "steps_s": loaded.seconds, "digest_s": round(digest_s, 1),
        "rates_per_s": rates, "refused": len(loaded.refused), "counts": loaded.counts,
        "full_size_projected_s": round(projected), "bar_s": BAR_S,
        "projected_vs_bar": round(projected / BAR_S, 2),
        "note": "each step through the services' own paths; every service on this machine",
    })  # fmt: skip


if __name__ == "__main__":
    main()
