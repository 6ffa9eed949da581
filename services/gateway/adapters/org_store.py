"""The org directory in MongoDB (async PyMongo), written together with its org.* events in
one transaction (the gateway's outbox), then published by the relay."""

from __future__ import annotations

from datetime import UTC, datetime

from google.protobuf import json_format
from pymongo import AsyncMongoClient

from sales.common.v1 import org_pb2
from sales.events.v1 import org_events_pb2
from services.common import envelope as envelopes


class OrgStore:
    def __init__(self, client: AsyncMongoClient, database: str) -> None:
        self._client = client
        self._db = client[database]
        self.people = self._db["people"]
        self.outbox = self._db["outbox"]

    async def ensure_indexes(self) -> None:
        await self.people.create_index([("tenant_id", 1), ("supervisor_id", 1)], name="team")
        await self.people.create_index([("tenant_id", 1), ("person.team_id", 1)], name="team_id")
        await self.outbox.create_index([("sent", 1), ("created_at", 1)], name="unsent_by_age")

    async def get(self, tenant_id: str, person_id: str) -> org_pb2.Person | None:
        doc = await self.people.find_one({"_id": f"{tenant_id}:{person_id}"})
        if doc is None:
            return None
        return json_format.ParseDict(doc["person"], org_pb2.Person())

    async def get_many(self, tenant_id: str, person_ids: list[str]) -> dict[str, org_pb2.Person]:
        ids = [f"{tenant_id}:{person_id}" for person_id in dict.fromkeys(person_ids)]
        found = {}
        async for doc in self.people.find({"_id": {"$in": ids}}):
            person = json_format.ParseDict(doc["person"], org_pb2.Person())
            found[person.person_id] = person
        return found

    async def team_of(self, tenant_id: str, supervisor_id: str, limit: int = 500) -> list[str]:
        """The ids of the people whose direct supervisor is `supervisor_id` (index "team")."""
        cursor = self.people.find(
            {"tenant_id": tenant_id, "supervisor_id": supervisor_id}, {"person.person_id": 1}
        ).limit(limit)
        return [doc["person"]["person_id"] async for doc in cursor]

    async def team_members(self, tenant_id: str, team_id: str, limit: int = 500) -> list:
        """The people whose directory entry names `team_id` (index "team_id")."""
        query = {"tenant_id": tenant_id, "person.team_id": team_id}
        cursor = self.people.find(query).limit(limit)
        return [json_format.ParseDict(doc["person"], org_pb2.Person()) async for doc in cursor]

    async def upsert(self, person: org_pb2.Person, correlation_id: str) -> envelopes.Envelope:
        """Store the person and the org.person.upserted event atomically."""
        event = envelopes.new_envelope(
            "org.person.upserted",
            org_events_pb2.PersonUpserted(person=person),
            tenant_id=person.tenant_id,
            producer="gateway",
            correlation_id=correlation_id,
        )
        now = datetime.now(UTC)
        doc = {
            "_id": f"{person.tenant_id}:{person.person_id}",
            "tenant_id": person.tenant_id,
            "supervisor_id": person.supervisor_id,
            "person": json_format.MessageToDict(person, preserving_proto_field_name=True),
            "updated_at": now,
        }
        async with (
            self._client.start_session() as session,
            await session.start_transaction(),
        ):
            await self.people.replace_one({"_id": doc["_id"]}, doc, upsert=True, session=session)
            await self.outbox.insert_one(
                {
                    "_id": event.id,
                    "type": event.type,
                    "tenant_id": event.tenant_id,
                    "body": envelopes.to_json(event),
                    "created_at": now,
                    "sent": False,
                },
                session=session,
            )
        return event
