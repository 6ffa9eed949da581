"""A broker outage loses nothing: leads accepted while RabbitMQ is down are routed, and every
rep's push arrives exactly once after it returns (outbox relay + idempotent consumers).

Runs last in the session (file name) because it stops the shared broker for ~10 s."""

from __future__ import annotations

import subprocess
import time
import uuid

import pymongo

from devstack import infra
from devstack.frontend import Frontend, standin_messages
from sales.common.v1 import org_pb2
from sales.common.v1 import types_pb2 as t
from sales.notify.v1 import notify_pb2 as n
from services.common.config import Settings
from tests.e2e.conftest import wait_until
from tests.e2e.test_thin_slice import lead_request

REPS = 10
MONGO = Settings("tests").mongo_uri  # SALES_MONGO_URI, else the embedded default
OUTAGE_S = 10


def _rabbit(action: str) -> None:
    subprocess.run(["rabbitmqctl", action], check=True, capture_output=True, timeout=60)


def test_no_lead_and_no_push_is_lost_while_the_broker_is_down(platform, stack, tenant):
    admin = Frontend(platform.gateway_target, tenant, "admin", ["admin"])
    reps = [f"r{i}-{tenant[-6:]}" for i in range(REPS)]
    for rep_id in reps:
        admin.upsert_person(
            org_pb2.Person(
                person_id=rep_id, name=f"业务员{rep_id[:3]}", roles=[t.ROLE_REP],
                region_codes=["330100"], customer_types=[t.CUSTOMER_TYPE_KA], capacity=3,
                status=t.PERSON_STATUS_ACTIVE, wecom_userid=f"wx-{rep_id}",
            )
        )  # fmt: skip
    since = time.time()
    names = [f"断网测试门店{i}-{uuid.uuid4().hex[:4]}" for i in range(REPS)]
    # half the leads before the outage (once the reps are known), half during it
    for name in names[:5]:
        admin.create_lead(lead_request(f"o-{uuid.uuid4()}", name))

    def pushes_per_lead() -> dict[str, int]:
        bodies = [str(m["body"]) for m in standin_messages(since)]
        return {name: sum(name in body for body in bodies) for name in names}

    before = wait_until(lambda: all(pushes_per_lead()[name] for name in names[:5]))
    assert before, f"pushes missing before the outage: {pushes_per_lead()}"

    _rabbit("stop_app")
    try:
        down_at = time.monotonic()
        for name in names[5:]:
            lead = admin.create_lead(lead_request(f"o-{uuid.uuid4()}", name))
            assert lead.lead_id  # accepted while the broker is down
        time.sleep(max(0.0, OUTAGE_S - (time.monotonic() - down_at)))
    finally:
        _rabbit("start_app")
    assert wait_until(lambda: infra.is_healthy("rabbitmq"), timeout_s=60)

    # generous: the broker's own recovery, reconnections, then the relay's 1 s ticks
    arrived = wait_until(
        lambda: all(pushes_per_lead().values()) and pushes_per_lead(), timeout_s=120
    )
    assert arrived, f"pushes missing after the broker returned: {pushes_per_lead()}"
    # Nothing left that could still send a duplicate: every lead event published and marked
    # (the relay publishes only unmarked rows) and every delivery settled (no attempt left).
    outbox = pymongo.MongoClient(MONGO)[f"{stack['SALES_DB_PREFIX']}assignment"]["outbox"]

    def settled() -> bool:
        if outbox.count_documents({"tenant_id": tenant, "sent": False}):
            return False
        log = admin.deliveries()
        return len(log) >= REPS and all(d.status == n.DELIVERY_STATUS_SENT for d in log)

    assert wait_until(settled), "lead events unpublished or deliveries unsettled"
    time.sleep(3)  # let any duplicate already on its way show itself
    assert pushes_per_lead() == dict.fromkeys(names, 1)
