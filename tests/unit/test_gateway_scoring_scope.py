"""Who may see which scoring figures through the gateway (SPEC G1, issue 10): a rep their
own, a supervisor their team's, a director the regions they cover, an admin everything."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

import pytest

from sales.common.v1 import org_pb2
from sales.scoring.v1 import scoring_pb2 as sc
from services.common.errors import PermissionDenied
from services.gateway.domain.principal import Principal, Role
from services.gateway.entrypoints.scoring_calls import ScoringCalls, region_prefix, within
from tests.fakes.gateway import FakeDirectory, Recorder

T = "t"
PEOPLE = FakeDirectory(
    org_pb2.Person(tenant_id=T, person_id="sup", team_id="hz", region_codes=["330106"]),
    org_pb2.Person(tenant_id=T, person_id="rep", supervisor_id="sup", team_id="hz",
                   region_codes=["330106", "330108"]),
    org_pb2.Person(tenant_id=T, person_id="rep2", supervisor_id="sup2", team_id="nb",
                   region_codes=["330203"]),
    org_pb2.Person(tenant_id=T, person_id="rep3", supervisor_id="sup3", team_id="mixed",
                   region_codes=["330106"]),
    org_pb2.Person(tenant_id=T, person_id="rep4", supervisor_id="sup3", team_id="mixed",
                   region_codes=["330203"]),
    org_pb2.Person(tenant_id=T, person_id="dir", region_codes=["330100"]),
    org_pb2.Person(tenant_id=T, person_id="dir-all"),
)  # fmt: skip
CALLS = ScoringCalls("secret", PEOPLE, None, None)  # type: ignore[arg-type]


def who(person: str, *roles: Role) -> Principal:
    return Principal(T, person, frozenset(roles))


def run(coro):
    return asyncio.run(coro)


def test_each_role_gets_its_own_circle() -> None:
    assert run(CALLS._rep_in_scope(who("rep", Role.REP), "")) == "rep"
    assert run(CALLS._rep_in_scope(who("sup", Role.SUPERVISOR), "rep")) == "rep"
    assert run(CALLS._team_in_scope(who("sup", Role.SUPERVISOR), "")) == "hz"
    assert run(CALLS._team_in_scope(who("dir", Role.DIRECTOR), "hz")) == "hz"
    assert run(CALLS._rep_in_scope(who("dir", Role.DIRECTOR), "rep")) == "rep"
    # A director whose entry names no region sees the tenant; an admin any team.
    assert run(CALLS._team_in_scope(who("dir-all", Role.DIRECTOR), "nb")) == "nb"
    assert run(CALLS._team_in_scope(who("adm", Role.ADMIN), "nb")) == "nb"
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
     ("_team_in_scope", who("dir", Role.DIRECTOR), "nb"),  # Ningbo's team, a Hangzhou director
     ("_team_in_scope", who("dir", Role.DIRECTOR), "mixed"),  # one of its reps is outside
     ("_team_in_scope", who("dir", Role.DIRECTOR), "ghost"),  # no such team: nothing of theirs
     ("_rep_in_scope", who("dir", Role.DIRECTOR), "rep2"),
     ("_region_in_scope", who("dir", Role.DIRECTOR), "330000")],
)  # fmt: skip
def test_asking_beyond_it_is_refused(check, principal, asked) -> None:
    with pytest.raises(PermissionDenied):
        run(getattr(CALLS, check)(principal, asked))


def test_within_means_every_code_in_some_region() -> None:
    assert within(["330106", "330108"], ["330100"])
    assert not within(["330106", "330203"], ["330100"])
    assert not within([], ["330100"])
    assert within(["330203"], ["330100", "330200"])


def test_region_prefixes() -> None:
    assert [region_prefix(c) for c in ("330000", "330100", "330106")] == ["33", "3301", "330106"]


def ask_phi(method: str, principal: Principal, scope: int, scope_id: str):
    """GetPhi or GetPhiSeries through the gateway's own check (the rpc wrapper's inside):
    what reached scoring, or the refusal."""
    stub = Recorder()
    calls = ScoringCalls("secret", PEOPLE, None, SimpleNamespace(scoring=stub))  # type: ignore[arg-type]
    request = (sc.GetPhiSeriesRequest if method == "GetPhiSeries" else sc.GetPhiRequest)(
        tenant_id="forged", scope=scope, scope_id=scope_id
    )
    try:
        run(getattr(ScoringCalls, method).__wrapped__(calls, request, None, principal))
    except PermissionDenied:
        return "denied"
    [(sent_method, sent)] = stub.sent
    assert sent_method == method and sent.tenant_id == T
    return sent.scope_id


PHI_CASES = [
    (who("rep", Role.REP), sc.SCOPE_KIND_REP, "", "rep"),
    (who("rep", Role.REP), sc.SCOPE_KIND_REP, "rep2", "denied"),
    (who("rep", Role.REP), sc.SCOPE_KIND_TEAM, "hz", "denied"),
    (who("sup", Role.SUPERVISOR), sc.SCOPE_KIND_TEAM, "", "hz"),
    (who("sup", Role.SUPERVISOR), sc.SCOPE_KIND_TEAM, "nb", "denied"),
    (who("sup", Role.SUPERVISOR), sc.SCOPE_KIND_REGION, "330100", "denied"),
    (who("dir", Role.DIRECTOR), sc.SCOPE_KIND_REGION, "330106", "330106"),
    (who("dir", Role.DIRECTOR), sc.SCOPE_KIND_REGION, "330200", "denied"),
    (who("dir", Role.DIRECTOR), sc.SCOPE_KIND_TEAM, "mixed", "denied"),
    (who("dir", Role.DIRECTOR), sc.SCOPE_KIND_REP, "rep2", "denied"),
    (who("adm", Role.ADMIN), sc.SCOPE_KIND_REGION, "330000", "330000"),
]


@pytest.mark.parametrize(("principal", "scope", "scope_id", "expected"), PHI_CASES)
def test_a_phi_series_is_checked_exactly_as_one_phi_figure(principal, scope, scope_id, expected):
    assert ask_phi("GetPhiSeries", principal, scope, scope_id) == expected
    assert ask_phi("GetPhi", principal, scope, scope_id) == expected
