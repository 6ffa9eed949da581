"""Every Chinese template renders with every one of its fields (SPEC N2)."""

from __future__ import annotations

import dataclasses

import pytest

from services.notify.domain import templates as t
from services.notify.domain.routing import FINANCE, REP, SUPERVISOR

NAMES = {"rep-1": "李业务", "rep-2": "赵业务"}


def name(person_id: str) -> str:
    return NAMES.get(person_id, person_id)


SAMPLES: dict[type, object] = {
    t.LeadAssignedFacts: t.LeadAssignedFacts(
        lead_id="lead-1", customer_name="世纪联华(文三路店)", customer_type="KA",
        region_code="330106", urgency="red", address="杭州市西湖区文三路 100 号",
        contact_name="陈经理", phone="13912345678", reason="同区域同类型(KA)、当前空闲",
        rep_name="", rep_id="rep-1",
    ),
    t.LeadSlaBreachedFacts: t.LeadSlaBreachedFacts(
        lead_id="lead-2", customer_name="好又多便利店", rep_id="rep-1", urgency="yellow",
        sla_seconds=1800, assigned_at="2026-11-27 10:00:00", next_rep_id="rep-2",
    ),
    t.LeadWaitingTooLongFacts: t.LeadWaitingTooLongFacts(
        lead_id="lead-3", customer_name="华润万家", region_code="330102",
        customer_type="BC", waiting_since="2026-11-27 08:30:00", waited_seconds=5400,
    ),
    t.LeadReclaimedFacts: t.LeadReclaimedFacts(
        lead_id="lead-4", customer_name="联华超市", rep_id="rep-1", idle_days=15,
        last_follow_up_at="2026-11-12 09:00:00",
    ),
    t.CommitmentOverdueFacts: t.CommitmentOverdueFacts(
        commitment_id="c-1", rep_id="rep-1", store_name="好又多便利店",
        description="下周补齐端架陈列", due_date="2026-11-20", days_overdue=7, reminder_count=1,
    ),
    t.ApprovalPendingFacts: t.ApprovalPendingFacts(
        approval_id="ap-1", rep_id="rep-1", store_name="世纪联华", region_code="330106",
        summary="整箱 9 折特价,申请 200 箱", requested_at="2026-11-27 11:00:00",
    ),
    t.ScoreThresholdFacts: t.ScoreThresholdFacts(
        rep_id="rep-1", score="data_credit", period="2026-11", previous=84.5, current=86,
        threshold=85, direction="up",
    ),
}  # fmt: skip

# How a field's value shows in the text when it is not shown as is.
SHOWN_AS = {
    ("urgency", "red"): "红色(紧急)",
    ("urgency", "yellow"): "黄色",
    ("customer_type", "BC"): "BC类",
    ("rep_id", "rep-1"): "李业务",
    ("next_rep_id", "rep-2"): "赵业务",
    ("sla_seconds", 1800): "30 分钟",
    ("waited_seconds", 5400): "1 小时 30 分钟",
    ("score", "data_credit"): "数据信用分",
    ("previous", 84.5): "84.5",
    ("direction", "up"): "升至",
    ("reminder_count", 1): "",  # the first reminder is not numbered
    ("rep_name", ""): "李业务",
}
# Fields a role's message leaves out on purpose.
NOT_SHOWN = {
    (t.LeadAssignedFacts, SUPERVISOR): {"lead_id", "customer_type", "address", "contact_name",
                                        "phone"},
    (t.LeadAssignedFacts, REP): {"lead_id", "rep_name", "rep_id"},
    (t.LeadReclaimedFacts, REP): {"rep_id"},
    (t.LeadSlaBreachedFacts, REP): {"rep_id"},
    (t.CommitmentOverdueFacts, REP): {"rep_id"},
    (t.ScoreThresholdFacts, REP): {"rep_id"},
}  # fmt: skip


@pytest.mark.parametrize(("kind", "role"), sorted(t.TEMPLATES, key=lambda k: (k[0].__name__, k[1])))
def test_every_template_renders_every_field(kind: type, role: str) -> None:
    facts = SAMPLES[kind]
    message = t.render(facts, role, name)
    assert message.kind in ("text", "textcard", "markdown")
    assert message.title and message.text
    skip = NOT_SHOWN.get((kind, role), set())
    for field in dataclasses.fields(facts):
        if field.name in skip:
            continue
        value = getattr(facts, field.name)
        shown = SHOWN_AS.get((field.name, value), str(value) if not isinstance(value, float)
                             else f"{value:g}")  # fmt: skip
        assert shown in message.text, (kind.__name__, role, field.name, shown, message.text)
    # Chinese for people: no raw codes leak
    for code in ("data_credit", "red", "yellow", "None"):
        assert code not in message.text


def test_escalating_reminder_is_markdown_with_its_number() -> None:
    second = dataclasses.replace(SAMPLES[t.CommitmentOverdueFacts], reminder_count=3)
    for role in (REP, SUPERVISOR):
        message = t.render(second, role, name)
        assert message.kind == "markdown"
        assert "第3次提醒" in message.title and "第3次提醒" in message.text
    assert t.render(SAMPLES[t.CommitmentOverdueFacts], REP, name).kind == "text"


def test_sla_breach_back_to_the_pool_and_score_going_down() -> None:
    pooled = dataclasses.replace(SAMPLES[t.LeadSlaBreachedFacts], next_rep_id="")
    assert "已退回线索池" in t.render(pooled, SUPERVISOR, name).text
    down = dataclasses.replace(SAMPLES[t.ScoreThresholdFacts], direction="down", current=80)
    text = t.render(down, REP, name).text
    assert "降至" in text and "低于 85 分线" in text and "请注意" in text


def test_group_robots_never_get_a_text_card_and_missing_roles_fall_back() -> None:
    group = t.render_for_group(SAMPLES[t.LeadAssignedFacts], name)
    assert group.kind in ("text", "markdown")
    # finance has no lead.assigned template of its own: it reads the supervisor's notice
    assert t.render(SAMPLES[t.LeadAssignedFacts], FINANCE, name).title == "线索分配提醒"
    assert "特价审批" in t.render(SAMPLES[t.ApprovalPendingFacts], SUPERVISOR, name).title


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(0, "0 分钟"), (45, "1 分钟"), (1800, "30 分钟"), (3600, "1 小时"), (5400, "1 小时 30 分钟"),
     (172800, "2 天"), (90061, "1 天 1 小时 2 分钟")],
)  # fmt: skip
def test_durations_in_chinese(seconds: int, text: str) -> None:
    assert t.duration_zh(seconds) == text
