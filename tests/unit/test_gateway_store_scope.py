"""Whose stores and first-visit figures a caller may ask for (visits-a's gateway calls): a
director or an admin anyone's, a supervisor the team's, a rep their own; asking for more is
refused, asking for nothing means all one may see."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

import pytest

from sales.common.v1 import org_pb2
from services.common.errors import PermissionDenied
from services.gateway.domain.principal import Principal, Role
from services.gateway.entrypoints.store_calls import owners_in_scope
from tests.fakes.gateway import FakeDirectory

T = "t-hz"


def calls():
    people = [org_pb2.Person(tenant_id=T, person_id=p, supervisor_id=s)
              for p, s in (("rep-1", "sup-1"), ("rep-2", "sup-1"), ("rep-9", "sup-9"))]  # fmt: skip
    return SimpleNamespace(org=FakeDirectory(*people))


def scope(who: str, role: Role, asked: list[str]) -> list[str]:
    principal = Principal(T, who, frozenset({role}))
    return asyncio.run(owners_in_scope(calls(), principal, asked))


def test_each_role_sees_its_own_circle() -> None:
    assert scope("dir-1", Role.DIRECTOR, []) == []  # everyone
    assert scope("dir-1", Role.DIRECTOR, ["rep-9"]) == ["rep-9"]
    assert scope("sup-1", Role.SUPERVISOR, []) == ["rep-1", "rep-2", "sup-1"]
    assert scope("sup-1", Role.SUPERVISOR, ["rep-2"]) == ["rep-2"]
    assert scope("rep-1", Role.REP, []) == ["rep-1"]


@pytest.mark.parametrize(("who", "role", "asked"), [
    ("sup-1", Role.SUPERVISOR, ["rep-9"]), ("rep-1", Role.REP, ["rep-2"]),
    ("rep-1", Role.REP, ["rep-1", "rep-2"]), ("fin-1", Role.FINANCE, ["rep-1"]),
])  # fmt: skip
def test_asking_beyond_it_is_refused(who, role, asked) -> None:
    with pytest.raises(PermissionDenied):
        scope(who, role, asked)
