"""The `handles_events` entrypoint against a real broker: retries with back-off, the attempt
header, dead-lettering of poison and malformed messages."""

from __future__ import annotations

import json
from collections import defaultdict

import pytest
from nameko.testing.services import entrypoint_waiter

from sales.common.v1 import org_pb2
from sales.events.v1 import org_events_pb2
from services.common import envelope as envelopes
from services.common.nameko_support import event_consumer
from services.common.nameko_support.event_consumer import ATTEMPT_HEADER, handles_events

# Handler calls per event id, and the attempt header each delivery carried.
CALLS: dict[str, int] = defaultdict(int)
FAIL_TIMES: dict[str, int] = {}
SEEN_ATTEMPTS: dict[str, list] = defaultdict(list)


class FlakyService:
    name = "flaky"

    @handles_events("flaky", ["test.flaky"])
    def on_event(self, event: envelopes.Envelope) -> bool:
        CALLS[event.id] += 1
        if CALLS[event.id] <= FAIL_TIMES.get(event.id, 0):
            raise RuntimeError(f"flaky failure #{CALLS[event.id]}")
        return True


@pytest.fixture(autouse=True)
def _reset_and_record(monkeypatch):
    """Reset the counters and record the attempt header of every delivery the entrypoint
    receives (the real handle_message still runs)."""
    CALLS.clear()
    FAIL_TIMES.clear()
    SEEN_ATTEMPTS.clear()
    original = event_consumer.EventConsumer.handle_message

    def recording(self, body, message):
        if isinstance(body, dict) and "id" in body:
            SEEN_ATTEMPTS[body["id"]].append((message.headers or {}).get(ATTEMPT_HEADER))
        return original(self, body, message)

    monkeypatch.setattr(event_consumer.EventConsumer, "handle_message", recording)


def flaky_event(tenant: str = "t1") -> envelopes.Envelope:
    payload = org_events_pb2.PersonUpserted(person=org_pb2.Person(person_id="p1", name="测试"))
    return envelopes.new_envelope("test.flaky", payload, tenant_id=tenant, producer="tests")


@pytest.fixture
def flaky_container(container_factory, service_config):
    def start():
        container = container_factory(FlakyService, service_config)
        container.start()
        return container

    return start


def test_retry_then_success(flaky_container, fast_retries, publish_raw, drain):
    fast_retries(200, 5)
    container = flaky_container()
    event = flaky_event()
    FAIL_TIMES[event.id] = 2

    def succeeded(worker_ctx, result, exc_info):
        return exc_info is None

    with entrypoint_waiter(container, "on_event", callback=succeeded, timeout=30) as waited:
        publish_raw(event.type, envelopes.to_json(event))

    assert waited.get() is True
    assert CALLS[event.id] == 3  # failed twice, then handled once
    # First delivery has no header; each retry carries the next attempt number.
    assert SEEN_ATTEMPTS[event.id] == [None, 2, 3]
    assert drain("flaky.events.dlq") == []
    assert drain("flaky.events.retry") == []


def test_poison_message_ends_in_dlq(flaky_container, fast_retries, publish_raw, drain):
    fast_retries(100, 3)
    container = flaky_container()
    event = flaky_event()
    FAIL_TIMES[event.id] = 1_000  # always fails
    failures = []

    def third_failure(worker_ctx, result, exc_info):
        failures.append(exc_info)
        return len(failures) == 3

    with entrypoint_waiter(container, "on_event", callback=third_failure, timeout=30):
        publish_raw(event.type, envelopes.to_json(event))

    dead = drain("flaky.events.dlq", expect=1, timeout=30)
    assert len(dead) == 1
    assert json.loads(dead[0].body)["id"] == event.id
    assert dead[0].headers[ATTEMPT_HEADER] == 3
    assert "flaky failure #3" in dead[0].headers["x-sales-error"]
    assert CALLS[event.id] == 3  # MAX_ATTEMPTS deliveries, no more
    assert SEEN_ATTEMPTS[event.id] == [None, 2, 3]
    assert drain("flaky.events.retry") == []
    assert drain("flaky.events") == []


def test_not_an_envelope_goes_straight_to_dlq(flaky_container, fast_retries, publish_raw, drain):
    fast_retries(100, 3)
    flaky_container()

    publish_raw("test.flaky", json.dumps({"hello": "world"}))
    dead = drain("flaky.events.dlq", expect=1, timeout=30)
    assert not CALLS  # the handler never saw it
    assert len(dead) == 1
    assert json.loads(dead[0].body) == {"hello": "world"}
    assert dead[0].headers["x-sales-error"] == "malformed"


@pytest.mark.parametrize(
    "body",
    [b'{"hello": "world"}', b"\xff not json {"],
    ids=["json-not-envelope", "not-json"],
)
def test_malformed_body_does_not_stop_the_consumer(
    body, flaky_container, fast_retries, publish_raw, drain
):
    fast_retries(100, 3)
    container = flaky_container()

    publish_raw("test.flaky", body)
    good = flaky_event()
    with entrypoint_waiter(
        container, "on_event", timeout=30, callback=lambda ctx, res, exc: ctx.args[0].id == good.id
    ) as waited:
        publish_raw(good.type, envelopes.to_json(good))
    assert waited.get() is True
    assert CALLS[good.id] == 1
    assert drain("flaky.events") == []  # nothing stuck or redelivered
    assert drain("flaky.events.retry") == []


def test_undecodable_body_goes_to_dlq(flaky_container, fast_retries, publish_raw, drain):
    fast_retries(100, 3)
    flaky_container()

    publish_raw("test.flaky", b"\xff not json {")
    dead = drain("flaky.events.dlq", expect=1, timeout=30)
    assert len(dead) == 1
    assert dead[0].body == b"\xff not json {"
    assert "x-sales-error" in dead[0].headers
