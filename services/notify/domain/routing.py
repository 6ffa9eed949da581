"""Who hears about which event, and through which channel (SPEC N1).

Defaults follow the source: lead assignment talks by WeCom, process tracking by DingTalk (the
source's overdue-commitment alert is a DingTalk message, and special-price approvals run
there: finance hears of a request and the rep of its decision in the same place; a new
store's missing first visit is the same kind of process alert). A tenant may override any
event type's route; the override is validated here.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from services.common.errors import Violations
from services.common.text import ascii_token
from services.notify.domain.model import Channel, Contact

REP, SUPERVISOR, DIRECTOR, FINANCE = "rep", "supervisor", "director", "finance"
# Who each role is for one notice: the rep and the director the event names, the supervisor
# it names (else the rep's supervisor in the directory), and finance covering its region.
ROLE_ZH = {REP: "业务员", SUPERVISOR: "主管", DIRECTOR: "总监", FINANCE: "财务"}
ROLES = tuple(ROLE_ZH)
PREFERRED = "preferred"  # each person's preferred channel from the directory
CHANNEL_CHOICES = (Channel.WECOM.value, Channel.DINGTALK.value, PREFERRED)

LEAD_ASSIGNED = "lead.assigned"
LEAD_SLA_BREACHED = "lead.sla_breached"
LEAD_WAITING_TOO_LONG = "lead.waiting_too_long"
LEAD_RECLAIMED = "lead.reclaimed"
COMMITMENT_OVERDUE = "commitment.overdue"
APPROVAL_PENDING = "approval.pending"
APPROVAL_DECIDED = "approval.decided"
STORE_FIRST_VISIT_OVERDUE = "store.first_visit_overdue"
SCORE_THRESHOLD_CROSSED = "score.threshold_crossed"
EVENT_TYPES = (
    LEAD_ASSIGNED,
    LEAD_SLA_BREACHED,
    LEAD_WAITING_TOO_LONG,
    LEAD_RECLAIMED,
    COMMITMENT_OVERDUE,
    APPROVAL_PENDING,
    APPROVAL_DECIDED,
    STORE_FIRST_VISIT_OVERDUE,
    SCORE_THRESHOLD_CROSSED,
)


@dataclass(frozen=True)
class Route:
    event_type: str
    roles: tuple[str, ...]
    channel: str  # wecom | dingtalk | preferred
    tenant_id: str = ""
    muted: bool = False  # no personal messages; robots still post
    wecom_robot_key: str = ""
    dingtalk_robot_access_token: str = ""
    dingtalk_robot_secret: str = ""
    is_default: bool = True
    version: int = 0
    updated_by: str = ""
    updated_at: datetime | None = None

    def channel_for(self, contact: Contact | None) -> Channel:
        if self.channel == PREFERRED:
            return contact.preferred_channel if contact else Channel.WECOM
        return Channel(self.channel)

    def robots(self) -> list[tuple[Channel, str, str]]:
        """(channel, robot address, signing secret) of each group robot on this route."""
        found = []
        if self.wecom_robot_key:
            found.append((Channel.WECOM, self.wecom_robot_key, ""))
        if self.dingtalk_robot_access_token:
            found.append(
                (Channel.DINGTALK, self.dingtalk_robot_access_token, self.dingtalk_robot_secret)
            )
        return found


DEFAULT_ROUTES: dict[str, Route] = {
    r.event_type: r
    for r in (
        Route(LEAD_ASSIGNED, (REP, SUPERVISOR), Channel.WECOM.value),
        Route(LEAD_SLA_BREACHED, (SUPERVISOR, REP), Channel.WECOM.value),
        Route(LEAD_WAITING_TOO_LONG, (SUPERVISOR,), Channel.WECOM.value),
        Route(LEAD_RECLAIMED, (REP, SUPERVISOR), Channel.WECOM.value),
        # the director only on the escalation step whose event names one
        Route(COMMITMENT_OVERDUE, (REP, SUPERVISOR, DIRECTOR), Channel.DINGTALK.value),
        Route(APPROVAL_PENDING, (FINANCE,), Channel.DINGTALK.value),
        Route(APPROVAL_DECIDED, (REP,), Channel.DINGTALK.value),
        Route(STORE_FIRST_VISIT_OVERDUE, (REP, SUPERVISOR), Channel.DINGTALK.value),
        Route(SCORE_THRESHOLD_CROSSED, (REP, SUPERVISOR), Channel.WECOM.value),
    )
}


def default_route(event_type: str, tenant_id: str = "") -> Route:
    return replace(DEFAULT_ROUTES[event_type], tenant_id=tenant_id)


def validate_route(route: Route) -> None:
    """INVALID_ARGUMENT with every offending field at once."""
    v = Violations()
    v.check(bool(route.tenant_id), "route.tenant_id", "租户不能为空")
    v.check(
        route.event_type in EVENT_TYPES,
        "route.event_type",
        f"未知的事件类型「{route.event_type}」,可选:{'、'.join(EVENT_TYPES)}",
    )
    if not route.roles and not route.muted:
        v.add("route.roles", f"至少需要一个接收角色({'、'.join(ROLES)})")
    allowed = "、".join(ROLE_ZH.values())
    for i, role in enumerate(route.roles):
        v.check(role in ROLES, f"route.roles[{i}]", f"接收角色只能是{allowed}之一")
    v.check(len(set(route.roles)) == len(route.roles), "route.roles", "接收角色不能重复")
    v.check(
        route.channel in CHANNEL_CHOICES,
        "route.channel",
        "请选择渠道:企业微信、钉钉或个人偏好渠道",
    )
    key = route.wecom_robot_key
    v.check(
        not key or ascii_token(key),
        "route.wecom_robot_key",
        "企业微信群机器人 key 格式不正确",
    )
    token, secret = route.dingtalk_robot_access_token, route.dingtalk_robot_secret
    v.check(
        not token or ascii_token(token, extra="-_"),
        "route.dingtalk_robot_access_token",
        "钉钉群机器人 access_token 格式不正确",
    )
    v.check(
        not secret or bool(token),
        "route.dingtalk_robot_secret",
        "填写加签密钥时必须同时填写钉钉群机器人 access_token",
    )
    v.raise_if_any()


def finance_for_region(contacts: list[Contact], region_code: str) -> list[Contact]:
    """Active finance people whose regions cover the event's region; all of them when the
    event names no region."""
    return sorted(
        (c for c in contacts if FINANCE in c.roles and c.active and c.covers_region(region_code)),
        key=lambda c: c.person_id,
    )
