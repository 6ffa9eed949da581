"""Gateway calls of store ratings (SPEC V8). RateVisit is the one call taken without a
bearer token (calls.UNAUTHENTICATED_CALLS): the store has no account, and the signed,
single-use, expiring rating token in the request is the credential, verified by visits.
Nothing of the caller's metadata is read or forwarded; the tenant comes from the token."""

from __future__ import annotations

from sales.visits.v1 import ratings_pb2 as pb
from services.gateway.domain.principal import Role, require_self_or_scope
from services.gateway.entrypoints.calls import (
    CALL_TIMEOUT_S,
    GatewayCalls,
    rpc,
    unauthenticated_rpc,
)


class RatingCalls(GatewayCalls):
    @rpc
    async def IssueRatingCode(self, request: pb.IssueRatingCodeRequest, context, principal):
        principal.require(Role.REP, Role.ADMIN)
        request.tenant_id, request.actor_id = principal.tenant_id, principal.person_id
        request.rep_id = "" if principal.has(Role.ADMIN) else principal.person_id
        return await self.services.visits.IssueRatingCode(request, timeout=CALL_TIMEOUT_S)

    @unauthenticated_rpc
    async def RateVisit(self, request: pb.RateVisitRequest, context):
        forwarded = pb.RateVisitRequest(
            token=request.token, stars=request.stars, comment=request.comment
        )
        return await self.services.visits.RateVisit(forwarded, timeout=CALL_TIMEOUT_S)

    @rpc
    async def GetRepSatisfaction(self, request: pb.GetRepSatisfactionRequest, context, principal):
        request.tenant_id = principal.tenant_id
        request.rep_id = request.rep_id or principal.person_id
        supervisor = await self._supervisor_of(principal.tenant_id, request.rep_id)
        require_self_or_scope(principal, request.rep_id, supervisor)
        return await self.services.visits.GetRepSatisfaction(request, timeout=CALL_TIMEOUT_S)
