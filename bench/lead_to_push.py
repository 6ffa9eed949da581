"""Lead-to-push latency: from the moment a lead is due to be sent to the gateway to the
moment the WeCom stand-in receives the rep's app message, with every service running
(SPEC Numbers: p95 < 1 s on a 2-core machine).

Open loop: leads are sent at a fixed rate whatever the platform's pace, so a platform that
cannot keep up shows it as growing latency instead of hiding it.

    python -m bench.lead_to_push --rate 10 --seconds 20              # the foundation figure
    python -m bench.lead_to_push --rate 50 --seconds 60 --name lead_to_push_sustained
"""

from __future__ import annotations

import argparse
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime

import grpc

from bench.assignment_throughput import seed_reps
from bench.common import QUIET, percentiles, progress, report
from devstack import infra
from devstack.frontend import Frontend, standin_messages
from devstack.platform import Platform
from devstack.probes import wait_until
from devstack.sandbox import CONSUMER_QUEUES, consuming, sandbox
from sales.assignment.v1 import assignment_pb2 as a
from sales.common.v1 import types_pb2 as t

TARGET_P95_MS = 1000.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rate", type=float, default=10, help="leads per second")
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--name", default="lead_to_push")
    args = parser.parse_args()
    total = int(args.rate * args.seconds)

    infra.up()
    tenant = f"l2p-{datetime.now().strftime('%H%M%S')}"
    with sandbox("bench") as isolated, Platform(isolated | QUIET) as platform:
        platform.start(quiet=True)
        if not wait_until(lambda: consuming(isolated["SALES_AMQP_URI"], CONSUMER_QUEUES), 60):
            raise SystemExit(f"event consumers not ready: {CONSUMER_QUEUES}")
        admin = Frontend(platform.gateway_target, tenant, "admin", ["admin"])
        reps = max(20, total // 20)  # at most 20 leads per rep: under WeCom's 30/min/member
        seed_reps(admin, reps, 25)
        time.sleep(1)  # notify has the directory too

        due: dict[str, float] = {}
        refused: dict[str, int] = {}
        lock = threading.Lock()
        start = time.time() + 1

        def send(i: int) -> None:
            name = f"压测门店{i}-{uuid.uuid4().hex[:6]}"
            at = start + i / args.rate
            time.sleep(max(0.0, at - time.time()))
            with lock:
                due[name] = at
            try:
                admin.create_lead(
                    a.CreateLeadRequest(
                        external_id=f"{tenant}-{i}", channel="ecommerce",
                        customer_type=t.CUSTOMER_TYPE_KA, region_code="330106",
                        urgency=t.URGENCY_RED, customer_name=name, phone=f"13{i:09d}",
                    )
                )  # fmt: skip
            except grpc.RpcError as error:  # a platform that cannot keep up times out: count it
                with lock:
                    del due[name]
                    refused[error.code().name] = refused.get(error.code().name, 0) + 1
            progress("leads sent", i + 1, total)

        with ThreadPoolExecutor(max_workers=64) as pool:
            list(pool.map(send, range(total)))
        sent_seconds = time.time() - start

        latencies: dict[str, float] = {}
        deadline = time.monotonic() + 120
        while len(latencies) < total and time.monotonic() < deadline:
            for message in standin_messages(start - 1):
                name = message["body"].get("textcard", {}).get("title", "").removeprefix("新线索:")
                if name in due and name not in latencies:
                    latencies[name] = (message["received_at"] - due[name]) * 1000
            time.sleep(0.5)
        admin.close()

    figures = percentiles(list(latencies.values()))
    report(
        args.name,
        {
            **figures,
            "leads": total,
            "pushed": len(latencies),
            "refused": refused,
            "offered_rate_per_s": args.rate,
            "achieved_rate_per_s": round(total / sent_seconds, 1),
            "reps": reps,
            "target_p95_ms": TARGET_P95_MS,
            "p95_vs_target": round(figures["p95_ms"] / TARGET_P95_MS, 3),
        },
    )


if __name__ == "__main__":
    main()
