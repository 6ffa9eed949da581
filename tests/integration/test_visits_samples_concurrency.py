"""SPEC V5 on the real MongoDB-wire server: 200 cards' samples for 100 units in one car,
from two processes (two "replicas") of 100 threads each, through reserve_for_card and the
card's transaction (confirm_for_card). Exactly 100 succeed, the rest are short, the car ends
at 0 and never went below it, and each success is one movement with its exact balance.
(The same race through whole cards and two visits processes: tests/e2e.)"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest

from services.common.errors import FailedPrecondition
from services.visits.application import samples
from services.visits.domain.lines import SampleLine
from services.visits.domain.stock import Location
from tests.integration.visits_world import World

TENANT, REP, SKU = "t1", "rep-1", "SKU-COLA-500"
UNITS, CARDS_PER_REPLICA = 100, 100


def one_card(world: World, visit_id: str) -> str:
    uow, now = world.uow(), world.clock.now()
    try:
        reservation = samples.reserve_for_card(
            world.repo(), TENANT, REP, visit_id, [SampleLine(SKU, 1)], now
        )
    except FailedPrecondition:
        return "short"
    uow.run(lambda tx: samples.confirm_for_card(tx, reservation, now))
    return "ok"


def replica(db_name: str, label: str, answers) -> None:
    world = World(db_name=db_name)
    with ThreadPoolExecutor(max_workers=25) as pool:
        results = list(
            pool.map(lambda i: one_card(world, f"{label}-{i:03d}"), range(CARDS_PER_REPLICA))
        )
    answers.put(results)


@pytest.fixture
def world():
    w = World()
    yield w
    w.drop()


def test_two_replicas_race_for_the_last_units_and_exactly_100_win(world):
    car = Location.rep(REP)
    world.uow().run(lambda tx: tx.repo.stock.change(TENANT, car, SKU, UNITS, world.clock.now()))
    context = multiprocessing.get_context("spawn")
    answers = context.Queue()
    procs = [
        context.Process(target=replica, args=(world.db.name, label, answers))
        for label in ("a", "b")
    ]
    for p in procs:
        p.start()
    results = [answers.get(timeout=240) for _ in procs]
    for p in procs:
        p.join(timeout=30)
    outcomes = [r for batch in results for r in batch]
    assert outcomes.count("ok") == UNITS and outcomes.count("short") == UNITS

    repo = world.repo()
    assert repo.stock.level(TENANT, car, SKU).balance == 0
    moves = repo.stock.movements(TENANT, car, SKU, "", 200)
    assert len(moves) == UNITS and {m.delta for m in moves} == {-1}
    # each success left an exact, distinct balance: 99, 98, ... 0, never below
    assert sorted(m.balance_after for m in moves) == list(range(UNITS))
    assert len({m.visit_id for m in moves}) == UNITS

    later = world.clock.now() + samples.HOLD_GRACE * 2
    assert samples.reconcile_holds(repo, later) == 0  # every hold was confirmed: settled
    level = repo.stock.level(TENANT, car, SKU)
    assert level.balance == 0 and level.holds == []


def test_a_hold_left_by_a_crash_is_given_back_once_by_two_reconcilers(world):
    car = Location.rep(REP)
    world.uow().run(lambda tx: tx.repo.stock.change(TENANT, car, SKU, 5, world.clock.now()))
    repo = world.repo()
    lost = samples.reserve_for_card(
        repo, TENANT, REP, "v-lost", [SampleLine(SKU, 3)], world.clock.now()
    )
    assert repo.stock.level(TENANT, car, SKU).balance == 2
    later = world.clock.now() + timedelta(minutes=5)
    with ThreadPoolExecutor(max_workers=2) as pool:
        given = list(pool.map(lambda _: samples.reconcile_holds(world.repo(), later), range(2)))
    assert sum(given) == 1
    assert repo.stock.level(TENANT, car, SKU).balance == 5
    with pytest.raises(FailedPrecondition):
        world.uow().run(lambda tx: samples.confirm_for_card(tx, lost, later))
    assert repo.stock.movements(TENANT, car, SKU, "", 10) == []
