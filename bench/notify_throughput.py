"""Notification throughput through the WeCom stand-in, and event-to-provider latency.

notify runs alone (devstack/notify_rig.py: its own stand-in, vhost and database). Events are
published straight to RabbitMQ as the other services would publish them; the stand-in stamps
each message on arrival. Two phases:
  - paced: --paced events at --rate per second; latency = stand-in arrival - envelope
    occurred_at, p50/p95/p99 (what a rep waits for a push when the system is not saturated);
  - burst: --burst events as fast as they can be published; throughput = messages per second
    from the first publish to the last arrival.
Each event goes to one of --reps reps, so the WeCom limit (30 per member per minute) is not
what is measured.
"""

from __future__ import annotations

import argparse
import tempfile
import time
import uuid
from pathlib import Path

from bench.common import percentiles, progress, report
from devstack.notify_rig import NotifyRig
from sales.common.v1 import types_pb2 as t
from sales.events.v1 import lead_events_pb2


def lead(name: str, rep_id: str) -> lead_events_pb2.LeadAssigned:
    return lead_events_pb2.LeadAssigned(
        lead_id=name, rep_id=rep_id, customer_name=name, region_code="330106",
        customer_type=t.CUSTOMER_TYPE_KA, urgency=t.URGENCY_RED, reason="默认规则",
    )  # fmt: skip


def arrivals(rig: NotifyRig, since: float) -> dict[str, float]:
    return {
        m["body"]["textcard"]["title"].removeprefix("新线索:"): m["received_at"]
        for m in rig.messages("wecom_app", since)
        if m["msgtype"] == "textcard"
    }


def wait_all(rig: NotifyRig, names: set[str], since: float, timeout_s: float) -> dict:
    deadline = time.monotonic() + timeout_s
    seen: dict[str, float] = {}
    while time.monotonic() < deadline:
        seen = {k: v for k, v in arrivals(rig, since).items() if k in names}
        if len(seen) == len(names):
            break
        time.sleep(0.2)
    return seen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reps", type=int, default=200)
    parser.add_argument("--paced", type=int, default=300)
    parser.add_argument("--rate", type=float, default=20.0, help="paced events per second")
    parser.add_argument("--burst", type=int, default=1000)
    args = parser.parse_args()

    tenant = f"nb-{uuid.uuid4().hex[:6]}"
    with NotifyRig(Path(tempfile.mkdtemp(prefix="notify-bench-"))) as rig:
        reps = [f"r{i:03d}" for i in range(args.reps)]
        for rep_id in reps:
            rig.person(tenant, rep_id, name=f"业务员{rep_id}", roles=[t.ROLE_REP],
                       wecom_userid=f"wx-{tenant}-{rep_id}")  # fmt: skip
        rig.wait_contacts(tenant, len(reps), timeout_s=60)

        # paced: latency
        sent_at: dict[str, float] = {}
        start = time.time()
        for i in range(args.paced):
            name = f"p{i:05d}"
            sent_at[name] = time.time()
            rig.publish("lead.assigned", lead(name, reps[i % len(reps)]), tenant)
            progress("paced", i + 1, args.paced)
            time.sleep(max(0.0, start + (i + 1) / args.rate - time.time()))
        seen = wait_all(rig, set(sent_at), start - 1, 60)
        latencies = [(seen[k] - sent_at[k]) * 1000 for k in seen]

        # burst: throughput
        time.sleep(1)
        burst = {f"b{i:05d}" for i in range(args.burst)}
        first = time.time()
        for i, name in enumerate(sorted(burst)):
            rig.publish("lead.assigned", lead(name, reps[i % len(reps)]), tenant)
        published = time.time() - first
        got = wait_all(rig, burst, first - 1, 180)
        last = max(got.values()) if got else time.time()
        stats = rig.standin("stats")

    figures = percentiles(latencies)
    report(
        "notify_throughput",
        {
            "event_to_provider": {**figures, "events": args.paced, "rate_per_s": args.rate},
            "throughput_msgs_per_s": round(len(got) / max(1e-6, last - first), 1),
            "burst": args.burst,
            "burst_delivered": len(got),
            "burst_publish_s": round(published, 2),
            "burst_total_s": round(last - first, 2),
            "reps": args.reps,
            "standin_rejected": stats["rejected"]["wecom_app"],
            "note": "notify alone, one replica, stand-in and SecantusDB on the same machine",
        },
    )


if __name__ == "__main__":
    main()
