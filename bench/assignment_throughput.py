"""Assignment throughput of one replica (target >= 200 leads/s), two ways, every lead routed
(least-loaded rule, so every lead is a real claim) and stored for real:
- single: CreateLead calls straight to one assignment process from concurrent clients;
- bulk: one ImportLeads call carrying a CSV sheet (the bulk intake path)."""

from __future__ import annotations

import argparse
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import grpc

from bench.common import QUIET, percentiles, progress, report
from devstack import infra
from devstack.frontend import Frontend, call
from devstack.platform import Platform
from devstack.sandbox import sandbox
from sales.assignment.v1 import assignment_pb2 as a
from sales.assignment.v1.assignment_pb2_grpc import AssignmentStub
from sales.common.v1 import org_pb2
from sales.common.v1 import types_pb2 as t

TARGET = 200.0


def seed_reps(admin: Frontend, count: int, capacity: int) -> None:
    # WeCom ids unique to the run: the stand-in, like WeCom, counts each member's messages
    # over the last minute, and a run right after another must not inherit its count.
    for i in range(count):
        admin.upsert_person(
            org_pb2.Person(person_id=f"rep{i:03d}", name=f"业务员{i}", roles=[t.ROLE_REP],
                           region_codes=["330100"], customer_types=[t.CUSTOMER_TYPE_KA],
                           capacity=capacity, status=t.PERSON_STATUS_ACTIVE, wecom_userid=f"{admin.tenant}-w{i}")
        )  # fmt: skip
    rule = a.Rule(rule_id="bench", name="压测", priority=0, enabled=True, strategy="least_loaded")
    call(admin, "UpsertRule", a.UpsertRuleRequest(rule=rule))
    probe = a.CreateLeadRequest(external_id="p", channel="ecommerce", customer_type=t.CUSTOMER_TYPE_KA,
                                region_code="330106", urgency=t.URGENCY_RED, customer_name="p",
                                phone="13800000000")  # fmt: skip
    deadline = time.monotonic() + 60
    while (
        len(call(admin, "DryRunAssignment", probe).candidates) < count
        and time.monotonic() < deadline
    ):
        time.sleep(0.5)


def lead(tenant: str, i: int) -> a.CreateLeadRequest:
    return a.CreateLeadRequest(
        tenant_id=tenant, external_id=f"{tenant}-{i}", channel="ecommerce",
        customer_type=t.CUSTOMER_TYPE_KA, region_code="330106", urgency=t.URGENCY_YELLOW,
        customer_name=f"压测门店{i}", phone=f"13{i:09d}",
    )  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--leads", type=int, default=600)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--bulk", type=int, default=1000, help="rows in the ImportLeads sheet")
    args = parser.parse_args()
    infra.up()
    tenant = f"tp-{uuid.uuid4().hex[:6]}"
    # Its own vhost: only assignment runs here, and the events it publishes must not wait in
    # a shared queue for the next run's notify and scoring (devstack/sandbox.py).
    with sandbox("bench") as isolated, Platform(isolated | QUIET) as platform:
        platform.start(["assignment", "gateway"], quiet=True)
        seed_reps(Frontend(platform.gateway_target, tenant, "admin", ["admin"]), 60, 40)
        stub = AssignmentStub(grpc.insecure_channel(f"127.0.0.1:{platform.port('assignment')}"))
        samples: list[float] = []

        def create(i: int) -> None:
            started = time.perf_counter()
            stub.CreateLead(lead(tenant, i), timeout=120)
            samples.append((time.perf_counter() - started) * 1000)
            progress("leads", len(samples), args.leads)

        started = time.perf_counter()
        with ThreadPoolExecutor(args.clients) as pool:
            list(pool.map(create, range(args.leads)))
        elapsed = time.perf_counter() - started

        header = "来源编号,渠道,客户类型,区域编码,紧急程度,客户名称,手机号"
        lines = [
            f"{tenant}-bulk-{i},电商,KA,330106,黄,批量门店{i},15{i:09d}" for i in range(args.bulk)
        ]
        sheet = "\n".join([header, *lines]).encode()
        started = time.perf_counter()
        answer = stub.ImportLeads(
            a.ImportLeadsRequest(tenant_id=tenant, filename="leads.csv", content=sheet), timeout=600
        )
        bulk_elapsed = time.perf_counter() - started
    rate = args.leads / elapsed
    bulk_rate = args.bulk / bulk_elapsed
    report(
        "assignment_throughput",
        {
            "single": {
                "leads": args.leads,
                "clients": args.clients,
                "leads_per_s": round(rate, 1),
                "vs_target": round(rate / TARGET, 3),
                "create_lead": percentiles(samples),
            },
            "bulk": {
                "leads": args.bulk,
                "created": answer.created,
                "leads_per_s": round(bulk_rate, 1),
                "vs_target": round(bulk_rate / TARGET, 3),
            },
            "target_leads_per_s": TARGET,
        },
    )


if __name__ == "__main__":
    main()
