"""Gateway calls of visit plans (V1) and first visits (V7) (visits-a). A rep sees and edits
their own plan (rep_id may be left empty); a supervisor sees and edits the team's; a
director or an admin everyone's. First-visit figures: a supervisor gets the team's reps, a
rep their own, a director or an admin the whole tenant."""

from __future__ import annotations

from sales.visits.v1 import first_visits_pb2, plans_pb2
from services.gateway.domain.principal import Principal, require_self_or_scope
from services.gateway.entrypoints.calls import CALL_TIMEOUT_S, GatewayCalls, rpc
from services.gateway.entrypoints.store_calls import owners_in_scope


class PlanCalls(GatewayCalls):
    async def _scope_plan(self, principal: Principal, request) -> None:
        """Fill tenant and rep (the caller by default) and check the caller may act on it."""
        request.tenant_id = principal.tenant_id
        request.rep_id = request.rep_id or principal.person_id
        supervisor = await self._supervisor_of(principal.tenant_id, request.rep_id)
        require_self_or_scope(principal, request.rep_id, supervisor)

    async def _scope_edit(self, principal: Principal, request) -> None:
        await self._scope_plan(principal, request)
        request.edited_by = principal.person_id

    @rpc
    async def GetPlan(self, request: plans_pb2.GetPlanRequest, context, principal):
        await self._scope_plan(principal, request)
        return await self.services.visits.GetPlan(request, timeout=CALL_TIMEOUT_S)

    @rpc
    async def AddPlanItem(self, request: plans_pb2.AddPlanItemRequest, context, principal):
        await self._scope_edit(principal, request)
        return await self.services.visits.AddPlanItem(request, timeout=CALL_TIMEOUT_S)

    @rpc
    async def DropPlanItem(self, request: plans_pb2.DropPlanItemRequest, context, principal):
        await self._scope_edit(principal, request)
        return await self.services.visits.DropPlanItem(request, timeout=CALL_TIMEOUT_S)

    @rpc
    async def ReorderPlan(self, request: plans_pb2.ReorderPlanRequest, context, principal):
        await self._scope_edit(principal, request)
        return await self.services.visits.ReorderPlan(request, timeout=CALL_TIMEOUT_S)

    @rpc
    async def ListPendingVisits(
        self, request: plans_pb2.ListPendingVisitsRequest, context, principal
    ):
        await self._scope_plan(principal, request)
        return await self.services.visits.ListPendingVisits(request, timeout=CALL_TIMEOUT_S)

    @rpc
    async def GetFirstVisitStats(
        self, request: first_visits_pb2.FirstVisitStatsRequest, context, principal
    ):
        request.tenant_id = principal.tenant_id
        owners = await owners_in_scope(self, principal, list(request.owner_rep_ids))
        del request.owner_rep_ids[:]
        request.owner_rep_ids.extend(owners)
        return await self.services.visits.GetFirstVisitStats(request, timeout=CALL_TIMEOUT_S)
