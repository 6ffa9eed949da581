"""Ranking the reps who may take a lead (SPEC A2).

A strategy never chooses a rep who is inactive, on leave, at capacity, or who does not cover
the lead's region and customer type; it only orders those who may.
"""

from __future__ import annotations

from datetime import datetime

from services.assignment.domain.model import (
    CUSTOMER_TYPE_ZH,
    Candidate,
    Decision,
    Lead,
    Rep,
    RepStatus,
)
from services.assignment.domain.regions import covers
from services.common.clock import shanghai_text

DEFAULT_RULE_ID = "default"
DEFAULT_RULE_VERSION = 1
IDLE_RECENT_VISIT = "idle_recent_visit"


def eligible(rep: Rep, lead: Lead) -> bool:
    return (
        rep.tenant_id == lead.tenant_id
        and rep.status == RepStatus.ACTIVE
        and rep.under_capacity
        and lead.customer_type in rep.customer_types
        and any(covers(code, lead.region_code) for code in rep.region_codes)
    )


def _visit_order_key(rep: Rep) -> tuple[float, str]:
    # Most recent effective visit first; never-visited reps last; rep id breaks ties.
    seen = rep.last_effective_visit_at.timestamp() if rep.last_effective_visit_at else 0.0
    return (-seen, rep.rep_id)


def rank_idle_by_recent_visit(lead: Lead, reps: list[Rep], now: datetime) -> Decision:
    """The source's rule: same region and customer type, idle reps only, ordered by most
    recent effective visit, descending."""
    chosen = sorted((r for r in reps if eligible(r, lead) and r.idle), key=_visit_order_key)
    candidates = [
        Candidate(
            rep_id=rep.rep_id,
            rank=rank,
            reason=(
                f"同区域同类型({CUSTOMER_TYPE_ZH[lead.customer_type]})、当前空闲,"
                + (
                    f"最近有效拜访 {shanghai_text(rep.last_effective_visit_at)}"
                    if rep.last_effective_visit_at
                    else "尚无有效拜访记录"
                )
            ),
        )
        for rank, rep in enumerate(chosen, start=1)
    ]
    if candidates:
        reason = f"默认规则:{candidates[0].reason},排名第 1(共 {len(candidates)} 名候选)"
    else:
        busy = sum(1 for r in reps if eligible(r, lead))
        reason = (
            f"暂无空闲业务员:覆盖该区域和类型的 {busy} 名业务员均有待办拜访,线索进入等待池"
            if busy
            else "暂无覆盖该区域和客户类型的可用业务员,线索进入等待池"
        )
    return Decision(
        rule_id=DEFAULT_RULE_ID,
        rule_version=DEFAULT_RULE_VERSION,
        strategy=IDLE_RECENT_VISIT,
        reason=reason,
        candidates=candidates,
        decided_at=now,
    )
