"""The visits service's public surface: one thin method per RPC, in one section per
capability, the events it reads (one HANDLERS table) and the timers that act on time."""

from __future__ import annotations

import logging
import os

from nameko.timer import timer

from sales.events.v1 import media_events_pb2, org_events_pb2, scoring_events_pb2
from sales.media.v1.media_pb2_grpc import MediaStub
from sales.visits.v1 import (
    approvals_pb2,
    batches_pb2,
    cards_pb2,
    catalogue_pb2,
    commitments_pb2,
    first_visits_pb2,
    history_pb2,
    plans_pb2,
    ratings_pb2,
    returns_pb2,
    settings_pb2,
    sheets_pb2,
    stock_pb2,
    stores_pb2,
)
from sales.visits.v1.visits_pb2_grpc import VisitsStub
from services.common import envelope as envelopes
from services.common.clock import SHANGHAI, to_millis
from services.common.config import Settings
from services.common.handling import Outcome, consumed, dispatch
from services.common.ids import new_id
from services.common.nameko_support.base_service import OutboxRelayMixin
from services.common.nameko_support.dependencies import Kernel
from services.common.nameko_support.event_consumer import handles_events
from services.common.nameko_support.grpc_client import ResilientGrpcProxy
from services.common.nameko_support.grpc_entrypoint import grpc_method
from services.common.proto_time import from_timestamp
from services.common.sheets import read_sheet
from services.visits.adapters.repository import INDEXES, MongoVisitsRepository
from services.visits.adapters.returns_workbook import export_filename, returns_workbook
from services.visits.application import (
    approvals,
    batches,
    cards,
    catalogue,
    commitments,
    first_visits,
    history_imports,
    people,
    plans,
    ratings,
    returns,
    samples,
    settings,
    stock,
    store_imports,
    stores,
)
from services.visits.application.approvals import FinanceActor
from services.visits.domain.approvals import Approval, CreditStanding
from services.visits.domain.batches import ItemOutcome
from services.visits.domain.cards import Card
from services.visits.domain.sheet_rows import RowResult
from services.visits.entrypoints import approvals_mapping as am
from services.visits.entrypoints import (
    batches_mapping,
    card_metrics,
    cards_mapping,
    history_mapping,
)
from services.visits.entrypoints import ratings_mapping as rm
from services.visits.entrypoints import returns_mapping as xm
from services.visits.entrypoints import stock_mapping as sm
from services.visits.entrypoints.card_wiring import collaborators
from services.visits.entrypoints.catalogue_mapping import product_to_pb
from services.visits.entrypoints.commitments_mapping import STATUS_FROM_PB, commitment_to_pb
from services.visits.entrypoints.first_visits_mapping import stats_to_pb
from services.visits.entrypoints.metrics import FIRST_VISIT_OVERDUE, IMPORT_ROWS, PLAN_CHANGES
from services.visits.entrypoints.people_mapping import person_from_pb
from services.visits.entrypoints.plans_mapping import pending_to_pb, plan_to_pb
from services.visits.entrypoints.rating_dependencies import RatingTools
from services.visits.entrypoints.settings_mapping import sections_from_pb, settings_to_pb
from services.visits.entrypoints.sheets_mapping import report_to_pb
from services.visits.entrypoints.stores_mapping import (
    facts_from_update,
    query_from_pb,
    store_from_register,
    store_to_pb,
)

log = logging.getLogger(__name__)
grpc = grpc_method(VisitsStub)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Plans for the coming day and first-visit alerts work on days; tests and demos shorten it.
TIMER_S = float(os.environ.get("SALES_VISITS_TIMER_INTERVAL", "30"))


