"""Publishes the gateway's outbox to the `sales.events` exchange with aio-pika, using
publisher confirms; a background loop re-publishes whatever was left unsent."""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime, timedelta

import aio_pika
from pymongo.asynchronous.collection import AsyncCollection

from services.common import envelope as envelopes
from services.common.metrics import EVENTS_PUBLISHED, OUTBOX_PENDING

log = logging.getLogger(__name__)


class EventRelay:
    def __init__(self, amqp_uri: str, outbox: AsyncCollection) -> None:
        self._uri = amqp_uri
        self._outbox = outbox
        self._connection: aio_pika.abc.AbstractRobustConnection | None = None
        self._exchange: aio_pika.abc.AbstractExchange | None = None
        self._lock = asyncio.Lock()

    async def _ensure(self) -> aio_pika.abc.AbstractExchange:
        if self._exchange is None:
            self._connection = await aio_pika.connect_robust(self._uri, timeout=5)
            channel = await self._connection.channel(publisher_confirms=True)
            self._exchange = await channel.declare_exchange(
                envelopes.EXCHANGE, aio_pika.ExchangeType.TOPIC, durable=True
            )
        return self._exchange

    async def publish(self, event_id: str, event_type: str, body: str, tenant_id: str) -> None:
        exchange = await self._ensure()
        await exchange.publish(
            aio_pika.Message(
                body.encode(),
                content_type="application/json",
                content_encoding="utf-8",
                delivery_mode=aio_pika.DeliveryMode.PERSISTENT,
                message_id=event_id,
                type=event_type,
                headers={"tenant_id": tenant_id},
            ),
            routing_key=event_type,
        )
        await self._outbox.update_one(
            {"_id": event_id}, {"$set": {"sent": True, "sent_at": datetime.now(UTC)}}
        )
        EVENTS_PUBLISHED.labels("gateway", event_type).inc()

    async def publish_now(self, event: envelopes.Envelope) -> None:
        try:
            await self.publish(event.id, event.type, envelopes.to_json(event), event.tenant_id)
        except Exception:
            log.warning("publish after commit failed; relay will retry", exc_info=True)

    async def relay_forever(self, interval_s: float = 1.0) -> None:
        while True:
            await asyncio.sleep(interval_s)
            try:
                await self.relay_once()
            except Exception:
                log.warning("outbox relay pass failed", exc_info=True)

    async def relay_once(self) -> int:
        async with self._lock:
            cutoff = datetime.now(UTC) - timedelta(seconds=2)
            rows = (
                await self._outbox.find({"sent": False, "created_at": {"$lt": cutoff}})
                .sort("created_at", 1)
                .to_list(500)
            )
            OUTBOX_PENDING.labels("gateway").set(len(rows))
            for row in rows:
                await self.publish(row["_id"], row["type"], row["body"], row["tenant_id"])
            return len(rows)

    async def close(self) -> None:
        if self._connection is not None:
            await self._connection.close()
