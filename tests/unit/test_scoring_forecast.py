"""The forecast's math (SPEC S5, docs/forecast.md): fits recover known parameters, the
range is ordered, the simulation is deterministic, the use case checks its input."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import numpy as np
import pytest

from services.common.errors import FailedPrecondition, InvalidArgument
from services.scoring.application import forecast as use_case
from services.scoring.application import orders
from services.scoring.domain import forecast as f
from services.scoring.domain.orders import Order, OrderLine, StoreFacts
from tests.fakes.scoring_orders import fake_orders_uow


def simulated_stores(n, r, alpha, a, b, age, p, q, v, seed=7) -> list[f.Customer]:
    """Stores drawn from BG/NBD + Gamma-Gamma with known parameters."""
    rng = np.random.default_rng(seed)
    lam, drop, nu = rng.gamma(r, 1 / alpha, n), rng.beta(a, b, n), rng.gamma(q, 1 / v, n)
    people = []
    for i in range(n):
        t, times = 0.0, []
        while True:
            t += rng.exponential(1 / lam[i])
            if t > age:
                break
            times.append(t)
            if rng.random() < drop[i]:
                break
        spend = rng.gamma(p, 1 / nu[i], len(times))
        people.append(f.Customer(len(times), times[-1] if times else 0.0, age,
                                 float(spend.mean()) if times else 0.0, float(rng.gamma(p, 1 / nu[i]))))  # fmt: skip
    return people


@pytest.fixture(scope="module")
def known():
    return simulated_stores(4000, 0.8, 20.0, 0.6, 3.0, 180.0, 3.0, 4.0, 300.0)


def test_bgnbd_recovers_known_parameters(known):
    fit = f.fit_bgnbd(known)
    r, alpha, a, b = fit.values
    assert fit.converged
    assert r / alpha == pytest.approx(0.8 / 20.0, rel=0.1)  # mean order rate
    assert r == pytest.approx(0.8, rel=0.2) and alpha == pytest.approx(20.0, rel=0.25)
    assert a / (a + b) == pytest.approx(0.6 / 3.6, rel=0.3)  # mean drop-out chance
    assert np.all(np.diag(fit.log_cov) > 0)


def test_gamma_gamma_recovers_known_parameters(known):
    fit = f.fit_gamma_gamma(known)
    p, q, v = fit.values
    assert p * v / (q - 1) == pytest.approx(3.0 * 300.0 / 3.0, rel=0.1)  # mean spend
    assert p == pytest.approx(3.0, rel=0.2) and q == pytest.approx(4.0, rel=0.3)


def test_the_simulated_range_is_ordered_deterministic_and_near_the_truth(known):
    model = f.fit_history(known)
    buckets = f.month_buckets(date(2026, 12, 1), 12)
    run = f.simulate_history(model, known, buckets, simulations=200, seed=3)
    p10, p50, p90 = run.total_quantiles()
    assert 0 < p10 <= p50 <= p90
    assert all(np.all(lo <= mid) and np.all(mid <= hi) for lo, mid, hi in [run.quantiles()])
    again = f.simulate_history(model, known, buckets, simulations=200, seed=3)
    assert np.array_equal(run.runs, again.runs)
    assert len(buckets.labels) == 12 and buckets.labels[0] == "2026-12" and buckets.horizon == 365


def test_inputs_model_matches_its_expectation_without_churn():
    """No churn: revenue = arrivals x (first order + repurchases over the remaining time)."""
    inputs = f.Inputs(new_per_quarter=900, first_order_fen=50_000, cycle_days=30, yearly_churn=1e-9)
    run = f.simulate_inputs(inputs, f.day_buckets(360), simulations=300, seed=1)
    arrivals = 900 / (365 / 4) * 360
    expected = arrivals * 50_000 + arrivals * 50_000 * (360 / 2) / 30  # mean remaining 180 days
    p10, p50, p90 = run.total_quantiles()
    assert p10 <= p50 <= p90 and p50 == pytest.approx(expected, rel=0.05)


def test_customers_fold_one_day_into_one_order_day_and_count_repeats():
    as_of = date(2026, 11, 30)
    at = datetime(2026, 11, 1, 2, tzinfo=UTC)
    rows = [("s1", at, 100), ("s1", at + timedelta(hours=1), 50), ("s1", at + timedelta(days=10), 300),
            ("s2", at + timedelta(days=29), 80), ("s3", at + timedelta(days=40), 1)]  # fmt: skip
    people = {c.first_value: c for c in f.customers(rows, as_of)}
    assert set(people) == {150.0, 80.0}  # s3 ordered after as_of
    assert (people[150.0].x, people[150.0].t_x, people[150.0].age, people[150.0].monetary) == (
        1,
        10,
        30,
        300,
    )
    assert people[80.0].x == 0 and people[80.0].age == 1


def _uow_with_history(stores=30):
    uow = fake_orders_uow()
    rng = np.random.default_rng(5)
    start = datetime(2026, 9, 1, 2, tzinfo=UTC)
    n = 0
    for s in range(stores):
        orders.store_seen(uow, StoreFacts("t", f"s{s}", f"E{s}", region_code="330782"), f"st{s}")
        for day in sorted(rng.choice(60, size=rng.integers(1, 6), replace=False)):
            at = start + timedelta(days=int(day))
            orders.record_event(
                uow, Order("t", f"o{n}", f"E{s}", at, 20_000, (OrderLine("K", 1, 20_000),)), f"e{n}"
            )
            n += 1
    return uow


def test_the_use_case_fits_history_and_answers_from_the_cache_the_second_time():
    uow, cache = _uow_with_history(), use_case.ForecastCache()
    q = use_case.ForecastQuestion("t", use_case.Mode.HISTORY, as_of="2026-10-31", simulations=100)
    answer = use_case.forecast(uow, q, cache)
    assert answer.total[0] <= answer.total[1] <= answer.total[2] and len(answer.labels) == 12
    assert answer.customers == 30 and "BG/NBD" in answer.model_name and "r" in answer.parameters
    assert use_case.forecast(uow, q, cache) is answer
    uow.clock.advance(seconds=use_case.CACHE_SECONDS + 1)
    again = use_case.forecast(uow, q, cache)
    assert again is not answer and again.total == answer.total  # recomputed, same seed
    region = use_case.ForecastQuestion(
        "t", use_case.Mode.HISTORY, as_of="2026-10-31", region_code="330106", simulations=100
    )
    with pytest.raises(FailedPrecondition):
        use_case.forecast(uow, region, cache)


@pytest.mark.parametrize(
    ("changes", "field"),
    [({"months": 30}, "horizon_months"), ({"simulations": 5}, "simulations"), ({"as_of": "2026/1/1"}, "as_of"),
     ({"region_code": "99"}, "region_code"), ({"mode": use_case.Mode.INPUTS}, "inputs"),
     ({"mode": use_case.Mode.INPUTS, "inputs": f.Inputs(0, 1, 1)}, "inputs.new_customers_per_quarter")],
)  # fmt: skip
def test_a_bad_forecast_question_names_its_field(changes, field):
    q = use_case.ForecastQuestion("t", **{"mode": use_case.Mode.HISTORY, **changes})
    with pytest.raises(InvalidArgument) as refused:
        use_case.forecast(fake_orders_uow(), q, use_case.ForecastCache())
    assert field in {v.field for v in refused.value.violations}
