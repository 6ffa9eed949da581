"""Behaviour every nameko service shares: relaying its outbox, and reporting the depth of its
RabbitMQ queues (main, retry, dead-letter) as Prometheus gauges."""

from __future__ import annotations

import logging

from kombu import Connection
from kombu.exceptions import OperationalError
from nameko import config
from nameko.timer import timer

from services.common.metrics import QUEUE_DEPTH

log = logging.getLogger(__name__)


class OutboxRelayMixin:
    """Publishes outbox rows that a crash left unconfirmed. Needs a `kernel` dependency."""

    @timer(interval=1.0)
    def relay_outbox(self) -> None:
        relayed = self.kernel.outbox.relay_pending()
        if relayed:
            log.info("outbox relayed", extra={"count": relayed})

    def queue_names(self) -> list[str]:
        """The queues whose depth this process reports; a capability with a queue of its
        own adds it (scoring's orders, ADR 031)."""
        return [f"{self.name}.events", f"{self.name}.events.retry", f"{self.name}.events.dlq"]

    @timer(interval=5.0)
    def report_queue_depth(self) -> None:
        names = self.queue_names()
        try:
            with Connection(config["AMQP_URI"], connect_timeout=2) as connection:
                for name in names:
                    # A failed passive declare closes its channel, so each gets a fresh one;
                    # closing the connection cleans them all up.
                    try:
                        _, ready, _ = connection.channel().queue_declare(queue=name, passive=True)
                    except Exception:  # the service has no such queue (no event consumer)
                        continue
                    QUEUE_DEPTH.labels(name).set(ready)
        except (OperationalError, OSError):
            log.debug("broker unreachable; queue depth not sampled")
