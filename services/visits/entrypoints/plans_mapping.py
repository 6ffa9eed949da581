"""plans.proto <-> PlanDay."""

from __future__ import annotations

from sales.visits.v1 import plans_pb2 as pb
from services.common.proto_time import to_timestamp
from services.visits.application.event_payloads import CUSTOMER_TYPE_TO_PB, point_to_pb
from services.visits.domain.plans import DONE, DROPPED, PENDING, PlanDay, PlanItem

STATUS_TO_PB = {
    PENDING: pb.PLAN_ITEM_STATUS_PENDING,
    DONE: pb.PLAN_ITEM_STATUS_DONE,
    DROPPED: pb.PLAN_ITEM_STATUS_DROPPED,
}


def item_to_pb(i: PlanItem) -> pb.PlanItem:
    return pb.PlanItem(
        item_id=i.item_id,
        store_id=i.store_id,
        store_name=i.store_name,
        customer_class=CUSTOMER_TYPE_TO_PB.get(i.customer_class, 0),
        address=i.address,
        position=i.position,
        status=STATUS_TO_PB[i.status],
        origin=i.origin,
        overdue_days=i.overdue_days,
        last_visited_on=i.last_visited_on.isoformat() if i.last_visited_on else "",
        visit_id=i.visit_id,
        reason=i.reason,
        location=point_to_pb(i.location),
    )


def plan_to_pb(plan: PlanDay) -> pb.Plan:
    return pb.Plan(
        tenant_id=plan.tenant_id,
        rep_id=plan.rep_id,
        plan_date=plan.plan_date.isoformat(),
        items=[item_to_pb(i) for i in plan.items],
        planned=plan.planned,
        completed=plan.completed,
        version=plan.version,
        history=[
            pb.PlanEdit(
                at=to_timestamp(e.at),
                by=e.by,
                change=e.change,
                item_id=e.item_id,
                store_id=e.store_id,
                reason=e.reason,
                text=e.text,
            )
            for e in plan.history
        ],
        unplanned_visit_ids=plan.unplanned_visit_ids,
        generated_at=to_timestamp(plan.generated_at),
        stored=plan.stored,
    )


def pending_to_pb(plan: PlanDay) -> pb.PendingVisits:
    return pb.PendingVisits(
        rep_id=plan.rep_id,
        plan_date=plan.plan_date.isoformat(),
        items=[item_to_pb(i) for i in plan.pending()],
        planned=plan.planned,
        completed=plan.completed,
    )
