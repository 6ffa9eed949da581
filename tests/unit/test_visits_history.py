"""ImportVisitHistory's use case on fakes: the live card's rules, history's own (received
time, closures at their own time, past plan days, ratings), one transaction and one event
per call, idempotent by import id, nothing written when any item is wrong."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from sales.events.v1 import visit_events_pb2 as ev
from services.common.clock import FixedClock
from services.common.errors import AlreadyExists, InvalidArgument
from services.common.ids import new_id
from services.visits.application.history_imports import import_history
from services.visits.domain.cards import NewCommitment
from services.visits.domain.history import (
    Closure,
    HistoricalCard,
    HistoricalPlanDay,
    HistoricalRating,
    HistoryImport,
)
from tests.unit.visits_builders import CHECK_IN_AT, REP, TENANT, World, draft, stamp, store, uid

# The history is 60 days old: far past the live card's 30 days, which count from receipt.
DAYS_AGO = 60
NOW = CHECK_IN_AT + timedelta(days=DAYS_AGO)


@pytest.fixture
def world() -> World:
    w = World()
    w.clock = FixedClock(NOW)
    w.uow.clock = w.clock
    w.repo.stores.add_many([store(store_id="store-2", external_id="ERP-2", name="华润万家")])
    return w


def old_card(store_id: str = "store-1", minutes: int = 0, due_days: int = 3, **changes):
    at = CHECK_IN_AT + timedelta(minutes=minutes)
    due = (at + timedelta(hours=8, days=due_days)).date()
    return draft(
        store_id=store_id, check_in=stamp(at), check_out=stamp(at + timedelta(minutes=25)),
        commitments=(NewCommitment(uid(), "下周三前补齐端架陈列物料", due),), **changes,
    )  # fmt: skip


def request(cards, plan_days=(), ratings=(), import_id="imp-1") -> HistoryImport:
    return HistoryImport(TENANT, import_id, 1, 1, tuple(cards), tuple(plan_days), tuple(ratings))


def run(world: World, req: HistoryImport):
    return import_history(world.uow, req, NOW, new_id)


def test_sixty_day_old_cards_closures_plans_and_ratings_in_one_event(world):
    a, b = old_card(), old_card("store-2", minutes=90)
    closed_late = CHECK_IN_AT + timedelta(days=5)  # due in 3 days: late
    cards = [
        HistoricalCard(a, None, (Closure(a.commitments[0].commitment_id, "done", CHECK_IN_AT + timedelta(days=1)),)),
        HistoricalCard(b, None, (Closure(b.commitments[0].commitment_id, "done", closed_late),)),
    ]  # fmt: skip
    day = HistoricalPlanDay(REP, "2026-12-02", ("store-1",))
    rating = HistoricalRating(a.visit_id, 5, "服务周到", CHECK_IN_AT + timedelta(hours=1))
    summary = run(world, request(cards, [day], [rating]))
    assert (
        summary.visits,
        summary.commitments,
        summary.closures,
        summary.plan_days,
        summary.ratings,
    ) == (2, 2, 2, 1, 1)
    assert world.uow.runs == 1 and len(world.uow.published) == 1
    event = world.uow.published[0]
    assert event.type == "visit.history_imported"
    body = ev.VisitHistoryImported()
    event.payload.Unpack(body)
    assert [v.visit_id for v in body.visits] == [a.visit_id, b.visit_id]
    planned = {v.visit_id: v.plan_item_id for v in body.visits}
    assert planned[a.visit_id] and not planned[b.visit_id]  # store-2 was not planned: unplanned
    assert body.plans[0].completed == 1 and body.plans[0].unplanned_visit_ids == [b.visit_id]
    on_time = {c.visit_id: c.on_time for c in body.commitments_closed}
    assert on_time == {a.visit_id: True, b.visit_id: False}
    assert body.ratings[0].stars == 5 and body.ratings[0].week == "2026-W49"
    assert body.visits[0].submit_delay_seconds == 0  # received at check-out
    stored = world.repo.stores.get(TENANT, "store-2")
    assert stored.last_visit_id == b.visit_id and body.visits[1].first_visit_of_store


def test_the_same_import_again_answers_the_summary_and_writes_nothing(world):
    req = request([HistoricalCard(old_card(), None)])
    first = run(world, req)
    again = run(world, req)
    assert again.replayed and again.visits == first.visits == 1
    assert world.uow.runs == 1 and len(world.uow.published) == 1
    other = request([HistoricalCard(old_card(), None)])  # other content, same id
    with pytest.raises(AlreadyExists):
        run(world, other)


def test_one_bad_item_refuses_the_whole_call_naming_its_index_and_field(world):
    good = HistoricalCard(old_card(), None)
    no_photos = HistoricalCard(old_card(minutes=60, photos=()), None)
    unknown_store = HistoricalCard(old_card("nowhere", minutes=120), None)
    with pytest.raises(InvalidArgument) as refused:
        run(world, request([good, no_photos, unknown_store]))
    fields = {v.field for v in refused.value.violations}
    assert {"cards[1].card.photos", "cards[2].card.store_id"} <= fields
    assert not world.repo.cards.cards and not world.uow.published and world.uow.runs == 0


def test_history_keeps_the_live_rules_on_its_own_times(world):
    late = old_card()
    # received 31 days after check-in: the live 30-day rule, counted from the receipt
    stale = HistoricalCard(late, CHECK_IN_AT + timedelta(days=31))
    future = HistoricalCard(old_card(minutes=60), NOW + timedelta(hours=1))
    c = old_card(minutes=120)
    early_close = HistoricalCard(c, None, (Closure(c.commitments[0].commitment_id, "done", CHECK_IN_AT - timedelta(days=1)),))  # fmt: skip
    with pytest.raises(InvalidArgument) as refused:
        run(
            world,
            request([stale, future, early_close], ratings=[HistoricalRating(uid(), 6, "", NOW)]),
        )
    fields = {v.field for v in refused.value.violations}
    assert {"cards[0].card.check_in.at", "cards[1].received_at", "cards[2].closures[0].closed_at",
            "ratings[0].visit_id", "ratings[0].stars"} <= fields  # fmt: skip


def test_ids_already_stored_and_history_only_limits_are_refused(world):
    first = old_card()
    run(world, request([HistoricalCard(first, None)]))
    again = HistoricalCard(replace(old_card(minutes=30), visit_id=first.visit_id), None)
    priced = HistoricalCard(old_card(minutes=60, special_price_requested=True), None)
    today = HistoricalPlanDay(REP, NOW.date().isoformat(), ("store-1",))
    with pytest.raises(InvalidArgument) as refused:
        run(world, request([again, priced], [today], import_id="imp-2"))
    fields = {v.field for v in refused.value.violations}
    assert {"cards[0].card.visit_id", "cards[1].card.special_price_requested",
            "plan_days[0].plan_date"} <= fields  # fmt: skip
