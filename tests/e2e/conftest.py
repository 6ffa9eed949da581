"""End-to-end fixtures: the whole platform as child processes, on free ports, with its own
RabbitMQ vhost and database prefix, driven over gRPC exactly as a front end would."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from typing import TypeVar

import pika
import pika.exceptions
import pymongo
import pytest
import requests

from devstack import infra, probes
from devstack.frontend import Frontend
from devstack.platform import Platform, free_port_env
from sales.common.v1 import org_pb2
from sales.common.v1 import types_pb2 as t

MGMT = "http://127.0.0.1:15672/api"
T = TypeVar("T")


def wait_until(predicate: Callable[[], T], timeout_s: float = 30.0, interval_s: float = 0.05) -> T:
    """The e2e tests wait on a whole platform sharing two noisy cores with the test run, so
    they allow far more than the sub-second the platform normally needs; a pass costs no
    more time, and a failure still fails."""
    return probes.wait_until(predicate, timeout_s, interval_s)


AUTH = ("guest", "guest")


@pytest.fixture(scope="session")
def stack() -> Iterator[dict[str, str]]:
    """Infrastructure up, plus an isolated vhost and database prefix for this run."""
    infra.up()
    vhost = f"e2e-{uuid.uuid4().hex[:8]}"
    requests.put(f"{MGMT}/vhosts/{vhost}", auth=AUTH, timeout=10).raise_for_status()
    requests.put(
        f"{MGMT}/permissions/{vhost}/guest",
        json={"configure": ".*", "write": ".*", "read": ".*"},
        auth=AUTH,
        timeout=10,
    ).raise_for_status()
    prefix = f"e2e{uuid.uuid4().hex[:6]}_"
    env = {
        **free_port_env(),
        "SALES_AMQP_URI": f"amqp://guest:guest@127.0.0.1:5672/{vhost}",
        "SALES_DB_PREFIX": prefix,
        "SALES_S3_BUCKET": f"e2e-{uuid.uuid4().hex[:8]}",
    }
    yield env
    requests.delete(f"{MGMT}/vhosts/{vhost}", auth=AUTH, timeout=10)
    client = pymongo.MongoClient(
        "mongodb://127.0.0.1:27017/?retryWrites=false&directConnection=true"
    )
    for name in client.list_database_names():
        if name.startswith(prefix):
            client.drop_database(name)


CONSUMER_QUEUES = ["assignment.events", "scoring.events", "notify.events"]


def consuming(amqp_uri: str, queues: list[str]) -> bool:
    """Every queue exists, bound, with a consumer (asked of the broker itself: the management
    API's figures lag by seconds)."""
    connection = pika.BlockingConnection(pika.URLParameters(amqp_uri))
    try:
        for queue in queues:
            channel = connection.channel()
            try:
                if channel.queue_declare(queue, passive=True).method.consumer_count == 0:
                    return False
            except pika.exceptions.ChannelClosedByBroker:
                return False  # not declared yet
            finally:
                if channel.is_open:
                    channel.close()
        return True
    finally:
        connection.close()


@pytest.fixture(scope="session")
def platform(stack: dict[str, str], tmp_path_factory) -> Iterator[Platform]:
    with Platform(stack, log_dir=tmp_path_factory.mktemp("logs")) as running:
        running.start(quiet=True)
        # Ready means listening, not consuming: a service opens its gRPC port while its event
        # consumer may still be connecting, and an event published to the topic exchange
        # before its queue is declared and bound is dropped (a fresh vhost has no queues).
        assert wait_until(
            lambda: consuming(stack["SALES_AMQP_URI"], CONSUMER_QUEUES), timeout_s=60
        ), f"event consumers not ready: {CONSUMER_QUEUES}"
        yield running


@pytest.fixture
def tenant() -> str:
    return f"t-{uuid.uuid4().hex[:10]}"


@pytest.fixture
def org(platform: Platform, tenant: str) -> dict[str, str]:
    """One supervisor with one rep (杭州 KA), loaded through the gateway as an admin."""
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
