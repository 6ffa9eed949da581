"""notify's MongoDB storage: the contact directory and the delivery log."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pymongo import ASCENDING, DESCENDING, IndexModel
from pymongo.client_session import ClientSession
from pymongo.database import Database
from pymongo.errors import DuplicateKeyError

from services.common.mongo import IndexPlan
from services.notify.domain.model import Channel, Contact, Delivery, DeliveryStatus, Message

INDEXES: IndexPlan = {
    "contacts": [],  # keyed by _id = tenant:person
    "deliveries": [
        IndexModel([("status", 1), ("next_attempt_at", 1)], name="due"),
        IndexModel([("tenant_id", 1), ("recipient_id", 1), ("_id", -1)], name="by_recipient"),
        IndexModel([("tenant_id", 1), ("source_event_id", 1)], name="by_event"),
        IndexModel([("tenant_id", 1), ("_id", -1)], name="newest"),
    ],
}


def delivery_from_doc(doc: dict[str, Any]) -> Delivery:
    return Delivery(
        delivery_id=doc["_id"],
        tenant_id=doc["tenant_id"],
        source_event_id=doc["source_event_id"],
        source_event_type=doc["source_event_type"],
        recipient_id=doc["recipient_id"],
        recipient_role=doc["recipient_role"],
        channel=Channel(doc["channel"]),
        message=Message(**doc["message"]),
        address=doc["address"],
        status=DeliveryStatus(doc["status"]),
        attempts=doc["attempts"],
        error=doc["error"],
        provider_message_id=doc["provider_message_id"],
        created_at=doc["created_at"],
        sent_at=doc.get("sent_at"),
        next_attempt_at=doc.get("next_attempt_at"),
        origin_at=doc.get("origin_at"),
    )


class MongoNotifyRepository:
    def __init__(self, db: Database, session: ClientSession | None) -> None:
        self._contacts = db["contacts"]
        self._deliveries = db["deliveries"]
        self._s = session

    def contact(self, tenant_id: str, person_id: str) -> Contact | None:
        doc = self._contacts.find_one({"_id": f"{tenant_id}:{person_id}"}, session=self._s)
        if doc is None:
            return None
        doc.pop("_id")
        doc["preferred_channel"] = Channel(doc["preferred_channel"])
        return Contact(**doc)

    def upsert_contact(self, contact: Contact) -> None:
        doc = {**vars(contact), "preferred_channel": contact.preferred_channel.value}
        self._contacts.replace_one(
            {"_id": f"{contact.tenant_id}:{contact.person_id}"}, doc, upsert=True, session=self._s
        )

    def add_delivery(self, d: Delivery) -> bool:
        doc = {
            "_id": d.delivery_id,
            "tenant_id": d.tenant_id,
            "source_event_id": d.source_event_id,
            "source_event_type": d.source_event_type,
            "recipient_id": d.recipient_id,
            "recipient_role": d.recipient_role,
            "channel": d.channel.value,
            "message": vars(d.message),
            "address": d.address,
            "status": d.status.value,
            "attempts": d.attempts,
            "error": d.error,
            "provider_message_id": d.provider_message_id,
            "created_at": d.created_at,
            "sent_at": d.sent_at,
            "next_attempt_at": d.next_attempt_at,
            "origin_at": d.origin_at,
            "claimed_until": None,
        }
        try:
            self._deliveries.insert_one(doc, session=self._s)
        except DuplicateKeyError:
            return False
        return True

    def claim(self, delivery_id: str, now: datetime, hold_until: datetime) -> Delivery | None:
        # A conditional update_one, then a read by _id: find_one_and_update is slow here.
        result = self._deliveries.update_one(
            {
                "_id": delivery_id,
                "status": DeliveryStatus.PENDING.value,
                "$or": [{"claimed_until": None}, {"claimed_until": {"$lt": now}}],
            },
            {"$set": {"claimed_until": hold_until}, "$inc": {"attempts": 1}},
        )
        if result.modified_count != 1:
            return None
        doc = self._deliveries.find_one({"_id": delivery_id})
        return delivery_from_doc(doc) if doc else None

    def mark_sent(self, delivery_id: str, provider_message_id: str, now: datetime) -> None:
        self._deliveries.update_one(
            {"_id": delivery_id},
            {
                "$set": {
                    "status": DeliveryStatus.SENT.value,
                    "provider_message_id": provider_message_id,
                    "sent_at": now,
                    "error": "",
                    "claimed_until": None,
                }
            },
        )

    def mark_retry(self, delivery_id: str, error: str, next_attempt_at: datetime) -> None:
        self._deliveries.update_one(
            {"_id": delivery_id},
            {"$set": {"error": error, "next_attempt_at": next_attempt_at, "claimed_until": None}},
        )

    def mark_failed(self, delivery_id: str, error: str, now: datetime) -> None:
        self._deliveries.update_one(
            {"_id": delivery_id},
            {"$set": {"status": DeliveryStatus.FAILED.value, "error": error, "failed_at": now}},
        )

    def due(self, now: datetime, limit: int) -> list[str]:
        cursor = (
            self._deliveries.find(
                {"status": DeliveryStatus.PENDING.value, "next_attempt_at": {"$lte": now}},
                projection={"_id": 1},
            )
            .sort([("next_attempt_at", ASCENDING)])
            .limit(limit)
        )
        return [d["_id"] for d in cursor]

    def list_deliveries(
        self, tenant_id: str, recipient_id: str, source_event_id: str, after: str, limit: int
    ) -> list[Delivery]:
        query: dict[str, Any] = {"tenant_id": tenant_id}
        if recipient_id:
            query["recipient_id"] = recipient_id
        if source_event_id:
            query["source_event_id"] = source_event_id
        if after:
            query["_id"] = {"$lt": after}
        cursor = self._deliveries.find(query).sort([("_id", DESCENDING)]).limit(limit)
        return [delivery_from_doc(d) for d in cursor]
