"""A nameko entrypoint that consumes envelopes from the service's durable queue.

On failure the message is re-published to the service's retry queue (which dead-letters it
back after a delay) and, after MAX_ATTEMPTS, to the dead-letter queue; only then is the
original acknowledged, so a crash at any point means redelivery, never loss. Handlers are
idempotent through the unit of work's inbox.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Iterable
from functools import partial

from nameko import config
from nameko.exceptions import ContainerBeingKilled
from nameko.messaging import Consumer

from services.common import envelope as envelopes
from services.common.event_bus import (
    MAX_ATTEMPTS,
    EventPublisher,
    dead_letter_queue,
    retry_queue,
    service_queue,
)
from services.common.handling import Outcome
from services.common.metrics import (
    EVENT_HANDLE_LATENCY,
    EVENT_OUTCOMES,
    EVENTS_CONSUMED,
    initialise,
)

log = logging.getLogger(__name__)
ATTEMPT_HEADER = "x-sales-attempt"


class EventConsumer(Consumer):
    def __init__(self, service: str, routing_keys: list[str], **kwargs) -> None:
        self.service = service
        self.routing_keys = routing_keys
        super().__init__(service_queue(service, routing_keys), **kwargs)

    def setup(self) -> None:
        super().setup()
        self._publisher = EventPublisher(config["AMQP_URI"])
        # kombu would log and ack a body it cannot decode, losing it: dead-letter it instead.
        self.consumer.on_decode_error = self._on_decode_error
        initialise(EVENTS_CONSUMED, (self.service,), self.routing_keys, EVENT_OUTCOMES)
        initialise(
            EVENTS_CONSUMED, (self.service,), ("malformed", "undecodable"), ("dead_lettered",)
        )

    def _on_decode_error(self, message, error: Exception) -> None:
        log.error("undecodable event dead-lettered", extra={"error": str(error)})
        self._dead_letter(message.body, dict(message.headers or {}), reason=f"undecodable: {error}")
        EVENTS_CONSUMED.labels(self.service, "undecodable", "dead_lettered").inc()
        message.ack()

    def handle_message(self, body, message) -> None:
        started = time.perf_counter()
        headers = dict(message.headers or {})
        try:
            envelope = envelopes.from_json(body)
        except Exception:
            log.error("malformed event dead-lettered", extra={"body": str(body)[:500]})
            self._dead_letter(body, headers, reason="malformed")
            EVENTS_CONSUMED.labels(self.service, "malformed", "dead_lettered").inc()
            self.consumer.ack_message(message)
            return

        handle_result = partial(self._handle_result, message, body, headers, envelope, started)

        def spawn_worker() -> None:
            try:
                self.container.spawn_worker(self, (envelope,), {}, handle_result=handle_result)
            except ContainerBeingKilled:
                self.consumer.requeue_message(message)

        self.container.spawn_managed_thread(spawn_worker)

    def _handle_result(self, message, body, headers, envelope, started, worker_ctx, result, exc):
        try:
            self._settle(message, body, headers, envelope, started, result, exc)
        except Exception:
            # Could not park it for retry (broker blip): hand it back rather than hold it.
            log.warning(
                "could not settle event; requeued", extra={"event_id": envelope.id}, exc_info=True
            )
            self.consumer.requeue_message(message)
        return result, exc

    def _settle(self, message, body, headers, envelope, started, result, exc) -> None:
        if exc is None:
            # Handlers report an Outcome (services/common/handling.py); anything else is a
            # handler that did its work without saying more.
            outcome = result.value if isinstance(result, Outcome) else Outcome.OK.value
        else:
            attempt = int(headers.get(ATTEMPT_HEADER, 1))
            log.warning(
                "event handler failed",
                extra={"event_id": envelope.id, "type": envelope.type, "attempt": attempt},
                exc_info=exc,
            )
            if attempt >= MAX_ATTEMPTS:
                self._dead_letter(body, headers, reason=repr(exc[1]))
                outcome = "dead_lettered"
            else:
                self._publisher.send_to_queue(
                    retry_queue(self.service),
                    _raw(body),
                    {**headers, ATTEMPT_HEADER: attempt + 1},
                )
                outcome = "retried"
        EVENTS_CONSUMED.labels(self.service, envelope.type, outcome).inc()
        EVENT_HANDLE_LATENCY.labels(self.service, envelope.type).observe(
            time.perf_counter() - started
        )
        self.consumer.ack_message(message)

    def _dead_letter(self, body, headers: dict, reason: str) -> None:
        self._publisher.send_to_queue(
            dead_letter_queue(self.service), _raw(body), {**headers, "x-sales-error": reason[:500]}
        )


def _raw(body) -> bytes:
    if isinstance(body, bytes):
        return body
    if isinstance(body, str):
        return body.encode()
    return json.dumps(body, ensure_ascii=False).encode()


def handles_events(service: str, event_types: Iterable[str]):
    """Decorate the one method of a service that receives its events (an Envelope); the
    queue is bound to exactly the types of the service's handler table."""
    return EventConsumer.decorator(service, sorted(event_types))
