"""Chinese message templates per event type and recipient role (SPEC N2).

Each event type has its facts (plain values taken from the event) and one template per role:
rep, supervisor, director, finance. People appear by name; `name` maps a person id to the name
in the directory (the id itself when unknown). Group robots get the team's (supervisor's)
wording.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from services.common.labels import CUSTOMER_TYPE_ZH, URGENCY_ZH
from services.notify.domain.model import Message
from services.notify.domain.routing import DIRECTOR, FINANCE, REP, SUPERVISOR

SCORE_ZH = {"data_credit": "数据信用分", "phi": "过程健康指数"}
APPROVAL_STAGE_ZH = {"first_review": "初审", "decision": "终审"}
APPROVED, REJECTED = "approved", "rejected"
DECISION_ZH = {APPROVED: "已通过", REJECTED: "未通过"}
GREEN_CHANNEL = "green_channel"  # ApprovalDecided.decided_by when no person decided
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


def yuan(fen: int) -> str:
    """Amounts travel in fen (integers, exact): 123450 -> 1,234.50 元."""
    sign, fen = ("-", -fen) if fen < 0 else ("", fen)
    return f"{sign}{fen // 100:,}.{fen % 100:02d} 元"


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
class PriceLineFacts:
    """One special-price line: the store's list price, the price asked for, how many."""

    sku: str
    list_price_fen: int
    requested_price_fen: int
    quantity: int

    @property
    def discount_fen(self) -> int:
        return (self.list_price_fen - self.requested_price_fen) * self.quantity

    @property
    def requested_total_fen(self) -> int:
        return self.requested_price_fen * self.quantity


@dataclass(frozen=True)
class ApprovalPendingFacts:
    approval_id: str
    rep_id: str
    store_name: str
    region_code: str
    summary: str
    requested_at: str
    stage: str = ""  # first_review | decision
    fast_lane: bool = False  # green channel: the request skips the queue
    lines: tuple[PriceLineFacts, ...] = ()
    discount_fen: int = 0  # the whole discount as visits computed it (0: not given)


@dataclass(frozen=True)
class ApprovalDecidedFacts:
    approval_id: str
    rep_id: str
    store_name: str
    decision: str  # approved | rejected
    decided_by: str  # a person id, or GREEN_CHANNEL
    comment: str
    decided_at: str
    auto_approved: bool = False
    lines: tuple[PriceLineFacts, ...] = ()


@dataclass(frozen=True)
class FirstVisitOverdueFacts:
    store_id: str
    store_name: str
    rep_id: str
    region_code: str
    registered_at: str
    days_waiting: int
    limit_days: int


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
    | ApprovalDecidedFacts
    | FirstVisitOverdueFacts
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


