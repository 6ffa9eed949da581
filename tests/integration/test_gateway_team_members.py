"""The gateway's directory answers a team's members (a director's scope check, ADR 038) on
the MongoDB-wire server, by its index on the person's team."""

from __future__ import annotations

import asyncio
import uuid

from pymongo import AsyncMongoClient

from sales.common.v1 import org_pb2
from services.common.config import Settings
from services.gateway.adapters.org_store import OrgStore


async def _members() -> tuple[list[str], list[str], list[str]]:
    client = AsyncMongoClient(Settings("tests").mongo_uri)
    name = f"org_{uuid.uuid4().hex[:8]}_gateway"
    try:
        store = OrgStore(client, name)
        await store.ensure_indexes()
        for pid, tenant, team in (("p0", "t", "hz"), ("p1", "t", "hz"), ("p2", "t", "nb"),
                                  ("p3", "t2", "hz")):  # fmt: skip
            person = org_pb2.Person(tenant_id=tenant, person_id=pid, team_id=team)
            await store.upsert(person, "c")
        found = [sorted(p.person_id for p in await store.team_members("t", team))
                 for team in ("hz", "nb", "none")]  # fmt: skip
        return found[0], found[1], found[2]
    finally:
        await client.drop_database(name)
        await client.close()


def test_a_teams_members_within_the_tenant() -> None:
    assert asyncio.run(_members()) == (["p0", "p1"], ["p2"], [])
