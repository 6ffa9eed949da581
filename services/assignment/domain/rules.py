"""Assignment rules (SPEC A2): ordered per tenant, versioned, validated on save. A rule's match
says which leads it handles; its strategy ranks the reps who may take them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from services.assignment.domain.model import CustomerType, Lead, Urgency
from services.common.errors import Violations
from services.common.regions import covers, is_valid_region_code

IDLE_RECENT_VISIT = "idle_recent_visit"
ROUND_ROBIN = "round_robin"
LEAST_LOADED = "least_loaded"
DAILY_QUOTA = "daily_quota"
STRATEGIES = {
    IDLE_RECENT_VISIT: "空闲优先、最近有效拜访优先",
    ROUND_ROBIN: "轮流分配",
    LEAST_LOADED: "负载最低优先",
    DAILY_QUOTA: "按容量加权的每日配额",
}
RULE_ID = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")
MAX_RULES = 100
MAX_NAME = 50
# A rule names a few cities or counties; a province code covers a whole province at once.
MAX_REGION_CODES = 100
MAX_MATCH_ITEMS = 20  # channels, customer types, urgencies: each a short list of known codes


@dataclass(frozen=True)
class RuleMatch:
    region_codes: tuple[str, ...] = ()
    customer_types: tuple[CustomerType, ...] = ()
    channels: tuple[str, ...] = ()
    urgencies: tuple[Urgency, ...] = ()

    def accepts(self, lead: Lead) -> bool:
        return (
            (not self.region_codes or any(covers(c, lead.region_code) for c in self.region_codes))
            and (not self.customer_types or lead.customer_type in self.customer_types)
            and (not self.channels or lead.channel in self.channels)
            and (not self.urgencies or lead.urgency in self.urgencies)
        )


@dataclass(frozen=True)
class Rule:
    tenant_id: str
    rule_id: str
    version: int
    priority: int
    name: str
    enabled: bool
    match: RuleMatch = field(default_factory=RuleMatch)
    strategy: str = IDLE_RECENT_VISIT
    daily_quota_per_capacity_unit: int = 1
    updated_at: datetime | None = None
    updated_by: str = ""


def default_rule(tenant_id: str) -> Rule:
    """The source's rule, used when no tenant rule matches."""
    return Rule(tenant_id, "default", 1, 1_000_000, "默认规则", True)


def select_rule(rules: list[Rule], lead: Lead) -> Rule:
    for rule in sorted(rules, key=lambda r: (r.priority, r.rule_id)):
        if rule.enabled and rule.match.accepts(lead):
            return rule
    return default_rule(lead.tenant_id)


def validate_rule(rule: Rule, known_channels: frozenset[str]) -> None:
    v = Violations()
    v.check(
        bool(RULE_ID.fullmatch(rule.rule_id)),
        "rule.rule_id",
        "规则编号只能用小写字母、数字、_ 和 -,最长 64 位",
    )
    v.check(rule.rule_id != "default", "rule.rule_id", "default 是内置默认规则,不能覆盖")
    v.check(bool(rule.name.strip()), "rule.name", "必须填写规则名称")
    v.max_len("rule.name", rule.name, MAX_NAME)
    v.check(0 <= rule.priority < 1_000_000, "rule.priority", "优先级必须在 0 到 999999 之间")
    v.check(
        rule.strategy in STRATEGIES,
        "rule.strategy",
        f"分配策略必须是 {'、'.join(STRATEGIES)} 之一",
    )
    _match_sizes(v, rule.match)
    for i, code in enumerate(rule.match.region_codes[:MAX_REGION_CODES]):
        v.check(
            is_valid_region_code(code),
            f"rule.match.region_codes[{i}]",
            "区域编码必须是 6 位 GB/T 2260 行政区划代码",
        )
    for i, channel in enumerate(rule.match.channels[:MAX_MATCH_ITEMS]):
        v.check(channel in known_channels, f"rule.match.channels[{i}]", f"未知渠道:{channel}")
    v.check(None not in rule.match.customer_types, "rule.match.customer_types", "客户类型无效")
    v.check(None not in rule.match.urgencies, "rule.match.urgencies", "紧急等级无效")
    if rule.strategy == DAILY_QUOTA:
        v.check(
            1 <= rule.daily_quota_per_capacity_unit <= 100,
            "rule.daily_quota_per_capacity_unit",
            "每日配额系数必须在 1 到 100 之间",
        )
    v.raise_if_any()


def _match_sizes(v: Violations, match: RuleMatch) -> None:
    # Over a limit, the list is refused as a whole (its items are not each reported).
    v.max_items("rule.match.region_codes", match.region_codes, MAX_REGION_CODES)
    v.max_items("rule.match.channels", match.channels, MAX_MATCH_ITEMS)
    v.max_items("rule.match.customer_types", match.customer_types, MAX_MATCH_ITEMS)
    v.max_items("rule.match.urgencies", match.urgencies, MAX_MATCH_ITEMS)
