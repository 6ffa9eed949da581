"""The org directory's use cases: who may be stored, and what a caller may see of a team."""

from __future__ import annotations

from sales.common.v1 import org_pb2
from services.common.errors import InvalidArgument, NotFound
from services.common.proto_codes import (
    CUSTOMER_TYPE_FROM_PB,
    NOTIFY_CHANNEL_FROM_PB,
    PERSON_STATUS_FROM_PB,
    ROLE_FROM_PB,
    code_of,
)
from services.common.text import bounded
from services.gateway.application.ports import Directory, Publisher
from services.gateway.domain.person_validation import PersonFacts, validate_person
from services.gateway.domain.principal import Principal

MAX_CHAIN = 32  # supervisors above a person, at most; deeper means a loop or a bad import


def person_facts(p: org_pb2.Person) -> PersonFacts:
    return PersonFacts(
        person_id=p.person_id,
        name=p.name,
        roles=tuple(code_of(ROLE_FROM_PB, r) for r in p.roles),
        supervisor_id=p.supervisor_id,
        team_id=p.team_id,
        region_codes=tuple(p.region_codes),
        customer_types=tuple(code_of(CUSTOMER_TYPE_FROM_PB, c) for c in p.customer_types),
        capacity=p.capacity,
        status="" if not p.status else code_of(PERSON_STATUS_FROM_PB, p.status),
        phone=p.phone,
        wecom_userid=p.wecom_userid,
        dingtalk_userid=p.dingtalk_userid,
        preferred_channel=(
            "" if not p.preferred_channel else code_of(NOTIFY_CHANNEL_FROM_PB, p.preferred_channel)
        ),
    )


async def upsert_person(
    directory: Directory, publisher: Publisher, principal: Principal, given: org_pb2.Person
) -> org_pb2.Person:
    """Check everything, then store the person with its event in one transaction: a refused
    person leaves nothing behind."""
    person = org_pb2.Person()
    person.CopyFrom(given)
    person.tenant_id = principal.tenant_id
    validate_person(person_facts(person))
    if person.supervisor_id:
        await _check_supervisor(directory, person)
    event = await directory.upsert(person, correlation_id=principal.person_id)
    await publisher.publish_now(event)
    return person


async def _check_supervisor(directory: Directory, person: org_pb2.Person) -> None:
    """The supervisor is in the directory, and the chain above does not lead back here
    (scope checks walk it: a loop would make two people each other's team)."""
    above, seen = person.supervisor_id, {person.person_id}
    while above:
        boss = await directory.get(person.tenant_id, above)
        if boss is None and above == person.supervisor_id:
            raise InvalidArgument.of_field("person.supervisor_id", "上级不在通讯录中,请先录入上级")
        if boss is None:
            return  # higher up the chain ends (data from before this check)
        if above in seen or len(seen) > MAX_CHAIN:
            raise InvalidArgument.of_field("person.supervisor_id", "上级关系形成了循环")
        seen.add(above)
        above = boss.supervisor_id


async def person_in_directory(
    directory: Directory, tenant_id: str, person_id: str
) -> org_pb2.Person:
    person = await directory.get(tenant_id, person_id)
    if person is None:
        raise NotFound(f"人员 {bounded(person_id)} 不在通讯录中")
    return person
