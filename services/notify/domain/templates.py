"""Chinese message templates per event type and recipient role (SPEC N2).

Each event type has its facts (plain values taken from the event) and one template per role:
rep, supervisor, finance. People appear by name; `name` maps a person id to the name in the
directory (the id itself when unknown). Group robots get the team's (supervisor's) wording.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from services.notify.domain.model import Message
from services.notify.domain.routing import FINANCE, REP, SUPERVISOR

URGENCY_ZH = {"red": "红色(紧急)", "yellow": "黄色", "blue": "蓝色"}
CUSTOMER_TYPE_ZH = {"KA": "KA", "BC": "BC类", "CONVENIENCE": "便利店"}
SCORE_ZH = {"data_credit": "数据信用分", "phi": "过程健康指数"}
NameOf = Callable[[str], str]
GROUP = "group"


def duration_zh(seconds: int) -> str:
    """3600 -> 1 小时; 5400 -> 1 小时 30 分钟; 172800 -> 2 天; 45 -> 1 分钟 (rounded up)."""
    seconds = max(0, int(seconds))
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes = (rest + 59) // 60
    parts = [f"{days} 天" if days else "", f"{hours} 小时" if hours else ""]
    parts.append(f"{minutes} 分钟" if minutes or not (days or hours) else "")
    return " ".join(p for p in parts if p)


def _urgency(code: str) -> str:
    return URGENCY_ZH.get(code, code)


def _score(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".") if value == value else "-"


# --- facts, one class per event type --------------------------------------------------------


@dataclass(frozen=True)
class LeadAssignedFacts:
    lead_id: str
    customer_name: str
    customer_type: str
    region_code: str
    urgency: str
    address: str
    contact_name: str
    phone: str
    reason: str
    rep_name: str
    rep_id: str = ""


@dataclass(frozen=True)
class LeadSlaBreachedFacts:
    lead_id: str
    customer_name: str
    rep_id: str
    urgency: str
    sla_seconds: int
    assigned_at: str  # Asia/Shanghai, for people
    next_rep_id: str  # empty: back to the pool


@dataclass(frozen=True)
class LeadWaitingTooLongFacts:
    lead_id: str
    customer_name: str
    region_code: str
    customer_type: str
    waiting_since: str
    waited_seconds: int


@dataclass(frozen=True)
class LeadReclaimedFacts:
    lead_id: str
    customer_name: str
    rep_id: str
    idle_days: int
    last_follow_up_at: str


@dataclass(frozen=True)
class CommitmentOverdueFacts:
    commitment_id: str
    rep_id: str
    store_name: str
    description: str
    due_date: str
    days_overdue: int
    reminder_count: int


@dataclass(frozen=True)
class ApprovalPendingFacts:
    approval_id: str
    rep_id: str
    store_name: str
    region_code: str
    summary: str
    requested_at: str


@dataclass(frozen=True)
class ScoreThresholdFacts:
    rep_id: str
    score: str
    period: str
    previous: float
    current: float
    threshold: float
    direction: str  # up | down


Facts = (
    LeadAssignedFacts
    | LeadSlaBreachedFacts
    | LeadWaitingTooLongFacts
    | LeadReclaimedFacts
    | CommitmentOverdueFacts
    | ApprovalPendingFacts
    | ScoreThresholdFacts
)


# --- lead.assigned ---------------------------------------------------------------------------


def lead_assigned_for_rep(f: LeadAssignedFacts) -> Message:
    return Message(
        kind="textcard",
        title=f"新线索:{f.customer_name}",
        text=(
            f"客户:{f.customer_name}({CUSTOMER_TYPE_ZH.get(f.customer_type, f.customer_type)})\n"
            f"紧急程度:{URGENCY_ZH.get(f.urgency, f.urgency)}\n"
            f"区域:{f.region_code}  地址:{f.address or '未填写'}\n"
            f"联系人:{f.contact_name or '未填写'} {f.phone}\n"
            f"分配原因:{f.reason}\n"
            "请尽快在工作台接单并安排拜访。"
        ),
    )


def lead_assigned_for_supervisor(f: LeadAssignedFacts) -> Message:
    return Message(
        kind="text",
        title="线索分配提醒",
        text=(
            f"【线索分配提醒】{f.rep_name} 收到新线索「{f.customer_name}」"
            f"(紧急程度:{URGENCY_ZH.get(f.urgency, f.urgency)},区域 {f.region_code})。"
            f"分配原因:{f.reason}"
        ),
    )


def _lead_assigned(role: str) -> Callable[[LeadAssignedFacts, NameOf], Message]:
    def render(f: LeadAssignedFacts, name: NameOf) -> Message:
        named = replace(f, rep_name=f.rep_name or name(f.rep_id)) if f.rep_id else f
        if role == REP:
            return lead_assigned_for_rep(named)
        return lead_assigned_for_supervisor(named)

    return render


# --- lead.sla_breached -----------------------------------------------------------------------


def _sla_next(f: LeadSlaBreachedFacts, name: NameOf) -> str:
    return f"已转给 {name(f.next_rep_id)}" if f.next_rep_id else "已退回线索池等待重新分配"


def sla_breached_for_rep(f: LeadSlaBreachedFacts, name: NameOf) -> Message:
    return Message(
        kind="text",
        title="线索响应超时",
        text=(
            f"【线索响应超时】您于 {f.assigned_at} 收到的线索「{f.customer_name}」"
            f"(紧急程度:{_urgency(f.urgency)})未在 {duration_zh(f.sla_seconds)}内响应,"
            f"{_sla_next(f, name)}。线索编号 {f.lead_id}。"
        ),
    )


def sla_breached_for_supervisor(f: LeadSlaBreachedFacts, name: NameOf) -> Message:
    return Message(
        kind="text",
        title="线索响应超时",
        text=(
            f"【SLA 超时】{name(f.rep_id)} 未在 {duration_zh(f.sla_seconds)}内响应线索"
            f"「{f.customer_name}」(紧急程度:{_urgency(f.urgency)},{f.assigned_at} 分配),"
            f"{_sla_next(f, name)}。线索编号 {f.lead_id}。"
        ),
    )


# --- lead.waiting_too_long -------------------------------------------------------------------


def waiting_too_long_for_supervisor(f: LeadWaitingTooLongFacts, name: NameOf) -> Message:
    kind = CUSTOMER_TYPE_ZH.get(f.customer_type, f.customer_type) or "未分类"
    return Message(
        kind="text",
        title="线索等待过久",
        text=(
            f"【线索等待过久】线索「{f.customer_name}」({kind},区域 {f.region_code})"
            f"自 {f.waiting_since} 起已等待 {duration_zh(f.waited_seconds)},仍无空闲业务员可接。"
            f"请调配人手或手动分配。线索编号 {f.lead_id}。"
        ),
    )


# --- lead.reclaimed --------------------------------------------------------------------------


def reclaimed_for_rep(f: LeadReclaimedFacts, name: NameOf) -> Message:
    return Message(
        kind="text",
        title="线索已回收",
        text=(
            f"【线索回收】线索「{f.customer_name}」自 {f.last_follow_up_at} 起 {f.idle_days} 天"
            f"无跟进,已回收至线索池。线索编号 {f.lead_id}。"
        ),
    )


def reclaimed_for_supervisor(f: LeadReclaimedFacts, name: NameOf) -> Message:
    return Message(
        kind="text",
        title="线索已回收",
        text=(
            f"【线索回收】{name(f.rep_id)} 负责的线索「{f.customer_name}」已 {f.idle_days} 天"
            f"无跟进(最后跟进 {f.last_follow_up_at}),已回收至线索池。线索编号 {f.lead_id}。"
        ),
    )


# --- commitment.overdue ----------------------------------------------------------------------


def _overdue(f: CommitmentOverdueFacts, opening: str) -> Message:
    body = (
        f"门店「{f.store_name}」的承诺事项「{f.description}」应于 {f.due_date} 完成,"
        f"已逾期 {f.days_overdue} 天。"
    )
    if f.reminder_count > 1:
        return Message(
            kind="markdown",
            title=f"承诺逾期 · 第{f.reminder_count}次提醒",
            text=(
                f"### 承诺逾期 · 第{f.reminder_count}次提醒\n"
                f"{opening}\n\n"
                f"- 门店:{f.store_name}\n"
                f"- 承诺事项:{f.description}\n"
                f"- 到期日:{f.due_date}\n"
                f"- 已逾期:**{f.days_overdue} 天**\n"
                f"- 编号:{f.commitment_id}"
            ),
        )
    return Message(
        kind="text",
        title="承诺逾期提醒",
        text=f"【承诺逾期提醒】{opening}{body}编号 {f.commitment_id}。",
    )


def overdue_for_rep(f: CommitmentOverdueFacts, name: NameOf) -> Message:
    return _overdue(f, "请尽快处理并在工作台更新状态。")


def overdue_for_supervisor(f: CommitmentOverdueFacts, name: NameOf) -> Message:
    return _overdue(f, f"{name(f.rep_id)} 有一项承诺未按期完成。")


# --- approval.pending ------------------------------------------------------------------------


def approval_for_finance(f: ApprovalPendingFacts, name: NameOf) -> Message:
    return Message(
        kind="markdown",
        title="特价审批待处理",
        text=(
            "### 特价审批待处理\n"
            f"- 门店:{f.store_name}(区域 {f.region_code})\n"
            f"- 申请人:{name(f.rep_id)}\n"
            f"- 申请时间:{f.requested_at}\n"
            f"- 内容:{f.summary}\n"
            f"- 审批编号:{f.approval_id}\n\n"
            "请在工作台审批。"
        ),
    )


# --- score.threshold_crossed -----------------------------------------------------------------


def _crossing(f: ScoreThresholdFacts) -> str:
    label = SCORE_ZH.get(f.score, f.score)
    verb = "升至" if f.direction == "up" else "降至"
    side = "高于" if f.direction == "up" else "低于"
    return (
        f"{f.period} {label}由 {_score(f.previous)} {verb} **{_score(f.current)}**,"
        f"{side} {_score(f.threshold)} 分线"
    )


def score_for_rep(f: ScoreThresholdFacts, name: NameOf) -> Message:
    good = f.direction == "up"
    return Message(
        kind="markdown",
        title="评分变化",
        text=(
            f"### {'恭喜' if good else '请注意'}:评分变化\n"
            f"您的{_crossing(f)}。\n"
            + ("继续保持!" if good else "请及时补全拜访记录,保持数据真实完整。")
        ),
    )


def score_for_supervisor(f: ScoreThresholdFacts, name: NameOf) -> Message:
    return Message(
        kind="markdown",
        title="团队评分变化",
        text=f"### 团队评分变化\n{name(f.rep_id)} 的{_crossing(f)}。",
    )


TEMPLATES: dict[tuple[type, str], Callable] = {
    (LeadAssignedFacts, REP): _lead_assigned(REP),
    (LeadAssignedFacts, SUPERVISOR): _lead_assigned(SUPERVISOR),
    (LeadSlaBreachedFacts, REP): sla_breached_for_rep,
    (LeadSlaBreachedFacts, SUPERVISOR): sla_breached_for_supervisor,
    (LeadWaitingTooLongFacts, SUPERVISOR): waiting_too_long_for_supervisor,
    (LeadReclaimedFacts, REP): reclaimed_for_rep,
    (LeadReclaimedFacts, SUPERVISOR): reclaimed_for_supervisor,
    (CommitmentOverdueFacts, REP): overdue_for_rep,
    (CommitmentOverdueFacts, SUPERVISOR): overdue_for_supervisor,
    (ApprovalPendingFacts, FINANCE): approval_for_finance,
    (ScoreThresholdFacts, REP): score_for_rep,
    (ScoreThresholdFacts, SUPERVISOR): score_for_supervisor,
}


def render(facts: Facts, role: str, name: NameOf) -> Message:
    """The message for one role. A role without its own template (for instance finance on
    a tenant route for lead.assigned) reads the supervisor's, then the finance one."""
    kind = type(facts)
    if role == GROUP:
        return render_for_group(facts, name)
    for candidate in (role, SUPERVISOR, FINANCE, REP):
        template = TEMPLATES.get((kind, candidate))
        if template is not None:
            return template(facts, name)
    raise KeyError(f"no template for {kind.__name__}")


def render_for_group(facts: Facts, name: NameOf) -> Message:
    """A group robot (team channel) gets the team's wording; robots cannot show text cards."""
    message = render(facts, SUPERVISOR, name)
    if message.kind == "textcard":
        return Message(
            kind="markdown", title=message.title, text=f"### {message.title}\n{message.text}"
        )
    return message
