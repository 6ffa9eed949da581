"""SPEC A7: two assignment replicas take a burst of 1,000 leads over 50 reps at once. No lead
is assigned twice, no rep goes over capacity, every lead is assigned or waiting, none lost."""

from __future__ import annotations

from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import grpc
import pymongo
import pytest

from devstack.frontend import Frontend, call
from devstack.platform import Platform, free_port_env
from sales.assignment.v1 import assignment_pb2 as a
from sales.assignment.v1.assignment_pb2_grpc import AssignmentStub
from sales.common.v1 import org_pb2
from sales.common.v1 import types_pb2 as t
from services.common.config import Settings
from tests.e2e.conftest import wait_until
from tests.e2e.test_thin_slice import lead_request

LEADS, REPS, CAPACITY = 1000, 50, 10


@pytest.fixture
def second_replica(platform, stack, tmp_path):
    ports = free_port_env()
    env = {
        **stack,
        "SALES_ASSIGNMENT_GRPC_PORT": ports["SALES_ASSIGNMENT_GRPC_PORT"],
        "SALES_ASSIGNMENT_METRICS_PORT": ports["SALES_ASSIGNMENT_METRICS_PORT"],
    }
    with Platform(env, log_dir=tmp_path) as replica:
        replica.start(["assignment"], quiet=True)
        yield replica


def test_burst_over_two_replicas(platform, second_replica, stack, tenant):
    admin = Frontend(platform.gateway_target, tenant, "admin", ["admin"])
    for i in range(REPS):
        admin.upsert_person(
            org_pb2.Person(person_id=f"rep{i:02d}", name=f"业务员{i}", roles=[t.ROLE_REP],
                           region_codes=["330100"], customer_types=[t.CUSTOMER_TYPE_KA],
                           capacity=CAPACITY, status=t.PERSON_STATUS_ACTIVE, wecom_userid=f"{tenant}-{i}")
        )  # fmt: skip
    everyone = a.Rule(
        rule_id="burst", name="压测:负载最低优先", priority=0, enabled=True, strategy="least_loaded"
    )
    call(admin, "UpsertRule", a.UpsertRuleRequest(rule=everyone))
    probe = lead_request("probe")
    assert wait_until(
        lambda: len(call(admin, "DryRunAssignment", probe).candidates) == REPS, timeout_s=30
    )

    targets = [
        f"127.0.0.1:{platform.port('assignment')}",
        f"127.0.0.1:{second_replica.port('assignment')}",
    ]
    channels = [grpc.insecure_channel(target) for target in targets]
    stubs = [AssignmentStub(c) for c in channels]

    def create(i: int) -> a.Lead:
        request = lead_request(f"burst-{i}", f"压测门店{i}")
        request.tenant_id, request.phone = tenant, f"13{i:09d}"
        return stubs[i % 2].CreateLead(request, timeout=120)

    with ThreadPoolExecutor(max_workers=16) as pool:
        answers = list(pool.map(create, range(LEADS)))
    for c in channels:
        c.close()

    db = pymongo.MongoClient(Settings("tests").mongo_uri)[f"{stack['SALES_DB_PREFIX']}assignment"]
    stored = list(db["leads"].find({"tenant_id": tenant}))
    assert len(stored) == LEADS and len({x["_id"] for x in stored}) == LEADS  # none lost
    assert {x["status"] for x in stored} <= {"assigned", "waiting"}
    per_rep = Counter(x["assigned_rep_id"] for x in stored if x["status"] == "assigned")
    assert max(per_rep.values()) <= CAPACITY  # no rep over capacity
    assert sum(per_rep.values()) == REPS * CAPACITY  # and capacity fully used before waiting
    for rep in db["reps"].find({"tenant_id": tenant}):
        assert rep["open_leads"] == per_rep[rep["rep_id"]] <= CAPACITY
    assigned_events = Counter(
        envelope_lead_id(row["body"])
        for row in db["outbox"].find({"tenant_id": tenant, "type": "lead.assigned"})
    )
    assert len(assigned_events) == REPS * CAPACITY and set(assigned_events.values()) == {
        1
    }  # never twice
    assert {x.lead_id for x in answers} == {x["_id"] for x in stored}


def envelope_lead_id(body: str) -> str:
    from sales.events.v1 import lead_events_pb2
    from services.common import envelope as envelopes

    return envelopes.unpack(envelopes.from_json(body), lead_events_pb2.LeadAssigned).lead_id
