"""Assignment domain (SPEC A1, A2): region codes, lead validation and the default ranking."""

from __future__ import annotations

import dataclasses
import re
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from services.assignment.domain.model import (
    CustomerType,
    GeoPoint,
    Lead,
    Rep,
    RepStatus,
    Urgency,
)
from services.assignment.domain.strategies import (
    DEFAULT_RULE_ID,
    DEFAULT_RULE_VERSION,
    IDLE_RECENT_VISIT,
    rank_idle_by_recent_visit,
)
from services.assignment.domain.validation import validate_lead
from services.common.errors import InvalidArgument
from services.common.labels import CUSTOMER_TYPE_ZH
from services.common.regions import covers, is_valid_region_code

NOW = datetime(2024, 5, 2, 2, 0, tzinfo=UTC)
CJK = re.compile(r"[\u4e00-\u9fff]")
TENANT = "t-hz"


def make_lead(**changes: object) -> Lead:
    lead = Lead(
        lead_id="lead-1",
        tenant_id=TENANT,
        external_id="ERP-0001",
        channel="ecommerce",
        customer_type=CustomerType.CONVENIENCE,
        region_code="330106",
        urgency=Urgency.RED,
        customer_name="西湖区文三路便利店",
        contact_name="王经理",
        phone="13800138000",
        address="杭州市西湖区文三路 1 号",
        location=GeoPoint(latitude=30.27, longitude=120.13, datum="gcj02"),
        store_id="",
        created_at=NOW,
    )
    return dataclasses.replace(lead, **changes)


def make_rep(rep_id: str, **changes: object) -> Rep:
    rep = Rep(
        tenant_id=TENANT,
        rep_id=rep_id,
        name=f"业务员{rep_id}",
        supervisor_id="sup-1",
        region_codes=("330100",),
        customer_types=(CustomerType.CONVENIENCE,),
        capacity=5,
        status=RepStatus.ACTIVE,
    )
    return dataclasses.replace(rep, **changes)


# --- region codes ---------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["330106", "110000", "330100", "820000", "650102"])
def test_valid_region_codes(code: str) -> None:
    assert is_valid_region_code(code)


@pytest.mark.parametrize(
    "code",
    ["", "33010", "3301060", "33O106", "990106", "000000", "１１００００", " 330106", "330106 "],
)
def test_invalid_region_codes(code: str) -> None:
    assert not is_valid_region_code(code)


def test_region_code_with_trailing_newline_is_invalid() -> None:
    assert not is_valid_region_code("330106\n")


@pytest.mark.parametrize(
    ("coverage", "lead_code", "expected"),
    [
        ("330000", "330106", True),  # province covers its counties
        ("330000", "330100", True),
        ("330000", "320106", False),
        ("330100", "330106", True),  # city covers its counties
        ("330100", "330100", True),
        ("330100", "330206", False),  # ... but not another city's
        ("330106", "330106", True),  # county: exact
        ("330106", "330105", False),
        ("330106", "330100", False),  # a county does not cover its city
        ("330100", "330000", False),
    ],
)
def test_covers(coverage: str, lead_code: str, expected: bool) -> None:
    assert covers(coverage, lead_code) is expected


# --- validate_lead --------------------------------------------------------------------------


def test_good_lead_passes() -> None:
    validate_lead(make_lead())
    validate_lead(make_lead(location=None, channel="referral", urgency=Urgency.BLUE))


BAD_LEADS = [
    ("external_id", {"external_id": "   "}),
    ("external_id", {"external_id": "x" * 65}),
    ("channel", {"channel": "tiktok"}),
    ("customer_type", {"customer_type": None}),
    ("urgency", {"urgency": None}),
    ("region_code", {"region_code": "33010"}),
    ("region_code", {"region_code": "990106"}),
    ("customer_name", {"customer_name": "  "}),
    ("customer_name", {"customer_name": "店" * 101}),
    ("phone", {"phone": "12800138000"}),
    ("phone", {"phone": "1380013800"}),
    ("phone", {"phone": "+8613800138000"}),
    ("location.latitude", {"location": GeoPoint(90.5, 120.0, "wgs84")}),
    ("location.latitude", {"location": GeoPoint(float("nan"), 120.0, "wgs84")}),
    ("location.longitude", {"location": GeoPoint(30.0, -180.1, "wgs84")}),
    ("location.datum", {"location": GeoPoint(30.0, 120.0, "")}),
    ("location.datum", {"location": GeoPoint(30.0, 120.0, "WGS84-ish")}),
]


