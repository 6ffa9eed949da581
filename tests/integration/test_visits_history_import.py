"""ImportVisitHistory on the real MongoDB-wire server: one transaction and one
visit.history_imported per call, stored as the live card path stores (the cards read back
through the card repository), idempotent by import id, nothing written on a bad item."""

from __future__ import annotations

from datetime import timedelta

import pytest

from sales.events.v1 import visit_events_pb2 as ev
from services.common.clock import FixedClock
from services.common.errors import InvalidArgument
from services.common.ids import new_id
from services.visits.application.history_imports import import_history
from services.visits.domain.history import (
    Closure,
    HistoricalCard,
    HistoricalPlanDay,
    HistoricalRating,
    HistoryImport,
)
from services.visits.domain.people import Person
from tests.integration.visits_world import World
from tests.unit.test_visits_history import old_card
from tests.unit.visits_builders import CHECK_IN_AT, REP, TENANT, store

NOW = CHECK_IN_AT + timedelta(days=60)


@pytest.fixture
def world():
    w = World(FixedClock(NOW))
    repo = w.repo()
    repo.stores.add_many([store(), store(store_id="store-2", external_id="ERP-2", name="华润万家")])
    repo.people.upsert(Person(TENANT, REP, "李业务", frozenset({"rep"}), supervisor_id="sup-1"))
    yield w
    w.drop()


def a_call(import_id: str = "imp-1", cards=None):
    a = old_card()
    cards = cards or [
        HistoricalCard(a, None, (Closure(a.commitments[0].commitment_id, "done", CHECK_IN_AT + timedelta(days=1)),)),
        HistoricalCard(old_card("store-2", minutes=90), None),
    ]  # fmt: skip
    rating = HistoricalRating(cards[0].draft.visit_id, 4, "", CHECK_IN_AT + timedelta(hours=1))
    day = HistoricalPlanDay(REP, "2026-12-02", ("store-1", "store-2"))
    return HistoryImport(TENANT, import_id, 1, 1, tuple(cards), (day,), (rating,))


def test_one_call_is_stored_whole_with_one_event_and_replays_as_the_same_summary(world):
    call = a_call()
    summary = import_history(world.uow(), call, NOW, new_id)
    assert (summary.visits, summary.closures, summary.plan_days, summary.ratings) == (2, 1, 1, 1)
    repo = world.repo()
    first = repo.cards.get(TENANT, call.cards[0].draft.visit_id)
    assert first is not None and first.plan_item_id and first.pending_photo_ids
    closed = repo.commitments.get(TENANT, call.cards[0].draft.commitments[0].commitment_id)
    assert closed.status.value == "done" and closed.on_time
    plan = repo.plans.get(TENANT, REP, CHECK_IN_AT.date())
    assert plan is not None and plan.completed == 2 and plan.planned == 2
    assert repo.ratings.of_visit(TENANT, first.visit_id).stars == 4
    assert repo.stores.get(TENANT, "store-2").last_visit_id == call.cards[1].draft.visit_id
    assert world.published_types() == ["visit.history_imported"]
    body = ev.VisitHistoryImported()
    world.published[0].payload.Unpack(body)
    assert (
        body.import_id == "imp-1" and len(body.visits) == 2 and len(body.commitments_created) == 2
    )
    assert body.visits[0].supervisor_id == "sup-1" and body.plans[0].completed == 2
    again = import_history(world.uow(), call, NOW, new_id)
    assert again.replayed and again.visits == 2
    assert world.published_types() == ["visit.history_imported"]  # nothing more written
    assert world.db["cards"].count_documents({}) == 2


def test_a_bad_item_leaves_nothing_written(world):
    good = HistoricalCard(old_card(), None)
    unknown = HistoricalCard(old_card("nowhere", minutes=60), None)
    with pytest.raises(InvalidArgument) as refused:
        import_history(world.uow(), a_call(cards=[good, unknown]), NOW, new_id)
    assert "cards[1].card.store_id" in {v.field for v in refused.value.violations}
    for collection in ("cards", "commitments", "plans", "ratings", "history_imports", "outbox"):
        assert world.db[collection].count_documents({}) == 0, collection
