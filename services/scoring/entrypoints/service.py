"""The scoring service's public surface: the figures it answers and the events it reads."""

from __future__ import annotations

from sales.events.v1 import lead_events_pb2, visit_events_pb2
from sales.scoring.v1 import scoring_pb2 as pb
from sales.scoring.v1.scoring_pb2_grpc import ScoringStub
from services.common import envelope as envelopes
from services.common.nameko_support.base_service import OutboxRelayMixin
from services.common.nameko_support.dependencies import Kernel
from services.common.nameko_support.event_consumer import handles_events
from services.common.nameko_support.grpc_entrypoint import grpc_method
from services.common.proto_time import from_timestamp, to_timestamp
from services.scoring.adapters.repository import INDEXES, MongoStatsRepository
from services.scoring.application import stats
from services.scoring.domain import rep_stats

grpc = grpc_method(ScoringStub)


class ScoringService(OutboxRelayMixin):
    name = "scoring"
    kernel = Kernel("scoring", INDEXES, MongoStatsRepository)

    @grpc
    def GetRepStats(self, request: pb.GetRepStatsRequest, context) -> pb.RepStats:
        s = stats.rep_stats(self.kernel.uow, request.tenant_id, request.rep_id)
        return pb.RepStats(
            rep_id=s.rep_id,
            leads_assigned=s.leads_assigned,
            visits_total=s.visits_total,
            commitments_total=s.commitments_total,
            commitments_open=s.commitments_open,
            commitments_done=s.commitments_done,
            last_visit_at=to_timestamp(s.last_visit_at),
            updated_at=to_timestamp(s.updated_at),
        )

    @handles_events("scoring", ["lead.assigned", "visit.submitted", "commitment.created"])
    def on_event(self, event: envelopes.Envelope) -> bool:
        now = self.kernel.clock.now()
        if event.type == "lead.assigned":
            rep_id = envelopes.unpack(event, lead_events_pb2.LeadAssigned).rep_id
            delta = rep_stats.lead_assigned()
        elif event.type == "visit.submitted":
            visit = envelopes.unpack(event, visit_events_pb2.VisitSubmitted)
            rep_id = visit.rep_id
            delta = rep_stats.visit_submitted(from_timestamp(visit.checked_out_at) or now)
        elif event.type == "commitment.created":
            rep_id = envelopes.unpack(event, visit_events_pb2.CommitmentCreated).rep_id
            delta = rep_stats.commitment_created()
        else:
            return False
        return stats.apply(self.kernel.uow, event.tenant_id, rep_id, delta, event.id, now)
