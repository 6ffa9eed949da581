"""RabbitMQ topology and the confirmed publisher used inside nameko services.

One durable topic exchange, `sales.events`, routing key = event type. Each consuming service
owns a durable queue `<service>.events`, a retry queue that dead-letters back into it after a
delay, and a dead-letter queue for poison messages. Partners bind their own queues.
"""

from __future__ import annotations

import os

from kombu import Exchange, Queue, binding
from nameko.amqp.publish import Publisher
from nameko.constants import PERSISTENT

from services.common.envelope import EXCHANGE

EVENTS_EXCHANGE = Exchange(EXCHANGE, type="topic", durable=True)
RETRY_DELAY_MS = int(os.environ.get("SALES_EVENT_RETRY_DELAY_MS", "2000"))
MAX_ATTEMPTS = int(os.environ.get("SALES_EVENT_MAX_ATTEMPTS", "5"))


def _queue_args() -> dict:
    # Production runs quorum queues (deploy/); the embedded broker uses classic ones.
    queue_type = os.environ.get("SALES_QUEUE_TYPE", "classic")
    return {"x-queue-type": queue_type}


def service_queue(service: str, routing_keys: list[str]) -> Queue:
    return Queue(
        f"{service}.events",
        bindings=[binding(EVENTS_EXCHANGE, routing_key=key) for key in routing_keys],
        durable=True,
        queue_arguments=_queue_args(),
    )


def retry_queue(service: str) -> Queue:
    return Queue(
        f"{service}.events.retry",
        durable=True,
        queue_arguments={
            **_queue_args(),
            "x-message-ttl": RETRY_DELAY_MS,
            "x-dead-letter-exchange": "",
            "x-dead-letter-routing-key": f"{service}.events",
        },
    )


def dead_letter_queue(service: str) -> Queue:
    return Queue(f"{service}.events.dlq", durable=True, queue_arguments=_queue_args())


class EventPublisher:
    """Publishes envelope JSON with publisher confirms and persistent delivery."""

    def __init__(self, amqp_uri: str) -> None:
        self._publisher = Publisher(
            amqp_uri,
            use_confirms=True,
            delivery_mode=PERSISTENT,
            declare=[EVENTS_EXCHANGE],
            # Fail fast: a caller is waiting, and the outbox relay retries what fails here.
            retry=True,
            retry_policy={"max_retries": 1, "interval_start": 0.1, "interval_step": 0.2},
        )

    def publish(self, event_id: str, event_type: str, body: str, tenant_id: str) -> None:
        self._publisher.publish(
            body.encode(),
            exchange=EVENTS_EXCHANGE,
            routing_key=event_type,
            content_type="application/json",
            content_encoding="utf-8",
            message_id=event_id,
            type=event_type,
            headers={"tenant_id": tenant_id},
        )

    def send_to_queue(self, queue: Queue, body: bytes, headers: dict) -> None:
        """Direct publish via the default exchange (retry and dead-letter paths)."""
        self._publisher.publish(
            body,
            exchange="",
            routing_key=queue.name,
            content_type="application/json",
            content_encoding="utf-8",
            headers=headers,
            declare=[queue],
        )
