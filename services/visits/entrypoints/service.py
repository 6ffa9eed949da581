"""The visits service's public surface: visit cards over gRPC."""

from __future__ import annotations

from sales.visits.v1 import visits_pb2 as pb
from sales.visits.v1.visits_pb2_grpc import VisitsStub
from services.common.nameko_support.base_service import OutboxRelayMixin
from services.common.nameko_support.dependencies import Kernel
from services.common.nameko_support.grpc_entrypoint import grpc_method
from services.visits.adapters.repository import INDEXES, MongoVisitRepository
from services.visits.application import visits
from services.visits.entrypoints.mapping import visit_from_request, visit_to_pb

grpc = grpc_method(VisitsStub)


class VisitsService(OutboxRelayMixin):
    name = "visits"
    kernel = Kernel("visits", INDEXES, MongoVisitRepository)

    @grpc
    def SubmitVisit(self, request: pb.SubmitVisitRequest, context) -> pb.Visit:
        visit = visits.submit_visit(
            self.kernel.uow, visit_from_request(request), self.kernel.clock.now()
        )
        return visit_to_pb(visit)

    @grpc
    def GetVisit(self, request: pb.GetVisitRequest, context) -> pb.Visit:
        return visit_to_pb(visits.get_visit(self.kernel.uow, request.tenant_id, request.visit_id))
