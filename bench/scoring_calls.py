"""The supervisor heatmap and the rep dashboard through the gateway, every service running,
on 200 reps x 90 days of scoring facts (SPEC Numbers: dashboard query p95 < 100 ms), and
scoring's incremental event throughput (events/s from the exchange to committed figures).

The facts are written straight into scoring's database (bench.scoring_recompute.generate:
the documents scoring's adapter writes, and their aggregates); the people go through the
gateway (org.person.upserted), 20 teams of 10 reps. Then, closed loop:

    python -m bench.scoring_calls --calls 200 --events 2000
"""

from __future__ import annotations

import argparse
import time
import uuid
from datetime import UTC, datetime, timedelta

from bench.common import percentiles, progress, report
from bench.scoring_recompute import generate
from devstack import infra, probes
from devstack.frontend import Frontend, call
from devstack.platform import Platform
from devstack.sandbox import CONSUMER_QUEUES, consuming, sandbox
from sales.common.v1 import org_pb2
from sales.common.v1 import types_pb2 as t
from sales.events.v1 import visit_events_pb2
from sales.scoring.v1 import scoring_pb2 as s
from services.common import envelope as envelopes
from services.common.config import Settings
from services.common.event_bus import EventPublisher
from services.common.mongo import mongo_client
from services.scoring.domain.periods import local_date

BAR_P95_MS = 100.0
QUIET = {"SALES_LOG_LEVEL": "WARNING"}
REPS, DAYS, TEAM = 200, 90, 10


def people() -> list[org_pb2.Person]:
    found = []
    for team in range(REPS // TEAM):
        found.append(org_pb2.Person(person_id=f"sup{team:02d}", name=f"主管{team}",
                                    roles=[t.ROLE_SUPERVISOR], team_id=f"team{team:02d}",
                                    status=t.PERSON_STATUS_ACTIVE, wecom_userid=f"wx-sup{team}"))  # fmt: skip
        found += [org_pb2.Person(person_id=f"r{r:03d}", name=f"业务员{r}", roles=[t.ROLE_REP],
                                 supervisor_id=f"sup{team:02d}", team_id=f"team{team:02d}",
                                 region_codes=["330106"], status=t.PERSON_STATUS_ACTIVE,
                                 customer_types=[t.CUSTOMER_TYPE_KA], capacity=5,
                                 wecom_userid=f"wx-r{r}")
                  for r in range(team * TEAM, (team + 1) * TEAM)]  # fmt: skip
    return found


def timed(fn, n: int, label: str) -> list[float]:
    samples = []
    for i in range(n):
        started = time.perf_counter()
        fn(i)
        samples.append((time.perf_counter() - started) * 1000)
        progress(label, i + 1, n)
    return samples


def throughput(stack, db, tenant: str, n: int) -> float:
    """n cards that each lose points, published as visits would; events/s until scoring's
    inbox holds them all."""
    publisher = EventPublisher(stack["SALES_AMQP_URI"])
    ids, now = [], datetime.now(UTC)
    started = time.perf_counter()
    for i in range(n):
        payload = visit_events_pb2.VisitSubmitted(visit_id=str(uuid.uuid4()), rep_id=f"r{i % REPS:03d}",
                                                  missing_items=["core_demand"], submit_delay_seconds=4 * 3600)  # fmt: skip
        payload.checked_out_at.FromDatetime(now)
        event = envelopes.new_envelope(
            "visit.submitted", payload, tenant_id=tenant, producer="bench"
        )
        publisher.publish(event.id, event.type, envelopes.to_json(event), tenant)
        ids.append(event.id)
    inbox = db["inbox"]
    probes.wait_until(lambda: inbox.count_documents({"_id": {"$in": ids}}) >= n, 600, 0.5)
    return n / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--calls", type=int, default=200)
    parser.add_argument("--events", type=int, default=2000)
    args = parser.parse_args()
    infra.up()
    tenant = f"scoring-{datetime.now().strftime('%H%M%S')}"
    with sandbox("bench") as stack, Platform(stack | QUIET) as platform:
        platform.start(quiet=True)
        if not probes.wait_until(lambda: consuming(stack["SALES_AMQP_URI"], CONSUMER_QUEUES), 60):
            raise SystemExit(f"event consumers not ready: {CONSUMER_QUEUES}")
        db = mongo_client(Settings("bench").mongo_uri)[f"{stack['SALES_DB_PREFIX']}scoring"]
        admin = Frontend(platform.gateway_target, tenant, "admin", ["admin"])
        for person in people():
            admin.upsert_person(person)
        today = local_date(datetime.now(UTC))
        generate(db, REPS, DAYS, tenant, today - timedelta(days=DAYS - 1))
        probes.wait_until(
            lambda: db["people"].count_documents({"tenant_id": tenant}) >= len(people()), 60
        )
        sups = [
            Frontend(platform.gateway_target, tenant, f"sup{k:02d}", ["supervisor"])
            for k in range(20)
        ]
        reps = [
            Frontend(platform.gateway_target, tenant, f"r{r:03d}", ["rep"]) for r in range(REPS)
        ]
        month = s.PeriodRequest(kind=s.PERIOD_KIND_MONTH)
        heat = timed(lambda i: call(sups[i % 20], "GetTeamHeatmap", s.GetTeamHeatmapRequest(period=month)),
                     args.calls, "heatmap")  # fmt: skip
        dash = timed(lambda i: call(reps[i % REPS], "GetRepDashboard", s.GetRepDashboardRequest()),
                     args.calls, "dashboard")  # fmt: skip
        drill = timed(lambda i: call(reps[i % REPS], "ListDashboardRecords", s.ListDashboardRecordsRequest(
            figure="overdue_commitments")), args.calls, "drill-down")  # fmt: skip
        rate = throughput(stack, db, tenant, args.events)
    figures = {name: {**percentiles(samples), "bar_p95_ms": BAR_P95_MS,
                      "ratio_to_bar": round(percentiles(samples)["p95_ms"] / BAR_P95_MS, 3),
                      "bar_met": percentiles(samples)["p95_ms"] < BAR_P95_MS}
               for name, samples in (("heatmap", heat), ("dashboard", dash), ("drill_down", drill))}  # fmt: skip
    report("scoring_calls", {**figures, "reps": REPS, "days": DAYS,
                             "incremental_events_per_s": round(rate, 1), "events": args.events})  # fmt: skip


if __name__ == "__main__":
    main()
