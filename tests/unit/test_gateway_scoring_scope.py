"""Who may see which scoring figures through the gateway (SPEC G1, issue 10): a rep their
own, a supervisor their team's, a director the regions they cover, an admin everything."""

from __future__ import annotations

import asyncio

import pytest

from sales.common.v1 import org_pb2
from services.common.errors import PermissionDenied
from services.gateway.domain.principal import Principal, Role
from services.gateway.entrypoints.scoring_calls import ScoringCalls, region_prefix
from tests.fakes.gateway import FakeDirectory

T = "t"
PEOPLE = FakeDirectory(
    org_pb2.Person(tenant_id=T, person_id="sup", team_id="hz"),
    org_pb2.Person(tenant_id=T, person_id="rep", supervisor_id="sup", team_id="hz"),
    org_pb2.Person(tenant_id=T, person_id="rep2", supervisor_id="sup2", team_id="nb"),
    org_pb2.Person(tenant_id=T, person_id="dir", region_codes=["330100"]),
)
CALLS = ScoringCalls("secret", PEOPLE, None, None)  # type: ignore[arg-type]


def who(person: str, *roles: Role) -> Principal:
    return Principal(T, person, frozenset(roles))


def run(coro):
    return asyncio.run(coro)


def test_each_role_gets_its_own_circle() -> None:
    assert run(CALLS._rep_in_scope(who("rep", Role.REP), "")) == "rep"
    assert run(CALLS._rep_in_scope(who("sup", Role.SUPERVISOR), "rep")) == "rep"
    assert run(CALLS._team_in_scope(who("sup", Role.SUPERVISOR), "")) == "hz"
    assert run(CALLS._team_in_scope(who("dir", Role.DIRECTOR), "nb")) == "nb"
    assert run(CALLS._region_in_scope(who("dir", Role.DIRECTOR), "330106")) == "330106"
    assert run(CALLS._region_in_scope(who("adm", Role.ADMIN), "330000")) == "330000"


@pytest.mark.parametrize(
    ("check", "principal", "asked"),
    [("_rep_in_scope", who("rep", Role.REP), "rep2"),
     ("_rep_in_scope", who("sup", Role.SUPERVISOR), "rep2"),
     ("_team_in_scope", who("sup", Role.SUPERVISOR), "nb"),
     ("_team_in_scope", who("rep", Role.REP), ""),
     ("_region_in_scope", who("sup", Role.SUPERVISOR), "330100"),
     ("_region_in_scope", who("dir", Role.DIRECTOR), "330200"),
     ("_region_in_scope", who("dir", Role.DIRECTOR), "330000")],
)  # fmt: skip
def test_asking_beyond_it_is_refused(check, principal, asked) -> None:
    with pytest.raises(PermissionDenied):
        run(getattr(CALLS, check)(principal, asked))


def test_region_prefixes() -> None:
    assert [region_prefix(c) for c in ("330000", "330100", "330106")] == ["33", "3301", "330106"]
