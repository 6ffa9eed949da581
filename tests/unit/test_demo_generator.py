"""P5: the demo distributor is deterministic, has the source's shape, and carries the
planted county spike that attribution must find."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

import pytest

from devstack.demo_data import generate as g
from devstack.demo_data.zhejiang import CITIES, SPIKE_COUNTY
from services.common.regions import is_valid_region_code
from services.scoring.application import attribution, orders
from services.scoring.domain.orders import Order, OrderLine, StoreFacts, VisitFact
from tests.fakes.scoring_orders import fake_orders_uow

LAST = date(2026, 11, 30)


@pytest.fixture(scope="module")
def small() -> g.Distributor:
    return g.generate("small", 7, LAST)


def test_the_same_seed_gives_the_same_data_and_another_seed_other_data(small):
    again = g.generate("small", 7, LAST)
    assert again.visits == small.visits and again.orders == small.orders
    assert again.stores == small.stores and again.people == small.people
    other = g.generate("small", 8, LAST)
    assert other.orders != small.orders


def test_sizes_and_shape_of_the_small_slice(small):
    size = g.SIZES["small"]
    assert len(small.reps) == size.reps == 20
    assert len(small.stores) == size.reps * size.stores_per_rep
    assert small.first_day == LAST - timedelta(days=27) and len(small.days()) == 28
    per_rep_day = len(small.visits) / (size.reps * size.days)
    assert 5.0 < per_rep_day < 8.5  # the source's 120,000 visits / (200 x 90) = 6.7
    assert {p.role for p in small.people} == {"director", "supervisor", "rep"}
    assert all(is_valid_region_code(s.region_code) for s in small.stores)
    counties = {c for city in CITIES.values() for c in city[3]}
    assert {s.region_code for s in small.stores} <= counties
    assert len({s.external_id for s in small.stores}) == len(small.stores)


def test_the_full_size_is_the_sources_distributor():
    full = g.SIZES["full"]
    assert (full.reps, full.reps * full.stores_per_rep, full.days) == (200, 18_000, 90)
    assert sum(len(c[3]) for c in CITIES.values()) == 90  # Zhejiang's county-level divisions


def test_activity_has_late_cards_overdue_commitments_reused_photos_and_a_weekly_rhythm(small):
    late = [v for v in small.visits if v.completed_at - v.check_out > timedelta(hours=2)]
    assert 0.03 < len(late) / len(small.visits) < 0.12
    commitments = [v.commitment for v in small.visits if v.commitment]
    overdue = [c for c in commitments if c.closed_at is None and c.due_date < LAST]
    closed_late = [c for c in commitments if c.closed_at and c.closed_at.date() > c.due_date]
    assert overdue and closed_late
    images = Counter(p.image for p in small.photos)
    assert any(n > 1 for n in images.values())  # some real photos reused
    by_weekday = Counter(o.ordered_at.weekday() for o in small.orders)
    assert by_weekday[6] < by_weekday[0]  # quieter Sundays than Mondays (UTC weekday ~ Shanghai)
    assert all(o.total_fen == sum(line[2] for line in o.lines) > 0 for o in small.orders)
    assert len({o.order_id for o in small.orders}) == len(small.orders)


def test_the_planted_spike_is_in_one_county_and_its_stores_jump(small):
    spike = small.spike
    assert spike.county == SPIKE_COUNTY and len(spike.reps) == 3 and len(spike.stores) == 12
    stores = {s.external_id: s for s in small.stores}
    assert {stores[x].region_code for x in spike.stores} == {SPIKE_COUNTY}
    assert {stores[x].owner_rep_id for x in spike.stores} == set(spike.reps)
    days = (spike.last_day - spike.first_day).days + 1
    before = spike.first_day - timedelta(days=days)

    def revenue(first, last):
        return sum(o.total_fen for o in small.orders if o.store_external_id in spike.stores
                   and first <= g.SHANGHAI_DAY(o.ordered_at) <= last)  # fmt: skip

    assert revenue(spike.first_day, spike.last_day) > 3 * revenue(
        before, spike.first_day - timedelta(days=1)
    )


def test_attribution_on_the_generated_data_names_the_planted_reps_and_stores():
    """The generated facts fed to the use cases directly (the e2e test does it through the
    platform): the top reps and stores of the county's change are the planted ones."""
    small, uow, t = g.generate("tiny", 7, LAST), fake_orders_uow(), "demo"
    for n, s in enumerate(small.stores):
        orders.store_seen(
            uow,
            StoreFacts(t, s.external_id, s.external_id, s.name, s.region_code, s.owner_rep_id),
            f"s{n}",
        )
    for n, v in enumerate(small.visits):
        orders.visit_seen(
            uow, VisitFact(t, v.visit_id, v.store_external_id, v.rep_id, v.check_out), f"v{n}"
        )
    for n, o in enumerate(small.orders):
        lines = tuple(OrderLine(*line) for line in o.lines)
        orders.record_event(
            uow,
            Order(t, o.order_id, o.store_external_id, o.ordered_at, o.total_fen, lines),
            f"o{n}",
        )
    spike = small.spike
    q = attribution.Question(
        t, spike.county, spike.first_day.isoformat(), spike.last_day.isoformat(), page_size=12
    )
    answer = attribution.explain_region(uow, q)
    assert answer.explanation.change > 0
    assert {rep for rep, _ in answer.reps[:3]} == set(spike.reps)
    assert {sid for sid, _ in answer.stores[:12]} == set(spike.stores)