@pytest.mark.parametrize(("field", "changes"), BAD_LEADS, ids=[f for f, _ in BAD_LEADS])
def test_each_bad_field_is_named(field: str, changes: dict) -> None:
    with pytest.raises(InvalidArgument) as caught:
        validate_lead(make_lead(**changes))
    error = caught.value
    assert [v.field for v in error.violations] == [field]
    assert CJK.search(error.violations[0].description)
    assert field in error.message


def test_channel_list_is_extensible() -> None:
    validate_lead(make_lead(channel="wechat_mini"), channels=frozenset({"wechat_mini"}))
    with pytest.raises(InvalidArgument):
        validate_lead(make_lead(channel="ecommerce"), channels=frozenset({"wechat_mini"}))


def test_all_problems_reported_at_once() -> None:
    lead = make_lead(
        external_id="",
        channel="fax",
        customer_type=None,
        urgency=None,
        region_code="abc",
        customer_name="",
        phone="110",
        location=GeoPoint(100.0, 200.0, "utm"),
    )
    with pytest.raises(InvalidArgument) as caught:
        validate_lead(lead)
    assert {v.field for v in caught.value.violations} == {
        "external_id",
        "channel",
        "customer_type",
        "urgency",
        "region_code",
        "customer_name",
        "phone",
        "location.latitude",
        "location.longitude",
        "location.datum",
    }


def test_phone_with_trailing_newline_is_rejected() -> None:
    with pytest.raises(InvalidArgument):
        validate_lead(make_lead(phone="13800138000\n"))


# --- rank_idle_by_recent_visit --------------------------------------------------------------


def test_ranking_picks_only_eligible_idle_reps_most_recent_first() -> None:
    reps = [
        make_rep("r-old", last_effective_visit_at=NOW - timedelta(days=10)),
        make_rep("r-new", last_effective_visit_at=NOW - timedelta(hours=1)),
        make_rep("r-never"),
        make_rep("r-busy", pending_visits=1, last_effective_visit_at=NOW),
        make_rep("r-full", open_leads=5, last_effective_visit_at=NOW),
        make_rep("r-leave", status=RepStatus.ON_LEAVE, last_effective_visit_at=NOW),
        make_rep("r-gone", status=RepStatus.INACTIVE, last_effective_visit_at=NOW),
        make_rep("r-ka", customer_types=(CustomerType.KA,), last_effective_visit_at=NOW),
        make_rep("r-ningbo", region_codes=("330200",), last_effective_visit_at=NOW),
        make_rep("r-other-tenant", tenant_id="t-sh", last_effective_visit_at=NOW),
        make_rep("r-province", region_codes=("320000", "330000")),
    ]
    decision = rank_idle_by_recent_visit(make_lead(), reps, NOW)

    assert decision.ranked_rep_ids == ["r-new", "r-old", "r-never", "r-province"]
    assert [c.rank for c in decision.candidates] == [1, 2, 3, 4]
    assert decision.rule_id == DEFAULT_RULE_ID
    assert decision.rule_version == DEFAULT_RULE_VERSION
    assert decision.strategy == IDLE_RECENT_VISIT
    assert decision.decided_at == NOW


def test_ties_broken_by_rep_id() -> None:
    same = NOW - timedelta(days=1)
    reps = [
        make_rep("r-c", last_effective_visit_at=same),
        make_rep("r-a", last_effective_visit_at=same),
        make_rep("r-z"),
        make_rep("r-b", last_effective_visit_at=same),
        make_rep("r-y"),
    ]
    decision = rank_idle_by_recent_visit(make_lead(), reps, NOW)
    assert decision.ranked_rep_ids == ["r-a", "r-b", "r-c", "r-y", "r-z"]


def test_reasons_are_chinese_and_explain_the_rank() -> None:
    visited = datetime(2024, 5, 1, 16, 30, tzinfo=UTC)  # 2024-05-02 00:30 in Shanghai
    reps = [make_rep("r-1", last_effective_visit_at=visited), make_rep("r-2")]
    decision = rank_idle_by_recent_visit(make_lead(), reps, NOW)

    first, second = decision.candidates
    label = CUSTOMER_TYPE_ZH[CustomerType.CONVENIENCE]
    assert label in first.reason and "空闲" in first.reason
    assert "2024-05-02 00:30:00" in first.reason  # Shanghai wall time, not UTC
    assert "尚无有效拜访记录" in second.reason
    assert CJK.search(decision.reason)
    assert "排名第 1" in decision.reason
    assert "共 2 名候选" in decision.reason
    assert first.reason in decision.reason


