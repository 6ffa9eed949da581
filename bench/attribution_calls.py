"""S5/S6 calls through the gateway on the demo distributor (P5): the county question
(ExplainRegionRevenue) and the 12-month forecast (ForecastRevenue), p50/p95/p99.
Bar: the dashboard bar, p95 < 100 ms.

Scoring's orders read model is seeded straight into its database in the adapter's own
document format, linked by the domain's rules (the store, its owner rep, the last visit
within 14 days), because loading 120,000 visits through visits takes hours on this machine
(bench/demo_load.py measures that path); the calls then run against a whole platform in a
sandbox, as a director's console makes them.

    .venv/bin/python -m bench.attribution_calls --size full
"""

from __future__ import annotations

import argparse
import bisect
import time
from datetime import timedelta

import grpc
import pymongo

from bench.common import QUIET, percentiles, progress, report
from devstack import infra
from devstack.demo_data import generate as g
from devstack.frontend import Frontend, call
from devstack.platform import Platform
from devstack.sandbox import MONGO, sandbox
from sales.common.v1 import types_pb2 as t
from sales.scoring.v1 import orders_pb2 as so
from services.common.mongo import ensure_indexes
from services.scoring.adapters import orders_repository as adapter
from services.scoring.domain import orders as domain
from services.scoring.domain import revenue_days
from services.scoring.domain.orders import DEFAULT_WINDOW_DAYS, Order, OrderLine, StoreFacts

BAR_P95_MS = 100.0


def seed(db, tenant: str, data: g.Distributor) -> dict[str, int]:
    """Stores and linked orders, in bulk, as the consumer would have written them (visits
    are linked here in memory: these calls never read the visits read model). Batches of
    2,000, so the shared embedded server keeps answering its other clients meanwhile."""
    ensure_indexes(db, adapter.INDEXES)
    stores = {s.external_id: StoreFacts(tenant, s.external_id, s.external_id, s.name, s.region_code,
                                        s.owner_rep_id, s.lead_external_id, 1) for s in data.stores}  # fmt: skip
    _insert(
        db["stores"],
        [{"_id": adapter._key(tenant, s.store_id), **vars(s)} for s in stores.values()],
    )
    codes = sorted({s.region_code for s in stores.values()})
    db["regions"].insert_one({"_id": tenant, "codes": codes})
    visits: dict[str, list] = {}
    for v in data.visits:
        fact = domain.VisitFact(tenant, v.visit_id, v.store_external_id, v.rep_id, v.check_out, "")
        visits.setdefault(v.store_external_id, []).append((v.check_out, v.visit_id, fact))
    for found in visits.values():
        found.sort()
    orders = [_linked(tenant, o, stores, visits) for o in data.orders]
    _insert(db["orders"], [adapter._order_doc(o) for o in orders])
    # The store-days the consumer writes with each order (ADR 044), by the same adapter.
    repo = adapter.MongoOrdersRepository(db, None)
    for i in range(0, len(orders), 2_000):
        repo.put_revenue(revenue_days.placements(orders[i : i + 2_000]))
        progress("revenue_days", min(i + 2_000, len(orders)), len(orders))
    groups = db["revenue_days"].estimated_document_count()
    return {"stores": len(stores), "orders": len(orders), "visits_linked": len(data.visits),
            "revenue_day_groups": groups}  # fmt: skip


def _insert(collection, docs: list[dict], batch: int = 2_000) -> None:
    for i in range(0, len(docs), batch):
        collection.insert_many(docs[i : i + batch], ordered=False)
        progress(collection.name, min(i + batch, len(docs)), len(docs))


def _linked(tenant: str, o: g.Order, stores: dict, visits: dict) -> Order:
    order = Order(tenant, o.order_id, o.store_external_id, o.ordered_at, o.total_fen,
                  tuple(OrderLine(*line) for line in o.lines))  # fmt: skip
    found = visits.get(o.store_external_id, [])
    k = bisect.bisect_right([x[0] for x in found], o.ordered_at)
    last = found[k - 1][2] if k else None
    since = o.ordered_at - timedelta(days=DEFAULT_WINDOW_DAYS)
    return domain.link(
        order, stores[o.store_external_id], last if last and last.at >= since else None
    )


