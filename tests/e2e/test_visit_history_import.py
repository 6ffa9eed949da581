"""ImportVisitHistory end to end through the gateway: the tenant's admin brings a card of
40 days ago (past the live path's 30 days, but received then) with its commitment's
closure, its plan day and its rating; the rep then reads the card as any other; the same
import again writes nothing; a rep may not import; the one event carries what the live path
would have published."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import grpc
import pymongo
import pytest

from devstack.frontend import import_sheet, store_row, store_sheet
from devstack.sandbox import MONGO
from sales.common.v1 import types_pb2 as t
from sales.events.v1 import visit_events_pb2 as ev
from sales.visits.v1 import cards_pb2 as v
from sales.visits.v1 import commitments_pb2 as vc
from sales.visits.v1 import history_pb2 as vh
from services.common import envelope as envelopes
from services.common.clock import SHANGHAI
from tests.e2e.test_visits_stores_plans import fronts, known_to_visits  # noqa: F401

DAYS_AGO = 40


def historical(rep_id: str, store_id: str, at: datetime) -> vh.HistoricalCard:
    def stamp(when: datetime) -> v.GpsStamp:
        s = v.GpsStamp()
        s.location.latitude, s.location.longitude, s.location.accuracy_m = 30.27, 120.12, 15
        s.location.datum = t.DATUM_GCJ02
        s.at.FromDatetime(when)
        return s

    due = (at + timedelta(hours=8, days=3)).date().isoformat()
    card = v.SubmitVisitRequest(
        visit_id="7d3c54f0-1111-4a8e-9d7e-0c1f2a3b4c5d", rep_id=rep_id, store_id=store_id,
        check_in=stamp(at), check_out=stamp(at + timedelta(minutes=30)), core_demand="display_support",
        photos=[v.CardPhoto(photo_id="7d3c54f0-2222-4a8e-9d7e-0c1f2a3b4c5d", slot=v.PHOTO_SLOT_STOREFRONT)],
        commitments=[v.CommitmentInput(commitment_id="7d3c54f0-3333-4a8e-9d7e-0c1f2a3b4c5d",
                                       description="下周补齐端架陈列", due_date=due)],
    )  # fmt: skip
    item = vh.HistoricalCard(card=card)
    item.received_at.FromDatetime(at + timedelta(minutes=40))
    closure = vh.HistoricalClosure(commitment_id=card.commitments[0].commitment_id,
                                   status=vc.COMMITMENT_STATUS_DONE)  # fmt: skip
    closure.closed_at.FromDatetime(at + timedelta(days=1))
    item.closures.append(closure)
    return item


def test_history_through_the_gateway(fronts, org, stack, tenant):  # noqa: F811
    admin, rep = fronts["admin"], fronts["rep"]
    known_to_visits(admin, org["rep"])
    report = import_sheet(admin, "ImportStores", "s.csv", store_sheet([store_row(1, org["rep"])]))
    store_id = report.rows[0].id
    at = datetime.now(UTC).replace(microsecond=0, minute=0) - timedelta(days=DAYS_AGO)
    at = at.replace(hour=2)  # 10:00 in Shanghai
    day = at.astimezone(SHANGHAI).date().isoformat()
    item = historical(org["rep"], store_id, at)
    rating = vh.HistoricalRating(visit_id=item.card.visit_id, stars=5)
    rating.rated_at.FromDatetime(at + timedelta(hours=1))
    request = vh.ImportVisitHistoryRequest(
        import_id="move-2026", chunk=1, chunks=1, cards=[item], ratings=[rating],
        plan_days=[vh.HistoricalPlanDay(rep_id=org["rep"], plan_date=day, store_ids=[store_id])],
    )  # fmt: skip
    answer = admin.stub.ImportVisitHistory(request, metadata=admin.metadata, timeout=120)
    assert (answer.visits, answer.closures, answer.plan_days, answer.ratings) == (1, 1, 1, 1)
    assert not answer.replayed
    again = admin.stub.ImportVisitHistory(request, metadata=admin.metadata, timeout=120)
    assert again.replayed and again.visits == 1
    with pytest.raises(grpc.RpcError) as refused:
        rep.stub.ImportVisitHistory(request, metadata=rep.metadata, timeout=30)
    assert refused.value.code() == grpc.StatusCode.PERMISSION_DENIED
    visit = rep.stub.GetVisit(v.GetVisitRequest(visit_id=item.card.visit_id), metadata=rep.metadata)
    assert visit.plan_date == day and visit.store_id == store_id
    db = pymongo.MongoClient(MONGO)[f"{stack['SALES_DB_PREFIX']}visits"]
    rows = list(db["outbox"].find({"tenant_id": tenant, "type": "visit.history_imported"}))
    assert len(rows) == 1
    body = envelopes.unpack(envelopes.from_json(rows[0]["body"]), ev.VisitHistoryImported)
    assert [x.visit_id for x in body.visits] == [item.card.visit_id]
    assert body.commitments_closed[0].on_time and body.ratings[0].stars == 5
    assert body.plans[0].completed == 1
