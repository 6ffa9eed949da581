"""Gateway calls for the visits service's tenant settings (visit frequencies, first-visit
limit, and the sections visits-b1 and visits-b2 add): everyone in the tenant reads them (a
rep's phone needs the dropdowns and limits), admins and directors change them."""

from __future__ import annotations

from sales.visits.v1 import settings_pb2
from services.gateway.domain.principal import Principal, Role
from services.gateway.entrypoints.calls import CALL_TIMEOUT_S, GatewayCalls, rpc


class VisitsSettingsCalls(GatewayCalls):
    @rpc
    async def GetVisitsSettings(
        self, request: settings_pb2.GetSettingsRequest, context, principal: Principal
    ):
        request.tenant_id = principal.tenant_id
        return await self.services.visits.GetSettings(request, timeout=CALL_TIMEOUT_S)

    @rpc
    async def UpdateVisitsSettings(
        self, request: settings_pb2.UpdateSettingsRequest, context, principal: Principal
    ):
        principal.require(Role.ADMIN, Role.DIRECTOR)
        request.settings.tenant_id = principal.tenant_id
        request.updated_by = principal.person_id
        return await self.services.visits.UpdateSettings(request, timeout=CALL_TIMEOUT_S)
