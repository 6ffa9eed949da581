"""The scoring service's public surface: the figures it answers and the events it reads.

S1 PHI, S2 data credit, S3 the heatmap and S4 the rep dashboard (issue 10) are built from
raw facts that the HANDLERS below store (application/ingest.py); every answer reads the
rep-month aggregates or the facts (application/figures.py, dashboard.py)."""

from __future__ import annotations

import time

from sales.events.v1 import (
    lead_events_pb2,
    media_events_pb2,
    org_events_pb2,
    store_events_pb2,
    visit_events_pb2,
)
from sales.scoring.v1 import scoring_pb2 as pb
from sales.scoring.v1.scoring_pb2_grpc import ScoringStub
from services.common import envelope as envelopes
from services.common import paging
from services.common.errors import InvalidArgument
from services.common.handling import Outcome, consumed, dispatch
from services.common.nameko_support.base_service import OutboxRelayMixin
from services.common.nameko_support.dependencies import Kernel
from services.common.nameko_support.event_consumer import handles_events
from services.common.nameko_support.grpc_entrypoint import grpc_method
from services.common.proto_time import from_timestamp, to_timestamp
from services.scoring.adapters.repository import INDEXES, MongoScoringRepository
from services.scoring.application import (
    dashboard,
    figures,
    history,
    ingest,
    rebuild,
    settings,
    stats,
)
from services.scoring.application.ports import Page
from services.scoring.domain import credit, rep_stats
from services.scoring.domain.periods import local_date, parse_day, parse_month
from services.scoring.entrypoints import event_facts as facts
from services.scoring.entrypoints import history_facts, mapping

grpc = grpc_method(ScoringStub)
REUSED = "reused"  # the one photo.flagged reason that costs data credit (SPEC S2)


def _required(field: str, value: str) -> str:
    if not value:
        raise InvalidArgument.of_field(field, "必须填写")
    return value


def _page(request_page) -> Page:
    after, limit = paging.decode(request_page.page_size, request_page.page_token)
    return Page(after, limit)


def _token(key: str) -> str:
    return paging.page([key, key], 1, lambda k: k)[1] if key else ""


