"""Ranking the reps who may take a lead (SPEC A2).

Every strategy starts from the same hard filter: same tenant, active (not inactive, not on
leave), under the capacity cap, covering the lead's region and customer type, and not a rep
who already declined the lead or let its SLA lapse. Strategies only order those who may.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from services.assignment.domain.model import (
    Candidate,
    Decision,
    Lead,
    Rep,
    RepStatus,
)
from services.assignment.domain.rules import (
    DAILY_QUOTA,
    IDLE_RECENT_VISIT,
    LEAST_LOADED,
    ROUND_ROBIN,
    STRATEGIES,
    Rule,
    default_rule,
)
from services.common.clock import SHANGHAI, shanghai_text
from services.common.labels import CUSTOMER_TYPE_ZH
from services.common.regions import covers

DEFAULT_RULE_ID = "default"
DEFAULT_RULE_VERSION = 1


def eligible(rep: Rep, lead: Lead) -> bool:
    return (
        rep.tenant_id == lead.tenant_id
        and rep.status == RepStatus.ACTIVE
        and rep.under_capacity
        and lead.customer_type in rep.customer_types
        and any(covers(code, lead.region_code) for code in rep.region_codes)
        and rep.rep_id not in lead.declined_by
    )


def day_key(now: datetime) -> str:
    """Daily quotas count Asia/Shanghai days."""
    return now.astimezone(SHANGHAI).date().isoformat()


def daily_quota(rep: Rep, rule: Rule) -> int:
    return rep.capacity * rule.daily_quota_per_capacity_unit


def requires_idle(rule: Rule) -> bool:
    return rule.strategy == IDLE_RECENT_VISIT


def _seen(value: datetime | None) -> float:
    return value.timestamp() if value else 0.0


def _visit_text(rep: Rep) -> str:
    if rep.last_effective_visit_at:
        return f"最近有效拜访 {shanghai_text(rep.last_effective_visit_at)}"
    return "尚无有效拜访记录"


def _assigned_text(rep: Rep) -> str:
    if rep.last_assigned_at:
        return f"上次分配 {shanghai_text(rep.last_assigned_at)}"
    return "尚未分配过线索"


Ranker = Callable[[list[Rep], Lead, Rule, str], list[tuple[Rep, str]]]


def _idle_recent_visit(reps: list[Rep], lead: Lead, rule: Rule, day: str) -> list[tuple[Rep, str]]:
    chosen = sorted(
        (r for r in reps if r.idle), key=lambda r: (-_seen(r.last_effective_visit_at), r.rep_id)
    )
    return [(r, f"当前空闲,{_visit_text(r)}") for r in chosen]


def _round_robin(reps: list[Rep], lead: Lead, rule: Rule, day: str) -> list[tuple[Rep, str]]:
    chosen = sorted(reps, key=lambda r: (_seen(r.last_assigned_at), r.rep_id))
    return [(r, f"轮流分配,{_assigned_text(r)}") for r in chosen]


def _least_loaded(reps: list[Rep], lead: Lead, rule: Rule, day: str) -> list[tuple[Rep, str]]:
    chosen = sorted(reps, key=lambda r: (r.open_leads, _seen(r.last_assigned_at), r.rep_id))
    return [(r, f"在手线索 {r.open_leads}/{r.capacity}") for r in chosen]


def _daily_quota(reps: list[Rep], lead: Lead, rule: Rule, day: str) -> list[tuple[Rep, str]]:
    open_quota = [r for r in reps if r.assigned_on(day) < daily_quota(r, rule)]
    chosen = sorted(
        open_quota,
        key=lambda r: (
            r.assigned_on(day) / daily_quota(r, rule),
            _seen(r.last_assigned_at),
            r.rep_id,
        ),
    )
    return [
        (r, f"今日已分配 {r.assigned_on(day)}/{daily_quota(r, rule)}(按容量加权)") for r in chosen
    ]


RANKERS: dict[str, Ranker] = {
    IDLE_RECENT_VISIT: _idle_recent_visit,
    ROUND_ROBIN: _round_robin,
    LEAST_LOADED: _least_loaded,
    DAILY_QUOTA: _daily_quota,
}


def decide(rule: Rule, lead: Lead, reps: list[Rep], now: datetime) -> Decision:
    """Rank the candidates for `lead` under `rule`, each with a reason a person can read."""
    allowed = [r for r in reps if eligible(r, lead)]
    ranked = RANKERS[rule.strategy](allowed, lead, rule, day_key(now))
    kind = CUSTOMER_TYPE_ZH[lead.customer_type]
    candidates = [
        Candidate(rep_id=rep.rep_id, rank=rank, reason=f"同区域同类型({kind})、{text}")
        for rank, (rep, text) in enumerate(ranked, start=1)
    ]
    label = f"{rule.name}({STRATEGIES[rule.strategy]})"
    if candidates:
        reason = f"{label}:{candidates[0].reason},排名第 1(共 {len(candidates)} 名候选)"
    elif allowed:
        reason = (
            f"{label}:覆盖该区域和类型的 {len(allowed)} 名业务员均有待办拜访,线索进入等待池"
            if requires_idle(rule)
            else f"{label}:覆盖该区域和类型的 {len(allowed)} 名业务员今日配额已满,线索进入等待池"
        )
    else:
        reason = f"{label}:暂无覆盖该区域和客户类型的可用业务员,线索进入等待池"
    return Decision(
        rule_id=rule.rule_id,
        rule_version=rule.version,
        strategy=rule.strategy,
        reason=reason,
        candidates=candidates,
        decided_at=now,
    )


def rank_idle_by_recent_visit(lead: Lead, reps: list[Rep], now: datetime) -> Decision:
    """The source's rule on its own: same region and customer type, idle reps only, most
    recent effective visit first."""
    return decide(default_rule(lead.tenant_id), lead, reps, now)
