"""End-to-end fixtures: the whole platform as child processes, on free ports, with its own
RabbitMQ vhost and database prefix, driven over gRPC exactly as a front end would."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from typing import TypeVar

import pytest

from devstack import infra, probes
from devstack.frontend import Frontend
from devstack.platform import Platform
from devstack.sandbox import CONSUMER_QUEUES, consuming, sandbox
from sales.common.v1 import org_pb2
from sales.common.v1 import types_pb2 as t

T = TypeVar("T")


def wait_until(predicate: Callable[[], T], timeout_s: float = 30.0, interval_s: float = 0.05) -> T:
    """The e2e tests wait on a whole platform sharing two noisy cores with the test run, so
    they allow far more than the sub-second the platform normally needs; a pass costs no
    more time, and a failure still fails."""
    return probes.wait_until(predicate, timeout_s, interval_s)


@pytest.fixture(scope="session")
def stack() -> Iterator[dict[str, str]]:
    """Infrastructure up, plus an isolated vhost, database prefix and bucket for this run."""
    infra.up()
    with sandbox("e2e") as env:
        yield env


@pytest.fixture(scope="session")
def platform(stack: dict[str, str], tmp_path_factory) -> Iterator[Platform]:
    with Platform(stack, log_dir=tmp_path_factory.mktemp("logs")) as running:
        running.start(quiet=True)
        # ready means consuming, not merely listening (see devstack.sandbox.consuming)
        assert wait_until(
            lambda: consuming(stack["SALES_AMQP_URI"], CONSUMER_QUEUES), timeout_s=60
        ), f"event consumers not ready: {CONSUMER_QUEUES}"
        yield running


@pytest.fixture
def tenant() -> str:
    return f"t-{uuid.uuid4().hex[:10]}"


@pytest.fixture
def org(platform: Platform, tenant: str) -> dict[str, str]:
    """One supervisor with one rep (杭州 KA), and a rep of another team (宁波 BC, under
    sup-elsewhere), loaded through the gateway as an admin, supervisors first."""
    suffix = tenant[-6:]
    ids = {"supervisor": f"sup-{suffix}", "rep": f"rep-{suffix}", "other_rep": f"rep2-{suffix}"}
    admin = Frontend(platform.gateway_target, tenant, "admin", ["admin"])
    people = [
        org_pb2.Person(person_id=ids["supervisor"], name="王主管", roles=[t.ROLE_SUPERVISOR],
                       status=t.PERSON_STATUS_ACTIVE, wecom_userid=f"wx-{ids['supervisor']}"),
        org_pb2.Person(person_id=ids["rep"], name="李业务", roles=[t.ROLE_REP],
                       supervisor_id=ids["supervisor"], region_codes=["330100"],
                       customer_types=[t.CUSTOMER_TYPE_KA], capacity=5,
                       status=t.PERSON_STATUS_ACTIVE, wecom_userid=f"wx-{ids['rep']}"),
        org_pb2.Person(person_id="sup-elsewhere", name="钱主管", roles=[t.ROLE_SUPERVISOR],
                       status=t.PERSON_STATUS_ACTIVE, wecom_userid=f"wx-sup-elsewhere-{suffix}"),
        org_pb2.Person(person_id=ids["other_rep"], name="赵业务", roles=[t.ROLE_REP],
                       supervisor_id="sup-elsewhere", region_codes=["330200"],
                       customer_types=[t.CUSTOMER_TYPE_BC], capacity=5,
                       status=t.PERSON_STATUS_ACTIVE, wecom_userid=f"wx-{ids['other_rep']}"),
    ]  # fmt: skip
    for person in people:
        admin.upsert_person(person)
    admin.close()
    return ids


os.environ.setdefault("SALES_LOG_LEVEL", "INFO")
# visits' day timers (plans for the coming day, overdue first visits) tick every 2 s here
os.environ.setdefault("SALES_VISITS_TIMER_INTERVAL", "2")
