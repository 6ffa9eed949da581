"""Gateway calls of the returns analysis (SPEC V6): admin, director and finance see the
tenant; a supervisor sees the returns their team's reps recorded."""

from __future__ import annotations

from sales.visits.v1 import returns_pb2 as pb
from services.common.errors import FailedPrecondition
from services.gateway.domain.principal import Principal, Role
from services.gateway.entrypoints.calls import GatewayCalls, rpc

EXPORT_TIMEOUT_S = 60.0


class ReturnsCalls(GatewayCalls):
    async def _scoped(self, request: pb.AnalyseReturnsRequest, principal: Principal) -> None:
        principal.require(Role.ADMIN, Role.DIRECTOR, Role.FINANCE, Role.SUPERVISOR)
        request.tenant_id = principal.tenant_id
        del request.rep_ids[:]
        if principal.sees_whole_tenant or principal.has(Role.FINANCE):
            return
        team = await self.org.team_of(principal.tenant_id, principal.person_id)
        if not team:
            raise FailedPrecondition("组织目录中您还没有团队成员")
        request.rep_ids.extend(team)

    @rpc
    async def AnalyseReturns(self, request: pb.AnalyseReturnsRequest, context, principal):
        await self._scoped(request, principal)
        return await self.services.visits.AnalyseReturns(request, timeout=EXPORT_TIMEOUT_S)

    @rpc
    async def ExportReturns(self, request: pb.AnalyseReturnsRequest, context, principal):
        await self._scoped(request, principal)
        return await self.services.visits.ExportReturns(request, timeout=EXPORT_TIMEOUT_S)
