"""Gateway calls of samples and stock (SPEC V5). Receipts and adjustments: admin.
Transfers: admin, or a supervisor between a warehouse and a team member's car. Stock and
movements: a rep their own car, a supervisor the team's cars and the warehouses, admin and
director everything."""

from __future__ import annotations

from sales.visits.v1 import stock_pb2 as pb
from services.common.errors import InvalidArgument, PermissionDenied
from services.gateway.domain.principal import Principal, Role, require_self_or_scope
from services.gateway.entrypoints.calls import CALL_TIMEOUT_S, GatewayCalls, rpc

REP = pb.STOCK_LOCATION_KIND_REP
WAREHOUSE = pb.STOCK_LOCATION_KIND_WAREHOUSE


class StockCalls(GatewayCalls):
    async def _require_sees(self, principal: Principal, location: pb.StockLocation) -> None:
        if principal.sees_whole_tenant:
            return
        if location.kind == REP:
            supervisor = await self._supervisor_of(principal.tenant_id, location.owner_id)
            require_self_or_scope(principal, location.owner_id, supervisor)
        elif not principal.has(Role.SUPERVISOR):
            raise PermissionDenied("只能查看本人的车存")

    @rpc
    async def ReceiveStock(self, request: pb.ReceiveStockRequest, context, principal):
        principal.require(Role.ADMIN)
        request.tenant_id, request.actor_id = principal.tenant_id, principal.person_id
        return await self.services.visits.ReceiveStock(request, timeout=CALL_TIMEOUT_S)

    @rpc
    async def AdjustStock(self, request: pb.AdjustStockRequest, context, principal):
        principal.require(Role.ADMIN)
        request.tenant_id, request.actor_id = principal.tenant_id, principal.person_id
        return await self.services.visits.AdjustStock(request, timeout=CALL_TIMEOUT_S)

    @rpc
    async def TransferStock(self, request: pb.TransferStockRequest, context, principal):
        principal.require(Role.ADMIN, Role.SUPERVISOR)
        if not principal.has(Role.ADMIN):
            cars = [p for p in (getattr(request, "from"), request.to) if p.kind == REP]
            for car in cars:
                supervisor = await self._supervisor_of(principal.tenant_id, car.owner_id)
                if supervisor != principal.person_id:
                    raise PermissionDenied("主管只能为本团队业务员调拨样品")
        request.tenant_id, request.actor_id = principal.tenant_id, principal.person_id
        return await self.services.visits.TransferStock(request, timeout=CALL_TIMEOUT_S)

    @rpc
    async def ListStock(self, request: pb.ListStockRequest, context, principal):
        request.tenant_id = principal.tenant_id
        if not request.HasField("location"):
            if principal.sees_whole_tenant:
                return await self.services.visits.ListStock(request, timeout=CALL_TIMEOUT_S)
            if not principal.has(Role.REP):
                raise InvalidArgument.of_field("location", "请指定仓库或业务员车存")
            request.location.kind, request.location.owner_id = REP, principal.person_id
        await self._require_sees(principal, request.location)
        return await self.services.visits.ListStock(request, timeout=CALL_TIMEOUT_S)

    @rpc
    async def ListStockMovements(self, request: pb.ListStockMovementsRequest, context, principal):
        request.tenant_id = principal.tenant_id
        if not request.HasField("location") and principal.has(Role.REP):
            request.location.kind, request.location.owner_id = REP, principal.person_id
        await self._require_sees(principal, request.location)
        return await self.services.visits.ListStockMovements(request, timeout=CALL_TIMEOUT_S)
