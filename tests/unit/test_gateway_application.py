"""The gateway's use cases against in-memory fakes: who may enter the directory, and what a
supervisor sees of a dry run."""

from __future__ import annotations

import asyncio

import pytest

from sales.assignment.v1 import assignment_pb2 as a
from sales.common.v1 import org_pb2
from sales.common.v1 import types_pb2 as t
from services.common.errors import InvalidArgument
from services.gateway.application import people, team_views
from services.gateway.domain.principal import Principal, Role
from services.gateway.entrypoints.registration import Undecodable, tolerant_parser
from tests.fakes.gateway import FakeDirectory, FakePublisher

T = "t-hz"
ADMIN = Principal(T, "admin", frozenset({Role.ADMIN}))


def person(pid: str, supervisor: str = "", roles=(t.ROLE_SUPERVISOR,)) -> org_pb2.Person:
    return org_pb2.Person(tenant_id=T, person_id=pid, name="某人", roles=list(roles),
                          supervisor_id=supervisor, status=t.PERSON_STATUS_ACTIVE,
                          wecom_userid=f"wx-{pid}")  # fmt: skip


def upsert(directory: FakeDirectory, who: org_pb2.Person) -> org_pb2.Person:
    return asyncio.run(people.upsert_person(directory, FakePublisher(), ADMIN, who))


def test_a_person_under_an_existing_supervisor_is_stored_with_its_event() -> None:
    directory = FakeDirectory(person("boss"))
    publisher = FakePublisher()
    given = person("sup-1", "boss")
    given.tenant_id = "someone-elses"  # the token's tenant wins
    stored = asyncio.run(people.upsert_person(directory, publisher, ADMIN, given))
    assert stored.tenant_id == T and (T, "sup-1") in directory.people
    assert [e.type for e in publisher.published] == ["org.person.upserted"]


@pytest.mark.parametrize(
    ("existing", "given", "why"),
    [
        ((), person("sup-1", "nobody"), "不在通讯录"),
        ((person("b1"), person("b2", "b1")), person("b1", "b2"), "循环"),
        ((person("c1", "c3"), person("c2", "c1"), person("c3", "c2")), person("c4", "c3"), "循环"),
    ],
    ids=["missing-supervisor", "two-person-loop", "loop-above"],
)
def test_a_supervisor_who_is_missing_or_loops_is_refused_and_nothing_stored(
    existing, given, why
) -> None:
    directory = FakeDirectory(*existing)
    before = dict(directory.people)
    with pytest.raises(InvalidArgument) as caught:
        upsert(directory, given)
    [violation] = caught.value.violations
    assert violation.field == "person.supervisor_id" and why in violation.description
    assert directory.people == before and directory.events == []


def test_a_chain_that_ends_in_someone_unknown_above_the_supervisor_is_accepted() -> None:
    directory = FakeDirectory(person("boss", "left-the-company"))  # stored before the check
    assert upsert(directory, person("sup-1", "boss")).supervisor_id == "boss"


def test_unknown_enum_numbers_reach_validation_as_unknown_codes() -> None:
    facts = people.person_facts(org_pb2.Person(roles=[t.ROLE_REP, 42], status=9,
                                               customer_types=[7], preferred_channel=5))  # fmt: skip
    assert facts.roles == ("rep", "?42") and facts.status == "?9"
    assert facts.customer_types == ("?7",) and facts.preferred_channel == "?5"
    with pytest.raises(InvalidArgument) as caught:
        upsert(FakeDirectory(), org_pb2.Person(person_id="p", name="某人", roles=[42], status=9,
                                               wecom_userid="w"))  # fmt: skip
    assert {"person.roles[0]", "person.status"} <= {v.field for v in caught.value.violations}


def decision(*rep_ids: str) -> a.Decision:
    return a.Decision(
        rule_id="default", reason="默认规则:同区域同类型(KA)、空闲,排名第 1(共 3 名候选)",
        candidates=[a.RankedCandidate(rep_id=r, rank=i, reason="x") for i, r in enumerate(rep_ids, 1)],
    )  # fmt: skip


TEAM = FakeDirectory(
    person("mine-1", "sup-a", (t.ROLE_REP,)),
    person("mine-2", "sup-a", (t.ROLE_REP,)),
    person("theirs", "sup-b", (t.ROLE_REP,)),
)
SUP_A = Principal(T, "sup-a", frozenset({Role.SUPERVISOR}))


def scoped(principal: Principal, d: a.Decision) -> a.Decision:
    return asyncio.run(team_views.scoped_decision(TEAM, principal, d))


def test_a_supervisor_sees_the_teams_candidates_with_their_real_ranks() -> None:
    answer = scoped(SUP_A, decision("theirs", "mine-1", "mine-2"))
    assert [(c.rep_id, c.rank) for c in answer.candidates] == [("mine-1", 2), ("mine-2", 3)]
    assert "theirs" not in answer.reason and "其他团队" in answer.reason and "第 2" in answer.reason


def test_when_the_team_leads_the_reason_stands_and_says_what_was_hidden() -> None:
    answer = scoped(SUP_A, decision("mine-1", "theirs"))
    assert [c.rep_id for c in answer.candidates] == ["mine-1"]
    assert answer.reason.startswith("默认规则") and "另有 1 名" in answer.reason


def test_a_team_with_no_candidate_sees_none_and_admins_see_all() -> None:
    assert list(scoped(SUP_A, decision("theirs")).candidates) == []
    full = decision("theirs", "mine-1")
    assert scoped(ADMIN, full) == full


def test_a_request_that_does_not_parse_becomes_undecodable_naming_the_field() -> None:
    parse = tolerant_parser(a.ListLeadsRequest.DESCRIPTOR)
    assert parse(a.ListLeadsRequest(rep_id="r1").SerializeToString()).rep_id == "r1"
    assert parse(b"\x12\x02\xff\xfe") == Undecodable("rep_id", "文字必须是有效的 UTF-8 编码")
    assert parse(b"\x12\xff").field == "request"


def test_an_upstream_refusal_passes_on_with_its_fields_within_the_ceilings() -> None:
    import grpc
    from grpc.aio import AioRpcError, Metadata

    from services.common.errors import FieldViolation
    from services.common.grpc_status import DETAILS_BUDGET, to_status, violations_from_status
    from services.gateway.entrypoints.calls import upstream_status

    wide = InvalidArgument.of([FieldViolation(f"codes[{i}]", "坏" * 300) for i in range(500)])
    status = to_status(wide)
    error = AioRpcError(
        grpc.StatusCode.INVALID_ARGUMENT, Metadata(),
        Metadata(("grpc-status-details-bin", status.SerializeToString())), "输入有误",
    )  # fmt: skip
    passed = upstream_status(error)
    assert passed.code == status.code and passed.ByteSize() <= DETAILS_BUDGET
    assert violations_from_status(passed)[0].field == "codes[0]"
    plain = AioRpcError(grpc.StatusCode.NOT_FOUND, Metadata(), Metadata(), "线索 " + "x" * 10**5)
    assert upstream_status(plain).code == grpc.StatusCode.NOT_FOUND.value[0]
    assert len(upstream_status(plain).message) < 200
