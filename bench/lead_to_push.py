"""Lead-to-push latency: from the gateway's CreateLead call to the WeCom stand-in receiving
the rep's app message, with every service running (SPEC Numbers: p95 < 1 s).

Each lead goes to a different idle rep (220 reps), as in a morning burst of new leads."""

from __future__ import annotations

import argparse
import time
import uuid
from datetime import datetime

from bench.common import percentiles, progress, report
from devstack import infra
from devstack.frontend import Frontend, standin_messages
from devstack.platform import Platform, free_port_env
from sales.assignment.v1 import assignment_pb2 as a
from sales.common.v1 import org_pb2
from sales.common.v1 import types_pb2 as t


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--leads", type=int, default=200)
    parser.add_argument("--interval-ms", type=float, default=50, help="pause between leads")
    args = parser.parse_args()

    infra.up()
    env = {**free_port_env(), "SALES_DB_PREFIX": f"bench{uuid.uuid4().hex[:6]}_"}
    tenant = f"bench-{datetime.now().strftime('%H%M%S')}"
    with Platform(env) as platform:
        platform.start(quiet=True)
        admin = Frontend(platform.gateway_target, tenant, "admin", ["admin"])
        reps = [f"b{i:03d}" for i in range(args.leads + 20)]
        for i, rep_id in enumerate(reps, 1):
            admin.upsert_person(
                org_pb2.Person(
                    person_id=rep_id, name=f"压测业务员{i}", roles=[t.ROLE_REP],
                    region_codes=["330100"], customer_types=[t.CUSTOMER_TYPE_KA], capacity=5,
                    status=t.PERSON_STATUS_ACTIVE, wecom_userid=f"{tenant}-{rep_id}",
                )
            )  # fmt: skip
            progress("reps", i, len(reps))
        time.sleep(2)  # org events reach assignment and notify

        sent: dict[str, float] = {}
        for i in range(args.leads):
            name = f"压测门店{i}-{uuid.uuid4().hex[:6]}"
            sent[name] = time.time()
            admin.create_lead(
                a.CreateLeadRequest(
                    external_id=f"{tenant}-{i}", channel="ecommerce",
                    customer_type=t.CUSTOMER_TYPE_KA, region_code="330106",
                    urgency=t.URGENCY_RED, customer_name=name, phone="13800000000",
                )
            )  # fmt: skip
            progress("leads", i + 1, args.leads)
            time.sleep(args.interval_ms / 1000)

        first = min(sent.values())
        latencies: dict[str, float] = {}
        deadline = time.monotonic() + 30
        while len(latencies) < len(sent) and time.monotonic() < deadline:
            for message in standin_messages(first - 1):
                title = message["body"].get("textcard", {}).get("title", "")
                name = title.removeprefix("新线索:")
                if name in sent and name not in latencies:
                    latencies[name] = (message["received_at"] - sent[name]) * 1000
            time.sleep(0.2)
        admin.close()

    figures = percentiles(list(latencies.values()))
    report(
        "lead_to_push",
        {
            **figures,
            "leads": args.leads,
            "pushed": len(latencies),
            "interval_ms": args.interval_ms,
            "target_p95_ms": 1000,
            "p95_vs_target": round(figures["p95_ms"] / 1000, 3),
        },
    )


if __name__ == "__main__":
    main()
