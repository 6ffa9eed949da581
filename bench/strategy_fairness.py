"""How evenly each strategy spreads leads over reps: the Gini coefficient of leads per rep
(0 = perfectly even, 1 = one rep gets everything), on the demo distributor's stores with 200
reps, simulated with the domain code alone (no I/O): reps visit and free up as a day goes."""

from __future__ import annotations

import argparse
import random
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from bench.common import report
from devstack.demo_org import stores
from services.assignment.domain.model import CustomerType, Lead, Rep, RepStatus, Urgency
from services.assignment.domain.rules import STRATEGIES, Rule
from services.assignment.domain.strategies import daily_quota, day_key, decide

TYPES = {1: CustomerType.KA, 2: CustomerType.BC, 3: CustomerType.CONVENIENCE}


def gini(values: list[int]) -> float:
    ordered = sorted(values)
    n, total = len(ordered), sum(ordered)
    if not total:
        return 0.0
    weighted = sum((i + 1) * v for i, v in enumerate(ordered))
    return round((2 * weighted) / (n * total) - (n + 1) / n, 3)


def org(rng: random.Random) -> list[Rep]:
    cities = ["330100", "330200"]
    kinds = list(TYPES.values())
    return [
        Rep("demo", f"rep{i:03d}", f"业务员{i}", "", (cities[i % 2],), tuple(rng.sample(kinds, 2)),
            rng.choice([5, 10, 15, 20]), RepStatus.ACTIVE,
            last_effective_visit_at=datetime(2026, 11, 1, tzinfo=UTC) + timedelta(hours=rng.randint(0, 600)))
        for i in range(200)
    ]  # fmt: skip


def simulate(strategy: str, leads_count: int, seed: int) -> list[int]:
    rng = random.Random(seed)
    reps = {r.rep_id: r for r in org(rng)}
    rule = Rule("demo", "sim", 1, 0, "模拟", True, strategy=strategy)
    demo_stores = stores(count=200, seed=seed)
    now = datetime(2026, 11, 27, 1, tzinfo=UTC)
    got = dict.fromkeys(reps, 0)
    for i in range(leads_count):
        now += timedelta(seconds=20)
        store = demo_stores[i % len(demo_stores)]
        lead = Lead(f"l{i}", "demo", f"e{i}", "ecommerce", TYPES[store.customer_type], store.region_code,
                    Urgency.BLUE, store.name, "", store.phone, "", None, store.store_id, now)  # fmt: skip
        decision = decide(rule, lead, list(reps.values()), now)
        if decision.candidates:
            rep = reps[decision.candidates[0].rep_id]
            day = day_key(now)
            if rule.strategy == "daily_quota" and rep.assigned_on(day) >= daily_quota(rep, rule):
                continue
            per_day = {**rep.assigned_per_day, day: rep.assigned_on(day) + 1}
            reps[rep.rep_id] = replace(rep, open_leads=rep.open_leads + 1, pending_visits=rep.pending_visits + 1,
                                       last_assigned_at=now, assigned_per_day=per_day)  # fmt: skip
            got[rep.rep_id] += 1
        for rep_id, rep in list(reps.items()):  # visits happen; some leads close
            if rep.pending_visits and rng.random() < 0.02:
                reps[rep_id] = replace(
                    rep, pending_visits=rep.pending_visits - 1, last_effective_visit_at=now
                )
            if rep.open_leads and rng.random() < 0.01:
                reps[rep_id] = replace(reps[rep_id], open_leads=reps[rep_id].open_leads - 1)
    return list(got.values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--leads", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    figures: dict[str, object] = {"reps": 200, "leads": args.leads}
    for strategy in STRATEGIES:
        per_rep = simulate(strategy, args.leads, args.seed)
        figures[strategy] = {
            "gini": gini(per_rep),
            "assigned": sum(per_rep),
            "max_per_rep": max(per_rep),
            "reps_with_none": sum(1 for v in per_rep if v == 0),
        }
    report("strategy_fairness", figures)


if __name__ == "__main__":
    main()
