"""The assignment service's whole public surface: its gRPC methods and the events it reads."""

from __future__ import annotations

from sales.assignment.v1 import assignment_pb2 as pb
from sales.assignment.v1.assignment_pb2_grpc import AssignmentStub
from sales.events.v1 import org_events_pb2, visit_events_pb2
from services.assignment.adapters.repository import INDEXES, MongoAssignmentRepository
from services.assignment.application import leads, reps
from services.assignment.entrypoints.mapping import (
    STATUS_FROM_PB,
    lead_from_request,
    lead_to_pb,
    rep_from_person,
)
from services.common import envelope as envelopes
from services.common.ids import new_id
from services.common.nameko_support.base_service import OutboxRelayMixin
from services.common.nameko_support.dependencies import Kernel
from services.common.nameko_support.event_consumer import handles_events
from services.common.nameko_support.grpc_entrypoint import grpc_method
from services.common.proto_time import from_timestamp

grpc = grpc_method(AssignmentStub)


class AssignmentService(OutboxRelayMixin):
    name = "assignment"
    kernel = Kernel("assignment", INDEXES, MongoAssignmentRepository)

    @grpc
    def CreateLead(self, request: pb.CreateLeadRequest, context) -> pb.Lead:
        lead = lead_from_request(request, new_id(), self.kernel.clock.now())
        return lead_to_pb(leads.create_lead(self.kernel.uow, lead, correlation_id=lead.lead_id))

    @grpc
    def GetLead(self, request: pb.GetLeadRequest, context) -> pb.Lead:
        return lead_to_pb(leads.get_lead(self.kernel.uow, request.tenant_id, request.lead_id))

    @grpc
    def ListLeads(self, request: pb.ListLeadsRequest, context) -> pb.ListLeadsResponse:
        found, token = leads.list_leads(
            self.kernel.uow,
            request.tenant_id,
            request.rep_id,
            STATUS_FROM_PB.get(request.status),
            request.page.page_size,
            request.page.page_token,
        )
        return pb.ListLeadsResponse(leads=[lead_to_pb(x) for x in found], next_page_token=token)

    @handles_events("assignment", ["org.person.upserted", "visit.submitted"])
    def on_event(self, event: envelopes.Envelope) -> bool:
        now = self.kernel.clock.now()
        if event.type == "org.person.upserted":
            person = envelopes.unpack(event, org_events_pb2.PersonUpserted).person
            rep = rep_from_person(person)
            return rep is not None and reps.upsert_rep(self.kernel.uow, rep, event.id, now)
        if event.type == "visit.submitted":
            visit = envelopes.unpack(event, visit_events_pb2.VisitSubmitted)
            return reps.record_visit(
                self.kernel.uow,
                event.tenant_id,
                visit.rep_id,
                visit.lead_id,
                from_timestamp(visit.checked_out_at) or now,
                event.id,
                now,
            )
        return False
