"""The orders capability's nameko surface (SPEC S5, S6): the ScoringOrders gRPC service and
the events it reads, as a mixin of the scoring service (ADR 031).

It shares the scoring process and its gRPC port (nameko-grpc routes by method path, so a
second proto service on the same server costs nothing), but has its own queue
`scoring_orders.events` and its own database: visit.submitted reaches both this queue and
scoring's, and each must be consumed once in its own inbox.
"""

from __future__ import annotations

import logging

from sales.events.v1 import erp_events_pb2, store_events_pb2, visit_events_pb2
from sales.scoring.v1 import orders_pb2 as pb
from sales.scoring.v1.orders_pb2_grpc import ScoringOrdersStub
from services.common import envelope as envelopes
from services.common.handling import Outcome, consumed, dispatch
from services.common.nameko_support.dependencies import Kernel
from services.common.nameko_support.event_consumer import handles_events
from services.common.nameko_support.grpc_entrypoint import grpc_method
from services.scoring.adapters.orders_repository import INDEXES, MongoOrdersRepository
from services.scoring.application import attribution, forecast, orders
from services.scoring.entrypoints import orders_mapping as mapping

log = logging.getLogger(__name__)
grpc = grpc_method(ScoringOrdersStub)
ORDERS_QUEUE = "scoring_orders"
FORECASTS = forecast.ForecastCache()  # per process; keyed by the question and order count


class ScoringOrdersMixin:
    orders_kernel = Kernel(ORDERS_QUEUE, INDEXES, MongoOrdersRepository)

    def queue_names(self) -> list[str]:
        own = [
            f"{ORDERS_QUEUE}.events",
            f"{ORDERS_QUEUE}.events.retry",
            f"{ORDERS_QUEUE}.events.dlq",
        ]
        return [*super().queue_names(), *own]  # type: ignore[misc]  # OutboxRelayMixin's

    @grpc
    def RecordOrders(self, request: pb.RecordOrdersRequest, context) -> pb.RecordOrdersResponse:
        rows = [mapping.order_in(request.tenant_id, o, "backfill") for o in request.orders]
        return mapping.batch_out(
            orders.record_batch(self.orders_kernel.uow, request.tenant_id, rows)
        )

    @grpc
    def ExplainRegionRevenue(self, request: pb.ExplainRegionRevenueRequest, context):
        question = attribution.Question(
            tenant_id=request.tenant_id, region_code=request.region_code,
            first_day=request.first_day, last_day=request.last_day,
            page_size=request.page.page_size, page_token=request.page.page_token,
            rep_ids=tuple(request.rep_ids),
        )  # fmt: skip
        answer = attribution.explain_region(self.orders_kernel.uow, question, self._rep_names)
        return mapping.explanation_out(answer)

    def _rep_names(self, tenant_id: str, rep_ids: list[str]) -> dict[str, str]:
        # The directory lives in scoring's own database (org.person.upserted): one $in read.
        people = self.kernel.uow.repository().people(tenant_id, rep_ids)  # type: ignore[attr-defined]
        return {pid: p.name for pid, p in people.items() if p.name}

    @grpc
    def ForecastRevenue(self, request: pb.ForecastRevenueRequest, context) -> pb.RevenueForecast:
        question, problems = mapping.forecast_in(request)
        problems.raise_if_any()
        return mapping.forecast_out(forecast.forecast(self.orders_kernel.uow, question, FORECASTS))

    @grpc
    def GetAttributionSettings(self, request, context) -> pb.AttributionSettings:
        days = orders.get_window(self.orders_kernel.uow, request.tenant_id)
        return pb.AttributionSettings(tenant_id=request.tenant_id, window_days=days)

    @grpc
    def UpdateAttributionSettings(self, request: pb.AttributionSettings, context):
        days = orders.set_window(self.orders_kernel.uow, request.tenant_id, request.window_days)
        return pb.AttributionSettings(tenant_id=request.tenant_id, window_days=days)

    def _order_recorded(self, payload: erp_events_pb2.ErpOrderRecorded, event) -> Outcome:
        order, problems = mapping.order_in(event.tenant_id, payload, "event")
        # A partner's malformed order raises: retried, then dead-lettered with the reason
        # (the event consumer), never half-kept.
        problems.raise_if_any()
        return consumed(orders.record_event(self.orders_kernel.uow, order, event.id))

    def _store_seen(self, payload: store_events_pb2.StoreRegistered, event) -> Outcome:
        store = mapping.store_in(event.tenant_id, payload.store)
        return consumed(orders.store_seen(self.orders_kernel.uow, store, event.id))

    def _stores_imported(self, payload: store_events_pb2.StoreImported, event) -> Outcome:
        stores = [mapping.store_in(event.tenant_id, item.store) for item in payload.stores]
        uow = self.orders_kernel.uow
        return consumed(orders.stores_seen(uow, event.tenant_id, stores, event.id))

    def _visit_submitted(self, payload: visit_events_pb2.VisitSubmitted, event) -> Outcome:
        visit = mapping.visit_in(event.tenant_id, payload)
        if visit is None:
            return Outcome.IGNORED
        return consumed(orders.visit_seen(self.orders_kernel.uow, visit, event.id))

    def _history(self, payload: visit_events_pb2.VisitHistoryImported, event) -> Outcome:
        found = [mapping.visit_in(event.tenant_id, v) for v in payload.visits]
        visits = [v for v in found if v is not None]
        uow = self.orders_kernel.uow
        return consumed(orders.visits_seen(uow, event.tenant_id, visits, event.id))

    ORDER_HANDLERS = {
        "erp.order.recorded": _order_recorded,
        "store.registered": _store_seen,
        "store.updated": _store_seen,
        "store.imported": _stores_imported,  # an import's chunk in bulk (ADR 042)
        "visit.submitted": _visit_submitted,
        "visit.history_imported": _history,
    }

    @handles_events(ORDERS_QUEUE, ORDER_HANDLERS)
    def on_order_event(self, event: envelopes.Envelope) -> Outcome:
        return dispatch(self.ORDER_HANDLERS, self, event)
