"""A private corner of the shared embedded stack for one test run or benchmark: its own
RabbitMQ vhost, database prefix, S3 bucket and free ports, all removed afterwards.

Durable queues outlive the processes that consume them: a run in the default vhost inherits
whatever backlog the previous run left (a benchmark that stops while scoring is thousands of
events behind), and the next run's figures then measure that backlog, not the platform.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterator

import pika
import pika.exceptions
import pymongo
import requests

from devstack.platform import free_port_env
from services.common.config import Settings

MGMT = "http://127.0.0.1:15672/api"
AUTH = ("guest", "guest")
MONGO = Settings("sandbox").mongo_uri  # SALES_MONGO_URI, else the embedded default
# The queues of the services that consume events, in a whole platform.
CONSUMER_QUEUES = [
    "assignment.events",
    "scoring.events",
    "scoring_orders.events",  # scoring's orders capability (ADR 031)
    "notify.events",
    "visits.events",
    "media.events",
]


def create_vhost(vhost: str) -> str:
    """The vhost, with full rights for guest; its AMQP URI."""
    requests.put(f"{MGMT}/vhosts/{vhost}", auth=AUTH, timeout=10).raise_for_status()
    requests.put(
        f"{MGMT}/permissions/{vhost}/guest",
        json={"configure": ".*", "write": ".*", "read": ".*"},
        auth=AUTH,
        timeout=10,
    ).raise_for_status()
    return f"amqp://guest:guest@127.0.0.1:5672/{vhost}"


def remove(vhost: str, db_prefix: str) -> None:
    with contextlib.suppress(requests.RequestException):
        requests.delete(f"{MGMT}/vhosts/{vhost}", auth=AUTH, timeout=10)
    client = pymongo.MongoClient(MONGO)
    try:
        for name in client.list_database_names():
            if name.startswith(db_prefix):
                client.drop_database(name)
    finally:
        client.close()


@contextlib.contextmanager
def sandbox(label: str) -> Iterator[dict[str, str]]:
    """Environment variables for a Platform of its own (the infrastructure must be up)."""
    token = uuid.uuid4().hex[:8]
    vhost, prefix = f"{label}-{token}", f"{label}{token[:6]}_"
    env = {
        **free_port_env(),
        "SALES_AMQP_URI": create_vhost(vhost),
        "SALES_DB_PREFIX": prefix,
        "SALES_S3_BUCKET": f"{label}-{token}",
    }
    try:
        yield env
    finally:
        remove(vhost, prefix)


def consuming(amqp_uri: str, queues: list[str]) -> bool:
    """Every queue exists, bound, with a consumer. Asked of the broker itself: the management
    API's figures lag by seconds. A service opens its gRPC port while its consumer may still
    be connecting, and in a fresh vhost an event published before its queue is declared and
    bound is dropped, so "ready" for events means this."""
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
