"""In-memory stand-ins for the gateway's ports (services/gateway/application/ports.py)."""

from __future__ import annotations

from sales.common.v1 import org_pb2
from sales.events.v1 import org_events_pb2
from services.common import envelope as envelopes


class FakeDirectory:
    def __init__(self, *people: org_pb2.Person) -> None:
        self.people: dict[tuple[str, str], org_pb2.Person] = {}
        self.events: list[envelopes.Envelope] = []
        for person in people:
            self.people[(person.tenant_id, person.person_id)] = person

    async def get(self, tenant_id: str, person_id: str) -> org_pb2.Person | None:
        return self.people.get((tenant_id, person_id))

    async def get_many(self, tenant_id: str, person_ids: list[str]) -> dict[str, org_pb2.Person]:
        return {i: p for i in person_ids if (p := self.people.get((tenant_id, i)))}

    async def team_of(self, tenant_id: str, supervisor_id: str, limit: int = 500) -> list[str]:
        return sorted(
            pid for (tenant, pid), p in self.people.items()
            if tenant == tenant_id and p.supervisor_id == supervisor_id
        )  # fmt: skip

    async def team_members(self, tenant_id: str, team_id: str, limit: int = 500) -> list:
        return [p for (tenant, _), p in sorted(self.people.items())
                if tenant == tenant_id and p.team_id == team_id][:limit]  # fmt: skip

    async def upsert(self, person: org_pb2.Person, correlation_id: str) -> envelopes.Envelope:
        self.people[(person.tenant_id, person.person_id)] = person
        event = envelopes.new_envelope(
            "org.person.upserted", org_events_pb2.PersonUpserted(person=person),
            tenant_id=person.tenant_id, producer="gateway", correlation_id=correlation_id,
        )  # fmt: skip
        self.events.append(event)
        return event


class FakePublisher:
    def __init__(self) -> None:
        self.published: list[envelopes.Envelope] = []

    async def publish_now(self, event: envelopes.Envelope) -> None:
        self.published.append(event)


class Recorder:
    """A backend stub (scoring, scoring_orders, ...) that keeps what the gateway sent it and
    answers each request with itself."""

    def __init__(self) -> None:
        self.sent: list = []

    def __getattr__(self, method: str):
        async def send(request, timeout):
            self.sent.append((method, request))
            return request

        return send
