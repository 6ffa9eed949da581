"""notify's MongoDB storage: the contact directory, routes, the delivery log, the audit log."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from typing import Any

from pymongo import ASCENDING, DESCENDING, IndexModel
from pymongo.client_session import ClientSession
from pymongo.database import Database
from pymongo.errors import DuplicateKeyError

from services.common.clock import as_utc
from services.common.ids import new_id
from services.common.mongo import BY_ID, UNCLAIMED, IndexPlan
from services.notify.application.ports import LogQuery
from services.notify.domain.model import (
    Channel,
    Contact,
    Delivery,
    DeliveryStatus,
    Message,
    Via,
)
from services.notify.domain.routing import Route

PENDING = DeliveryStatus.PENDING.value
DEAD = DeliveryStatus.DEAD_LETTERED.value

INDEXES: IndexPlan = {
    "contacts": [IndexModel([("tenant_id", 1), ("roles", 1)], name="by_role")],
    "routes": [IndexModel([("tenant_id", 1), ("event_type", 1)], name="by_tenant")],
    "deliveries": [
        IndexModel([("status", 1), ("next_attempt_at", 1)], name="due"),
        IndexModel([("tenant_id", 1), ("recipient_id", 1), ("_id", -1)], name="by_recipient"),
        IndexModel([("tenant_id", 1), ("source_event_id", 1)], name="by_event"),
        IndexModel([("tenant_id", 1), ("_id", -1)], name="newest"),
        IndexModel([("tenant_id", 1), ("status", 1), ("_id", -1)], name="by_status"),
        # awaits_contact first: the few deliveries still waiting for a person are found
        # without reading the rest of that person's history
        IndexModel(
            [("awaits_contact", 1), ("tenant_id", 1), ("recipient_id", 1)],
            name="awaiting_contact",
        ),
    ],
    "rate_windows": [],  # keyed by _id = the rate-limit key
    "audit": [IndexModel([("tenant_id", 1), ("at", -1)], name="by_tenant")],
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
        via=Via(doc.get("via", Via.APP.value)),
        robot_secret=doc.get("robot_secret", ""),
        event_at=doc.get("event_at"),
        replays=doc.get("replays", 0),
        replayed_by=doc.get("replayed_by", ""),
        replayed_at=doc.get("replayed_at"),
        awaits_contact=doc.get("awaits_contact", False),
        deferred=doc.get("deferred", False),
        deferrals=doc.get("deferrals", 0),
        claimed_until=_claim_from_doc(doc.get("claimed_until")),
        failed_at=doc.get("failed_at"),
        dead_lettered_at=doc.get("dead_lettered_at"),
    )


def _claim_from_doc(value: datetime | None) -> datetime | None:
    return None if value is None or as_utc(value) <= UNCLAIMED else value


def _attempt_fields(d: Delivery) -> dict[str, Any]:
    """What an attempt changes on a delivery; the claim is released with it."""
    fields: dict[str, Any] = {
        "status": d.status.value,
        "error": d.error,
        "attempts": d.attempts,
        "next_attempt_at": d.next_attempt_at,
        "provider_message_id": d.provider_message_id,
        "sent_at": d.sent_at,
        "deferred": d.deferred,
        "deferrals": d.deferrals,
        "claimed_until": UNCLAIMED,
    }
    for stamp in ("failed_at", "dead_lettered_at"):
        if getattr(d, stamp) is not None:
            fields[stamp] = getattr(d, stamp)
    return fields


def contact_from_doc(doc: dict[str, Any]) -> Contact:
    return Contact(
        tenant_id=doc["tenant_id"],
        person_id=doc["person_id"],
        name=doc.get("name", ""),
        supervisor_id=doc.get("supervisor_id", ""),
        wecom_userid=doc.get("wecom_userid", ""),
        dingtalk_userid=doc.get("dingtalk_userid", ""),
        preferred_channel=Channel(doc.get("preferred_channel", Channel.WECOM.value)),
        roles=tuple(doc.get("roles", ())),
        region_codes=tuple(doc.get("region_codes", ())),
        team_id=doc.get("team_id", ""),
        active=doc.get("active", True),
    )


ROUTE_FIELDS = (
    "roles",
    "channel",
    "muted",
    "wecom_robot_key",
    "dingtalk_robot_access_token",
    "dingtalk_robot_secret",
    "updated_by",
)


def route_from_doc(doc: dict[str, Any]) -> Route:
    return Route(
        event_type=doc["event_type"],
        roles=tuple(doc.get("roles", ())),
        channel=doc["channel"],
        tenant_id=doc["tenant_id"],
        muted=doc.get("muted", False),
        wecom_robot_key=doc.get("wecom_robot_key", ""),
        dingtalk_robot_access_token=doc.get("dingtalk_robot_access_token", ""),
        dingtalk_robot_secret=doc.get("dingtalk_robot_secret", ""),
        is_default=False,
        version=doc.get("version", 0),
        updated_by=doc.get("updated_by", ""),
        updated_at=doc.get("updated_at"),
    )


class MongoNotifyRepository:
    def __init__(self, db: Database, session: ClientSession | None) -> None:
        self._contacts = db["contacts"]
        self._routes = db["routes"]
        self._deliveries = db["deliveries"]
        self._audit = db["audit"]
        self._s = session

    # -- directory ---------------------------------------------------------------------------

    def contact(self, tenant_id: str, person_id: str) -> Contact | None:
        doc = self._contacts.find_one({"_id": f"{tenant_id}:{person_id}"}, session=self._s)
        return contact_from_doc(doc) if doc else None

    def contacts_with_role(self, tenant_id: str, role: str) -> list[Contact]:
        cursor = self._contacts.find({"tenant_id": tenant_id, "roles": role}, session=self._s)
        return [contact_from_doc(d) for d in cursor]

    def upsert_contact(self, contact: Contact) -> None:
        doc = {
            **asdict(contact),
            "preferred_channel": contact.preferred_channel.value,
            "roles": list(contact.roles),
            "region_codes": list(contact.region_codes),
        }
        self._contacts.replace_one(
            {"_id": f"{contact.tenant_id}:{contact.person_id}"}, doc, upsert=True, session=self._s
        )

    # -- routes ------------------------------------------------------------------------------

    def route(self, tenant_id: str, event_type: str) -> Route | None:
        doc = self._routes.find_one({"_id": f"{tenant_id}:{event_type}"}, session=self._s)
        return route_from_doc(doc) if doc else None

    def routes(self, tenant_id: str) -> list[Route]:
        cursor = self._routes.find({"tenant_id": tenant_id}, session=self._s)
        return [route_from_doc(d) for d in cursor.sort([("event_type", ASCENDING)])]

    def save_route(self, route: Route, now: datetime) -> Route:
        key = f"{route.tenant_id}:{route.event_type}"
        fields = {name: getattr(route, name) for name in ROUTE_FIELDS}
        fields["roles"] = list(route.roles)
        self._routes.update_one(
            {"_id": key},
            {
                "$set": {
                    **fields,
                    "tenant_id": route.tenant_id,
                    "event_type": route.event_type,
                    "updated_at": now,
                },
                "$inc": {"version": 1},
            },
            upsert=True,
            session=self._s,
        )
        return route_from_doc(self._routes.find_one({"_id": key}, session=self._s))

    # -- deliveries --------------------------------------------------------------------------

    def add_delivery(self, delivery: Delivery) -> bool:
        doc = {
            "_id": delivery.delivery_id,
            "tenant_id": delivery.tenant_id,
            "source_event_id": delivery.source_event_id,
            "source_event_type": delivery.source_event_type,
            "recipient_id": delivery.recipient_id,
            "recipient_role": delivery.recipient_role,
            "channel": delivery.channel.value,
            "via": delivery.via.value,
            "message": vars(delivery.message),
            "address": delivery.address,
            "robot_secret": delivery.robot_secret,
            "created_at": delivery.created_at,
            "origin_at": delivery.origin_at,
            "event_at": delivery.event_at,
            "replays": delivery.replays,
            "awaits_contact": delivery.awaits_contact,
            **_attempt_fields(delivery),
        }
        try:
            self._deliveries.insert_one(doc, session=self._s)
        except DuplicateKeyError:
            return False
        return True

    def awaiting_contact(self, tenant_id: str, person_id: str, since: datetime) -> list[Delivery]:
        cursor = self._deliveries.find(
            {
                "awaits_contact": True,
                "tenant_id": tenant_id,
                "recipient_id": person_id,
                "status": DeliveryStatus.FAILED.value,
                "created_at": {"$gte": since},
            },
            session=self._s,
        )
        return [delivery_from_doc(d) for d in cursor]

    def revive(self, delivery: Delivery) -> bool:
        result = self._deliveries.update_one(
            {
                "_id": delivery.delivery_id,
                "status": DeliveryStatus.FAILED.value,
                "awaits_contact": True,
            },
            {
                "$set": {
                    "status": delivery.status.value,
                    "address": delivery.address,
                    "error": delivery.error,
                    "awaits_contact": delivery.awaits_contact,
                    "attempts": delivery.attempts,
                    "next_attempt_at": delivery.next_attempt_at,
                    "claimed_until": UNCLAIMED,
                },
                "$unset": {"failed_at": ""},
            },
            hint=BY_ID,
            session=self._s,
        )
        return result.modified_count == 1

    def get_delivery(self, delivery_id: str) -> Delivery | None:
        doc = self._deliveries.find_one({"_id": delivery_id}, session=self._s)
        return delivery_from_doc(doc) if doc else None

    def claim(self, delivery_id: str, now: datetime, hold_until: datetime) -> Delivery | None:
        # Delivery.claimable as one conditional update_one, then a read by _id:
        # find_one_and_update is slow here.
        result = self._deliveries.update_one(
            {
                "_id": delivery_id,
                "status": PENDING,
                "next_attempt_at": {"$lte": now},
                "claimed_until": {"$lt": now},
            },
            {"$set": {"claimed_until": hold_until}, "$inc": {"attempts": 1}},
            hint=BY_ID,
        )
        if result.modified_count != 1:
            return None
        doc = self._deliveries.find_one({"_id": delivery_id})
        return delivery_from_doc(doc) if doc else None

    def save_attempt(self, delivery: Delivery) -> None:
        # Only while this attempt's claim holds: a claim that expired mid-call (a provider
        # slower than CLAIM_FOR) may belong to another replica's attempt by now.
        self._deliveries.update_one(
            {"_id": delivery.delivery_id, "claimed_until": delivery.claimed_until or UNCLAIMED},
            {"$set": _attempt_fields(delivery)},
            hint=BY_ID,
        )

    def pull_forward(self, channel: Channel, now: datetime) -> int:
        """Retries waiting out a backoff on `channel` become due now (not rate-limit waits)."""
        result = self._deliveries.update_many(
            {
                "status": PENDING,
                "next_attempt_at": {"$gt": now},
                "channel": channel.value,
                "deferred": False,
            },
            {"$set": {"next_attempt_at": now}},
        )
        return result.modified_count

    def due(self, now: datetime, limit: int) -> list[str]:
        cursor = (
            self._deliveries.find(
                {"status": PENDING, "next_attempt_at": {"$lte": now}},
                projection={"_id": 1},
            )
            .sort([("next_attempt_at", ASCENDING)])
            .limit(limit)
        )
        return [d["_id"] for d in cursor]

    def count_pending(self) -> int:
        return self._deliveries.count_documents({"status": PENDING})

    def count_dead_lettered(self) -> int:
        return self._deliveries.count_documents({"status": DEAD})

    def list_deliveries(self, query: LogQuery) -> list[Delivery]:
        match: dict[str, Any] = {"tenant_id": query.tenant_id}
        for name in ("recipient_id", "source_event_id", "status"):
            if getattr(query, name):
                match[name] = getattr(query, name)
        if query.after:
            match["_id"] = {"$lt": query.after}
        cursor = self._deliveries.find(match).sort([("_id", DESCENDING)]).limit(query.limit)
        return [delivery_from_doc(d) for d in cursor]

    def replay(self, delivery: Delivery) -> bool:
        result = self._deliveries.update_one(
            {"_id": delivery.delivery_id, "tenant_id": delivery.tenant_id, "status": DEAD},
            {
                "$set": {
                    "status": delivery.status.value,
                    "attempts": delivery.attempts,
                    "next_attempt_at": delivery.next_attempt_at,
                    "claimed_until": UNCLAIMED,
                    "deferred": delivery.deferred,
                    "replays": delivery.replays,
                    "replayed_by": delivery.replayed_by,
                    "replayed_at": delivery.replayed_at,
                }
            },
            hint=BY_ID,
        )
        return result.modified_count == 1

    def add_audit(self, entry: dict[str, Any]) -> None:
        self._audit.insert_one({"_id": new_id(), **entry})