def test_no_idle_rep_says_everyone_is_busy() -> None:
    reps = [make_rep("r-1", pending_visits=2), make_rep("r-2", pending_visits=1)]
    decision = rank_idle_by_recent_visit(make_lead(), reps, NOW)
    assert decision.candidates == []
    assert "等待池" in decision.reason
    assert "2 名业务员均有待办拜访" in decision.reason


def test_nobody_covering_says_so() -> None:
    reps = [
        make_rep("r-ningbo", region_codes=("330200",)),
        make_rep("r-ka", customer_types=(CustomerType.KA,)),
        make_rep("r-leave", status=RepStatus.ON_LEAVE),
        make_rep("r-other-tenant", tenant_id="t-sh"),
    ]
    decision = rank_idle_by_recent_visit(make_lead(), reps, NOW)
    assert decision.candidates == []
    assert "等待池" in decision.reason
    assert "暂无覆盖该区域和客户类型" in decision.reason
    assert "待办拜访" not in decision.reason


def test_other_tenant_reps_never_chosen() -> None:
    reps = [make_rep(f"r-{i}", tenant_id="t-other") for i in range(3)]
    assert rank_idle_by_recent_visit(make_lead(), reps, NOW).candidates == []
    # Even a busy count must not leak another tenant's reps.
    assert "暂无覆盖" in rank_idle_by_recent_visit(make_lead(), reps, NOW).reason


# --- property: the candidate set is exactly the eligible idle reps --------------------------

REGIONS = ["330000", "330100", "330106", "330206", "320100", "320102"]
TYPES = list(CustomerType)

rep_fields = st.fixed_dictionaries(
    {
        "tenant_id": st.sampled_from([TENANT, "t-other"]),
        "region_codes": st.lists(st.sampled_from(REGIONS), max_size=3).map(tuple),
        "customer_types": st.lists(st.sampled_from(TYPES), max_size=3, unique=True).map(tuple),
        "capacity": st.integers(0, 3),
        "open_leads": st.integers(0, 4),
        "pending_visits": st.integers(0, 2),
        "status": st.sampled_from(list(RepStatus)),
        "last_effective_visit_at": st.none()
        | st.integers(0, 5).map(lambda d: NOW - timedelta(days=d)),
    }
)


@settings(max_examples=60, deadline=None)
@given(
    fields=st.lists(rep_fields, max_size=12),
    lead_region=st.sampled_from(["330106", "330206", "320102", "330102"]),
    lead_type=st.sampled_from(TYPES),
)
def test_candidates_are_exactly_the_eligible_idle_reps(
    fields: list[dict], lead_region: str, lead_type: CustomerType
) -> None:
    reps = [make_rep(f"r-{i:02d}", **f) for i, f in enumerate(fields)]
    lead = make_lead(region_code=lead_region, customer_type=lead_type)
    decision = rank_idle_by_recent_visit(lead, reps, NOW)

    def may_take(rep: Rep) -> bool:
        return (
            rep.tenant_id == lead.tenant_id
            and rep.status == RepStatus.ACTIVE
            and rep.pending_visits == 0
            and rep.open_leads < rep.capacity
            and lead.customer_type in rep.customer_types
            and any(covers(code, lead.region_code) for code in rep.region_codes)
        )

    by_id = {r.rep_id: r for r in reps}
    chosen = decision.ranked_rep_ids
    assert len(chosen) == len(set(chosen))
    for rep_id in chosen:
        assert may_take(by_id[rep_id])
    assert set(chosen) == {r.rep_id for r in reps if may_take(r)}
    assert [c.rank for c in decision.candidates] == list(range(1, len(chosen) + 1))
    # Ordered by most recent visit, never-visited last.
    seen = [by_id[r].last_effective_visit_at for r in chosen]
    visited = [s for s in seen if s is not None]
    assert seen[: len(visited)] == visited
    assert visited == sorted(visited, reverse=True)
