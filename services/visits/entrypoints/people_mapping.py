"""org.person.upserted's Person -> visits' read-model Person."""

from __future__ import annotations

from sales.common.v1 import org_pb2
from sales.common.v1 import types_pb2 as t
from services.visits.domain.people import ADMIN, DIRECTOR, FINANCE, REP, SUPERVISOR, Person

ROLE_FROM_PB = {
    t.ROLE_REP: REP,
    t.ROLE_SUPERVISOR: SUPERVISOR,
    t.ROLE_DIRECTOR: DIRECTOR,
    t.ROLE_FINANCE: FINANCE,
    t.ROLE_ADMIN: ADMIN,
}


def person_from_pb(person: org_pb2.Person, occurred_at) -> Person:
    return Person(
        tenant_id=person.tenant_id,
        person_id=person.person_id,
        name=person.name,
        roles=frozenset(ROLE_FROM_PB[r] for r in person.roles if r in ROLE_FROM_PB),
        supervisor_id=person.supervisor_id,
        team_id=person.team_id,
        region_codes=tuple(person.region_codes),
        # as assignment reads it: a status never given is not active
        active=person.status in (t.PERSON_STATUS_ACTIVE, t.PERSON_STATUS_ON_LEAVE),
        on_leave=person.status == t.PERSON_STATUS_ON_LEAVE,
        as_of=occurred_at,
    )
