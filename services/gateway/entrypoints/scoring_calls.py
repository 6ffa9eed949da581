"""Gateway calls of scoring (issue 10: SPEC S1-S4) with role and org scope (SPEC G1): a rep
sees their own figures, a supervisor their team's, a director their region's (the regions
their directory entry covers; all of the tenant when it names none), an admin everything
and alone rebuilds the figures and changes the heatmap thresholds."""

from __future__ import annotations

from sales.scoring.v1 import scoring_pb2 as pb
from services.common.errors import PermissionDenied
from services.common.text import bounded
from services.gateway.domain.principal import Principal, Role, require_self_or_scope
from services.gateway.entrypoints.calls import CALL_TIMEOUT_S, GatewayCalls, rpc

REBUILD_TIMEOUT_S = 120.0


def region_prefix(code: str) -> str:
    """GB/T 2260: 330000 -> "33", 330100 -> "3301", 330106 -> "330106"."""
    if code.endswith("0000"):
        return code[:2]
    return code[:4] if code.endswith("00") else code


def within(codes: list[str], regions: list[str]) -> bool:
    """Every code lies in one of the regions (and there is at least one code)."""
    prefixes = [region_prefix(r) for r in regions]
    return bool(codes) and all(any(c.startswith(p) for p in prefixes) for c in codes)


