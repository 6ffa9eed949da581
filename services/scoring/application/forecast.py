"""The director's forecast (SPEC S5): from the tenant's order history (BG/NBD +
Gamma-Gamma) or from the source's three inputs; a 12-month P10/P50/P90 range.

A forecast takes seconds of simulation (the fit reads every order of the region), and a
12-month range does not move with the day's orders, so answers are kept per question for
CACHE_SECONDS (ForecastCache): a director who opens the dashboard twice waits once, and a
range is at most that old.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from services.common.clock import SHANGHAI
from services.common.errors import FailedPrecondition, Violations
from services.common.regions import is_valid_region_code
from services.common.unit_of_work import UnitOfWork
from services.scoring.application.orders_ports import OrdersRepository
from services.scoring.domain import forecast as model
from services.scoring.domain.attribution import region_prefix

MIN_STORES = 20  # fewer stores with orders than this cannot be fitted
MAX_MONTHS = 24
MIN_SIMULATIONS, MAX_SIMULATIONS = 100, 5_000
# Simulated customers x runs one question may cost (about 10 s on a busy core): a forecast
# is a director's question, not a way to keep scoring busy.
MAX_DRAWS = 20_000_000
MAX_NEW_PER_QUARTER = 100_000
CACHE_SECONDS = 600.0


class Mode(StrEnum):
    HISTORY = "history"
    INPUTS = "inputs"


@dataclass(frozen=True)
class ForecastQuestion:
    tenant_id: str
    mode: Mode
    as_of: str = ""
    region_code: str = ""
    months: int = 0
    simulations: int = 0
    seed: int = 0
    inputs: model.Inputs | None = None


@dataclass(frozen=True)
class ForecastAnswer:
    mode: Mode
    as_of: date
    labels: tuple[str, ...]
    p10: tuple[float, ...]
    p50: tuple[float, ...]
    p90: tuple[float, ...]
    total: tuple[float, float, float]
    parameters: dict[str, float]
    customers: int
    orders: int
    model_name: str
    note: str


@dataclass
class ForecastCache:
    """Answers by question, each kept for `seconds` (the process's own; replicas each
    keep theirs)."""

    limit: int = 64
    seconds: float = CACHE_SECONDS
    answers: OrderedDict = field(default_factory=OrderedDict)

    def get(self, key, now: datetime) -> ForecastAnswer | None:
        found = self.answers.get(key)
        if found is None or (now - found[0]).total_seconds() > self.seconds:
            return None
        self.answers.move_to_end(key)
        return found[1]

    def put(self, key, answer: ForecastAnswer, now: datetime) -> None:
        self.answers[key] = (now, answer)
        self.answers.move_to_end(key)
        while len(self.answers) > self.limit:
            self.answers.popitem(last=False)


def check(q: ForecastQuestion, today: date) -> tuple[date, int, int]:
    v = Violations()
    as_of = today
    if q.as_of:
        try:
            as_of = date.fromisoformat(q.as_of)
        except ValueError:
            v.add("as_of", "日期格式须为 YYYY-MM-DD")
    months = q.months or 12
    v.check(1 <= months <= MAX_MONTHS, "horizon_months", f"预测月数须在 1 到 {MAX_MONTHS} 之间")
    sims = q.simulations or model.DEFAULT_SIMULATIONS
    v.check(
        MIN_SIMULATIONS <= sims <= MAX_SIMULATIONS,
        "simulations",
        f"模拟次数须在 {MIN_SIMULATIONS} 到 {MAX_SIMULATIONS} 之间",
    )
    v.check(q.seed >= 0, "seed", "随机种子不能为负数")
    if q.region_code:
        v.check(
            is_valid_region_code(q.region_code), "region_code", "区域编码须为 6 位 GB/T 2260 代码"
        )
    if q.mode == Mode.INPUTS:
        _check_inputs(v, q.inputs)
        if q.inputs and 0 < q.inputs.new_per_quarter <= MAX_NEW_PER_QUARTER:
            draws = q.inputs.new_per_quarter * 4 * months / 12 * sims
            v.check(draws <= MAX_DRAWS, "simulations", "新增客户数 × 模拟次数过大,请减少模拟次数")
    v.raise_if_any()
    return as_of, months, sims


def _check_inputs(v: Violations, inputs: model.Inputs | None) -> None:
    if inputs is None:
        v.add("inputs", "按参数预测时必须填写参数")
        return
    v.check(
        0 < inputs.new_per_quarter <= MAX_NEW_PER_QUARTER,
        "inputs.new_customers_per_quarter",
        "本季度新增客户数须为正数",
    )
    v.check(0 < inputs.first_order_fen <= 10**11, "inputs.first_order_fen", "首单金额须为正数(分)")
    v.check(
        1 <= inputs.cycle_days <= 3650,
        "inputs.repurchase_cycle_days",
        "复购周期须在 1 到 3650 天之间",
    )
    v.check(0 < inputs.yearly_churn < 1, "inputs.yearly_churn", "年流失率须在 0 到 1 之间")


def forecast(
    uow: UnitOfWork[OrdersRepository], q: ForecastQuestion, cache: ForecastCache
) -> ForecastAnswer:
    """Steps: check; look in the cache; else fit and simulate."""
    now = uow.now()
    as_of, months, sims = check(q, now.astimezone(SHANGHAI).date())
    seed = q.seed or model.DEFAULT_SEED
    repo = uow.repository()
    key = (q, as_of, months, sims, seed)
    found = cache.get(key, now)
    if found is not None:
        return found
    buckets = model.month_buckets(as_of, months)
    if q.mode == Mode.INPUTS:
        answer = _from_inputs(q.inputs, as_of, buckets, sims, seed)  # type: ignore[arg-type]
    else:
        answer = _from_history(repo, q, as_of, buckets, sims, seed)
    cache.put(key, answer, now)
    return answer


def _from_inputs(
    inputs: model.Inputs, as_of: date, buckets, sims: int, seed: int
) -> ForecastAnswer:
    run = model.simulate_inputs(inputs, buckets, sims, seed)
    note = (
        f"按参数模拟 {sims} 次:每季度新增 {inputs.new_per_quarter} 家、首单 {inputs.first_order_fen / 100:.2f} 元、"
        f"复购周期 {inputs.cycle_days:g} 天、年流失率 {inputs.yearly_churn:.0%};只含新增客户带来的营收"
    )
    return _answer(Mode.INPUTS, as_of, buckets, run, 0, 0, "新客流入 + 复购周期模拟", note)


def _from_history(
    repo: OrdersRepository, q: ForecastQuestion, as_of: date, buckets, sims: int, seed: int
) -> ForecastAnswer:
    until = datetime.combine(as_of + timedelta(days=1), time.min, SHANGHAI)
    history = repo.order_history(
        q.tenant_id, region_prefix(q.region_code) if q.region_code else "", until
    )
    people = model.customers(history, as_of)
    if len(people) < MIN_STORES:
        raise FailedPrecondition(
            f"有订单的门店只有 {len(people)} 家,至少需要 {MIN_STORES} 家才能拟合模型;可改用按参数预测"
        )
    fitted = model.fit_history(people)
    run = model.simulate_history(fitted, people, buckets, sims, seed)
    note = (
        f"按 {len(people)} 家门店、{len(history)} 笔订单拟合 BG/NBD(下单频率与流失)和 Gamma-Gamma(客单价),"
        f"模拟 {sims} 次(含参数不确定性与新店流入);假设未来与历史同样平稳,不含季节与促销"
    )
    return _answer(
        Mode.HISTORY, as_of, buckets, run, len(people), len(history), "BG/NBD + Gamma-Gamma", note
    )


def _answer(
    mode, as_of, buckets, run: model.Simulation, customers: int, orders: int, name: str, note: str
) -> ForecastAnswer:
    p10, p50, p90 = run.quantiles()
    return ForecastAnswer(
        mode=mode, as_of=as_of, labels=buckets.labels,
        p10=tuple(p10), p50=tuple(p50), p90=tuple(p90), total=run.total_quantiles(),
        parameters=run.parameters, customers=customers, orders=orders, model_name=name, note=note,
    )  # fmt: skip
