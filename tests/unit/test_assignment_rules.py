"""Assignment rules and strategies (SPEC A2, A3, A5, A6): every strategy's ranking, every
rule-validation error, the settings checks, and the sheet-row parser for ImportLeads."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from services.assignment.domain.lead_rows import header_map, lead_from_row, missing_columns
from services.assignment.domain.model import CustomerType, Urgency
from services.assignment.domain.rules import (
    DAILY_QUOTA,
    IDLE_RECENT_VISIT,
    LEAST_LOADED,
    ROUND_ROBIN,
    STRATEGIES,
    Rule,
    RuleMatch,
    default_rule,
    select_rule,
    validate_rule,
)
from services.assignment.domain.settings import AssignmentSettings, validate_settings
from services.assignment.domain.strategies import decide, eligible
from services.assignment.domain.validation import KNOWN_CHANNELS
from services.common.errors import InvalidArgument
from tests.unit.test_assignment_domain import NOW, TENANT, make_lead, make_rep


def rule(strategy: str = LEAST_LOADED, **changes: object) -> Rule:
    base = Rule(TENANT, "r1", 3, 10, "测试规则", True, RuleMatch(), strategy)
    return dataclasses.replace(base, **changes)


def ranked(r: Rule, reps, lead=None) -> list[str]:
    return [c.rep_id for c in decide(r, lead or make_lead(), reps, NOW).candidates]


def test_round_robin_starts_with_whoever_waited_longest_for_a_lead():
    reps = [
        make_rep("a", last_assigned_at=NOW - timedelta(minutes=5)),
        make_rep("b", last_assigned_at=NOW - timedelta(hours=2)),
        make_rep("c", last_assigned_at=None),
    ]
    assert ranked(rule(ROUND_ROBIN), reps) == ["c", "b", "a"]


def test_least_loaded_orders_by_open_leads_and_ignores_idleness():
    reps = [
        make_rep("a", open_leads=3, pending_visits=2),
        make_rep("b", open_leads=1, pending_visits=1),
    ]
    decision = decide(rule(LEAST_LOADED), make_lead(), reps, NOW)
    assert [c.rep_id for c in decision.candidates] == ["b", "a"]
    assert "在手线索 1/" in decision.candidates[0].reason
    assert (decision.rule_id, decision.rule_version, decision.strategy) == ("r1", 3, LEAST_LOADED)


def test_daily_quota_is_weighted_by_capacity_and_skips_full_reps():
    day = "2024-05-02"  # NOW in Asia/Shanghai
    reps = [
        make_rep("small", capacity=2, assigned_per_day={day: 1}),  # 1/2 used
        make_rep("big", capacity=10, assigned_per_day={day: 3}),  # 3/10 used
        make_rep("full", capacity=4, assigned_per_day={day: 4}),  # quota reached
    ]
    assert ranked(rule(DAILY_QUOTA), reps) == ["big", "small"]
    assert ranked(rule(DAILY_QUOTA, daily_quota_per_capacity_unit=2), reps) == [
        "big",  # 3/20
        "small",  # 1/4
        "full",  # 4/8
    ]


def test_the_default_strategy_needs_idle_reps_and_says_why_when_none_is():
    reps = [make_rep("a", pending_visits=1), make_rep("b", pending_visits=2)]
    decision = decide(default_rule(TENANT), make_lead(), reps, NOW)
    assert decision.candidates == [] and "均有待办拜访" in decision.reason
    quota = decide(
        rule(DAILY_QUOTA),
        make_lead(),
        [make_rep("a", capacity=1, assigned_per_day={"2024-05-02": 1})],
        NOW,
    )
    assert quota.candidates == [] and "配额已满" in quota.reason


def test_reps_who_declined_are_never_offered_the_lead_again():
    lead = make_lead(declined_by=["a"])
    assert ranked(rule(ROUND_ROBIN), [make_rep("a"), make_rep("b")], lead) == ["b"]


def test_rules_are_tried_by_priority_and_the_default_catches_the_rest():
    referral = rule(priority=5, rule_id="referral", match=RuleMatch(channels=("referral",)))
    red_ka = rule(
        priority=1,
        rule_id="red-ka",
        match=RuleMatch(urgencies=(Urgency.RED,), customer_types=(CustomerType.KA,)),
    )
    off = rule(priority=0, rule_id="off", enabled=False)
    rules = [referral, red_ka, off]
    assert select_rule(rules, make_lead(channel="referral")).rule_id == "referral"
    assert select_rule(rules, make_lead(customer_type=CustomerType.KA)).rule_id == "red-ka"
    assert select_rule(rules, make_lead(channel="exhibition")).rule_id == "default"
    hangzhou = rule(match=RuleMatch(region_codes=("330100",)))
    assert hangzhou.match.accepts(make_lead(region_code="330106"))
    assert not hangzhou.match.accepts(make_lead(region_code="330206"))


BAD_RULES = [
    ("rule.rule_id", dict(rule_id="Has Space")),
    ("rule.rule_id", dict(rule_id="default")),
    ("rule.name", dict(name="")),
    ("rule.priority", dict(priority=1_000_000)),
    ("rule.strategy", dict(strategy="lottery")),
    ("rule.match.region_codes[0]", dict(match=RuleMatch(region_codes=("990000",)))),
    ("rule.match.channels[0]", dict(match=RuleMatch(channels=("tiktok",)))),
    ("rule.match.customer_types", dict(match=RuleMatch(customer_types=(None,)))),
    ("rule.match.urgencies", dict(match=RuleMatch(urgencies=(None,)))),
    (
        "rule.daily_quota_per_capacity_unit",
        dict(strategy=DAILY_QUOTA, daily_quota_per_capacity_unit=0),
    ),
]


@pytest.mark.parametrize(("field", "change"), BAD_RULES)
def test_each_rule_error_names_its_field(field, change):
    with pytest.raises(InvalidArgument) as caught:
        validate_rule(rule(**change), KNOWN_CHANNELS)
    assert [v.field for v in caught.value.violations] == [field]
    assert all(
        any("\u4e00" <= ch <= "\u9fff" for ch in v.description) for v in caught.value.violations
    )


def test_a_good_rule_of_every_strategy_passes():
    for strategy in STRATEGIES:
        validate_rule(rule(strategy), KNOWN_CHANNELS)


def test_settings_defaults_follow_the_source_and_are_checked():
    s = AssignmentSettings(TENANT)
    assert [s.sla(u).total_seconds() for u in (Urgency.RED, Urgency.YELLOW, Urgency.BLUE)] == [
        1800,
        14400,
        86400,
    ]
    assert s.stale_days == 15
    with pytest.raises(InvalidArgument) as caught:
        validate_settings(
            AssignmentSettings(
                TENANT, sla_red_seconds=20_000, stale_days=0, waiting_alert_seconds=5
            )
        )
    assert {v.field for v in caught.value.violations} == {
        "sla_red_seconds",
        "stale_days",
        "waiting_alert_seconds",
    }


@settings(max_examples=80, deadline=None)
@given(
    st.sampled_from(sorted(STRATEGIES)),
    st.lists(
        st.tuples(
            st.sampled_from(["330100", "330106", "330200", "330000"]),
            st.sampled_from(list(CustomerType)),
            st.integers(0, 3),  # capacity
            st.integers(0, 4),  # open leads
            st.integers(0, 2),  # pending visits
            st.sampled_from(["active", "on_leave", "inactive"]),
            st.sampled_from([TENANT, "other"]),
        ),
        max_size=12,
    ),
    st.sampled_from(["330106", "330206"]),
    st.sampled_from(list(CustomerType)),
)
def test_every_strategy_only_ever_ranks_reps_who_may_take_the_lead(strategy, specs, region, kind):
    from services.assignment.domain.model import RepStatus

    reps = [
        make_rep(f"r{i}", region_codes=(code,), customer_types=(t,), capacity=cap, open_leads=open_,
                 pending_visits=pending, status=RepStatus(status), tenant_id=tenant)
        for i, (code, t, cap, open_, pending, status, tenant) in enumerate(specs)
    ]  # fmt: skip
    lead = make_lead(region_code=region, customer_type=kind)
    for candidate in decide(rule(strategy), lead, reps, NOW).candidates:
        rep = next(r for r in reps if r.rep_id == candidate.rep_id)
        assert eligible(rep, lead)
        assert rep.status == RepStatus.ACTIVE and rep.open_leads < rep.capacity
        assert rep.tenant_id == lead.tenant_id and kind in rep.customer_types
        if strategy == IDLE_RECENT_VISIT:
            assert rep.idle


def test_sheet_rows_accept_chinese_headers_and_values():
    header = [
        "来源编号",
        "渠道",
        "客户类型",
        "区域编码",
        "紧急程度",
        "客户名称",
        "手机号",
        "纬度",
        "经度",
        "坐标系",
    ]
    columns = header_map(header)
    assert missing_columns(columns) == []
    row = [
        "E1",
        "转介绍",
        "便利店",
        "330106",
        "黄",
        "全家(文三路店)",
        "138-0013-8000",
        "30.27",
        "120.13",
        "GCJ-02",
    ]
    lead = lead_from_row(row, columns, TENANT, "id-1", NOW)
    assert (lead.channel, lead.customer_type, lead.urgency, lead.phone) == (
        "referral", CustomerType.CONVENIENCE, Urgency.YELLOW, "13800138000",
    )  # fmt: skip
    assert lead.location and lead.location.datum == "gcj02"
    assert missing_columns(header_map(["客户名称"])) == [
        "来源编号",
        "渠道",
        "客户类型",
        "区域编码",
        "紧急程度",
        "手机号",
    ]


def test_a_bad_sheet_row_reports_every_problem():
    columns = header_map(
        [
            "external_id",
            "channel",
            "customer_type",
            "region_code",
            "urgency",
            "customer_name",
            "phone",
            "latitude",
            "longitude",
        ]
    )
    with pytest.raises(InvalidArgument) as caught:
        lead_from_row(
            ["", "微博", "超市", "12", "紫", "", "123", "北纬", "120"], columns, TENANT, "x", NOW
        )
    fields = {v.field for v in caught.value.violations}
    assert fields == {
        "location",
        "external_id",
        "channel",
        "customer_type",
        "urgency",
        "region_code",
        "customer_name",
        "phone",
    }
