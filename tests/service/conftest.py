"""Service-level fixtures: real RabbitMQ (an isolated vhost per test), real MongoDB wire
(a unique database prefix per test), nameko's own test tools.

Run with `-p tests.service.eventlet_first` so eventlet is monkey-patched before anything else.
"""

from __future__ import annotations

import contextlib
import os
import time
import uuid
from collections.abc import Callable, Iterator

import pymongo
import pytest
from amqp.exceptions import ChannelError
from kombu import Connection, Exchange, Producer, Queue

from services.common import event_bus
from services.common.envelope import EXCHANGE
from services.common.nameko_support import event_consumer

MONGO_URI = os.environ.get(
    "SALES_MONGO_URI", "mongodb://127.0.0.1:27017/?retryWrites=false&directConnection=true"
)
EVENTS = Exchange(EXCHANGE, type="topic", durable=True)


@pytest.fixture
def mongo() -> pymongo.MongoClient:
    return pymongo.MongoClient(MONGO_URI, tz_aware=True)


@pytest.fixture
def db_prefix(monkeypatch, mongo) -> Iterator[str]:
    """A unique SALES_DB_PREFIX, set before any container starts; its databases are dropped
    afterwards."""
    prefix = f"svct{uuid.uuid4().hex[:10]}_"
    monkeypatch.setenv("SALES_DB_PREFIX", prefix)
    yield prefix
    for name in mongo.list_database_names():
        if name.startswith(prefix):
            mongo.drop_database(name)


@pytest.fixture
def service_config(rabbit_uri: str) -> dict:
    """nameko config for a container under test, on the isolated vhost of `rabbit_uri`."""
    return {"AMQP_URI": rabbit_uri, "serializer": "json", "max_workers": 10}


@pytest.fixture
def fast_retries(monkeypatch) -> Callable[[int, int], None]:
    """Shorten the retry delay and the attempt budget.

    `retry_queue()` reads `event_bus.RETRY_DELAY_MS` when it declares the queue, but
    `event_consumer` imported MAX_ATTEMPTS by value, so that is the name to patch there.
    The retry queue's x-message-ttl is fixed when it is first declared: a fresh vhost per
    test (the `rabbit_uri` fixture) keeps one test's delay from leaking into the next.
    """

    def configure(delay_ms: int, max_attempts: int) -> None:
        monkeypatch.setenv("SALES_EVENT_RETRY_DELAY_MS", str(delay_ms))
        monkeypatch.setenv("SALES_EVENT_MAX_ATTEMPTS", str(max_attempts))
        monkeypatch.setattr(event_bus, "RETRY_DELAY_MS", delay_ms)
        monkeypatch.setattr(event_bus, "MAX_ATTEMPTS", max_attempts)
        monkeypatch.setattr(event_consumer, "MAX_ATTEMPTS", max_attempts)

    return configure


@pytest.fixture
def publish_raw(rabbit_uri: str) -> Callable[..., None]:
    """Publish a body to `sales.events` the way a producer on the wire would."""

    def publish(
        routing_key: str,
        body: str | bytes,
        content_type: str = "application/json",
        headers: dict | None = None,
    ) -> None:
        with Connection(rabbit_uri) as conn:
            producer = Producer(conn.channel())
            producer.publish(
                body.encode() if isinstance(body, str) else body,
                exchange=EVENTS,
                routing_key=routing_key,
                content_type=content_type,
                content_encoding="utf-8",
                headers=headers or {},
                declare=[EVENTS],
                delivery_mode=2,
            )

    return publish


@pytest.fixture
def spy_queue(rabbit_uri: str) -> Callable[[list[str]], Queue]:
    """Declare a durable queue bound to `sales.events` for some routing keys (a test's ear on
    the bus). Declared before anything publishes, so nothing is missed."""

    def declare(routing_keys: list[str]) -> Queue:
        name = f"spy.{uuid.uuid4().hex[:8]}"
        queue = Queue(
            name,
            exchange=EVENTS,
            bindings=None,
            durable=True,
        )
        with Connection(rabbit_uri) as conn:
            channel = conn.channel()
            EVENTS(channel).declare()
            queue(channel).declare()
            for key in routing_keys:
                channel.queue_bind(name, EXCHANGE, routing_key=key)
        return queue

    return declare


@pytest.fixture
def drain(rabbit_uri: str) -> Callable[..., list]:
    """Take messages from a queue (acked) as py-amqp messages.

    Without `expect`, whatever is in the queue now. With `expect`, poll until that many have
    arrived or `timeout` passes, then take anything else already there (to catch extras).
    A queue that does not exist yet counts as empty.
    """

    def take(queue_name: str, expect: int | None = None, timeout: float = 10.0) -> list:
        messages: list = []
        deadline = time.monotonic() + timeout
        with Connection(rabbit_uri) as conn:
            while True:
                channel = conn.channel()
                try:
                    while (message := channel.basic_get(queue_name, no_ack=True)) is not None:
                        messages.append(message)
                except ChannelError:
                    pass  # not declared yet
                finally:
                    with contextlib.suppress(Exception):
                        channel.close()
                if expect is None or len(messages) >= expect or time.monotonic() >= deadline:
                    return messages
                time.sleep(0.05)

    return take
