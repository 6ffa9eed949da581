"""V1 with the whole card (visits-b1): a rep's day holds two stores; a submitted card closes
its store's item inside the card's own transaction, a card of a store not on the day counts
as a visit but not as completion, and plan.day_changed carries the exact figures."""

from __future__ import annotations

import uuid

import pymongo

from devstack.frontend import (
    Frontend,
    call,
    import_sheet,
    store_row,
    store_sheet,
    storefront_jpeg,
    todays_plan,
    visit_card,
)
from devstack.sandbox import MONGO
from sales.events.v1 import store_events_pb2
from sales.visits.v1 import plans_pb2
from services.common import envelope as envelopes
from tests.e2e.test_visits_stores_plans import known_to_visits


def day_changes(stack, tenant: str) -> list[store_events_pb2.PlanDayChanged]:
    db = pymongo.MongoClient(MONGO)[f"{stack['SALES_DB_PREFIX']}visits"]
    rows = (
        db["outbox"].find({"tenant_id": tenant, "type": "plan.day_changed"}).sort("created_at", 1)
    )
    payload = store_events_pb2.PlanDayChanged
    return [envelopes.unpack(envelopes.from_json(r["body"]), payload) for r in rows]


def card_for(rep: Frontend, rep_id: str, store_id: str):
    visit_id = str(uuid.uuid4())
    photos = [rep.upload_photo(storefront_jpeg((640, 480)), rep_id, visit_id).photo_id]
    return rep.submit_visit(visit_card(rep_id, store_id, 30.2784, 120.1237, photos, visit_id))


def test_cards_close_plan_items_and_completion_is_exact(platform, org, stack, tenant):
    admin = Frontend(platform.gateway_target, tenant, "admin", ["admin"])
    rep = Frontend(platform.gateway_target, tenant, org["rep"], ["rep"])
    known_to_visits(admin, org["rep"])
    rows = [store_row(i, org["rep"]) for i in range(1, 4)]
    report = import_sheet(admin, "ImportStores", "stores.csv", store_sheet(rows))
    planned, other_planned, unplanned = (r.id for r in report.rows)
    plan = todays_plan(rep)  # whatever the timer made of today, the two stores go on it
    for store_id in (planned, other_planned):
        if not any(i.store_id == store_id for i in plan.items):
            add = plans_pb2.AddPlanItemRequest(store_id=store_id, reason="今天顺路",
                                               expected_version=plan.version)  # fmt: skip
            plan = call(rep, "AddPlanItem", add)
    for item in plan.items:
        if item.store_id == unplanned and item.status == plans_pb2.PLAN_ITEM_STATUS_PENDING:
            drop = plans_pb2.DropPlanItemRequest(item_id=item.item_id, reason="改天再去",
                                                 expected_version=plan.version)  # fmt: skip
            plan = call(rep, "DropPlanItem", drop)
    assert (plan.planned, plan.completed) == (2, 0)

    first = card_for(rep, org["rep"], planned)
    plan = todays_plan(rep)
    done = [i for i in plan.items if i.status == plans_pb2.PLAN_ITEM_STATUS_DONE]
    assert [(i.store_id, i.visit_id) for i in done] == [(planned, first.visit_id)]
    assert (plan.planned, plan.completed) == (2, 1)
    extra = card_for(rep, org["rep"], unplanned)
    plan = todays_plan(rep)
    assert (plan.planned, plan.completed) == (2, 1)  # a visit, not completion
    assert list(plan.unplanned_visit_ids) == [extra.visit_id]
    card_for(rep, org["rep"], other_planned)
    plan = todays_plan(rep)
    assert (plan.planned, plan.completed) == (2, 2)
    last = [c for c in day_changes(stack, tenant) if c.plan_date == plan.plan_date][-1]
    assert (last.planned, last.completed, last.version, last.change) == (
        2, 2, plan.version, "completed"
    )  # fmt: skip
    assert list(last.unplanned_visit_ids) == [extra.visit_id]
