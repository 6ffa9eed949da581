"""Chinese message templates per event type and recipient role (SPEC N2)."""

from __future__ import annotations

from dataclasses import dataclass

from services.notify.domain.model import Message

URGENCY_ZH = {"red": "红色(紧急)", "yellow": "黄色", "blue": "蓝色"}
CUSTOMER_TYPE_ZH = {"KA": "KA", "BC": "BC类", "CONVENIENCE": "便利店"}


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
