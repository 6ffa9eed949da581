"""The Gateway gRPC servicer: authenticate, authorise, set the tenant, forward.

Every method is wrapped by `rpc` (calls.py): refused while the gateway stops,
authenticated, its request's shape checked, errors mapped onto bounded statuses.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

from sales.assignment.v1 import assignment_pb2
from sales.common.v1 import org_pb2
from sales.gateway.v1 import gateway_pb2_grpc
from sales.media.v1 import media_pb2
from sales.notify.v1 import notify_pb2
from sales.scoring.v1 import scoring_pb2
from services.common.errors import DomainError, InvalidArgument, NotFound
from services.common.text import bounded
from services.gateway.application import people, team_views
from services.gateway.domain.principal import (
    Principal,
    Role,
    require_acting_as,
    require_self_or_scope,
)
from services.gateway.entrypoints.approval_calls import ApprovalCalls
from services.gateway.entrypoints.attribution_calls import AttributionCalls
from services.gateway.entrypoints.calls import CALL_TIMEOUT_S, GatewayCalls, rpc
from services.gateway.entrypoints.card_calls import CardCalls
from services.gateway.entrypoints.media_calls import MediaCalls
from services.gateway.entrypoints.plan_calls import PlanCalls
from services.gateway.entrypoints.rating_calls import RatingCalls
from services.gateway.entrypoints.request_checks import refuse_malformed
from services.gateway.entrypoints.returns_calls import ReturnsCalls
from services.gateway.entrypoints.scoring_calls import ScoringCalls
from services.gateway.entrypoints.stock_calls import StockCalls
from services.gateway.entrypoints.store_calls import StoreCalls
from services.gateway.entrypoints.visits_settings_calls import VisitsSettingsCalls


def _required(field: str, value: str, label: str) -> None:
    if not value:
        raise InvalidArgument.of_field(field, f"必须填写{label}")


class GatewayServicer(
    StoreCalls,  # visits-a
    PlanCalls,  # visits-a
    VisitsSettingsCalls,  # visits-a
    ApprovalCalls,  # visits-b2
    StockCalls,  # visits-b2
    ReturnsCalls,  # visits-b2
    RatingCalls,  # visits-b2
    MediaCalls,  # media
    CardCalls,  # visits-b1
    AttributionCalls,  # scoring orders (S5, S6)
    ScoringCalls,  # scoring (issue 10)
    GatewayCalls,
    gateway_pb2_grpc.GatewayServicer,
):
    """Every Gateway call. Areas added since the first slice live in their own modules
    (services/gateway/entrypoints/*_calls.py) as GatewayCalls mixins listed in the bases."""

    # org directory -----------------------------------------------------------------------
    @rpc
    async def UpsertPerson(self, request, context, principal: Principal):
        principal.require(Role.ADMIN)
        return await people.upsert_person(self.org, self.relay, principal, request.person)

    @rpc
    async def GetPerson(self, request, context, principal: Principal):
        _required("person_id", request.person_id, "人员编号")
        person = await self.org.get(principal.tenant_id, request.person_id)
        if person is None:
            raise NotFound(f"人员 {bounded(request.person_id)} 不存在")
        require_self_or_scope(principal, person.person_id, person.supervisor_id)
        return person

    @rpc
    async def WhoAmI(self, request, context, principal: Principal):
        person = await self.org.get(principal.tenant_id, principal.person_id)
        return person or org_pb2.Person(
            tenant_id=principal.tenant_id, person_id=principal.person_id
        )

    # leads -------------------------------------------------------------------------------
    @rpc
    async def CreateLead(self, request: assignment_pb2.CreateLeadRequest, context, principal):
        principal.require(Role.ADMIN, Role.DIRECTOR, Role.SUPERVISOR)
        request.tenant_id = principal.tenant_id
        return await self.services.assignment.CreateLead(request, timeout=CALL_TIMEOUT_S)

    async def _visible_lead(self, lead_id: str, principal: Principal) -> assignment_pb2.Lead:
        """A rep sees their own leads, a supervisor the team's, a director/admin all; anyone
        else is told the lead does not exist rather than that it is someone else's."""
        _required("lead_id", lead_id, "线索编号")
        request = assignment_pb2.GetLeadRequest(tenant_id=principal.tenant_id, lead_id=lead_id)
        lead = await self.services.assignment.GetLead(request, timeout=CALL_TIMEOUT_S)
        rep_id = lead.assigned_rep_id
        try:
            require_self_or_scope(
                principal, rep_id, await self._supervisor_of(principal.tenant_id, rep_id)
            )
        except DomainError:
            raise NotFound(f"线索 {bounded(lead_id)} 不存在") from None
        return lead

    @rpc
    async def GetLead(self, request: assignment_pb2.GetLeadRequest, context, principal):
        return await self._visible_lead(request.lead_id, principal)

    @rpc
    async def ListLeads(self, request: assignment_pb2.ListLeadsRequest, context, principal):
        request.tenant_id = principal.tenant_id
        if not principal.sees_whole_tenant:
            if principal.has(Role.SUPERVISOR) and request.rep_id:
                supervisor = await self._supervisor_of(principal.tenant_id, request.rep_id)
                require_self_or_scope(principal, request.rep_id, supervisor)
            elif principal.has(Role.SUPERVISOR):
                raise InvalidArgument.of_field("rep_id", "主管查看线索时请指定一名团队成员")
            else:
                request.rep_id = principal.person_id
        return await self.services.assignment.ListLeads(request, timeout=CALL_TIMEOUT_S)

    @rpc
    async def ImportLeads(self, request: assignment_pb2.ImportLeadsRequest, context, principal):
        principal.require(Role.ADMIN, Role.DIRECTOR, Role.SUPERVISOR)
        request.tenant_id = principal.tenant_id
        return await self.services.assignment.ImportLeads(request, timeout=120)

    @rpc
    async def AcceptLead(self, request: assignment_pb2.RespondToLeadRequest, context, principal):
        principal.require(Role.REP)
        request.tenant_id, request.rep_id = principal.tenant_id, principal.person_id
        return await self.services.assignment.AcceptLead(request, timeout=CALL_TIMEOUT_S)

    @rpc
    async def DeclineLead(self, request: assignment_pb2.RespondToLeadRequest, context, principal):
        principal.require(Role.REP)
        request.tenant_id, request.rep_id = principal.tenant_id, principal.person_id
        return await self.services.assignment.DeclineLead(request, timeout=CALL_TIMEOUT_S)

    @rpc
    async def GetLeadHistory(self, request: assignment_pb2.GetLeadRequest, context, principal):
        await self._visible_lead(request.lead_id, principal)
        request.tenant_id = principal.tenant_id
        return await self.services.assignment.GetLeadHistory(request, timeout=CALL_TIMEOUT_S)

    @rpc
    async def StaleLeadReport(
        self, request: assignment_pb2.StaleLeadReportRequest, context, principal
    ):
        principal.require(Role.ADMIN, Role.DIRECTOR, Role.SUPERVISOR)
        request.tenant_id = principal.tenant_id
        report = await self.services.assignment.StaleLeadReport(request, timeout=CALL_TIMEOUT_S)
        if principal.sees_whole_tenant:
            return report
        team = await team_views.team_of(self.org, principal, [r.rep_id for r in report.reps])
        mine = [r for r in report.reps if r.rep_id in team]
        del report.reps[:]
        report.reps.extend(mine)
        return report

    @rpc
    async def UpsertRule(self, request: assignment_pb2.UpsertRuleRequest, context, principal):
        principal.require(Role.ADMIN, Role.DIRECTOR)
        request.rule.tenant_id = principal.tenant_id
        request.rule.updated_by = principal.person_id
        return await self.services.assignment.UpsertRule(request, timeout=CALL_TIMEOUT_S)

    @rpc
    async def ListRules(self, request: assignment_pb2.ListRulesRequest, context, principal):
        principal.require(Role.ADMIN, Role.DIRECTOR, Role.SUPERVISOR)
        request.tenant_id = principal.tenant_id
        return await self.services.assignment.ListRules(request, timeout=CALL_TIMEOUT_S)

    @rpc
    async def DeleteRule(self, request: assignment_pb2.DeleteRuleRequest, context, principal):
        principal.require(Role.ADMIN, Role.DIRECTOR)
        request.tenant_id, request.deleted_by = principal.tenant_id, principal.person_id
        return await self.services.assignment.DeleteRule(request, timeout=CALL_TIMEOUT_S)

    @rpc
    async def DryRunAssignment(self, request: assignment_pb2.CreateLeadRequest, context, principal):
        principal.require(Role.ADMIN, Role.DIRECTOR, Role.SUPERVISOR)
        request.tenant_id = principal.tenant_id
        decision = await self.services.assignment.DryRun(request, timeout=CALL_TIMEOUT_S)
        return await team_views.scoped_decision(self.org, principal, decision)

    @rpc
    async def GetAssignmentSettings(
        self, request: assignment_pb2.GetSettingsRequest, context, principal
    ):
        principal.require(Role.ADMIN, Role.DIRECTOR, Role.SUPERVISOR)
        request.tenant_id = principal.tenant_id
        return await self.services.assignment.GetSettings(request, timeout=CALL_TIMEOUT_S)

    @rpc
    async def UpdateAssignmentSettings(
        self, request: assignment_pb2.AssignmentSettings, context, principal
    ):
        principal.require(Role.ADMIN)
        request.tenant_id = principal.tenant_id
        return await self.services.assignment.UpdateSettings(request, timeout=CALL_TIMEOUT_S)

    # photos -------------------------------------------------------------------
    @rpc
    async def UploadPhoto(self, request_iterator: AsyncIterator, context, principal):
        first = await anext(aiter(request_iterator), None)
        if first is not None:
            refuse_malformed(first)
        if first is None or first.WhichOneof("part") != "meta":
            raise InvalidArgument.of_field("meta", "上传的第一段必须是照片信息(meta)")
        require_acting_as(principal, first.meta.rep_id)
        first.meta.tenant_id = principal.tenant_id
        return await self._forward_upload(first, request_iterator)

    async def _forward_upload(self, first: media_pb2.UploadPhotoRequest, rest: AsyncIterator):
        """Stream the parts on as they come. A malformed part raises inside the stream, so
        grpc resets it instead of ending it: media sees a cancelled upload (and stores
        nothing), never a short one that looks complete."""
        refused: list[DomainError] = []

        async def parts():
            yield first
            async for part in rest:
                try:
                    refuse_malformed(part)
                except DomainError as error:
                    refused.append(error)
                    raise
                yield part

        try:
            return await self.services.media.UploadPhoto(parts(), timeout=60)
        except asyncio.CancelledError:
            if refused:
                raise refused[0] from None
            raise

    # figures and deliveries --------------------------------------------------------------
    @rpc
    async def GetRepStats(self, request: scoring_pb2.GetRepStatsRequest, context, principal):
        """Stats of someone the directory does not know would be all zeros, which reads as
        "did nothing": the gateway, which owns the directory, says NOT_FOUND instead."""
        request.tenant_id = principal.tenant_id
        rep_id = request.rep_id or principal.person_id
        request.rep_id = rep_id
        rep = await self.org.get(principal.tenant_id, rep_id)
        require_self_or_scope(principal, rep_id, rep.supervisor_id if rep else "")
        if rep is None:
            raise NotFound(f"业务员 {bounded(rep_id)} 不在通讯录中")
        return await self.services.scoring.GetRepStats(request, timeout=CALL_TIMEOUT_S)

    @rpc
    async def ListDeliveries(self, request: notify_pb2.ListDeliveriesRequest, context, principal):
        request.tenant_id = principal.tenant_id
        if not principal.sees_whole_tenant:
            recipient = request.recipient_id or principal.person_id
            require_self_or_scope(
                principal, recipient, await self._supervisor_of(principal.tenant_id, recipient)
            )
            request.recipient_id = recipient
        return await self.services.notify.ListDeliveries(request, timeout=CALL_TIMEOUT_S)

    @rpc
    async def ListDeadLetters(self, request: notify_pb2.ListDeadLettersRequest, context, principal):
        principal.require(Role.ADMIN)
        request.tenant_id = principal.tenant_id
        return await self.services.notify.ListDeadLetters(request, timeout=CALL_TIMEOUT_S)

    @rpc
    async def ReplayDeadLetters(
        self, request: notify_pb2.ReplayDeadLettersRequest, context, principal
    ):
        principal.require(Role.ADMIN)
        request.tenant_id, request.actor_id = principal.tenant_id, principal.person_id
        return await self.services.notify.ReplayDeadLetters(request, timeout=60)

    @rpc
    async def UpsertNotifyRoute(self, request: notify_pb2.UpsertRouteRequest, context, principal):
        principal.require(Role.ADMIN)
        request.route.tenant_id = principal.tenant_id
        request.route.updated_by = principal.person_id
        return await self.services.notify.UpsertRoute(request, timeout=CALL_TIMEOUT_S)

    @rpc
    async def ListNotifyRoutes(self, request: notify_pb2.ListRoutesRequest, context, principal):
        principal.require(Role.ADMIN, Role.DIRECTOR)
        request.tenant_id = principal.tenant_id
        return await self.services.notify.ListRoutes(request, timeout=CALL_TIMEOUT_S)