class VisitsService(OutboxRelayMixin):
    name = "visits"
    kernel = Kernel("visits", INDEXES, MongoVisitsRepository)
    rating_tools = RatingTools()  # visits-b2
    media = ResilientGrpcProxy(f"//{Settings('visits').target('media')}", MediaStub)  # b1

    # --- cards (visits-b1) -------------------------------------------------------------------
    @grpc
    def StartVisit(self, request: cards_pb2.StartVisitRequest, context) -> cards_pb2.VisitPrefill:
        now = self.kernel.clock.now()
        prefill = cards.start_visit(
            self.kernel.uow, collaborators(self.media), request.tenant_id, request.rep_id,
            request.store_id, now,
        )  # fmt: skip
        return cards_mapping.prefill_to_pb(prefill, now)

    @grpc
    def SubmitVisit(self, request: cards_pb2.SubmitVisitRequest, context) -> cards_pb2.Visit:
        draft, wire = cards_mapping.draft_from_request(request)
        now = self.kernel.clock.now()
        card = cards.submit_card(self.kernel.uow, collaborators(self.media), draft, now, wire)
        # a replay answers with the stored card, received at its first submit
        card_metrics.count_card(card, created=card.received_at == to_millis(now))
        return self._visit_pb(card)

    @grpc
    def GetVisit(self, request: cards_pb2.GetVisitRequest, context) -> cards_pb2.Visit:
        return self._visit_pb(cards.get_card(self.kernel.uow, request.tenant_id, request.visit_id))

    @grpc
    def ListVisits(self, request: cards_pb2.ListVisitsRequest, context):
        found, token = cards.list_cards(
            self.kernel.uow, request.tenant_id, request.rep_id, request.page.page_size,
            request.page.page_token,
        )  # fmt: skip
        visits = [self._visit_pb(card) for card in found]
        return cards_pb2.ListVisitsResponse(visits=visits, next_page_token=token)

    def _visit_pb(self, card) -> cards_pb2.Visit:
        today = self.kernel.clock.now().astimezone(SHANGHAI).date()
        repo = self.kernel.uow.repository()
        created = [
            repo.commitments.get(card.tenant_id, c.commitment_id) for c in card.draft.commitments
        ]
        return cards_mapping.visit_to_pb(card, [c for c in created if c], today)

    # --- commitments (visits-b1) -------------------------------------------------------------
    @grpc
    def UpdateCommitment(self, request: commitments_pb2.UpdateCommitmentRequest, context):
        now = self.kernel.clock.now()
        closed = commitments.close_commitment(
            self.kernel.uow, request.tenant_id, request.rep_id, request.commitment_id,
            STATUS_FROM_PB.get(request.status, ""), request.note, request.request_id, now,
        )  # fmt: skip
        return commitment_to_pb(closed, now.astimezone(SHANGHAI).date())

    @grpc
    def ListCommitments(self, request: commitments_pb2.ListCommitmentsRequest, context):
        now = self.kernel.clock.now()
        found, token = commitments.list_for_rep(
            self.kernel.uow, request.tenant_id, request.rep_id, request.only_overdue,
            request.page.page_size, request.page.page_token, now,
        )  # fmt: skip
        today = now.astimezone(SHANGHAI).date()
        return commitments_pb2.ListCommitmentsResponse(
            commitments=[commitment_to_pb(c, today) for c in found], next_page_token=token
        )

    @timer(interval=5.0)
    def remind_overdue_commitments(self) -> None:
        sent = commitments.send_due_reminders(self.kernel.uow, self.kernel.clock.now())
        card_metrics.REMINDERS.inc(sent)
        if sent:
            log.info("overdue commitment reminders sent", extra={"count": sent})

    # --- offline batches (visits-b1) -----------------------------------------------------------
    @grpc
    def SyncBatch(self, request: batches_pb2.SyncBatchRequest, context):
        items, wire = batches_mapping.items_from_request(request)
        now = self.kernel.clock.now()
        results = batches.apply_batch(
            self.kernel.uow, collaborators(self.media), request.tenant_id, request.rep_id,
            items, now, wire,
        )  # fmt: skip
        for result in results:
            card_metrics.BATCH_ITEMS.labels(result.outcome.value).inc()
            if result.outcome is ItemOutcome.APPLIED and isinstance(result.current, Card):
                card_metrics.count_card(result.current, created=True)
        today = now.astimezone(SHANGHAI).date()
        return batches_pb2.SyncBatchResponse(
            results=[batches_mapping.result_to_pb(i, r, today) for i, r in enumerate(results)]
        )

    # --- visit history (history) -----------------------------------------------------------
    @grpc
    def ImportVisitHistory(self, request: history_pb2.ImportVisitHistoryRequest, context):
        summary = history_imports.import_history(
            self.kernel.uow, history_mapping.import_from_request(request),
            self.kernel.clock.now(), new_id,
        )  # fmt: skip
        if not summary.replayed:
            card_metrics.HISTORY_VISITS.inc(summary.visits)
        return history_mapping.summary_to_pb(summary)

    # --- stores (visits-a) -------------------------------------------------------------------
    @grpc
    def RegisterStore(self, request: stores_pb2.RegisterStoreRequest, context) -> stores_pb2.Store:
        store = store_from_register(request, new_id(), self.kernel.clock.now())
        return store_to_pb(stores.register_store(self.kernel.uow, store))

    @grpc
    def UpdateStore(self, request: stores_pb2.UpdateStoreRequest, context) -> stores_pb2.Store:
        store = stores.update_store(
            self.kernel.uow,
            request.tenant_id,
            request.store_id,
            request.expected_version,
            facts_from_update(request),
            request.updated_by,
            self.kernel.clock.now(),
        )
        return store_to_pb(store)

    @grpc
    def GetStore(self, request: stores_pb2.GetStoreRequest, context) -> stores_pb2.Store:
        return store_to_pb(stores.get_store(self.kernel.uow, request.tenant_id, request.store_id))

    @grpc
    def ListStores(self, request: stores_pb2.ListStoresRequest, context):
        found, token = stores.list_stores(
            self.kernel.uow,
            query_from_pb(request),
            request.page.page_size,
            request.page.page_token,
        )
        return stores_pb2.ListStoresResponse(
            stores=[store_to_pb(s) for s in found], next_page_token=token
        )

    @grpc
    def ImportStores(self, request: sheets_pb2.ImportSheetRequest, context):
        sheet = read_sheet(request.filename, request.content)
        results = store_imports.import_stores(
            self.kernel.uow,
            request.tenant_id,
            sheet.header,
            sheet.rows,
            request.imported_by,
            self.kernel.clock.now(),
            new_id,
        )
        return self._report("stores", results)

    def _report(self, kind: str, results: list[RowResult]) -> sheets_pb2.ImportSheetResponse:
        for r in results:
            IMPORT_ROWS.labels(kind, r.status).inc()
        return report_to_pb(results)

    # --- the product catalogue (visits-a) ------------------------------------------------------
    @grpc
    def ImportProducts(self, request: sheets_pb2.ImportSheetRequest, context):
        sheet = read_sheet(request.filename, request.content)
        results = catalogue.import_products(
            self.kernel.uow, request.tenant_id, sheet.header, sheet.rows, self.kernel.clock.now()
        )
        return self._report("products", results)

    @grpc
    def GetProduct(self, request: catalogue_pb2.GetProductRequest, context):
        return product_to_pb(catalogue.get_product(self.kernel.uow, request.tenant_id, request.sku))

    @grpc
    def ListProducts(self, request: catalogue_pb2.ListProductsRequest, context):
        found, token = catalogue.list_products(
            self.kernel.uow,
            request.tenant_id,
            request.include_inactive,
            request.page.page_size,
            request.page.page_token,
        )
        return catalogue_pb2.ListProductsResponse(
            products=[product_to_pb(p) for p in found], next_page_token=token
        )

    # --- visit plans (visits-a) -------------------------------------------------------------
    @grpc
    def GetPlan(self, request: plans_pb2.GetPlanRequest, context) -> plans_pb2.Plan:
        plan = plans.get_plan(
            self.kernel.uow,
            request.tenant_id,
            request.rep_id,
            request.plan_date,
            self.kernel.clock.now(),
        )
        return plan_to_pb(plan)

    @grpc
    def AddPlanItem(self, request: plans_pb2.AddPlanItemRequest, context) -> plans_pb2.Plan:
        r = request
        plan = plans.add_item(self.kernel.uow, r.tenant_id, r.rep_id, r.plan_date, r.store_id,
                              r.position, r.reason, r.expected_version, r.edited_by,
                              self.kernel.clock.now())  # fmt: skip
        PLAN_CHANGES.labels("added").inc()
        return plan_to_pb(plan)

    @grpc
    def DropPlanItem(self, request: plans_pb2.DropPlanItemRequest, context) -> plans_pb2.Plan:
        r = request
        plan = plans.drop_item(self.kernel.uow, r.tenant_id, r.rep_id, r.plan_date, r.item_id,
                               r.reason, r.expected_version, r.edited_by,
                               self.kernel.clock.now())  # fmt: skip
        PLAN_CHANGES.labels("dropped").inc()
        return plan_to_pb(plan)

    @grpc
    def ReorderPlan(self, request: plans_pb2.ReorderPlanRequest, context) -> plans_pb2.Plan:
        r = request
        plan = plans.reorder(self.kernel.uow, r.tenant_id, r.rep_id, r.plan_date,
                             list(r.item_ids), r.reason, r.expected_version, r.edited_by,
                             self.kernel.clock.now())  # fmt: skip
        PLAN_CHANGES.labels("reordered").inc()
        return plan_to_pb(plan)

    @grpc
    def ListPendingVisits(self, request: plans_pb2.ListPendingVisitsRequest, context):
        plan = plans.pending_visits(
            self.kernel.uow, request.tenant_id, request.rep_id, self.kernel.clock.now()
        )
        return pending_to_pb(plan)

    # --- first visits (visits-a) ---------------------------------------------------------------
    @grpc
    def GetFirstVisitStats(self, request: first_visits_pb2.FirstVisitStatsRequest, context):
        now = self.kernel.clock.now()
        found = first_visits.first_visit_stats(
            self.kernel.uow,
            request.tenant_id,
            request.from_date,
            request.to_date,
            list(request.owner_rep_ids),
            request.region_digits,
            now,
        )
        return stats_to_pb(found, now)

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

    # --- approvals (visits-b2) ------------------------------------------------------------
    @grpc
    def ListApprovalQueue(self, request: approvals_pb2.ListApprovalQueueRequest, context):
        regions = None if request.all_regions else list(request.region_codes)
        found, token = approvals.approval_queue(
            self.kernel.uow, request.tenant_id, regions, request.page.page_size,
            request.page.page_token,
        )  # fmt: skip
        return am.approvals_to_pb(found, token, self._rep_names(request.tenant_id, found))

    @grpc
    def ListRepApprovals(self, request: approvals_pb2.ListRepApprovalsRequest, context):
        found, token = approvals.rep_approvals(
            self.kernel.uow, request.tenant_id, request.rep_id, request.page.page_size,
            request.page.page_token,
        )  # fmt: skip
        return am.approvals_to_pb(found, token, self._rep_names(request.tenant_id, found))

    @grpc
    def GetApproval(self, request: approvals_pb2.GetApprovalRequest, context):
        approval = approvals.get_approval(self.kernel.uow, request.tenant_id, request.approval_id)
        return am.approval_to_pb(approval, self._rep_names(request.tenant_id, [approval]))

    @grpc
    def ReviewApproval(self, request: approvals_pb2.ReviewApprovalRequest, context):
        actor = FinanceActor(request.actor_id, tuple(request.actor_region_codes))
        approval = approvals.review(
            self.kernel.uow, request.tenant_id, request.approval_id, actor, request.comment,
            self.kernel.clock.now(),
        )  # fmt: skip
        return am.approval_to_pb(approval, self._rep_names(request.tenant_id, [approval]))

    @grpc
    def DecideApproval(self, request: approvals_pb2.DecideApprovalRequest, context):
        approve = am.decision_from_pb(request.decision)
        actor = FinanceActor(request.actor_id, tuple(request.actor_region_codes))
        approval = approvals.decide(
            self.kernel.uow, request.tenant_id, request.approval_id, actor, approve,
            request.comment, self.kernel.clock.now(),
        )  # fmt: skip
        return am.approval_to_pb(approval, self._rep_names(request.tenant_id, [approval]))

    def _rep_names(self, tenant_id: str, found: list[Approval]) -> dict[str, str]:
        return approvals.rep_names(self.kernel.uow, tenant_id, found)

    # --- stock (visits-b2) ----------------------------------------------------------------
    @grpc
    def ReceiveStock(self, request: stock_pb2.ReceiveStockRequest, context):
        return self._operate(sm.receipt_from_pb(request, self.kernel.clock.now()))

    @grpc
    def AdjustStock(self, request: stock_pb2.AdjustStockRequest, context):
        return self._operate(sm.adjustment_from_pb(request, self.kernel.clock.now()))

    @grpc
    def TransferStock(self, request: stock_pb2.TransferStockRequest, context):
        return self._operate(sm.transfer_from_pb(request, self.kernel.clock.now()))

    def _operate(self, operation) -> stock_pb2.StockOperationResult:
        done, movements = stock.apply_operation(self.kernel.uow, operation)
        return sm.operation_to_pb(done, movements)

    @grpc
    def ListStock(self, request: stock_pb2.ListStockRequest, context):
        location = (
            sm.location_from_pb(request.location, "location")
            if request.HasField("location")
            else None
        )
        levels, products, token = stock.list_stock(
            self.kernel.uow, request.tenant_id, location, request.page.page_size,
            request.page.page_token,
        )  # fmt: skip
        return stock_pb2.ListStockResponse(
            levels=[sm.level_to_pb(s, products.get(s.sku)) for s in levels], next_page_token=token
        )

    @grpc
    def ListStockMovements(self, request: stock_pb2.ListStockMovementsRequest, context):
        location = sm.location_from_pb(request.location, "location")
        moves, token = stock.list_movements(
            self.kernel.uow, request.tenant_id, location, request.sku, request.page.page_size,
            request.page.page_token,
        )  # fmt: skip
        return stock_pb2.ListStockMovementsResponse(
            movements=[sm.movement_to_pb(m) for m in moves], next_page_token=token
        )

    # --- returns (visits-b2) --------------------------------------------------------------
    @grpc
    def AnalyseReturns(self, request: returns_pb2.AnalyseReturnsRequest, context):
        query = xm.query_from_pb(request)
        groups = returns.analyse(self.kernel.uow, query)
        return xm.analysis_to_pb(groups, self._products(query.tenant_id, groups))

    @grpc
    def ExportReturns(self, request: returns_pb2.AnalyseReturnsRequest, context):
        query = xm.query_from_pb(request)
        groups = returns.analyse(self.kernel.uow, query)
        content = returns_workbook(query, groups, self._products(query.tenant_id, groups))
        return returns_pb2.ExportReturnsResponse(
            filename=export_filename(query), content=content, content_type=XLSX
        )

    def _products(self, tenant_id: str, groups) -> dict:
        skus = sorted({g.sku for g in groups})
        return self.kernel.uow.repository().products.get_many(tenant_id, skus)

    # --- ratings (visits-b2) --------------------------------------------------------------
    @grpc
    def IssueRatingCode(self, request: ratings_pb2.IssueRatingCodeRequest, context):
        kit = self.rating_tools
        code = ratings.issue_code(
            self.kernel.uow, kit.tokens, kit.qr, request.tenant_id, request.visit_id,
            request.rep_id, request.actor_id, self.kernel.clock.now(),
        )  # fmt: skip
        return rm.code_to_pb(request.visit_id, code)

    @grpc
    def RateVisit(self, request: ratings_pb2.RateVisitRequest, context):
        rating = ratings.rate_visit(
            self.kernel.uow, self.rating_tools.tokens, request.token, request.stars,
            request.comment, self.kernel.clock.now(),
        )  # fmt: skip
        return rm.rating_to_pb(rating)

    @grpc
    def GetRepSatisfaction(self, request: ratings_pb2.GetRepSatisfactionRequest, context):
        week = rm.week_of(request.week, self.kernel.clock.now())
        found = ratings.weekly_satisfaction(
            self.kernel.uow, request.tenant_id, request.rep_id, week
        )
        return rm.satisfaction_to_pb(found)

    # --- events ---------------------------------------------------------------------------------
    def _person_upserted(self, payload: org_events_pb2.PersonUpserted, event) -> Outcome:
        person = person_from_pb(payload.person, from_timestamp(event.occurred_at))
        return consumed(people.upsert_person(self.kernel.uow, person, event.id))

    def _score_crossed(self, payload: scoring_events_pb2.ScoreThresholdCrossed, event) -> Outcome:
        if payload.score != "data_credit":
            return Outcome.IGNORED
        as_of = from_timestamp(event.occurred_at) or self.kernel.clock.now()
        standing = CreditStanding(
            event.tenant_id, payload.rep_id, payload.current, payload.period, as_of
        )
        return consumed(approvals.record_credit(self.kernel.uow, event.id, standing))

    def _photo_stored(self, payload: media_events_pb2.PhotoStored, event) -> Outcome:
        linked = cards.link_photo(
            self.kernel.uow, event.tenant_id, payload.photo_id, payload.rep_id, event.id
        )
        return consumed(linked)

    HANDLERS = {
        "org.person.upserted": _person_upserted,  # visits-a: the people read model
        "score.threshold_crossed": _score_crossed,  # visits-b2: the green channel's credit
        "photo.stored": _photo_stored,  # visits-b1: photos an offline card named before upload
    }

    @handles_events("visits", HANDLERS)
    def on_event(self, event: envelopes.Envelope) -> Outcome:
        return dispatch(self.HANDLERS, self, event)

    # --- timers ---------------------------------------------------------------------------
    @timer(interval=2.0)
    def reconcile_sample_holds(self) -> None:
        given_back = samples.reconcile_holds(self.kernel.uow.repository(), self.kernel.clock.now())
        if given_back:
            log.warning("sample holds given back", extra={"count": given_back})

    @timer(interval=TIMER_S)
    def plan_coming_days(self) -> None:
        made = plans.plan_coming_days(self.kernel.uow, self.kernel.clock.now())
        if made:
            PLAN_CHANGES.labels("generated").inc(made)
            log.info("day plans generated", extra={"count": made})

    @timer(interval=TIMER_S)
    def alert_overdue_first_visits(self) -> None:
        alerted = first_visits.alert_overdue_first_visits(self.kernel.uow, self.kernel.clock.now())
        if alerted:
            FIRST_VISIT_OVERDUE.inc(alerted)
            log.info("first visits overdue", extra={"count": alerted})
