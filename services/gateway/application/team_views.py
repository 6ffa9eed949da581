"""What a supervisor sees of answers that span the tenant: their own team only (SPEC G1)."""

from __future__ import annotations

from sales.assignment.v1 import assignment_pb2
from services.gateway.application.ports import Directory
from services.gateway.domain.principal import Principal


async def team_of(directory: Directory, principal: Principal, rep_ids: list[str]) -> set[str]:
    """Those of `rep_ids` who report to the caller."""
    people = await directory.get_many(principal.tenant_id, rep_ids)
    return {rep_id for rep_id, p in people.items() if p.supervisor_id == principal.person_id}


async def scoped_decision(
    directory: Directory, principal: Principal, decision: assignment_pb2.Decision
) -> assignment_pb2.Decision:
    """A supervisor's dry run lists the team's candidates with their real ranks (so "rank 3"
    still says two reps elsewhere come first) and never names a rep of another team."""
    if principal.sees_whole_tenant or not decision.candidates:
        return decision
    everyone = list(decision.candidates)
    team = await team_of(directory, principal, [c.rep_id for c in everyone])
    visible = [c for c in everyone if c.rep_id in team]
    scoped = assignment_pb2.Decision()
    scoped.CopyFrom(decision)
    del scoped.candidates[:]
    scoped.candidates.extend(visible)
    scoped.reason = _team_reason(
        decision.reason, everyone[0].rep_id in team, len(everyone), visible
    )
    return scoped


def _team_reason(
    reason: str, team_leads: bool, total: int, visible: list[assignment_pb2.RankedCandidate]
) -> str:
    hidden = total - len(visible)
    if team_leads:
        return reason if not hidden else f"{reason}(另有 {hidden} 名其他团队的候选不予显示)"
    if not visible:
        return f"共 {total} 名候选,均不属于本团队(其他团队的业务员不予显示)"
    return (
        f"共 {total} 名候选,本团队 {len(visible)} 名,最靠前的排名第 {visible[0].rank}"
        "(排名更前的为其他团队业务员,不予显示)"
    )
