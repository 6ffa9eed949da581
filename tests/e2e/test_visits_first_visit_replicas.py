"""SPEC V7 with two visits replicas running their timers: new stores that waited longer than
the tenant's limit for a first visit raise store.first_visit_overdue exactly once each; an
existing customer (imported with its last visit) and a store registered today do not."""

from __future__ import annotations

import time
from datetime import datetime, timedelta

import pymongo
import pytest

from devstack.frontend import Frontend, import_sheet, store_row, store_sheet
from devstack.platform import Platform, free_port_env
from sales.events.v1 import store_events_pb2
from services.common import envelope as envelopes
from services.common.clock import SHANGHAI
from tests.e2e.conftest import wait_until
from tests.e2e.test_visits_stores_plans import MONGO, known_to_visits


@pytest.fixture
def second_visits(platform, stack, tmp_path):
    ports = free_port_env()
    env = {
        **stack,
        "SALES_VISITS_GRPC_PORT": ports["SALES_VISITS_GRPC_PORT"],
        "SALES_VISITS_METRICS_PORT": ports["SALES_VISITS_METRICS_PORT"],
    }
    with Platform(env, log_dir=tmp_path) as replica:
        replica.start(["visits"], quiet=True)
        yield replica


def alerts(stack, tenant: str) -> list[store_events_pb2.StoreFirstVisitOverdue]:
    db = pymongo.MongoClient(MONGO)[f"{stack['SALES_DB_PREFIX']}visits"]
    rows = db["outbox"].find({"tenant_id": tenant, "type": "store.first_visit_overdue"})
    payload = store_events_pb2.StoreFirstVisitOverdue
    return [envelopes.unpack(envelopes.from_json(r["body"]), payload) for r in rows]


def test_each_overdue_first_visit_is_alerted_once(platform, second_visits, org, stack, tenant):
    admin = Frontend(platform.gateway_target, tenant, "admin", ["admin"])
    known_to_visits(admin, org["rep"])
    today = datetime.now(SHANGHAI).date()
    days_ago = (today - timedelta(days=5)).isoformat()
    rows = [store_row(i, org["rep"], 建档日期=days_ago) for i in range(1, 4)]
    rows.append(store_row(4, org["rep"], 建档日期=days_ago, 最近拜访日期=days_ago))
    rows.append(store_row(5, org["rep"]))  # registered now: not due for three days
    assert import_sheet(admin, "ImportStores", "stores.csv", store_sheet(rows)).created == 5

    found = wait_until(lambda: len(alerts(stack, tenant)) >= 3 and alerts(stack, tenant))
    time.sleep(3 * 2 + 1)  # three more ticks of both replicas' timers
    settled = alerts(stack, tenant)
    assert sorted(a.store_name for a in settled) == sorted(a.store_name for a in found)
    assert sorted(a.store_name for a in settled) == [rows[i]["门店名称"] for i in range(3)]
    assert {(a.owner_rep_id, a.supervisor_id, a.limit_days) for a in settled} == {
        (org["rep"], org["supervisor"], 3)
    }
    assert {a.days_waiting for a in settled} == {5}
    admin.close()
