"""SPEC A1-A8 through the gateway: rules and their validation, dry run, accept/decline,
merge of duplicates, import with a per-row report, settings, history, stale report."""

from __future__ import annotations

import io
import uuid

import grpc
import pytest
from grpc_status import rpc_status
from openpyxl import Workbook

from devstack.frontend import Frontend, call
from sales.assignment.v1 import assignment_pb2 as a
from sales.common.v1 import org_pb2
from sales.common.v1 import types_pb2 as t
from services.common.grpc_status import violations_from_status
from tests.e2e.conftest import wait_until
from tests.e2e.test_gateway_rules import refused
from tests.e2e.test_thin_slice import assigned, lead_request


@pytest.fixture
def team(platform, tenant):
    """Two KA reps in 杭州 under one supervisor."""
    admin = Frontend(platform.gateway_target, tenant, "admin", ["admin"])
    ids = {"sup": "sup-a", "r1": "rep-a1", "r2": "rep-a2"}
    admin.upsert_person(org_pb2.Person(person_id="sup-a", name="主管甲", roles=[t.ROLE_SUPERVISOR],
                                       status=t.PERSON_STATUS_ACTIVE, wecom_userid=f"{tenant}-sup"))  # fmt: skip
    for rep_id in ("rep-a1", "rep-a2"):
        admin.upsert_person(
            org_pb2.Person(person_id=rep_id, name=f"业务员{rep_id[-2:]}", roles=[t.ROLE_REP],
                           supervisor_id="sup-a", region_codes=["330100"],
                           customer_types=[t.CUSTOMER_TYPE_KA], capacity=3,
                           status=t.PERSON_STATUS_ACTIVE, wecom_userid=f"{tenant}-{rep_id}")
        )  # fmt: skip
    # both reps known to assignment before the test starts
    probe = lead_request("probe")
    wait_until(lambda: len(call(admin, "DryRunAssignment", probe).candidates) == 2)
    return admin, ids


def rule(rule_id="referral-ll", strategy="least_loaded", **overrides) -> a.Rule:
    base = a.Rule(rule_id=rule_id, name="转介绍线索按负载分配", priority=10, enabled=True,
                  strategy=strategy, match=a.RuleMatch(channels=["referral"]))  # fmt: skip
    for key, value in overrides.items():
        if isinstance(value, a.RuleMatch):
            base.match.CopyFrom(value)
        else:
            setattr(base, key, value)
    return base


BAD_RULES = [
    ("rule.rule_id", dict(rule_id="Bad Id!")),
    ("rule.rule_id", dict(rule_id="default")),
    ("rule.name", dict(name=" ")),
    ("rule.priority", dict(priority=-1)),
    ("rule.strategy", dict(strategy="random")),
    ("rule.match.region_codes[0]", dict(match=a.RuleMatch(region_codes=["123"]))),
    ("rule.match.channels[0]", dict(match=a.RuleMatch(channels=["tiktok"]))),
    (
        "rule.daily_quota_per_capacity_unit",
        dict(strategy="daily_quota", daily_quota_per_capacity_unit=500),
    ),
]


@pytest.mark.parametrize(
    ("field", "change"), BAD_RULES, ids=[f[0] + str(i) for i, f in enumerate(BAD_RULES)]
)
def test_bad_rule_is_refused_with_its_field_and_nothing_is_saved(platform, tenant, field, change):
    admin = Frontend(platform.gateway_target, tenant, "admin", ["admin"])
    code, fields, _ = refused(call, admin, "UpsertRule", a.UpsertRuleRequest(rule=rule(**change)))
    assert code == grpc.StatusCode.INVALID_ARGUMENT
    assert fields == {field}
    assert list(call(admin, "ListRules", a.ListRulesRequest()).rules) == []


