"""Transactional outbox: events are written in the same MongoDB transaction as the documents
they describe, published right after commit, and re-published by a relay if the process died
in between. Consumers de-duplicate, so a second publish is harmless; a lost one is not.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from pymongo.client_session import ClientSession
from pymongo.database import Database

from services.common import envelope as envelopes
from services.common.clock import Clock, SystemClock
from services.common.metrics import EVENTS_PUBLISHED, OUTBOX_PENDING
from services.common.mongo import BY_ID, UNCLAIMED

log = logging.getLogger(__name__)

PublishFn = Callable[[str, str, str, str], None]  # (event_id, type, json body, tenant_id)
RELAY_GRACE = timedelta(seconds=2)  # leave fresh rows to the inline publish after commit
CLAIM_FOR = timedelta(seconds=30)


class Outbox:
    def __init__(
        self, db: Database, service: str, publish: PublishFn, clock: Clock | None = None
    ) -> None:
        self._rows = db["outbox"]
        self._service = service
        self._publish = publish
        self._clock = clock or SystemClock()

    def write(self, session: ClientSession, events: list[envelopes.Envelope]) -> list[str]:
        """The events' rows, in the caller's transaction; -> their JSON bodies, which flush
        publishes as they are (a 500-card history event took 0.2 s to serialise)."""
        if not events:
            return []
        now = self._clock.now()
        bodies = [envelopes.to_json(e) for e in events]
        self._rows.insert_many(
            [
                {
                    "_id": e.id,
                    "type": e.type,
                    "tenant_id": e.tenant_id,
                    "body": body,
                    "created_at": now,
                    "sent": False,
                    "claimed_until": UNCLAIMED,
                }
                for e, body in zip(events, bodies, strict=True)
            ],
            session=session,
        )
        return bodies

    def flush(self, events: list[envelopes.Envelope], bodies: list[str]) -> None:
        """Publish just-committed events (`bodies`: what write stored for them); on failure
        the relay picks them up later. Never raises: the transaction has already committed."""
        sent: list[str] = []
        for event, body in zip(events, bodies, strict=True):
            try:
                self._publish(event.id, event.type, body, event.tenant_id)
            except Exception:
                log.warning(
                    "publish after commit failed; relay will retry",
                    extra={"event_id": event.id, "type": event.type},
                    exc_info=True,
                )
                break  # keep order: later events wait for the relay too
            sent.append(event.id)
            EVENTS_PUBLISHED.labels(self._service, event.type).inc()
        if sent:
            try:
                self._rows.update_many(
                    {"_id": {"$in": sent}}, {"$set": {"sent": True, "sent_at": self._clock.now()}}
                )
            except Exception:
                # Committed and published: a missing mark only means one more publish later.
                log.warning("could not mark events sent", extra={"count": len(sent)}, exc_info=True)

    def relay_pending(self, limit: int = 500) -> int:
        """Publish rows that were committed but never confirmed. Safe with many replicas:
        each row is claimed with a conditional update before it is published."""
        now = self._clock.now()
        pending = list(
            self._rows.find({"sent": False, "created_at": {"$lt": now - RELAY_GRACE}})
            .sort("created_at", 1)
            .limit(limit)
        )
        OUTBOX_PENDING.labels(self._service).set(len(pending))
        published = 0
        for row in pending:
            claim = self._rows.update_one(
                {"_id": row["_id"], "sent": False, "claimed_until": {"$lt": now}},
                {"$set": {"claimed_until": now + CLAIM_FOR}},
                hint=BY_ID,
            )
            if claim.modified_count != 1:
                continue
            try:
                self._publish(row["_id"], row["type"], row["body"], row["tenant_id"])
            except Exception:
                log.warning("relay publish failed", extra={"event_id": row["_id"]}, exc_info=True)
                # Give the claim back: the next tick starts again from this, the oldest row,
                # instead of skipping it for CLAIM_FOR and draining late after an outage.
                self._release(row["_id"], now + CLAIM_FOR)
                return published
            self._rows.update_one(
                {"_id": row["_id"]},
                {"$set": {"sent": True, "sent_at": self._clock.now()}},
                hint=BY_ID,
            )
            EVENTS_PUBLISHED.labels(self._service, row["type"]).inc()
            published += 1
        return published

    def _release(self, event_id: str, our_claim: datetime) -> None:
        # Only our own claim: a publish that hung past CLAIM_FOR may have been taken over.
        try:
            self._rows.update_one(
                {"_id": event_id, "sent": False, "claimed_until": our_claim},
                {"$set": {"claimed_until": UNCLAIMED}},
                hint=BY_ID,
            )
        except Exception:  # the database is away too: the claim simply expires
            log.warning("could not release an outbox claim", extra={"event_id": event_id})

    def oldest_unsent_age(self) -> timedelta | None:
        row = self._rows.find_one({"sent": False}, sort=[("created_at", 1)])
        if row is None:
            return None
        created: datetime = row["created_at"]
        return self._clock.now() - created
