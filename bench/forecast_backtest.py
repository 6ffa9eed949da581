"""S5 backtest on the demo distributor (P5): fit BG/NBD + Gamma-Gamma on the first 60 days
of ERP orders, forecast the next 30, and count how often the true revenue falls inside
P10-P90 (ideal 80 %), for the whole distributor and for every county with enough stores.
The model is the service's own (services/scoring/domain/forecast.py); the orders are the
generator's, as scoring would hold them once linked. docs/forecast.md explains the model.

    .venv/bin/python -m bench.forecast_backtest            # full size (18,000 stores)
    .venv/bin/python -m bench.forecast_backtest --size small
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict
from datetime import timedelta

import numpy as np

from bench.common import progress, report
from devstack.demo_data import generate as g
from services.scoring.domain import forecast as f

FIT_DAYS, HORIZON_DAYS, MIN_STORES = 60, 30, 20


def backtest(rows, as_of, end_day, simulations: int, seed: int) -> dict[str, float] | None:
    """rows: (store, time, fen) of one area -> the forecast of (as_of, as_of + 30] and the truth."""
    people = f.customers(rows, as_of)
    if len(people) < MIN_STORES:
        return None
    model = f.fit_history(people)
    run = f.simulate_history(model, people, f.day_buckets(HORIZON_DAYS), simulations, seed)
    p10, p50, p90 = run.total_quantiles()
    truth = sum(fen for _, at, fen in rows if as_of < g.SHANGHAI_DAY(at) <= end_day)
    return {"p10": p10, "p50": p50, "p90": p90, "truth": float(truth), "stores": len(people),
            "inside": float(p10 <= truth <= p90), "error": (p50 - truth) / truth if truth else 0.0}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", default="full", choices=sorted(g.SIZES))
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--simulations", type=int, default=300)
    args = parser.parse_args()
    started = time.monotonic()
    data = g.generate(args.size, args.seed)
    if data.size.days < FIT_DAYS + HORIZON_DAYS:
        raise SystemExit(f"{args.size} 只有 {data.size.days} 天,回测需要 90 天(用 --size full)")
    as_of = data.first_day + timedelta(days=FIT_DAYS - 1)
    end_day = as_of + timedelta(days=HORIZON_DAYS)
    region = {s.external_id: s.region_code for s in data.stores}
    rows = [(o.store_external_id, o.ordered_at, o.total_fen) for o in data.orders]
    whole = backtest(rows, as_of, end_day, args.simulations, args.seed)
    by_county: dict[str, list] = defaultdict(list)
    for row in rows:
        by_county[region[row[0]]].append(row)
    counties = {}
    for i, (code, county_rows) in enumerate(sorted(by_county.items())):
        found = backtest(county_rows, as_of, end_day, args.simulations, args.seed + i)
        if found:
            counties[code] = found
        progress("counties", i + 1, len(by_county))
    inside = [c["inside"] for c in counties.values()]
    errors = [abs(c["error"]) for c in counties.values()]
    below = sum(1 for c in counties.values() if c["truth"] < c["p10"])
    report("forecast_backtest", {
        "size": args.size, "seed": args.seed, "simulations": args.simulations,
        "fit_days": FIT_DAYS, "horizon_days": HORIZON_DAYS,
        "fit": [data.first_day.isoformat(), as_of.isoformat()],
        "forecast": [(as_of + timedelta(days=1)).isoformat(), end_day.isoformat()],
        "distributor": {k: round(v, 3) for k, v in whole.items()} if whole else None,
        "counties": len(counties),
        "coverage_p10_p90": round(float(np.mean(inside)), 3) if inside else None,
        "truth_below_p10": below, "truth_above_p90": len(counties) - below - int(sum(inside)),
        "median_abs_error_p50": round(float(np.median(errors)), 3) if errors else None,
        "ideal_coverage": 0.8,
        "note": "the generator has a weekly rhythm, 双十一 (Nov 1-11) and a mild trend; the model assumes none",
        "seconds": round(time.monotonic() - started, 1),
    })  # fmt: skip


if __name__ == "__main__":
    main()