def test_rule_versions_guard_concurrent_edits(platform, tenant):
    admin = Frontend(platform.gateway_target, tenant, "admin", ["admin"])
    v1 = call(admin, "UpsertRule", a.UpsertRuleRequest(rule=rule()))
    assert (v1.version, v1.updated_by) == (1, "admin")
    again = a.UpsertRuleRequest(rule=rule())
    assert refused(call, admin, "UpsertRule", again)[0] == grpc.StatusCode.ALREADY_EXISTS
    stale = a.UpsertRuleRequest(rule=rule(name="改名"), expected_version=5)
    assert refused(call, admin, "UpsertRule", stale)[0] == grpc.StatusCode.FAILED_PRECONDITION
    v2 = call(admin, "UpsertRule", a.UpsertRuleRequest(rule=rule(name="改名"), expected_version=1))
    assert (v2.version, v2.name) == (2, "改名")
    gone = a.DeleteRuleRequest(rule_id="referral-ll", expected_version=1)
    assert refused(call, admin, "DeleteRule", gone)[0] == grpc.StatusCode.FAILED_PRECONDITION
    missing = a.UpsertRuleRequest(rule=rule(rule_id="nope"), expected_version=1)
    assert refused(call, admin, "UpsertRule", missing)[0] == grpc.StatusCode.NOT_FOUND
    call(admin, "DeleteRule", a.DeleteRuleRequest(rule_id="referral-ll", expected_version=2))
    assert list(call(admin, "ListRules", a.ListRulesRequest()).rules) == []
    rep = Frontend(platform.gateway_target, tenant, "r", ["rep"])
    assert (
        refused(call, rep, "UpsertRule", a.UpsertRuleRequest(rule=rule()))[0]
        == grpc.StatusCode.PERMISSION_DENIED
    )


def test_rule_decides_and_dry_run_explains_without_assigning(platform, tenant, team):
    admin, ids = team
    call(admin, "UpsertRule", a.UpsertRuleRequest(rule=rule()))
    request = lead_request(f"dry-{uuid.uuid4()}")
    request.channel = "referral"
    decision = call(admin, "DryRunAssignment", request)
    assert (decision.rule_id, decision.rule_version, decision.strategy) == (
        "referral-ll",
        1,
        "least_loaded",
    )
    assert [c.rank for c in decision.candidates] == [1, 2]
    assert "在手线索 0/3" in decision.candidates[0].reason
    assert list(call(admin, "ListLeads", a.ListLeadsRequest()).leads) == []
    # least loaded does not need idle reps: four referral leads spread evenly over both
    owners = []
    for i in range(4):
        request = lead_request(f"ll-{i}-{uuid.uuid4()}", f"门店{i}")
        request.channel, request.phone = "referral", f"1390000{i:04d}"
        owners.append(admin.create_lead(request))
    by_rep = [lead.assigned_rep_id for lead in owners]
    assert sorted(by_rep) == ["rep-a1", "rep-a1", "rep-a2", "rep-a2"]
    assert all(lead.decision.rule_id == "referral-ll" for lead in owners)


def test_accept_decline_and_history(platform, tenant, team):
    admin, ids = team
    lead = admin.create_lead(lead_request(f"resp-{uuid.uuid4()}"))
    first_rep = lead.assigned_rep_id
    other_rep = ({"rep-a1", "rep-a2"} - {first_rep}).pop()
    rep = Frontend(platform.gateway_target, tenant, first_rep, ["rep"])
    other = Frontend(platform.gateway_target, tenant, other_rep, ["rep"])
    respond = a.RespondToLeadRequest(lead_id=lead.lead_id)

    assert refused(call, other, "AcceptLead", respond)[0] == grpc.StatusCode.FAILED_PRECONDITION
    code, fields, _ = refused(call, rep, "DeclineLead", respond)
    assert (code, fields) == (grpc.StatusCode.INVALID_ARGUMENT, {"reason"})

    declined = call(
        rep, "DeclineLead", a.RespondToLeadRequest(lead_id=lead.lead_id, reason="客户不在我的片区")
    )
    assert declined.assigned_rep_id == other_rep
    assert first_rep in declined.declined_by
    accepted = call(other, "AcceptLead", respond)
    assert accepted.status == a.LEAD_STATUS_ACCEPTED and accepted.responded_at.seconds > 0
    assert call(other, "AcceptLead", respond).status == a.LEAD_STATUS_ACCEPTED  # idempotent

    history = call(admin, "GetLeadHistory", a.GetLeadRequest(lead_id=lead.lead_id))
    kinds = [e.kind for e in history.entries]
    assert kinds == ["created", "assigned", "declined", "assigned", "accepted"]
    assert history.entries[1].decision.rule_id == "default"
    assert "客户不在我的片区" in history.entries[2].text


def test_duplicate_of_an_open_lead_is_merged(platform, tenant, team):
    admin, _ = team
    first = admin.create_lead(lead_request(f"m1-{uuid.uuid4()}"))
    twin = lead_request(f"m2-{uuid.uuid4()}", "同一客户另一个来源")
    twin.channel, twin.phone = "referral", first.phone  # the same customer by phone
    merged = admin.create_lead(twin)
    assert merged.merged and merged.lead_id == first.lead_id
    assert twin.external_id in merged.merged_external_ids
    assert len(call(admin, "ListLeads", a.ListLeadsRequest()).leads) == 1
    assert admin.create_lead(twin).lead_id == first.lead_id  # and the alias is idempotent


