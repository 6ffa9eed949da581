"""SPEC V5 samples through ADR 025's claim-and-hold pattern, on the in-memory fakes: a card's
samples leave the rep's car at once, never below zero; short stock names every SKU with what
is there and takes nothing; a replay takes nothing twice; a failed card gives its units
back; a crash before the card's transaction is reconciled without loss or double count."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from services.common.errors import FailedPrecondition, InvalidArgument
from services.visits.application import samples
from services.visits.domain.lines import SampleLine
from services.visits.domain.stock import ClaimState, Location
from tests.fakes.visits import FakeVisitsRepository, fake_uow

NOW = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)
TENANT, REP = "t1", "rep-1"
CAR = Location.rep(REP)


def stocked(**balances: int):
    uow = fake_uow()
    for sku, balance in balances.items():
        uow.repo.stock.change(TENANT, CAR, sku, balance, NOW)
    return uow


def balance(repo: FakeVisitsRepository, sku: str) -> int:
    level = repo.stock.level(TENANT, CAR, sku)
    return level.balance if level else 0


def reserve(uow, visit_id: str, *lines: tuple[str, int]):
    return samples.reserve_for_card(
        uow.repo, TENANT, REP, visit_id, [SampleLine(s, q) for s, q in lines], NOW
    )


def card_commits(uow, reservation) -> None:
    uow.run(lambda tx: samples.confirm_for_card(tx, reservation, NOW))


def test_samples_leave_the_car_at_once_and_the_card_records_them():
    uow = stocked(A=10, B=3)
    reservation = reserve(uow, "v1", ("A", 4), ("B", 3))
    assert balance(uow.repo, "A") == 6 and balance(uow.repo, "B") == 0
    card_commits(uow, reservation)
    moves = uow.repo.stock.movements(TENANT, CAR, "", "", 10)
    assert sorted((m.sku, m.delta, m.balance_after, m.visit_id) for m in moves) == [
        ("A", -4, 6, "v1"),
        ("B", -3, 0, "v1"),
    ]
    assert uow.published_types() == ["stock.changed", "stock.changed"]


def test_short_stock_names_every_short_sku_with_what_is_available_and_takes_nothing():
    uow = stocked(A=10, B=2)
    with pytest.raises(FailedPrecondition) as raised:
        reserve(uow, "v1", ("A", 4), ("B", 3), ("C", 1))
    fields = {v.field: v.description for v in raised.value.violations}
    assert set(fields) == {"samples[1].quantity", "samples[2].quantity"}
    assert "可用 2" in fields["samples[1].quantity"] and "B" in fields["samples[1].quantity"]
    assert "可用 0" in fields["samples[2].quantity"]
    assert balance(uow.repo, "A") == 10 and balance(uow.repo, "B") == 2  # A was given back
    assert uow.repo.stock.level(TENANT, CAR, "A").holds == []


def test_two_lines_of_one_sku_take_their_sum_once():
    uow = stocked(A=5)
    reservation = reserve(uow, "v1", ("A", 2), ("A", 3))
    assert balance(uow.repo, "A") == 0
    assert [(line.sku, line.quantity) for line in reservation.lines] == [("A", 5)]


def test_a_replay_of_the_same_card_finds_its_hold_and_takes_nothing_again():
    uow = stocked(A=10)
    first = reserve(uow, "v1", ("A", 4))
    again = reserve(uow, "v1", ("A", 4))
    assert balance(uow.repo, "A") == 6
    assert again.claim_ids == first.claim_ids and again.lines == first.lines


def test_a_failed_card_gives_its_units_back_and_can_be_submitted_again():
    uow = stocked(A=10)
    reservation = reserve(uow, "v1", ("A", 4))
    assert samples.release(uow.repo, reservation) == 4
    assert balance(uow.repo, "A") == 10
    retry = reserve(uow, "v1", ("A", 4))  # the phone sends the card again
    card_commits(uow, retry)
    assert balance(uow.repo, "A") == 6


def test_release_after_a_concurrent_replay_stored_the_card_gives_nothing_back():
    uow = stocked(A=10)
    winner = reserve(uow, "v1", ("A", 4))
    loser = reserve(uow, "v1", ("A", 4))  # the same card on another replica
    card_commits(uow, winner)
    assert samples.release(uow.repo, loser) == 0
    assert balance(uow.repo, "A") == 6


def test_the_reconciler_gives_back_a_hold_whose_card_never_came_and_buries_its_claim():
    uow = stocked(A=10)
    lost = reserve(uow, "v1", ("A", 4))  # the process died before the card's transaction
    assert samples.reconcile_holds(uow.repo, NOW + timedelta(seconds=5)) == 0  # too fresh
    assert samples.reconcile_holds(uow.repo, NOW + samples.HOLD_GRACE * 2) == 1
    assert balance(uow.repo, "A") == 10
    with pytest.raises(FailedPrecondition):  # the late card can no longer spend it
        card_commits(uow, lost)
    assert uow.repo.stock.movements(TENANT, CAR, "", "", 10) == []
    assert samples.reconcile_holds(uow.repo, NOW + samples.HOLD_GRACE * 3) == 0  # once only


def test_the_reconciler_settles_a_confirmed_hold_without_giving_its_units_back():
    uow = stocked(A=10)
    reservation = reserve(uow, "v1", ("A", 4))
    card_commits(uow, reservation)
    assert samples.reconcile_holds(uow.repo, NOW + samples.HOLD_GRACE * 2) == 0
    level = uow.repo.stock.level(TENANT, CAR, "A")
    assert level.balance == 6 and level.holds == []
    assert uow.repo.stock.claims[(TENANT, reservation.claim_ids[0])] is ClaimState.CONFIRMED


def test_a_card_without_samples_takes_nothing_and_records_nothing():
    uow = stocked(A=1)
    reservation = reserve(uow, "v1")
    card_commits(uow, reservation)
    assert reservation.lines == () and uow.published == []


@pytest.mark.parametrize(
    "line, field", [(SampleLine("A", 0), "quantity"), (SampleLine("", 1), "sku")]
)
def test_bad_sample_lines_are_invalid_arguments(line, field):
    uow = stocked(A=1)
    with pytest.raises(InvalidArgument) as raised:
        samples.reserve_for_card(uow.repo, TENANT, REP, "v1", [line], NOW)
    assert [v.field for v in raised.value.violations] == [f"samples[0].{field}"]
