"""Gateway calls of the visit card, commitments and offline batches (SPEC V2, V3, G3).

Role and scope: a rep starts, submits and reads their own cards and commitments (an admin
may act for a rep, as require_acting_as allows); a supervisor reads the team's, a director
and an admin the tenant's. A card or commitment outside the caller's scope is "not found",
never "someone else's"."""

from __future__ import annotations

from sales.visits.v1 import batches_pb2, cards_pb2, commitments_pb2, history_pb2
from services.common.errors import DomainError, NotFound
from services.common.text import bounded
from services.gateway.domain.principal import (
    Principal,
    Role,
    require_acting_as,
    require_self_or_scope,
)
from services.gateway.entrypoints.calls import CALL_TIMEOUT_S, GatewayCalls, rpc

BATCH_TIMEOUT_S = 120.0  # 200 items at tens of milliseconds each
HISTORY_TIMEOUT_S = 300.0  # 500 cards in one transaction on a busy embedded server


class CardCalls(GatewayCalls):
    def _acting_rep(self, principal: Principal, rep_id: str) -> str:
        rep_id = rep_id or principal.person_id
        require_acting_as(principal, rep_id)
        return rep_id

    async def _readable_rep(self, principal: Principal, rep_id: str) -> str:
        rep_id = rep_id or principal.person_id
        supervisor = await self._supervisor_of(principal.tenant_id, rep_id)
        require_self_or_scope(principal, rep_id, supervisor)
        return rep_id

    # --- cards (visits-b1) -------------------------------------------------------------------
    @rpc
    async def StartVisit(self, request: cards_pb2.StartVisitRequest, context, principal):
        request.tenant_id = principal.tenant_id
        request.rep_id = self._acting_rep(principal, request.rep_id)
        return await self.services.visits.StartVisit(request, timeout=CALL_TIMEOUT_S)

    @rpc
    async def SubmitVisit(self, request: cards_pb2.SubmitVisitRequest, context, principal):
        request.tenant_id = principal.tenant_id
        request.rep_id = self._acting_rep(principal, request.rep_id)
        return await self.services.visits.SubmitVisit(request, timeout=CALL_TIMEOUT_S)

    @rpc
    async def GetVisit(self, request: cards_pb2.GetVisitRequest, context, principal):
        request.tenant_id = principal.tenant_id
        visit = await self.services.visits.GetVisit(request, timeout=CALL_TIMEOUT_S)
        try:
            await self._readable_rep(principal, visit.rep_id)
        except DomainError:
            raise NotFound(f"拜访 {bounded(request.visit_id)} 不存在") from None
        return visit

    @rpc
    async def ListVisits(self, request: cards_pb2.ListVisitsRequest, context, principal):
        request.tenant_id = principal.tenant_id
        request.rep_id = await self._readable_rep(principal, request.rep_id)
        return await self.services.visits.ListVisits(request, timeout=CALL_TIMEOUT_S)

    # --- commitments (visits-b1) -------------------------------------------------------------
    @rpc
    async def UpdateCommitment(
        self, request: commitments_pb2.UpdateCommitmentRequest, context, principal
    ):
        request.tenant_id = principal.tenant_id
        request.rep_id = self._acting_rep(principal, request.rep_id)
        return await self.services.visits.UpdateCommitment(request, timeout=CALL_TIMEOUT_S)

    @rpc
    async def ListCommitments(
        self, request: commitments_pb2.ListCommitmentsRequest, context, principal
    ):
        request.tenant_id = principal.tenant_id
        request.rep_id = await self._readable_rep(principal, request.rep_id)
        return await self.services.visits.ListCommitments(request, timeout=CALL_TIMEOUT_S)

    # --- offline batches (visits-b1) -----------------------------------------------------------
    @rpc
    async def SyncOfflineBatch(self, request: batches_pb2.SyncBatchRequest, context, principal):
        request.tenant_id = principal.tenant_id
        request.rep_id = self._acting_rep(principal, request.rep_id)
        return await self.services.visits.SyncBatch(request, timeout=BATCH_TIMEOUT_S)

    # --- visit history (history) ---------------------------------------------------------------
    @rpc
    async def ImportVisitHistory(
        self, request: history_pb2.ImportVisitHistoryRequest, context, principal
    ):
        """The tenant's admin brings the distributor's earlier visits (reps and stores of
        the tenant, checked by visits)."""
        principal.require(Role.ADMIN)
        request.tenant_id, request.imported_by = principal.tenant_id, principal.person_id
        return await self.services.visits.ImportVisitHistory(request, timeout=HISTORY_TIMEOUT_S)
