"""The director's 12-month revenue range (SPEC S5), two documented models (docs/forecast.md).

From history: BG/NBD (Fader, Hardie & Lee 2005) for how often each store orders and whether
it is still ordering, Gamma-Gamma (Fader, Hardie & Lee 2005, "RFM and CLV") for how much it
spends an order, both fitted by maximum likelihood with numpy/scipy; new stores keep
arriving at the recent rate. From inputs: the source's three figures (new customers this
quarter, first order amount, repurchase cycle) drive the same kind of simulation.

The range comes from Monte-Carlo simulation: each run draws the fitted parameters from
their estimated sampling distribution (the inverse Hessian of the likelihood), then every
store's orders month by month. Pure: numpy only, deterministic for a given seed. Time is
in days.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import numpy as np
from scipy import optimize
from scipy.special import betaln, gammaln

from services.common.clock import SHANGHAI

DEFAULT_SIMULATIONS = 500
DEFAULT_MAX_CUSTOMERS = 2000  # simulated stores; more stand in by weight
DEFAULT_SEED = 20251001
DEFAULT_YEARLY_CHURN = 0.3  # the inputs model's default when the director gives none
SPEND_SHAPE = 4.0  # inputs model: order amounts vary with a coefficient of variation 0.5
MAX_LOG_SHIFT = 2.0
MIN_DROP = 1e-9  # a Beta draw of exactly 0 would make a geometric draw undefined
RATE_SHAPE = 2.0  # inputs model: stores' repurchase rates vary with CV 0.71


@dataclass(frozen=True)
class Customer:
    """One store's order history, BG/NBD style: the first order day is day 0."""

    x: int  # repeat order days
    t_x: float  # day of the last order
    age: float  # T: days from the first order to the end of the history
    monetary: float  # mean amount of the repeat orders (fen); 0 when x = 0
    first_value: float


def customers(orders: Iterable[tuple[str, datetime, int]], as_of: date) -> list[Customer]:
    """(store id, time, fen) -> one Customer per store; orders on one Shanghai day are one
    order day (the models count purchase occasions, not invoice lines)."""
    days: dict[str, dict[date, int]] = {}
    for store_id, at, fen in orders:
        day = at.astimezone(SHANGHAI).date()
        if day <= as_of:
            per_store = days.setdefault(store_id, {})
            per_store[day] = per_store.get(day, 0) + fen
    result = []
    for per_day in days.values():
        ordered = sorted(per_day)
        first, last = ordered[0], ordered[-1]
        repeats = [per_day[d] for d in ordered[1:]]
        result.append(
            Customer(
                x=len(repeats),
                t_x=float((last - first).days),
                age=float((as_of - first).days + 1),
                monetary=float(np.mean(repeats)) if repeats else 0.0,
                first_value=float(per_day[first]),
            )
        )
    return result


@dataclass(frozen=True)
class Fit:
    """Point estimates and the covariance of their logarithms (for parameter draws)."""

    names: tuple[str, ...]
    values: np.ndarray
    log_cov: np.ndarray
    converged: bool

    def as_dict(self) -> dict[str, float]:
        return {n: float(v) for n, v in zip(self.names, self.values, strict=True)}

    def draw(self, rng: np.random.Generator) -> np.ndarray:
        if not self.log_cov.any():
            return self.values
        centre = np.log(self.values)
        drawn = rng.multivariate_normal(centre, self.log_cov)
        # A flat likelihood (few stores) can put draws absurdly far out; a factor e^2 either
        # way of the estimate is the most a run may move a parameter (docs/forecast.md).
        return np.exp(np.clip(drawn, centre - MAX_LOG_SHIFT, centre + MAX_LOG_SHIFT))


def bgnbd_nll(log_params: np.ndarray, x: np.ndarray, tx: np.ndarray, T: np.ndarray) -> float:
    r, alpha, a, b = np.exp(log_params)
    a1 = gammaln(r + x) - gammaln(r) + r * np.log(alpha)
    a2 = betaln(a, b + x) - betaln(a, b)
    a3 = -(r + x) * np.log(alpha + T)
    with np.errstate(divide="ignore"):
        a4 = np.where(
            x > 0,
            np.log(a) - np.log(np.maximum(b + x - 1, 1e-12)) - (r + x) * np.log(alpha + tx),
            -np.inf,
        )
    return float(-np.sum(a1 + a2 + np.logaddexp(a3, a4)))


