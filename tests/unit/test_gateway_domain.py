"""Gateway (SPEC G1): bearer tokens, role and org-scope rules, person validation."""

from __future__ import annotations

import dataclasses
import re
import time

import jwt
import pytest

from services.common.errors import InvalidArgument, PermissionDenied, Unauthenticated
from services.gateway.adapters.tokens import ISSUER, from_metadata, mint, verify
from services.gateway.domain.person_validation import PersonFacts, validate_person
from services.gateway.domain.principal import (
    Principal,
    Role,
    require_acting_as,
    require_self_or_scope,
)

SECRET = "unit-test-secret-that-is-long-enough-for-hs256"
CJK = re.compile(r"[\u4e00-\u9fff]")


def principal(person_id: str, *roles: Role, tenant: str = "t-hz") -> Principal:
    return Principal(tenant_id=tenant, person_id=person_id, roles=frozenset(roles))


# --- tokens ---------------------------------------------------------------------------------


def test_mint_then_verify_round_trip() -> None:
    token = mint(SECRET, "t-hz", "sup-1", ["supervisor", "rep"])
    who = verify(SECRET, token)
    assert who == principal("sup-1", Role.SUPERVISOR, Role.REP)
    assert who.has(Role.SUPERVISOR) and not who.has(Role.ADMIN)


def test_token_without_roles_is_refused() -> None:
    # A token must say what its bearer may do; an empty list is not a role.
    with pytest.raises(Unauthenticated) as caught:
        verify(SECRET, mint(SECRET, "t-hz", "p-1", []))
    assert "角色" in caught.value.message


def test_expired_token_is_refused_in_chinese() -> None:
    token = mint(SECRET, "t-hz", "rep-1", ["rep"], ttl_s=-10)
    with pytest.raises(Unauthenticated) as caught:
        verify(SECRET, token)
    assert "过期" in caught.value.message


@pytest.mark.parametrize(
    "token",
    [
        mint("another-secret-that-is-also-long-enough-x", "t-hz", "rep-1", ["rep"]),
        "not.a.jwt",
        "",
        jwt.encode(
            {"iss": "someone-else", "sub": "rep-1", "tenant": "t", "exp": time.time() + 86_400},
            SECRET,
            algorithm="HS256",
        ),
        jwt.encode({"iss": ISSUER, "sub": "rep-1", "tenant": "t"}, SECRET, algorithm="HS256"),
        jwt.encode({"iss": ISSUER, "tenant": "t", "exp": time.time() + 86_400}, SECRET, "HS256"),
        mint(SECRET, "t-hz", "rep-1", ["superuser"]),
    ],
    # Valid for a day: these are built when the tests are collected, and a slow run must not
    # turn "invalid" into "expired".
    ids=["wrong-secret", "garbage", "empty", "wrong-issuer", "no-exp", "no-sub", "unknown-role"],
)
def test_invalid_tokens_are_unauthenticated(token: str) -> None:
    with pytest.raises(Unauthenticated) as caught:
        verify(SECRET, token)
    assert CJK.search(caught.value.message)
    assert "过期" not in caught.value.message


def test_token_without_tenant_is_refused() -> None:
    token = mint(SECRET, "", "rep-1", ["rep"])
    with pytest.raises(Unauthenticated) as caught:
        verify(SECRET, token)
    assert "租户" in caught.value.message


def signed(drop: tuple[str, ...] = (), **overrides: object) -> str:
    """A correctly signed token: valid claims, with some replaced or dropped."""
    now = int(time.time())
    claims = {"iss": ISSUER, "sub": "rep-1", "tenant": "t-hz", "roles": ["rep"]}
    claims |= {"iat": now, "exp": now + 3600}
    claims |= overrides
    return jwt.encode({k: v for k, v in claims.items() if k not in drop}, SECRET, "HS256")


NOW = int(time.time())
BAD_CLAIMS = {
    "empty-sub": dict(sub=""),
    "blank-sub": dict(sub="   "),
    "sub-with-slash": dict(sub="../admin"),
    "huge-sub": dict(sub="r" * 65),
    "tenant-number": dict(tenant=42),
    "tenant-list": dict(tenant=["t-hz"]),
    "tenant-dict": dict(tenant={"id": "t-hz"}),
    "tenant-true": dict(tenant=True),
    "tenant-empty": dict(tenant=""),
    "tenant-colon": dict(tenant="t:hz"),
    "roles-string": dict(roles="admin"),
    "roles-empty": dict(roles=[]),
    "roles-unknown": dict(roles=["rep", "root"]),
    "roles-number": dict(roles=[1]),
    "roles-null": dict(roles=None),
    "iat-future": dict(iat=NOW + 3600, exp=NOW + 7200),
    "iat-bool": dict(iat=True),
    "iat-text": dict(iat="yesterday"),
    "exp-before-iat": dict(iat=NOW + 30, exp=NOW + 20),
    "lifetime-a-year": dict(exp=NOW + 366 * 86400),
    "nbf-future": dict(nbf=NOW + 3600),
    "nbf-text": dict(nbf="soon"),
}


