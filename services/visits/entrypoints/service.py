"""The visits service's public surface: one thin method per RPC, in one section per
capability, the events it reads (one HANDLERS table) and the timers that act on time."""

from __future__ import annotations

from sales.events.v1 import org_events_pb2
from sales.visits.v1 import settings_pb2
from sales.visits.v1 import visits_pb2 as pb
from sales.visits.v1.visits_pb2_grpc import VisitsStub
from services.common import envelope as envelopes
from services.common.handling import Outcome, consumed, dispatch
from services.common.nameko_support.base_service import OutboxRelayMixin
from services.common.nameko_support.dependencies import Kernel
from services.common.nameko_support.event_consumer import handles_events
from services.common.nameko_support.grpc_entrypoint import grpc_method
from services.common.proto_time import from_timestamp
from services.visits.adapters.repository import INDEXES, MongoVisitsRepository
from services.visits.application import people, settings, visits
from services.visits.entrypoints.mapping import visit_from_request, visit_to_pb
from services.visits.entrypoints.people_mapping import person_from_pb
from services.visits.entrypoints.settings_mapping import sections_from_pb, settings_to_pb

grpc = grpc_method(VisitsStub)


class VisitsService(OutboxRelayMixin):
    name = "visits"
    kernel = Kernel("visits", INDEXES, MongoVisitsRepository)

    # --- the visit card (visits-b1) ---------------------------------------------------------
    @grpc
    def SubmitVisit(self, request: pb.SubmitVisitRequest, context) -> pb.Visit:
        visit = visits.submit_visit(
            self.kernel.uow, visit_from_request(request), self.kernel.clock.now()
        )
        return visit_to_pb(visit)

    @grpc
    def GetVisit(self, request: pb.GetVisitRequest, context) -> pb.Visit:
        return visit_to_pb(visits.get_visit(self.kernel.uow, request.tenant_id, request.visit_id))

    # --- tenant settings (visits-a; sections of b1 and b2) ----------------------------------
    @grpc
    def GetSettings(self, request: settings_pb2.GetSettingsRequest, context):
        return settings_to_pb(settings.get_settings(self.kernel.uow, request.tenant_id))

    @grpc
    def UpdateSettings(self, request: settings_pb2.UpdateSettingsRequest, context):
        saved = settings.update_settings(
            self.kernel.uow,
            request.settings.tenant_id,
            sections_from_pb(request.settings),
            request.expected_version,
            request.updated_by,
            self.kernel.clock.now(),
        )
        return settings_to_pb(saved)

    # --- events ---------------------------------------------------------------------------------
    def _person_upserted(self, payload: org_events_pb2.PersonUpserted, event) -> Outcome:
        person = person_from_pb(payload.person, from_timestamp(event.occurred_at))
        return consumed(people.upsert_person(self.kernel.uow, person, event.id))

    HANDLERS = {
        "org.person.upserted": _person_upserted,  # visits-a: the people read model
    }

    @handles_events("visits", HANDLERS)
    def on_event(self, event: envelopes.Envelope) -> Outcome:
        return dispatch(self.HANDLERS, self, event)