def gamma_gamma_nll(log_params: np.ndarray, x: np.ndarray, m: np.ndarray) -> float:
    p, q, v = np.exp(log_params)
    px = p * x
    ll = (
        gammaln(px + q) - gammaln(px) - gammaln(q) + q * np.log(v)
        + (px - 1) * np.log(m) + px * np.log(x) - (px + q) * np.log(x * m + v)
    )  # fmt: skip
    return float(-np.sum(ll))


def _fit(nll, start: np.ndarray, names: tuple[str, ...], args: tuple) -> Fit:
    found = optimize.minimize(
        nll, start, args=args, method="L-BFGS-B", bounds=[(-12, 12)] * len(start)
    )
    cov = _inverse_hessian(nll, found.x, args)
    return Fit(names, np.exp(found.x), cov, bool(found.success))


def _inverse_hessian(nll, at: np.ndarray, args: tuple, h: float = 1e-3) -> np.ndarray:
    """Central finite differences; a Hessian that is not positive definite (a flat or
    degenerate likelihood) gives no parameter uncertainty rather than a wrong one."""
    n = len(at)
    hess = np.zeros((n, n))
    for i in range(n):
        for j in range(i, n):
            e_i, e_j = np.eye(n)[i] * h, np.eye(n)[j] * h
            value = (
                nll(at + e_i + e_j, *args) - nll(at + e_i - e_j, *args)
                - nll(at - e_i + e_j, *args) + nll(at - e_i - e_j, *args)
            ) / (4 * h * h)  # fmt: skip
            hess[i, j] = hess[j, i] = value
    try:
        cov = np.linalg.inv(hess)
        np.linalg.cholesky(cov)
    except np.linalg.LinAlgError:
        return np.zeros((n, n))
    return cov


def fit_bgnbd(people: Sequence[Customer]) -> Fit:
    x = np.array([c.x for c in people], float)
    tx = np.array([c.t_x for c in people], float)
    T = np.array([c.age for c in people], float)
    start = np.log([1.0, max(float(np.mean(T)), 1.0), 1.0, 3.0])
    return _fit(bgnbd_nll, start, ("r", "alpha", "a", "b"), (x, tx, T))


def fit_gamma_gamma(people: Sequence[Customer]) -> Fit | None:
    repeaters = [c for c in people if c.x > 0 and c.monetary > 0]
    if len(repeaters) < 10:
        return None
    x = np.array([c.x for c in repeaters], float)
    m = np.array([c.monetary for c in repeaters], float)
    start = np.log([2.0, 3.0, float(np.mean(m))])
    return _fit(gamma_gamma_nll, start, ("p", "q", "v"), (x, m))


def p_alive(params: np.ndarray, x: np.ndarray, tx: np.ndarray, T: np.ndarray) -> np.ndarray:
    r, alpha, a, b = params
    ratio = (a / np.maximum(b + x - 1, 1e-12)) * ((alpha + T) / (alpha + tx)) ** (r + x)
    return np.where(x > 0, 1.0 / (1.0 + ratio), 1.0)


@dataclass(frozen=True)
class Buckets:
    """The forecast's months: labels and [start, end) in days after the as-of day."""

    labels: tuple[str, ...]
    edges: tuple[float, ...]  # len(labels) + 1

    @property
    def horizon(self) -> float:
        return self.edges[-1]


def month_buckets(as_of: date, months: int) -> Buckets:
    """Rolling months from the day after `as_of` (2026-12-02 to 2027-01-02, ...), so twelve
    of them are exactly a year; each is labelled by the month it starts in."""
    start = as_of + timedelta(days=1)
    edges, labels = [0.0], []
    for k in range(months):
        begin, end = _add_months(start, k), _add_months(start, k + 1)
        labels.append(f"{begin:%Y-%m}")
        edges.append(float((end - start).days))
    return Buckets(tuple(labels), tuple(edges))


def _add_months(day: date, months: int) -> date:
    """The same day `months` later, the month's last day when it has no such day."""
    year, month = divmod(day.month - 1 + months, 12)
    year, month = day.year + year, month + 1
    following = date(year + (month == 12), month % 12 + 1, 1)
    return date(year, month, min(day.day, (following - timedelta(days=1)).day))


def day_buckets(days: int) -> Buckets:
    return Buckets((f"{days}d",), (0.0, float(days)))


