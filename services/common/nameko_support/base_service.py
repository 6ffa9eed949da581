"""Behaviour every nameko service shares: relaying its outbox."""

from __future__ import annotations

import logging

from nameko.timer import timer

log = logging.getLogger(__name__)


class OutboxRelayMixin:
    """Publishes outbox rows that a crash left unconfirmed. Needs a `kernel` dependency."""

    @timer(interval=1.0)
    def relay_outbox(self) -> None:
        relayed = self.kernel.outbox.relay_pending()
        if relayed:
            log.info("outbox relayed", extra={"count": relayed})