class ScoringCalls(GatewayCalls):
    async def _director_regions(self, principal: Principal) -> list[str] | None:
        """The regions a director (not an admin) is limited to; None: no limit (an admin,
        another role, or a director whose entry names no region, who sees the tenant)."""
        if principal.has(Role.ADMIN) or not principal.has(Role.DIRECTOR):
            return None
        me = await self.org.get(principal.tenant_id, principal.person_id)
        return list(me.region_codes) if me and me.region_codes else None

    async def _rep_in_scope(self, principal: Principal, rep_id: str) -> str:
        """The rep asked for (the caller when empty), once the caller may see them; a
        director only a rep working in their regions."""
        rep_id = rep_id or principal.person_id
        rep = await self.org.get(principal.tenant_id, rep_id)
        require_self_or_scope(principal, rep_id, rep.supervisor_id if rep else "")
        regions = await self._director_regions(principal) if rep_id != principal.person_id else None
        if regions is not None and not within(list(rep.region_codes) if rep else [], regions):
            raise PermissionDenied(f"业务员 {bounded(rep_id)} 不在您负责的区域内")
        return rep_id

    async def _team_in_scope(self, principal: Principal, team_id: str) -> str:
        """A supervisor's own team (the one their directory entry names); a director a team
        whose people all work in the director's regions; any for an admin."""
        if principal.has(Role.ADMIN):
            return team_id
        if principal.has(Role.DIRECTOR):
            return await self._directors_team(principal, team_id)
        principal.require(Role.SUPERVISOR)
        me = await self.org.get(principal.tenant_id, principal.person_id)
        own = me.team_id if me else ""
        if not own or (team_id and team_id != own):
            raise PermissionDenied(f"只能查看本团队的数据(团队 {bounded(team_id or '未设置')})")
        return own

    async def _directors_team(self, principal: Principal, team_id: str) -> str:
        regions = await self._director_regions(principal)
        if regions is None or not team_id:
            return team_id  # no team: the call answers for the director's reps only
        members = await self.org.team_members(principal.tenant_id, team_id)
        codes = [c for m in members for c in m.region_codes]
        if not within(codes, regions):
            raise PermissionDenied(f"团队 {bounded(team_id)} 不在您负责的区域内")
        return team_id

    async def _region_in_scope(self, principal: Principal, region_code: str) -> str:
        if principal.has(Role.ADMIN):
            return region_code
        principal.require(Role.DIRECTOR)
        me = await self.org.get(principal.tenant_id, principal.person_id)
        codes = list(me.region_codes) if me else []
        wanted = region_prefix(region_code) if len(region_code) == 6 else region_code
        if codes and not any(wanted.startswith(region_prefix(c)) for c in codes):
            raise PermissionDenied(f"区域 {bounded(region_code)} 不在您负责的范围内")
        return region_code

    async def _phi_scope_in_scope(self, principal: Principal, scope: int, scope_id: str) -> str:
        """The scope id a PHI figure may be asked for (a rep, a team or a region)."""
        if scope == pb.SCOPE_KIND_TEAM:
            return await self._team_in_scope(principal, scope_id)
        if scope == pb.SCOPE_KIND_REGION:
            return await self._region_in_scope(principal, scope_id)
        return await self._rep_in_scope(principal, scope_id)

    @rpc
    async def GetPhi(self, request: pb.GetPhiRequest, context, principal):
        request.tenant_id = principal.tenant_id
        request.scope_id = await self._phi_scope_in_scope(
            principal, request.scope, request.scope_id
        )
        return await self.services.scoring.GetPhi(request, timeout=CALL_TIMEOUT_S)

    @rpc
    async def GetPhiSeries(self, request: pb.GetPhiSeriesRequest, context, principal):
        """A trend in one call, under exactly GetPhi's role and scope checks."""
        request.tenant_id = principal.tenant_id
        request.scope_id = await self._phi_scope_in_scope(
            principal, request.scope, request.scope_id
        )
        return await self.services.scoring.GetPhiSeries(request, timeout=CALL_TIMEOUT_S)

    @rpc
    async def GetDataCredit(self, request: pb.GetDataCreditRequest, context, principal):
        request.tenant_id = principal.tenant_id
        request.rep_id = await self._rep_in_scope(principal, request.rep_id)
        return await self.services.scoring.GetDataCredit(request, timeout=CALL_TIMEOUT_S)

    @rpc
    async def ListCreditDeductions(
        self, request: pb.ListCreditDeductionsRequest, context, principal
    ):
        request.tenant_id = principal.tenant_id
        request.rep_id = await self._rep_in_scope(principal, request.rep_id)
        return await self.services.scoring.ListCreditDeductions(request, timeout=CALL_TIMEOUT_S)

    @rpc
    async def ListPriorityReps(self, request: pb.ListPriorityRepsRequest, context, principal):
        request.tenant_id = principal.tenant_id
        request.team_id = await self._team_in_scope(principal, request.team_id)
        found = await self.services.scoring.ListPriorityReps(request, timeout=CALL_TIMEOUT_S)
        regions = await self._director_regions(principal)
        if regions is None or request.team_id:
            return found
        # The whole tenant's list, for a director: only the reps working in their regions.
        people = await self.org.get_many(principal.tenant_id, [r.rep_id for r in found.reps])
        mine = [r for r in found.reps
                if r.rep_id in people and within(list(people[r.rep_id].region_codes), regions)]  # fmt: skip
        return pb.ListPriorityRepsResponse(month=found.month, reps=mine)

    @rpc
    async def GetTeamHeatmap(self, request: pb.GetTeamHeatmapRequest, context, principal):
        request.tenant_id = principal.tenant_id
        request.team_id = await self._team_in_scope(principal, request.team_id)
        return await self.services.scoring.GetTeamHeatmap(request, timeout=CALL_TIMEOUT_S)

    @rpc
    async def GetRepDashboard(self, request: pb.GetRepDashboardRequest, context, principal):
        request.tenant_id = principal.tenant_id
        request.rep_id = await self._rep_in_scope(principal, request.rep_id)
        return await self.services.scoring.GetRepDashboard(request, timeout=CALL_TIMEOUT_S)

    @rpc
    async def ListDashboardRecords(
        self, request: pb.ListDashboardRecordsRequest, context, principal
    ):
        request.tenant_id = principal.tenant_id
        request.rep_id = await self._rep_in_scope(principal, request.rep_id)
        return await self.services.scoring.ListDashboardRecords(request, timeout=CALL_TIMEOUT_S)

    @rpc
    async def RebuildScores(self, request: pb.RebuildScoresRequest, context, principal):
        principal.require(Role.ADMIN)
        request.tenant_id = principal.tenant_id
        return await self.services.scoring.RebuildScores(request, timeout=REBUILD_TIMEOUT_S)

    @rpc
    async def GetScoringSettings(self, request: pb.GetScoringSettingsRequest, context, principal):
        principal.require(Role.SUPERVISOR, Role.DIRECTOR, Role.ADMIN)
        request.tenant_id = principal.tenant_id
        return await self.services.scoring.GetScoringSettings(request, timeout=CALL_TIMEOUT_S)

    @rpc
    async def UpdateScoringSettings(
        self, request: pb.UpdateScoringSettingsRequest, context, principal
    ):
        principal.require(Role.ADMIN)
        request.tenant_id, request.actor_id = principal.tenant_id, principal.person_id
        return await self.services.scoring.UpdateScoringSettings(request, timeout=CALL_TIMEOUT_S)
