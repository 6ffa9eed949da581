"""The scoring service's public surface: the figures it answers and the events it reads."""

from __future__ import annotations

from sales.events.v1 import lead_events_pb2, visit_events_pb2
from sales.scoring.v1 import scoring_pb2 as pb
from sales.scoring.v1.scoring_pb2_grpc import ScoringStub
from services.common import envelope as envelopes
from services.common.handling import Outcome, consumed, dispatch
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

    def _apply(self, event, rep_id: str, delta: rep_stats.StatsDelta) -> Outcome:
        now = self.kernel.clock.now()
        return consumed(stats.apply(self.kernel.uow, event.tenant_id, rep_id, delta, event.id, now))

    def _lead_assigned(self, payload: lead_events_pb2.LeadAssigned, event) -> Outcome:
        return self._apply(event, payload.rep_id, rep_stats.lead_assigned())

    def _visit_submitted(self, visit: visit_events_pb2.VisitSubmitted, event) -> Outcome:
        checked_out = from_timestamp(visit.checked_out_at) or self.kernel.clock.now()
        return self._apply(event, visit.rep_id, rep_stats.visit_submitted(checked_out))

    def _commitment_created(self, payload: visit_events_pb2.CommitmentCreated, event) -> Outcome:
        return self._apply(event, payload.rep_id, rep_stats.commitment_created())

    HANDLERS = {
        "lead.assigned": _lead_assigned,
        "visit.submitted": _visit_submitted,
        "commitment.created": _commitment_created,
    }

    @handles_events("scoring", HANDLERS)
    def on_event(self, event: envelopes.Envelope) -> Outcome:
        return dispatch(self.HANDLERS, self, event)