def _sheet_rows(tenant: str) -> list[list[str]]:
    return [
        [
            "来源编号",
            "渠道",
            "客户类型",
            "区域编码",
            "紧急程度",
            "客户名称",
            "联系人",
            "手机号",
            "地址",
        ],
        [
            f"{tenant}-1",
            "展会",
            "KA",
            "330106",
            "红",
            "物美(文三路店)",
            "王经理",
            "13700001111",
            "文三路 1 号",
        ],
        [
            f"{tenant}-2",
            "电商",
            "便利店",
            "12345",
            "黄",
            "全家(学院路店)",
            "李店长",
            "137000022",
            "",
        ],
        [
            f"{tenant}-3",
            "转介绍",
            "KA",
            "330105",
            "蓝",
            "物美(另一来源)",
            "王经理",
            "13700001111",
            "",
        ],
        [
            f"{tenant}-1",
            "展会",
            "KA",
            "330106",
            "红",
            "物美(文三路店)",
            "王经理",
            "13700001111",
            "文三路 1 号",
        ],
    ]


def test_import_csv_reports_each_row(platform, tenant, team):
    admin, _ = team
    content = "\n".join(",".join(r) for r in _sheet_rows(tenant)).encode("utf-8-sig")
    report = call(admin, "ImportLeads", a.ImportLeadsRequest(filename="线索.csv", content=content))
    assert [r.status for r in report.rows] == ["created", "failed", "merged", "duplicate"]
    assert (report.created, report.failed, report.merged, report.duplicates) == (1, 1, 1, 1)
    errors = {e.field: e.message for e in report.rows[1].errors}
    assert set(errors) == {"region_code", "phone"}
    assert "手机号" in errors["phone"] and "区域编码" in errors["region_code"]


def test_import_xlsx_and_bad_files(platform, tenant, team):
    admin, _ = team
    book = Workbook()
    for row in _sheet_rows(tenant)[:2]:
        book.active.append([int(c) if c.isdigit() and len(c) == 6 else c for c in row])
    buffer = io.BytesIO()
    book.save(buffer)
    report = call(
        admin, "ImportLeads", a.ImportLeadsRequest(filename="leads.xlsx", content=buffer.getvalue())
    )
    assert [r.status for r in report.rows] == ["created"]
    bad = a.ImportLeadsRequest(filename="leads.txt", content=b"x")
    assert refused(call, admin, "ImportLeads", bad)[1] == {"filename"}
    no_columns = a.ImportLeadsRequest(filename="l.csv", content="客户名称\n好又多\n".encode())
    with pytest.raises(grpc.RpcError) as caught:
        call(admin, "ImportLeads", no_columns)
    status = rpc_status.from_call(caught.value)
    [violation] = violations_from_status(status)
    assert violation.field == "content" and "缺少必填列" in violation.description


def test_settings_are_validated_and_kept(platform, tenant):
    admin = Frontend(platform.gateway_target, tenant, "admin", ["admin"])
    defaults = call(admin, "GetAssignmentSettings", a.GetSettingsRequest())
    assert (defaults.sla_red_seconds, defaults.sla_yellow_seconds, defaults.sla_blue_seconds) == (
        1800,
        14400,
        86400,
    )
    assert defaults.stale_days == 15
    bad = a.AssignmentSettings(sla_red_seconds=30, stale_days=400)
    assert refused(call, admin, "UpdateAssignmentSettings", bad)[1] == {
        "sla_red_seconds",
        "stale_days",
    }
    call(
        admin, "UpdateAssignmentSettings", a.AssignmentSettings(sla_red_seconds=600, stale_days=10)
    )
    kept = call(admin, "GetAssignmentSettings", a.GetSettingsRequest())
    assert (kept.sla_red_seconds, kept.stale_days, kept.sla_blue_seconds) == (600, 10, 86400)


def test_stale_report_is_scoped_to_the_supervisors_team(platform, tenant, team):
    admin, ids = team
    lead = admin.create_lead(lead_request(f"st-{uuid.uuid4()}"))
    wait_until(lambda: assigned(admin, lead.lead_id))
    sup = Frontend(platform.gateway_target, tenant, "sup-a", ["supervisor"])
    report = call(sup, "StaleLeadReport", a.StaleLeadReportRequest(min_idle_days=0))
    assert [r.rep_id for r in report.reps] == [lead.assigned_rep_id]
    assert report.reps[0].leads[0].lead_id == lead.lead_id
    stranger = Frontend(platform.gateway_target, tenant, "sup-b", ["supervisor"])
    assert (
        list(call(stranger, "StaleLeadReport", a.StaleLeadReportRequest(min_idle_days=0)).reps)
        == []
    )
