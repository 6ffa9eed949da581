"""Gateway calls of scoring's orders capability (SPEC S5, S6): the ERP back-fill (admin),
the county question (director and admin see every rep; a supervisor only the team's) and
the 12-month forecast (director and admin), and the attribution window (admin sets it)."""

from __future__ import annotations

from sales.scoring.v1 import orders_pb2 as pb
from services.common.errors import FailedPrecondition
from services.gateway.domain.principal import Role
from services.gateway.entrypoints.calls import CALL_TIMEOUT_S, GatewayCalls, rpc

BACKFILL_TIMEOUT_S = 120.0  # 500 orders, each in its own transaction
FORECAST_TIMEOUT_S = 60.0  # a cold forecast fits and simulates (docs/forecast.md)


class AttributionCalls(GatewayCalls):
    @rpc
    async def RecordOrders(self, request: pb.RecordOrdersRequest, context, principal):
        principal.require(Role.ADMIN)
        request.tenant_id = principal.tenant_id
        return await self.services.scoring_orders.RecordOrders(request, timeout=BACKFILL_TIMEOUT_S)

    @rpc
    async def ExplainRegionRevenue(
        self, request: pb.ExplainRegionRevenueRequest, context, principal
    ):
        principal.require(Role.ADMIN, Role.DIRECTOR, Role.SUPERVISOR)
        request.tenant_id = principal.tenant_id
        del request.rep_ids[:]
        if not principal.sees_whole_tenant:
            team = await self.org.team_of(principal.tenant_id, principal.person_id)
            if not team:
                raise FailedPrecondition("组织目录中您还没有团队成员")
            request.rep_ids.extend(team)
        stub = self.services.scoring_orders
        return await stub.ExplainRegionRevenue(request, timeout=CALL_TIMEOUT_S)

    @rpc
    async def ForecastRevenue(self, request: pb.ForecastRevenueRequest, context, principal):
        principal.require(Role.ADMIN, Role.DIRECTOR)
        request.tenant_id = principal.tenant_id
        stub = self.services.scoring_orders
        return await stub.ForecastRevenue(request, timeout=FORECAST_TIMEOUT_S)

    @rpc
    async def GetAttributionSettings(
        self, request: pb.GetAttributionSettingsRequest, context, principal
    ):
        principal.require(Role.ADMIN, Role.DIRECTOR, Role.SUPERVISOR)
        request.tenant_id = principal.tenant_id
        stub = self.services.scoring_orders
        return await stub.GetAttributionSettings(request, timeout=CALL_TIMEOUT_S)

    @rpc
    async def UpdateAttributionSettings(self, request: pb.AttributionSettings, context, principal):
        principal.require(Role.ADMIN)
        request.tenant_id = principal.tenant_id
        stub = self.services.scoring_orders
        return await stub.UpdateAttributionSettings(request, timeout=CALL_TIMEOUT_S)
