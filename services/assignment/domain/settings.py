"""Per-tenant limits of the lead flow: response SLAs by urgency (A5), how long a lead may wait
before the supervisor hears of it (A3), and when a lead without follow-up is stale (A6)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from services.assignment.domain.model import Urgency
from services.common.errors import Violations


@dataclass(frozen=True)
class AssignmentSettings:
    tenant_id: str
    sla_red_seconds: int = 30 * 60
    sla_yellow_seconds: int = 4 * 3600
    sla_blue_seconds: int = 24 * 3600
    waiting_alert_seconds: int = 3600
    stale_days: int = 15

    def sla(self, urgency: Urgency) -> timedelta:
        seconds = {
            Urgency.RED: self.sla_red_seconds,
            Urgency.YELLOW: self.sla_yellow_seconds,
            Urgency.BLUE: self.sla_blue_seconds,
        }[urgency]
        return timedelta(seconds=seconds)


def validate_settings(s: AssignmentSettings) -> None:
    v = Violations()
    for name in ("sla_red_seconds", "sla_yellow_seconds", "sla_blue_seconds"):
        v.check(60 <= getattr(s, name) <= 30 * 86400, name, "响应时限必须在 1 分钟到 30 天之间")
    v.check(
        s.sla_red_seconds <= s.sla_yellow_seconds <= s.sla_blue_seconds,
        "sla_red_seconds",
        "响应时限必须满足:红 ≤ 黄 ≤ 蓝",
    )
    v.check(
        60 <= s.waiting_alert_seconds <= 7 * 86400,
        "waiting_alert_seconds",
        "等待提醒时间必须在 1 分钟到 7 天之间",
    )
    v.check(1 <= s.stale_days <= 90, "stale_days", "线索回收天数必须在 1 到 90 之间")
    v.raise_if_any()
