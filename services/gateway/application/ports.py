"""What the gateway's use cases need from the outside world."""

from __future__ import annotations

from typing import Protocol

from sales.common.v1 import org_pb2
from services.common import envelope as envelopes


class Directory(Protocol):
    async def get(self, tenant_id: str, person_id: str) -> org_pb2.Person | None: ...

    async def get_many(self, tenant_id: str, person_ids: list[str]) -> dict[str, org_pb2.Person]:
        """The people of those ids that exist, by id."""
        ...

    async def upsert(self, person: org_pb2.Person, correlation_id: str) -> envelopes.Envelope:
        """Store the person and its org.person.upserted event atomically."""
        ...


class Publisher(Protocol):
    async def publish_now(self, event: envelopes.Envelope) -> None: ...