@pytest.mark.parametrize("overrides", BAD_CLAIMS.values(), ids=BAD_CLAIMS.keys())
def test_every_claim_is_checked_before_the_token_names_anyone(overrides: dict) -> None:
    with pytest.raises(Unauthenticated) as caught:
        verify(SECRET, signed(**overrides))
    assert CJK.search(caught.value.message)


@pytest.mark.parametrize("claim", ["sub", "tenant", "roles", "iat", "exp"])
def test_a_token_missing_a_claim_is_refused(claim: str) -> None:
    with pytest.raises(Unauthenticated):
        verify(SECRET, signed(drop=(claim,)))


def test_a_token_within_its_validity_window_is_accepted() -> None:
    who = verify(SECRET, signed(nbf=NOW - 5, iat=NOW + 30, roles=["rep", "supervisor"]))
    assert who == principal("rep-1", Role.REP, Role.SUPERVISOR)


def test_a_huge_token_is_refused_without_decoding() -> None:
    with pytest.raises(Unauthenticated):
        verify(SECRET, "x" * 100_000)


@pytest.mark.parametrize(
    "header",
    ["Bearer {t}", "bearer {t}", "BEARER  {t} "],
    ids=["canonical", "lowercase", "extra-spaces"],
)
def test_from_metadata_reads_the_bearer_token(header: str) -> None:
    token = mint(SECRET, "t-hz", "rep-1", ["rep"])
    metadata = (("x-request-id", "abc"), ("authorization", header.format(t=token)))
    assert from_metadata(SECRET, metadata) == principal("rep-1", Role.REP)
    as_bytes = (("authorization", header.format(t=token).encode()),)
    assert from_metadata(SECRET, as_bytes) == principal("rep-1", Role.REP)


@pytest.mark.parametrize(
    "metadata",
    [None, (), (("x-request-id", "abc"),), (("authorization", "Basic dXNlcjpwdw=="),)]
    + [(("authorization", "Bearer "),), (("authorization", "Bearer"),)],
    ids=["none", "empty", "no-header", "basic", "empty-token", "scheme-only"],
)
def test_missing_bearer_is_unauthenticated(metadata: tuple | None) -> None:
    with pytest.raises(Unauthenticated) as caught:
        from_metadata(SECRET, metadata)
    assert "authorization" in caught.value.message


def test_from_metadata_verifies_the_token() -> None:
    token = mint("another-secret-that-is-also-long-enough-x", "t-hz", "rep-1", ["rep"])
    with pytest.raises(Unauthenticated):
        from_metadata(SECRET, (("authorization", f"Bearer {token}"),))


# --- scope ----------------------------------------------------------------------------------


def test_rep_sees_only_self() -> None:
    rep = principal("rep-1", Role.REP)
    require_self_or_scope(rep, "rep-1", "sup-1")
    with pytest.raises(PermissionDenied) as caught:
        require_self_or_scope(rep, "rep-2", "sup-1")
    assert CJK.search(caught.value.message)


def test_supervisor_sees_own_team_not_another() -> None:
    sup = principal("sup-1", Role.SUPERVISOR)
    require_self_or_scope(sup, "rep-1", "sup-1")
    require_self_or_scope(sup, "sup-1", "dir-1")  # their own data
    with pytest.raises(PermissionDenied):
        require_self_or_scope(sup, "rep-9", "sup-2")
    with pytest.raises(PermissionDenied):
        require_self_or_scope(sup, "rep-9", "")


def test_rep_named_as_supervisor_without_the_role_gets_no_team_scope() -> None:
    not_sup = principal("sup-1", Role.REP)
    with pytest.raises(PermissionDenied):
        require_self_or_scope(not_sup, "rep-1", "sup-1")


@pytest.mark.parametrize("role", [Role.DIRECTOR, Role.ADMIN])
def test_director_and_admin_see_everyone(role: Role) -> None:
    boss = principal("boss", role)
    assert boss.sees_whole_tenant
    require_self_or_scope(boss, "rep-1", "sup-1")
    require_self_or_scope(boss, "rep-9", "sup-2")


def test_finance_has_no_team_scope() -> None:
    finance = principal("fin-1", Role.FINANCE)
    assert not finance.sees_whole_tenant
    with pytest.raises(PermissionDenied):
        require_self_or_scope(finance, "rep-1", "sup-1")