def _overdue(f: CommitmentOverdueFacts, opening: str, copied: str = "") -> Message:
    body = (
        f"门店「{f.store_name}」的承诺事项「{f.description}」应于 {f.due_date} 完成,"
        f"已逾期 {f.days_overdue} 天。"
    )
    if f.reminder_count > 1:
        title = f"承诺逾期 · 第{f.reminder_count}次提醒{copied}"
        return Message(
            kind="markdown",
            title=title,
            text=(
                f"### {title}\n"
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
        title=f"承诺逾期提醒{copied}",
        text=f"【承诺逾期提醒{copied}】{opening}{body}编号 {f.commitment_id}。",
    )


def overdue_for_rep(f: CommitmentOverdueFacts, name: NameOf) -> Message:
    return _overdue(f, "请尽快处理并在工作台更新状态。")


def overdue_for_supervisor(f: CommitmentOverdueFacts, name: NameOf) -> Message:
    return _overdue(f, f"{name(f.rep_id)} 有一项承诺未按期完成。")


def overdue_for_director(f: CommitmentOverdueFacts, name: NameOf) -> Message:
    # The escalation's last step: the director is copied, the rep and supervisor are told.
    opening = f"{name(f.rep_id)} 的一项承诺提醒 {f.reminder_count} 次仍未更新,抄送您知悉。"
    return _overdue(f, opening, copied="(抄送总监)")


# --- approval.pending / approval.decided ----------------------------------------------------


def _price_lines(lines: tuple[PriceLineFacts, ...], discount_fen: int = 0) -> str:
    """The price lines as a markdown list, with what the store would save in all (the
    producer's figure when it gives one, else the sum of the lines)."""
    if not lines:
        return ""
    rows = [
        f"  {i}. {line.sku}:原价 {yuan(line.list_price_fen)} → 申请价 "
        f"{yuan(line.requested_price_fen)},数量 {line.quantity},让利 {yuan(line.discount_fen)}"
        for i, line in enumerate(lines, 1)
    ]
    discount = discount_fen or sum(line.discount_fen for line in lines)
    total = sum(line.requested_total_fen for line in lines)
    return (
        "- 特价明细:\n" + "\n".join(rows) + "\n"
        f"- 让利合计:**{yuan(discount)}**(按申请价共 {yuan(total)})\n"
    )


def approval_for_finance(f: ApprovalPendingFacts, name: NameOf) -> Message:
    stage = APPROVAL_STAGE_ZH.get(f.stage, "")
    fast = "(绿色通道)" if f.fast_lane else ""
    return Message(
        kind="markdown",
        title=f"特价审批待处理{fast}",
        text=(
            f"### 特价审批待处理{fast}\n"
            + (f"- 审批环节:{stage}\n" if stage else "")
            + f"- 门店:{f.store_name}(区域 {f.region_code})\n"
            f"- 申请人:{name(f.rep_id)}\n"
            f"- 申请时间:{f.requested_at}\n"
            f"- 内容:{f.summary}\n"
            + _price_lines(f.lines, f.discount_fen)
            + f"- 审批编号:{f.approval_id}\n\n"
            + ("绿色通道申请优先处理,请尽快在工作台审批。" if f.fast_lane else "请在工作台审批。")
        ),
    )


def _decider(f: ApprovalDecidedFacts, name: NameOf) -> str:
    if f.auto_approved or f.decided_by == GREEN_CHANNEL:
        return "绿色通道自动审批"
    return name(f.decided_by) if f.decided_by else "未知"


def _decision(f: ApprovalDecidedFacts, heading: str, closing: str, name: NameOf) -> Message:
    verdict = DECISION_ZH.get(f.decision, f.decision)
    title = f"特价审批{verdict}"
    return Message(
        kind="markdown",
        title=title,
        text=(
            f"### {title}\n"
            f"{heading}\n\n"
            f"- 门店:{f.store_name}\n"
            f"- 结果:**{verdict}**\n"
            f"- 审批人:{_decider(f, name)}\n"
            f"- 审批意见:{f.comment or '无'}\n"
            f"- 审批时间:{f.decided_at}\n"
            + _price_lines(f.lines)
            + f"- 审批编号:{f.approval_id}\n\n"
            + closing
        ),
    )


def decided_for_rep(f: ApprovalDecidedFacts, name: NameOf) -> Message:
    approved = f.decision == APPROVED
    closing = "可按特价执行。" if approved else "如有疑问请联系审批人,或调整后重新申请。"
    return _decision(f, f"您为门店「{f.store_name}」申请的特价审批有了结果。", closing, name)


def decided_for_supervisor(f: ApprovalDecidedFacts, name: NameOf) -> Message:
    heading = f"{name(f.rep_id)} 为门店「{f.store_name}」申请的特价审批有了结果。"
    return _decision(f, heading, "仅供知悉。", name)


# --- store.first_visit_overdue ---------------------------------------------------------------


def _first_visit(f: FirstVisitOverdueFacts, whose: str, closing: str) -> Message:
    return Message(
        kind="text",
        title="新门店待首访",
        text=(
            f"【新门店待首访】{whose}新门店「{f.store_name}」登记 {f.days_waiting} 天仍未首次拜访"
            f"(区域 {f.region_code},{f.registered_at} 登记,要求 {f.limit_days} 天内完成首访)。"
            f"门店编号 {f.store_id}。{closing}"
        ),
    )


def first_visit_for_rep(f: FirstVisitOverdueFacts, name: NameOf) -> Message:
    return _first_visit(f, "", "请尽快安排拜访。")


def first_visit_for_supervisor(f: FirstVisitOverdueFacts, name: NameOf) -> Message:
    return _first_visit(f, f"{name(f.rep_id)} 负责的", "请督促安排。")


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
    (CommitmentOverdueFacts, DIRECTOR): overdue_for_director,
    (ApprovalPendingFacts, FINANCE): approval_for_finance,
    (ApprovalDecidedFacts, REP): decided_for_rep,
    (ApprovalDecidedFacts, SUPERVISOR): decided_for_supervisor,
    (FirstVisitOverdueFacts, REP): first_visit_for_rep,
    (FirstVisitOverdueFacts, SUPERVISOR): first_visit_for_supervisor,
    (ScoreThresholdFacts, REP): score_for_rep,
    (ScoreThresholdFacts, SUPERVISOR): score_for_supervisor,
}


def render(facts: Facts, role: str, name: NameOf) -> Message:
    """The message for one role. A role without its own template (for instance finance or a
    director on a tenant route for lead.assigned) reads the supervisor's, then the finance
    one, then the rep's."""
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