@dataclass
class Simulation:
    """Revenue (fen) of every run, in total and per bucket."""

    runs: np.ndarray  # (simulations, buckets)
    parameters: dict[str, float] = field(default_factory=dict)

    def quantiles(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        return tuple(np.percentile(self.runs, [10, 50, 90], axis=0))  # type: ignore[return-value]

    def total_quantiles(self) -> tuple[float, float, float]:
        p10, p50, p90 = np.percentile(self.runs.sum(axis=1), [10, 50, 90])
        return float(p10), float(p50), float(p90)


@dataclass(frozen=True)
class HistoryModel:
    bgnbd: Fit
    spend: Fit | None  # None: too few repeat orders; the mean order amount is used instead
    mean_order: float
    new_seen: int  # stores whose first order fell in the acquisition window
    window_days: float

    def parameters(self) -> dict[str, float]:
        found = dict(self.bgnbd.as_dict())
        if self.spend is not None:
            found.update({f"gg_{k}": v for k, v in self.spend.as_dict().items()})
        found["new_stores_per_day"] = self.new_seen / self.window_days
        found["mean_order_fen"] = self.mean_order
        return found


def fit_history(people: Sequence[Customer], acquisition_days: float = 30.0) -> HistoryModel:
    """Needs at least a few stores; the caller refuses an empty history."""
    values = [c.first_value for c in people] + [c.monetary for c in people if c.x > 0]
    window = min(acquisition_days, max(c.age for c in people))
    return HistoryModel(
        bgnbd=fit_bgnbd(people),
        spend=fit_gamma_gamma(people),
        mean_order=float(np.mean(values)),
        new_seen=sum(1 for c in people if c.age <= window),
        window_days=window,
    )


def _spend_draw(model: HistoryModel, rng: np.random.Generator) -> tuple[float, float, float]:
    """(p, q, v) of Gamma-Gamma; without a fit, a fixed spend shape around the mean."""
    if model.spend is not None:
        p, q, v = model.spend.draw(rng)
        return float(p), float(q), float(v)
    return SPEND_SHAPE, 1e6, 1e6 * model.mean_order / SPEND_SHAPE  # nu ~ fixed at shape/mean


def _orders_by_bucket(
    rng: np.random.Generator, lam: np.ndarray, budget: np.ndarray, start: np.ndarray,
    end: np.ndarray, amount: tuple[float, np.ndarray], buckets: Buckets,
) -> np.ndarray:  # fmt: skip
    """Poisson orders at rate `lam` between `start` and `end` (days), until `budget` repeat
    orders are used up (BG/NBD: a store may stop after any repeat order); each order's
    amount is Gamma(shape, rate nu), so n orders sum to Gamma(n * shape, nu)."""
    shape, nu = amount
    out = np.zeros(len(buckets.labels))
    left = budget.copy()
    for k in range(len(buckets.labels)):
        lo, hi = buckets.edges[k], buckets.edges[k + 1]
        exposure = np.clip(np.minimum(hi, end) - np.maximum(lo, start), 0.0, None)
        count = np.minimum(rng.poisson(lam * exposure), left)
        left = left - count
        out[k] = rng.gamma(count * shape, 1.0 / nu).sum()
    return out


def _existing_run(rng, model: HistoryModel, arrays, buckets: Buckets) -> np.ndarray:
    x, tx, T, m = arrays
    r, alpha, a, b = model.bgnbd.draw(rng)
    p, q, v = _spend_draw(model, rng)
    alive = rng.random(len(x)) < p_alive(np.array([r, alpha, a, b]), x, tx, T)
    lam = rng.gamma(r + x, 1.0 / (alpha + T))
    budget = np.where(alive, rng.geometric(np.clip(rng.beta(a, b + x), MIN_DROP, 1.0)), 0)
    nu = rng.gamma(p * x + q, 1.0 / (v + x * m))
    never = np.full(len(x), np.inf)
    return _orders_by_bucket(rng, lam, budget, np.zeros(len(x)), never, (p, nu), buckets)


def _newcomer_run(rng, model: HistoryModel, buckets: Buckets) -> np.ndarray:
    """New stores keep arriving at the rate of the acquisition window (itself uncertain:
    a Gamma posterior of a Poisson rate); each orders once on arrival, then as any store."""
    rate = rng.gamma(max(model.new_seen, 0.5), 1.0 / model.window_days)
    n = rng.poisson(rate * buckets.horizon)
    out = np.zeros(len(buckets.labels))
    if n == 0:
        return out
    r, alpha, a, b = model.bgnbd.draw(rng)
    p, q, v = _spend_draw(model, rng)
    arrive = rng.uniform(0.0, buckets.horizon, n)
    nu = rng.gamma(q, 1.0 / v, n)
    first = rng.gamma(p, 1.0 / nu)
    out += np.histogram(arrive, bins=buckets.edges, weights=first)[0]
    lam = rng.gamma(r, 1.0 / alpha, n)
    budget = rng.geometric(np.clip(rng.beta(a, b, n), MIN_DROP, 1.0))
    never = np.full(n, np.inf)
    return out + _orders_by_bucket(rng, lam, budget, arrive, never, (p, nu), buckets)


def sample(people: Sequence[Customer], limit: int) -> tuple[list[Customer], float]:
    """A systematic sample of at most `limit` stores, ordered by history so every kind is
    represented, and the weight each sampled store stands for. Weighting keeps the expected
    total exact and widens the range (docs/forecast.md, limits)."""
    if len(people) <= limit:
        return list(people), 1.0
    ordered = sorted(people, key=lambda c: (c.x, c.age, c.t_x, c.monetary))
    step = len(ordered) / limit
    return [ordered[int(i * step)] for i in range(limit)], len(ordered) / limit


def simulate_history(
    model: HistoryModel, people: Sequence[Customer], buckets: Buckets,
    simulations: int = DEFAULT_SIMULATIONS, seed: int = DEFAULT_SEED,
    max_customers: int = DEFAULT_MAX_CUSTOMERS,
) -> Simulation:  # fmt: skip
    rng = np.random.default_rng(seed)
    chosen, weight = sample(people, max_customers)
    arrays = (
        np.array([c.x for c in chosen], float),
        np.array([c.t_x for c in chosen], float),
        np.array([c.age for c in chosen], float),
        np.array([c.monetary for c in chosen], float),
    )
    runs = np.zeros((simulations, len(buckets.labels)))
    for s in range(simulations):
        existing = _existing_run(rng, model, arrays, buckets) * weight
        runs[s] = existing + _newcomer_run(rng, model, buckets)
    return Simulation(runs, {**model.parameters(), "sample_weight": weight})


@dataclass(frozen=True)
class Inputs:
    """The source's inputs: 当前季度新增客户数、首单金额、行业复购周期 (+ yearly churn)."""

    new_per_quarter: int
    first_order_fen: float
    cycle_days: float
    yearly_churn: float = DEFAULT_YEARLY_CHURN

    def parameters(self) -> dict[str, float]:
        return {
            "new_per_day": self.new_per_quarter / (365.0 / 4),
            "first_order_fen": self.first_order_fen,
            "repurchase_cycle_days": self.cycle_days,
            "yearly_churn": self.yearly_churn,
            "churn_hazard_per_day": -np.log(1 - self.yearly_churn) / 365.0,
            "rate_shape": RATE_SHAPE,
            "spend_shape": SPEND_SHAPE,
        }


def simulate_inputs(
    inputs: Inputs, buckets: Buckets, simulations: int = DEFAULT_SIMULATIONS,
    seed: int = DEFAULT_SEED,
) -> Simulation:  # fmt: skip
    """New customers arrive at the quarter's pace (Poisson), order once on arrival, then
    repurchase at their own rate (Gamma across customers, mean 1 / cycle) until they churn
    (constant hazard from the yearly churn)."""
    params = inputs.parameters()
    rng = np.random.default_rng(seed)
    runs = np.zeros((simulations, len(buckets.labels)))
    scale = inputs.first_order_fen / SPEND_SHAPE
    for s in range(simulations):
        n = rng.poisson(params["new_per_day"] * buckets.horizon)
        arrive = rng.uniform(0.0, buckets.horizon, n)
        first = rng.gamma(SPEND_SHAPE, scale, n)
        runs[s] += np.histogram(arrive, bins=buckets.edges, weights=first)[0]
        lam = rng.gamma(RATE_SHAPE, 1.0 / (RATE_SHAPE * inputs.cycle_days), n)
        gone = arrive + rng.exponential(1.0 / params["churn_hazard_per_day"], n)
        unlimited = np.full(n, np.iinfo(np.int64).max)
        nu = np.full(n, 1.0 / scale)
        runs[s] += _orders_by_bucket(rng, lam, unlimited, arrive, gone, (SPEND_SHAPE, nu), buckets)
    return Simulation(runs, params)