class ScoringService(OutboxRelayMixin):
    name = "scoring"
    kernel = Kernel("scoring", INDEXES, MongoScoringRepository)

    def _today(self):
        return local_date(self.kernel.clock.now())

    def _repo(self):
        return self.kernel.uow.repository()

    # --- S1 / S2 / S3 / S4 ---------------------------------------------------------------------
    @grpc
    def GetPhi(self, request: pb.GetPhiRequest, context) -> pb.Phi:
        tenant = _required("tenant_id", request.tenant_id)
        period = mapping.period(request.period, self._today())
        scope = mapping.scope(request.scope)
        return mapping.phi_pb(figures.phi(self._repo(), tenant, scope, request.scope_id, period))

    @grpc
    def GetPhiSeries(self, request: pb.GetPhiSeriesRequest, context) -> pb.PhiSeries:
        tenant = _required("tenant_id", request.tenant_id)
        periods = mapping.periods(request, self._today())
        scope = mapping.scope(request.scope)
        points = figures.phi_series(self._repo(), tenant, scope, request.scope_id, periods)
        return mapping.series_pb(points)

    @grpc
    def GetDataCredit(self, request: pb.GetDataCreditRequest, context) -> pb.DataCredit:
        tenant = _required("tenant_id", request.tenant_id)
        month = parse_month(request.month, "month", self._today())
        return mapping.credit_pb(figures.data_credit(self._repo(), tenant, request.rep_id, month))

    @grpc
    def ListCreditDeductions(self, request: pb.ListCreditDeductionsRequest, context):
        tenant, rep = _required("tenant_id", request.tenant_id), _required("rep_id", request.rep_id)
        month = parse_month(request.month, "month", self._today())
        lines, cursor = figures.deductions(self._repo(), tenant, rep, month, _page(request.page))
        return pb.ListCreditDeductionsResponse(
            deductions=[mapping.deduction_pb(x) for x in lines], next_page_token=_token(cursor)
        )

    @grpc
    def ListPriorityReps(self, request: pb.ListPriorityRepsRequest, context):
        tenant = _required("tenant_id", request.tenant_id)
        month = parse_month(request.month, "month", self._today())
        found = figures.priority_reps(self._repo(), tenant, month)
        if request.team_id:
            found = [(p, f) for p, f in found if p.team_id == request.team_id]
        return pb.ListPriorityRepsResponse(
            month=month, reps=[mapping.priority_pb(p, f) for p, f in found]
        )

    @grpc
    def GetTeamHeatmap(self, request: pb.GetTeamHeatmapRequest, context) -> pb.TeamHeatmap:
        tenant = _required("tenant_id", request.tenant_id)
        period = mapping.period(request.period, self._today())
        rows = figures.team_heatmap(self._repo(), tenant, request.team_id, period)
        return mapping.heatmap_pb(request.team_id, period, rows)

    @grpc
    def GetRepDashboard(self, request: pb.GetRepDashboardRequest, context) -> pb.RepDashboard:
        tenant, rep = _required("tenant_id", request.tenant_id), _required("rep_id", request.rep_id)
        today = parse_day(request.date, "date", self._today())
        return mapping.dashboard_pb(dashboard.rep_dashboard(self._repo(), tenant, rep, today))

    @grpc
    def ListDashboardRecords(self, request: pb.ListDashboardRecordsRequest, context):
        tenant, rep = _required("tenant_id", request.tenant_id), _required("rep_id", request.rep_id)
        kind = mapping.figure(request.figure)
        today = parse_day(request.date, "date", self._today())
        found, cursor = dashboard.records(
            self._repo(), tenant, rep, kind, today, _page(request.page)
        )
        return pb.ListDashboardRecordsResponse(
            records=[mapping.record_pb(r) for r in found], next_page_token=_token(cursor)
        )

    @grpc
    def RebuildScores(self, request: pb.RebuildScoresRequest, context):
        started = time.perf_counter()
        report = rebuild.rebuild(self.kernel.uow, _required("tenant_id", request.tenant_id))
        return pb.RebuildScoresResponse(
            facts=report.facts, months_checked=report.months_checked,
            months_repaired=report.months_repaired, seconds=time.perf_counter() - started,
        )  # fmt: skip

    @grpc
    def GetScoringSettings(self, request: pb.GetScoringSettingsRequest, context):
        tenant = _required("tenant_id", request.tenant_id)
        return mapping.settings_pb(settings.get_settings(self.kernel.uow, tenant))

    @grpc
    def UpdateScoringSettings(self, request: pb.UpdateScoringSettingsRequest, context):
        _required("tenant_id", request.tenant_id)
        wanted = mapping.settings_from(request)
        now = self.kernel.clock.now()
        hours = request.lateness_window_hours if request.HasField("lateness_window_hours") else None
        saved = settings.update_settings(
            self.kernel.uow, wanted, request.expected_version, request.actor_id, now, hours
        )
        return mapping.settings_pb(saved)

    # --- the first slice's running figures -------------------------------------------------------
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

    # --- events --------------------------------------------------------------------------------
    def _at(self, event):
        return from_timestamp(event.occurred_at) or self.kernel.clock.now()

    def _person(self, payload: org_events_pb2.PersonUpserted, event) -> Outcome:
        person = facts.person(payload.person, self._at(event))
        if person.tenant_id != event.tenant_id:
            return Outcome.IGNORED
        return consumed(ingest.record_person(self.kernel.uow, event.id, person))

    def _lead_assigned(self, payload: lead_events_pb2.LeadAssigned, event) -> Outcome:
        fact = facts.lead_assigned(event.tenant_id, payload, self._at(event))
        also = self._counting(event, payload.rep_id, rep_stats.lead_assigned())
        return consumed(ingest.record_lead(self.kernel.uow, event.id, fact, also))

    def _lead_responded(self, payload: lead_events_pb2.LeadResponded, event) -> Outcome:
        fact = facts.lead_responded(event.tenant_id, payload, self._at(event))
        return consumed(ingest.record_lead(self.kernel.uow, event.id, fact))

    def _lead_breached(self, payload: lead_events_pb2.LeadSlaBreached, event) -> Outcome:
        fact = facts.lead_breached(event.tenant_id, payload, self._at(event))
        return consumed(ingest.record_lead(self.kernel.uow, event.id, fact))

    def _plan_day(self, payload: store_events_pb2.PlanDayChanged, event) -> Outcome:
        fact = facts.plan_day(event.tenant_id, payload)
        return consumed(ingest.record_plan(self.kernel.uow, event.id, fact))

    def _visit_submitted(self, visit: visit_events_pb2.VisitSubmitted, event) -> Outcome:
        checked_out = from_timestamp(visit.checked_out_at) or self.kernel.clock.now()
        also = self._counting(
            event, visit.rep_id, rep_stats.visit_submitted(visit.visit_id, checked_out)
        )
        fact = facts.visit(event.tenant_id, visit, self._at(event))
        return consumed(ingest.record_visit(self.kernel.uow, event.id, fact, also))

    def _photo_flagged(self, payload: media_events_pb2.PhotoFlagged, event) -> Outcome:
        if payload.reason != REUSED:
            return Outcome.IGNORED
        fact = credit.photo_fact(facts.reused_photo(event.tenant_id, payload, self._at(event)))
        return consumed(ingest.record_credit_fact(self.kernel.uow, event.id, event.tenant_id, fact))

    def _commitment_created(self, payload: visit_events_pb2.CommitmentCreated, event) -> Outcome:
        fact = facts.commitment_created(event.tenant_id, payload)
        also = self._counting(
            event, payload.rep_id, rep_stats.commitment_created(payload.commitment_id)
        )
        return consumed(ingest.record_commitment(self.kernel.uow, event.id, fact, also))

    def _commitment_closed(self, payload: visit_events_pb2.CommitmentClosed, event) -> Outcome:
        fact = facts.commitment_closed(event.tenant_id, payload, self._at(event))
        return consumed(ingest.record_commitment(self.kernel.uow, event.id, fact))

    def _commitment_overdue(self, payload: visit_events_pb2.CommitmentOverdue, event) -> Outcome:
        fact = facts.commitment_overdue(event.tenant_id, payload)
        return consumed(ingest.record_commitment(self.kernel.uow, event.id, fact))

    def _visit_rated(self, payload: visit_events_pb2.VisitRated, event) -> Outcome:
        fact = facts.rating(event.tenant_id, payload, self._at(event))
        return consumed(ingest.record_rating(self.kernel.uow, event.id, fact))

    def _history(self, payload: visit_events_pb2.VisitHistoryImported, event) -> Outcome:
        chunk = history_facts.chunk(event.tenant_id, payload, self._at(event))
        now = self.kernel.clock.now()
        return consumed(history.record_history(self.kernel.uow, event.id, chunk, now))

    def _counting(self, event, rep_id: str, delta: rep_stats.StatsDelta):
        """The first slice's rep counters, in the same transaction as the event's facts."""
        return stats.counting(event.tenant_id, rep_id, delta, self.kernel.clock.now())

    HANDLERS = {
        "org.person.upserted": _person,
        "lead.assigned": _lead_assigned,
        "lead.accepted": _lead_responded,
        "lead.declined": _lead_responded,
        "lead.sla_breached": _lead_breached,
        "plan.day_changed": _plan_day,
        "visit.submitted": _visit_submitted,
        "photo.flagged": _photo_flagged,
        "commitment.created": _commitment_created,
        "commitment.closed": _commitment_closed,
        "commitment.overdue": _commitment_overdue,
        "visit.rated": _visit_rated,
        "visit.history_imported": _history,
    }

    @handles_events("scoring", HANDLERS)
    def on_event(self, event: envelopes.Envelope) -> Outcome:
        return dispatch(self.HANDLERS, self, event)
