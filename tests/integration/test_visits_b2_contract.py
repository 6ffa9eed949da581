"""The same cases on the in-memory fakes and on the MongoDB repositories of visits-b2's
capabilities (stock, approvals, credit, returns, ratings), so the two cannot drift."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from services.common.errors import AlreadyExists, FailedPrecondition
from services.visits.domain.approvals import Approval, CreditStanding, Lane
from services.visits.domain.lines import PriceLine
from services.visits.domain.ratings import IssuedToken, Rating
from services.visits.domain.returns import (
    Granularity,
    RegionLevel,
    ReturnRecord,
    ReturnsQuery,
    period_keys,
)
from services.visits.domain.stock import ClaimState, Location
from tests.fakes.visits import FakeVisitsRepository
from tests.integration.visits_world import World

NOW = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)
T = "t1"
CAR, WH = Location.rep("rep-1"), Location.warehouse("wh")


@pytest.fixture(params=["fake", "mongo"])
def repo(request):
    if request.param == "fake":
        yield FakeVisitsRepository()
        return
    world = World()
    yield world.repo()
    world.drop()


def test_stock_holds(repo):
    assert repo.stock.take(T, CAR, "A", 1, "v0", "c0", NOW) is None  # no stock at all
    assert repo.stock.change(T, CAR, "A", -1, NOW) is None
    assert repo.stock.change(T, CAR, "A", 5, NOW) == 5
    assert repo.stock.take(T, CAR, "A", 3, "v1", "c1", NOW) == 2
    assert repo.stock.take(T, CAR, "A", 1, "v1", "c9", NOW) is None  # one hold per visit
    assert repo.stock.take(T, CAR, "A", 3, "v2", "c2", NOW) is None  # short
    assert repo.stock.hold_of(T, CAR, "A", "v1").claim_id == "c1"
    assert repo.stock.hold_of(T, CAR, "A", "v1").balance_after == 2
    assert [h.visit_id for *_, h in repo.stock.stale_holds(NOW + timedelta(seconds=1), 10)] == [
        "v1"
    ]
    assert repo.stock.stale_holds(NOW, 10) == []
    assert repo.stock.give_back(T, CAR, "A", "c1") is True
    assert repo.stock.give_back(T, CAR, "A", "c1") is False
    assert repo.stock.level(T, CAR, "A").balance == 5
    assert repo.stock.take(T, CAR, "A", 2, "v3", "c3", NOW) == 3
    assert repo.stock.settle(T, CAR, "A", "c3") is True
    level = repo.stock.level(T, CAR, "A")
    assert (level.balance, level.holds) == (3, [])


def test_claims_and_tombstones(repo):
    repo.stock.add_claim(T, "c1", "v1", NOW)
    assert repo.stock.bury_claim(T, "c1", "v1", NOW) is ClaimState.CONFIRMED
    assert repo.stock.bury_claim(T, "c2", "v2", NOW) is ClaimState.ABANDONED
    assert repo.stock.bury_claim(T, "c2", "v2", NOW) is ClaimState.ABANDONED
    with pytest.raises(FailedPrecondition):
        repo.stock.add_claim(T, "c2", "v2", NOW)


def test_stock_listing_orders_by_location_then_sku(repo):
    for location, sku in ((WH, "B"), (CAR, "B"), (CAR, "A"), (WH, "A")):
        repo.stock.change(T, location, sku, 1, NOW)
    repo.stock.change("t2", CAR, "A", 1, NOW)
    everything = repo.stock.levels(T, None, "", 10)
    assert [(s.location.code, s.sku) for s in everything] == [
        ("rep:rep-1", "A"), ("rep:rep-1", "B"), ("warehouse:wh", "A"), ("warehouse:wh", "B"),
    ]  # fmt: skip
    after = repo.stock.levels(T, CAR, everything[0].list_key, 10)
    assert [s.sku for s in after] == ["B"]


def approval(approval_id: str, visit_id: str, region: str, at: datetime, lane: Lane) -> Approval:
    a = Approval(approval_id, T, visit_id, "rep-1", "sup-1", "s1", "店", region,
                 [PriceLine("A", 1000, 800, 2)], at, ["fin-1"])  # fmt: skip
    a.open(lane)
    return a


def test_approvals_queue_and_rep_listing(repo):
    repo.approvals.add(approval("a1", "v1", "330106", NOW, Lane.FULL_REVIEW))
    repo.approvals.add(approval("a2", "v2", "330206", NOW + timedelta(seconds=1), Lane.FAST))
    repo.approvals.add(
        approval("a3", "v3", "330106", NOW + timedelta(seconds=2), Lane.AUTO_APPROVE)
    )
    with pytest.raises(AlreadyExists):
        repo.approvals.add(approval("a4", "v1", "330106", NOW, Lane.FAST))
    assert [a.approval_id for a in repo.approvals.queue(T, None, "", 10)] == ["a2", "a1"]
    assert [a.approval_id for a in repo.approvals.queue(T, ["330100"], "", 10)] == ["a1"]
    assert [a.approval_id for a in repo.approvals.queue(T, ["330000"], "", 10)] == ["a2", "a1"]
    assert repo.approvals.queue("t2", None, "", 10) == []
    assert [a.approval_id for a in repo.approvals.of_rep(T, "rep-1", "", 10)] == ["a3", "a2", "a1"]
    assert [a.approval_id for a in repo.approvals.of_rep(T, "rep-1", "a2", 10)] == ["a1"]
    stored = repo.approvals.get(T, "a1")
    stored.review("fin-1", "ok", NOW)
    repo.approvals.save(stored)
    again = repo.approvals.get(T, "a1")
    assert again == stored and again.audit[-1].comment == "ok"
    assert repo.approvals.for_visit(T, "v3").auto_approved
    assert repo.approvals.get("t2", "a1") is None


def test_credit_keeps_the_newest(repo):
    assert repo.credit.record(CreditStanding(T, "rep-1", 90.0, "2026-12", NOW)) is True
    assert (
        repo.credit.record(CreditStanding(T, "rep-1", 70.0, "2026-11", NOW - timedelta(days=3)))
        is False
    )
    assert (
        repo.credit.record(CreditStanding(T, "rep-1", 80.0, "2026-12", NOW + timedelta(hours=1)))
        is True
    )
    assert repo.credit.get(T, "rep-1").score == 80.0
    assert repo.credit.get(T, "rep-2") is None


def test_returns_analysis(repo):
    def line(visit, no, region, sku, reason, qty, at):
        return ReturnRecord(
            T, visit, no, "rep-1", "s1", region, sku, reason, qty, at, period_keys(at)
        )

    repo.returns.add_many([
        line("v1", 0, "330106", "A", "expired", 3, NOW),
        line("v1", 1, "330106", "B", "other", 1, NOW),
        line("v2", 0, "330102", "A", "expired", 2, NOW + timedelta(days=1)),
        line("v3", 0, "330205", "A", "expired", 4, NOW - timedelta(days=40)),
    ])  # fmt: skip
    q = ReturnsQuery(T, date(2026, 11, 1), date(2026, 12, 31), Granularity.MONTH, RegionLevel.CITY)
    got = [
        (g.period, g.region_code, g.sku, g.reason, g.quantity, g.count)
        for g in repo.returns.analyse(q, 100)
    ]
    assert got == [
        ("2026-12", "330100", "A", "expired", 5, 2),
        ("2026-12", "330100", "B", "other", 1, 1),
    ]
    q2 = ReturnsQuery(T, date(2026, 10, 1), date(2026, 12, 31), Granularity.WEEK, sku="A",
                      region_prefix="3302")  # fmt: skip
    assert [(g.period, g.quantity) for g in repo.returns.analyse(q2, 100)] == [("2026-W43", 4)]


def test_rating_tokens_and_ratings(repo):
    token = IssuedToken(T, "n1", "v1", "rep-1", "s1", NOW, NOW + timedelta(days=7), "rep-1")
    repo.ratings.add_token(token)
    assert repo.ratings.token(T, "n1") == token
    assert repo.ratings.token("t2", "n1") is None
    assert repo.ratings.spend_token(T, "n1", NOW) is True
    assert repo.ratings.spend_token(T, "n1", NOW) is False
    assert repo.ratings.token(T, "n1").used_at == NOW
    rating = Rating(T, "v1", "rep-1", "s1", "sup-1", 4, "好", NOW, NOW, "2026-W49", "n1")
    repo.ratings.add(rating)
    with pytest.raises(AlreadyExists):
        repo.ratings.add(rating)
    assert repo.ratings.of_visit(T, "v1") == rating
    repo.ratings.add(Rating(T, "v2", "rep-1", "s1", "", 2, "", NOW, None, "2026-W49", "n2"))
    week = repo.ratings.weekly(T, "rep-1", "2026-W49")
    assert (week.ratings, week.stars_total, week.by_stars) == (2, 6, (0, 1, 0, 1, 0))
    assert repo.ratings.weekly(T, "rep-1", "2026-W50").ratings == 0
