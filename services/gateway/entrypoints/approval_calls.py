"""Gateway calls of special-price approvals (SPEC V4). Finance sees and acts on the
approvals of the regions they cover (their region codes in the org directory, which the
gateway owns); a rep sees their own requests, a supervisor the team's; admin and director
see the tenant's but do not decide."""

from __future__ import annotations

from sales.visits.v1 import approvals_pb2 as pb
from services.common.errors import DomainError, FailedPrecondition, NotFound, PermissionDenied
from services.common.regions import covers
from services.gateway.domain.principal import Principal, Role, require_self_or_scope
from services.gateway.entrypoints.calls import CALL_TIMEOUT_S, GatewayCalls, rpc


class ApprovalCalls(GatewayCalls):
    async def _finance_regions(self, principal: Principal) -> list[str]:
        principal.require(Role.FINANCE)
        person = await self.org.get(principal.tenant_id, principal.person_id)
        codes = list(person.region_codes) if person else []
        if not codes:
            raise FailedPrecondition("组织目录中没有您负责的财务区域,请联系管理员")
        return codes

    @rpc
    async def ListApprovalQueue(self, request: pb.ListApprovalQueueRequest, context, principal):
        request.tenant_id = principal.tenant_id
        if principal.sees_whole_tenant and not principal.has(Role.FINANCE):
            request.all_regions = not request.region_codes
        else:
            mine = await self._finance_regions(principal)
            asked = list(request.region_codes) or mine
            if any(not _covered(mine, code) for code in asked):
                raise PermissionDenied("只能查看您负责区域的特价申请")
            request.all_regions = False
            del request.region_codes[:]
            request.region_codes.extend(asked)
        return await self.services.visits.ListApprovalQueue(request, timeout=CALL_TIMEOUT_S)

    @rpc
    async def ListRepApprovals(self, request: pb.ListRepApprovalsRequest, context, principal):
        request.tenant_id = principal.tenant_id
        request.rep_id = request.rep_id or principal.person_id
        supervisor = await self._supervisor_of(principal.tenant_id, request.rep_id)
        require_self_or_scope(principal, request.rep_id, supervisor)
        return await self.services.visits.ListRepApprovals(request, timeout=CALL_TIMEOUT_S)

    @rpc
    async def GetApproval(self, request: pb.GetApprovalRequest, context, principal):
        request.tenant_id = principal.tenant_id
        approval = await self.services.visits.GetApproval(request, timeout=CALL_TIMEOUT_S)
        if not await self._may_see(principal, approval):
            raise NotFound(f"特价申请 {request.approval_id[:64]} 不存在")
        return approval

    async def _may_see(self, principal: Principal, approval: pb.Approval) -> bool:
        if principal.has(Role.FINANCE):
            person = await self.org.get(principal.tenant_id, principal.person_id)
            if person and _covered(list(person.region_codes), approval.region_code):
                return True
        try:
            supervisor = await self._supervisor_of(principal.tenant_id, approval.rep_id)
            require_self_or_scope(principal, approval.rep_id, supervisor)
        except DomainError:
            return False
        return True

    @rpc
    async def ReviewApproval(self, request: pb.ReviewApprovalRequest, context, principal):
        request.tenant_id, request.actor_id = principal.tenant_id, principal.person_id
        del request.actor_region_codes[:]
        request.actor_region_codes.extend(await self._finance_regions(principal))
        return await self.services.visits.ReviewApproval(request, timeout=CALL_TIMEOUT_S)

    @rpc
    async def DecideApproval(self, request: pb.DecideApprovalRequest, context, principal):
        request.tenant_id, request.actor_id = principal.tenant_id, principal.person_id
        del request.actor_region_codes[:]
        request.actor_region_codes.extend(await self._finance_regions(principal))
        return await self.services.visits.DecideApproval(request, timeout=CALL_TIMEOUT_S)


def _covered(codes: list[str], region_code: str) -> bool:
    return any(covers(code, region_code) for code in codes)
