"""Every Chinese template renders with every one of its fields (SPEC N2)."""

from __future__ import annotations

import dataclasses

import pytest

from services.notify.domain import templates as t
from services.notify.domain.routing import DIRECTOR, FINANCE, REP, SUPERVISOR

NAMES = {"rep-1": "李业务", "rep-2": "赵业务", "fin-1": "钱财务"}
LINES = (
    t.PriceLineFacts("6901234567890", list_price_fen=1250, requested_price_fen=1100, quantity=200),
    t.PriceLineFacts("6909876543210", list_price_fen=4580, requested_price_fen=3990, quantity=15),
)


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
        stage="first_review", fast_lane=True, lines=LINES, discount_fen=38850,
    ),
    t.ApprovalDecidedFacts: t.ApprovalDecidedFacts(
        approval_id="ap-1", rep_id="rep-1", store_name="世纪联华", decision="approved",
        decided_by="fin-1", comment="同意,限本季度", decided_at="2026-11-27 15:00:00",
        auto_approved=False, lines=LINES,
    ),
    t.FirstVisitOverdueFacts: t.FirstVisitOverdueFacts(
        store_id="s-1", store_name="美宜佳(文一路店)", rep_id="rep-1", region_code="330106",
        registered_at="2026-11-23 09:00:00", days_waiting=4, limit_days=3,
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
    ("stage", "first_review"): "初审",
    ("fast_lane", True): "绿色通道",
    ("decision", "approved"): "已通过",
    ("decided_by", "fin-1"): "钱财务",
    ("auto_approved", False): "钱财务",  # a person decided: named, not the green channel
    ("lines", LINES): "6909876543210",
    (
        "discount_fen",
        38850,
    ): "让利合计:**388.50 元**",  # each line: test_price_lines_show_yuan_and_the_total
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
    (t.ApprovalDecidedFacts, REP): {"rep_id"},
    (t.FirstVisitOverdueFacts, REP): {"rep_id"},
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
    for code in (
        "data_credit",
        "red",
        "yellow",
        "None",
        "True",
        "False",
        "approved",
        "first_review",
        "green_channel",
    ):
        assert code not in message.text and code not in message.title  # fmt: skip


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


def test_the_director_is_copied_on_the_escalation_step() -> None:
    third = dataclasses.replace(SAMPLES[t.CommitmentOverdueFacts], reminder_count=3)
    message = t.render(third, DIRECTOR, name)
    assert message.kind == "markdown" and message.title == "承诺逾期 · 第3次提醒(抄送总监)"
    assert "李业务 的一项承诺提醒 3 次仍未更新,抄送您知悉。" in message.text
    assert "已逾期:**7 天**" in message.text
    # the rep and the supervisor read the same step without the copy note
    assert "抄送" not in t.render(third, REP, name).title


def test_price_lines_show_yuan_and_the_total() -> None:
    text = t.render(SAMPLES[t.ApprovalPendingFacts], FINANCE, name).text
    assert "1. 6901234567890:原价 12.50 元 → 申请价 11.00 元,数量 200,让利 300.00 元" in text
    assert "2. 6909876543210:原价 45.80 元 → 申请价 39.90 元,数量 15,让利 88.50 元" in text
    assert "让利合计:**388.50 元**(按申请价共 2,798.50 元)" in text
    assert "审批环节:初审" in text and "绿色通道申请优先处理" in text
    # the producer's whole discount is the figure finance sees; without it, the lines' sum
    given = dataclasses.replace(SAMPLES[t.ApprovalPendingFacts], discount_fen=40000)
    assert "让利合计:**400.00 元**" in t.render(given, FINANCE, name).text
    summed = dataclasses.replace(SAMPLES[t.ApprovalPendingFacts], discount_fen=0)
    assert "让利合计:**388.50 元**" in t.render(summed, FINANCE, name).text
    plain = dataclasses.replace(SAMPLES[t.ApprovalPendingFacts], lines=(), fast_lane=False,
                                stage="")  # fmt: skip
    message = t.render(plain, FINANCE, name)
    assert message.title == "特价审批待处理"
    assert "特价明细" not in message.text and "审批环节" not in message.text
    assert message.text.endswith("请在工作台审批。")


@pytest.mark.parametrize(
    ("fen", "text"),
    [(0, "0.00 元"), (5, "0.05 元"), (1250, "12.50 元"), (123450, "1,234.50 元"),
     (-250, "-2.50 元")],
)  # fmt: skip
def test_fen_as_yuan(fen: int, text: str) -> None:
    assert t.yuan(fen) == text


def test_the_rep_hears_the_decision() -> None:
    approved = SAMPLES[t.ApprovalDecidedFacts]
    message = t.render(approved, REP, name)
    assert message.kind == "markdown" and message.title == "特价审批已通过"
    assert "结果:**已通过**" in message.text and "审批人:钱财务" in message.text
    assert "审批意见:同意,限本季度" in message.text and "可按特价执行" in message.text
    rejected = dataclasses.replace(approved, decision="rejected", comment="")
    message = t.render(rejected, REP, name)
    assert message.title == "特价审批未通过" and "审批意见:无" in message.text
    assert "重新申请" in message.text
    green = dataclasses.replace(approved, decided_by="green_channel", auto_approved=True)
    assert "审批人:绿色通道自动审批" in t.render(green, REP, name).text
    assert "李业务 为门店「世纪联华」申请的特价审批" in t.render(approved, SUPERVISOR, name).text


def test_a_new_store_without_its_first_visit() -> None:
    facts = SAMPLES[t.FirstVisitOverdueFacts]
    rep = t.render(facts, REP, name)
    assert rep.kind == "text" and rep.title == "新门店待首访"
    assert "新门店「美宜佳(文一路店)」登记 4 天仍未首次拜访" in rep.text
    assert "要求 3 天内完成首访" in rep.text and "请尽快安排拜访" in rep.text
    supervisor = t.render(facts, SUPERVISOR, name).text
    assert "李业务 负责的新门店「美宜佳(文一路店)」登记 4 天仍未首次拜访" in supervisor


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(0, "0 分钟"), (45, "1 分钟"), (1800, "30 分钟"), (3600, "1 小时"), (5400, "1 小时 30 分钟"),
     (172800, "2 天"), (90061, "1 天 1 小时 2 分钟")],
)  # fmt: skip
def test_durations_in_chinese(seconds: int, text: str) -> None:
    assert t.duration_zh(seconds) == text