def test_require_acting_as() -> None:
    require_acting_as(principal("rep-1", Role.REP), "rep-1")
    require_acting_as(principal("admin", Role.ADMIN), "rep-1")
    for who in [
        principal("rep-2", Role.REP),
        principal("sup-1", Role.SUPERVISOR),
        principal("dir", Role.DIRECTOR),
    ]:
        with pytest.raises(PermissionDenied) as caught:
            require_acting_as(who, "rep-1")
        assert "本人" in caught.value.message


def test_require_names_the_roles_in_chinese() -> None:
    principal("f", Role.FINANCE).require(Role.FINANCE, Role.ADMIN)
    with pytest.raises(PermissionDenied) as caught:
        principal("r", Role.REP).require(Role.FINANCE, Role.ADMIN)
    assert "财务" in caught.value.message and "管理员" in caught.value.message


# --- person validation ----------------------------------------------------------------------

GOOD_PERSON = PersonFacts(
    person_id="rep_001",
    name="张三",
    roles=("rep",),
    supervisor_id="sup_001",
    team_id="hz-ka",
    region_codes=("330100", "330106"),
    customer_types=("KA", "BC"),
    capacity=30,
    status="active",
    phone="13800138000",
    wecom_userid="zhangsan",
    dingtalk_userid="",
    preferred_channel="wecom",
)


def test_good_person_passes() -> None:
    validate_person(GOOD_PERSON)
    validate_person(
        dataclasses.replace(GOOD_PERSON, phone="", wecom_userid="", dingtalk_userid="d")
    )
    # Non-reps need no region, type or capacity.
    validate_person(
        dataclasses.replace(
            GOOD_PERSON, roles=("supervisor",), region_codes=(), customer_types=(), capacity=0
        )
    )
    validate_person(dataclasses.replace(GOOD_PERSON, supervisor_id="", preferred_channel=""))


BAD_PEOPLE = [
    ("person.person_id", {"person_id": ""}),
    ("person.person_id", {"person_id": "张三"}),
    ("person.person_id", {"person_id": "a" * 65}),
    ("person.name", {"name": "  "}),
    ("person.name", {"name": "张" * 51}),
    ("person.name", {"name": "张三\x00"}),
    ("person.roles", {"roles": ()}),
    ("person.roles[1]", {"roles": ("rep", "?9")}),
    ("person.roles", {"roles": ("rep", "rep")}),
    ("person.status", {"status": ""}),
    ("person.status", {"status": "?7"}),
    ("person.region_codes[1]", {"region_codes": ("330100", "3301")}),
    ("person.region_codes[0]", {"region_codes": ("990100",)}),  # no province 99
    ("person.region_codes[0]", {"region_codes": ("３３０１００",)}),  # full-width digits
    ("person.region_codes[0]", {"region_codes": ("33०100",)}),  # Devanagari zero
    ("person.region_codes", {"region_codes": ()}),
    ("person.region_codes", {"region_codes": ("330100",) * 101}),
    ("person.customer_types", {"customer_types": ()}),
    ("person.customer_types[0]", {"customer_types": ("?4",)}),
    ("person.capacity", {"capacity": 0}),
    ("person.capacity", {"capacity": 1001}),
    ("person.phone", {"phone": "0571-88888888"}),
    ("person.phone", {"phone": "１３８００１３８０００"}),  # full-width
    ("person.phone", {"phone": "1380013800٠"}),  # Arabic-Indic zero
    ("person.wecom_userid", {"wecom_userid": "", "dingtalk_userid": ""}),
    ("person.wecom_userid", {"wecom_userid": "w" * 65}),
    ("person.wecom_userid", {"wecom_userid": "zhang san"}),
    ("person.dingtalk_userid", {"dingtalk_userid": "d" * 65}),
    ("person.supervisor_id", {"supervisor_id": "rep_001"}),  # themselves
    ("person.supervisor_id", {"supervisor_id": "s" * 65}),
    ("person.team_id", {"team_id": "t" * 65}),
    ("person.preferred_channel", {"preferred_channel": "?3"}),
]


@pytest.mark.parametrize(
    ("field", "changes"), BAD_PEOPLE, ids=[f"{f}-{i}" for i, (f, _) in enumerate(BAD_PEOPLE)]
)
def test_each_bad_person_field_is_named(field: str, changes: dict) -> None:
    with pytest.raises(InvalidArgument) as caught:
        validate_person(dataclasses.replace(GOOD_PERSON, **changes))
    assert [v.field for v in caught.value.violations] == [field]
    assert CJK.search(caught.value.violations[0].description)


def test_person_id_with_trailing_newline_is_rejected() -> None:
    with pytest.raises(InvalidArgument):
        validate_person(dataclasses.replace(GOOD_PERSON, person_id="rep_001\n"))
