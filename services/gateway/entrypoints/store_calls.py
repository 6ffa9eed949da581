"""Gateway calls of the store master and the product catalogue (visits-a). Admins and
directors register, import and edit stores and products; a supervisor sees and edits the
stores of their team (and may hand a store only to a team member); a rep sees their own
stores; everyone reads the catalogue. A store outside the caller's scope does not exist for
them (NOT_FOUND), as leads and visits do not."""

from __future__ import annotations

from sales.visits.v1 import catalogue_pb2, sheets_pb2, stores_pb2
from services.common.errors import DomainError, NotFound, PermissionDenied
from services.gateway.domain.principal import Principal, Role, require_self_or_scope
from services.gateway.entrypoints.calls import CALL_TIMEOUT_S, GatewayCalls, rpc

# 18,000 rows in one sheet took minutes on the embedded server (bench/store_import.py, ADR 023)
IMPORT_TIMEOUT_S = 900.0


async def owners_in_scope(calls: GatewayCalls, principal: Principal, asked: list[str]) -> list[str]:
    """The owner reps a list or figure may cover: as asked (everyone, if none) for those who
    see the whole tenant; else only the caller and, for a supervisor, the team, which is
    also what an empty request means. Anyone else named is refused."""
    if principal.sees_whole_tenant:
        return asked
    allowed = {principal.person_id}
    if principal.has(Role.SUPERVISOR):
        allowed |= set(await calls.org.team_of(principal.tenant_id, principal.person_id))
    if set(asked) - allowed:
        raise PermissionDenied("只能查看本人或本团队业务员的数据")
    return asked or sorted(allowed)


class StoreCalls(GatewayCalls):
    async def _scope_owner(self, principal: Principal, rep_id: str) -> None:
        supervisor = await self._supervisor_of(principal.tenant_id, rep_id)
        require_self_or_scope(principal, rep_id, supervisor)

    async def _visible_store(self, principal: Principal, store_id: str) -> stores_pb2.Store:
        request = stores_pb2.GetStoreRequest(tenant_id=principal.tenant_id, store_id=store_id)
        store = await self.services.visits.GetStore(request, timeout=CALL_TIMEOUT_S)
        try:
            await self._scope_owner(principal, store.owner_rep_id)
        except DomainError:
            raise NotFound("门店不存在") from None
        return store

    @rpc
    async def RegisterStore(self, request: stores_pb2.RegisterStoreRequest, context, principal):
        principal.require(Role.ADMIN, Role.DIRECTOR)
        request.tenant_id, request.registered_by = principal.tenant_id, principal.person_id
        return await self.services.visits.RegisterStore(request, timeout=CALL_TIMEOUT_S)

    @rpc
    async def UpdateStore(self, request: stores_pb2.UpdateStoreRequest, context, principal):
        principal.require(Role.ADMIN, Role.DIRECTOR, Role.SUPERVISOR)
        if not principal.sees_whole_tenant:
            await self._visible_store(principal, request.store_id)
            if "owner_rep_id" in request.update_mask.paths:
                supervisor = await self._supervisor_of(
                    principal.tenant_id, request.store.owner_rep_id
                )
                if supervisor != principal.person_id:
                    raise PermissionDenied("只能把门店交给本团队的业务员")
        request.tenant_id, request.updated_by = principal.tenant_id, principal.person_id
        return await self.services.visits.UpdateStore(request, timeout=CALL_TIMEOUT_S)

    @rpc
    async def GetStore(self, request: stores_pb2.GetStoreRequest, context, principal):
        if principal.sees_whole_tenant:
            request.tenant_id = principal.tenant_id
            return await self.services.visits.GetStore(request, timeout=CALL_TIMEOUT_S)
        return await self._visible_store(principal, request.store_id)

    @rpc
    async def ListStores(self, request: stores_pb2.ListStoresRequest, context, principal):
        request.tenant_id = principal.tenant_id
        owners = await owners_in_scope(self, principal, list(request.owner_rep_ids))
        del request.owner_rep_ids[:]
        request.owner_rep_ids.extend(owners)
        return await self.services.visits.ListStores(request, timeout=CALL_TIMEOUT_S)

    @rpc
    async def ImportStores(self, request: sheets_pb2.ImportSheetRequest, context, principal):
        principal.require(Role.ADMIN, Role.DIRECTOR)
        request.tenant_id, request.imported_by = principal.tenant_id, principal.person_id
        return await self.services.visits.ImportStores(request, timeout=IMPORT_TIMEOUT_S)

    @rpc
    async def ImportProducts(self, request: sheets_pb2.ImportSheetRequest, context, principal):
        principal.require(Role.ADMIN, Role.DIRECTOR)
        request.tenant_id, request.imported_by = principal.tenant_id, principal.person_id
        return await self.services.visits.ImportProducts(request, timeout=IMPORT_TIMEOUT_S)

    @rpc
    async def GetProduct(self, request: catalogue_pb2.GetProductRequest, context, principal):
        request.tenant_id = principal.tenant_id
        return await self.services.visits.GetProduct(request, timeout=CALL_TIMEOUT_S)

    @rpc
    async def ListProducts(self, request: catalogue_pb2.ListProductsRequest, context, principal):
        request.tenant_id = principal.tenant_id
        return await self.services.visits.ListProducts(request, timeout=CALL_TIMEOUT_S)