def timed(front: Frontend, method: str, request, n: int) -> tuple[list[float], object]:
    samples, answer = [], None
    for _ in range(n):
        started = time.perf_counter()
        answer = call(front, method, request)
        samples.append((time.perf_counter() - started) * 1000)
    return samples, answer


def _forecast(director: Frontend, request, n: int):
    """The cold forecast (a fit of the whole history), then warm ones from the cache; a
    cold one past the client's deadline is reported, not waited on n times."""
    try:
        cold, _ = timed(director, "ForecastRevenue", request, 1)
    except grpc.RpcError as failed:
        return None, [], None, f"cold call: {failed.code().name}"
    warm, predicted = timed(director, "ForecastRevenue", request, n)
    return cold[0], warm, predicted, ""


def _spike_found(answer, spike: g.Spike) -> dict[str, object]:
    """The planted reps are the top three; the stores that moved are theirs: the named
    reps' stores ranked by change begin with the planted ones. The county's whole ranking
    need not: the generator's other stores vary too (at full size one unplanted store of
    another rep gains more than the weakest planted one), so its count is reported."""
    planted = set(spike.stores)
    reps = {r.rep_id for r in answer.reps[:3]} == set(spike.reps)
    theirs = [s.store_id for s in answer.stores if s.owner_rep_id in spike.reps]
    named = [s for s in answer.stores[:5] if s.change_fen > 0]
    return {
        "reps": reps,
        "stores": set(theirs[: len(planted)]) == planted,
        "planted_in_county_top": sum(s.store_id in planted for s in answer.stores[: len(planted)]),
        "summary_names_reps": all(r in answer.summary for r in spike.reps),
        "summary_names_stores": all(s.name in answer.summary for s in named) and bool(named),
        "summary_stores_planted": all(s.store_id in planted for s in named),
        "summary": answer.summary,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", default="full", choices=sorted(g.SIZES))
    parser.add_argument("--calls", type=int, default=200)
    args = parser.parse_args()
    data = g.generate(args.size)
    infra.up()
    with sandbox("battr") as env, Platform({**env, **QUIET}) as platform:
        client = pymongo.MongoClient(MONGO)
        seeded = seed(client[f"{env['SALES_DB_PREFIX']}scoring_orders"], "bench", data)
        platform.start(quiet=True)
        director = Frontend(platform.gateway_target, "bench", "dir-001", ["director"])
        spike = data.spike
        page = t.PageRequest(page_size=20)
        county = so.ExplainRegionRevenueRequest(region_code=spike.county, first_day=spike.first_day.isoformat(),
                                                last_day=spike.last_day.isoformat(), page=page)  # fmt: skip
        city = so.ExplainRegionRevenueRequest(region_code=spike.county[:4] + "00", first_day=spike.first_day.isoformat(),
                                              last_day=spike.last_day.isoformat(), page=page)  # fmt: skip
        forecast = so.ForecastRevenueRequest(
            mode=so.FORECAST_MODE_FROM_HISTORY, as_of=data.last_day.isoformat()
        )
        call(director, "ExplainRegionRevenue", county)  # warm the channel
        county_ms, answer = timed(director, "ExplainRegionRevenue", county, args.calls)
        city_ms, _ = timed(director, "ExplainRegionRevenue", city, args.calls // 2)
        cold, warm_ms, predicted, failed = _forecast(director, forecast, args.calls)
        found = _spike_found(answer, spike)
        director.close()
        client.close()
    results = {"county": percentiles(county_ms), "city": percentiles(city_ms)}
    if warm_ms:
        results["forecast_warm"] = percentiles(warm_ms)
    report("attribution_calls", {
        "size": args.size, "seeded": seeded, **results,
        "forecast_cold_ms": round(cold, 1) if cold else None, "forecast_failed": failed,
        "forecast_p10_p50_p90_yuan": [round(x / 100) for x in (predicted.p10_fen, predicted.p50_fen, predicted.p90_fen)] if predicted else None,
        "bar_p95_ms": BAR_P95_MS,
        "p95_vs_bar": {k: round(v["p95_ms"] / BAR_P95_MS, 3) for k, v in results.items()},
        "spike_found": found,
        "note": "closed loop, one director; every service of the platform on this machine; "
                "stores and orders seeded in bulk (see the docstring)",
    })  # fmt: skip


if __name__ == "__main__":
    main()
