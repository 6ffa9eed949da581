"""Incremental ingest throughput of scoring on the MongoDB-wire server (ADR 037): single
events against visit.history_imported chunks, and the orders capability's RecordOrders
back-fill against single erp.order.recorded events.

The use cases run on MongoUnitOfWork against a private server (no broker: the broker's
hop is measured by other benchmarks; what a chunk wins is round trips to the database).
A chunk is what visits publishes for a day of ~75 reps: 500 visits (a third of them losing
credit points), a plan.day_changed per card, 0.35 commitments created and ~0.24 closed a
card, 0.12 ratings. Orders: 18,000 stores and 2 visits each are seeded, then calls of
1,000 orders are timed and the full demo's 130,158 orders extrapolated."""

from __future__ import annotations

import argparse
import os
import random
import time
import uuid
from datetime import UTC, date, datetime, timedelta

from bench.common import report
from services.common.config import Settings
from services.common.errors import Violations
from services.common.mongo import ensure_indexes, mongo_client
from services.common.outbox import Outbox
from services.common.unit_of_work import MongoUnitOfWork
from services.scoring.adapters import orders_repository as orders_repo
from services.scoring.adapters.repository import INDEXES, MongoScoringRepository
from services.scoring.application import history, ingest, orders
from services.scoring.domain import credit as c
from services.scoring.domain import orders as order_domain
from services.scoring.domain import rep_stats
from services.scoring.domain.facts import CommitmentFact, PlanFact, RatingFact

T = "bench"
DAY0 = date(2026, 9, 1)
FULL_ORDERS = 130_158
ORDERS_BAR_S = 180.0
CHUNK_BAR_S = 2.0


def _at(day: date, minute: int) -> datetime:
    return datetime(day.year, day.month, day.day, 1, tzinfo=UTC) + timedelta(minutes=minute)


def chunk(rnd: random.Random, n: int, size: int = 500) -> history.HistoryChunk:
    """Chunk n: `size` visits of day n by ~75 reps, with the items the live path sends."""
    day = DAY0 + timedelta(days=n)
    visits, plans, commitments, ratings, stats = [], [], [], [], []
    for k in range(size):
        rep, at = f"r{k % 75:03d}", _at(day, k)
        far = rnd.random() < 0.33
        visits.append(c.VisitFact(T, f"v{n}-{k}", rep, at, f"s{k}", "店", (), 800.0 if far else
                                  50.0, True, rnd.randint(0, 4 * 3600)))  # fmt: skip
        stats.append((rep, rep_stats.visit_submitted(at)))
        plans.append(PlanFact(T, rep, day, k // 75 + 1, 7, min(7, k // 75 + 1)))
        if rnd.random() < 0.35:
            due = day + timedelta(days=3)
            commitments.append(CommitmentFact(T, f"c{n}-{k}", rep, due, visit_id=f"v{n}-{k}"))
            stats.append((rep, rep_stats.commitment_created()))
            if rnd.random() < 0.7:
                commitments.append(CommitmentFact(T, f"c{n}-{k}", rep, due, "done", True, at))
        if rnd.random() < 0.12:
            ratings.append(RatingFact(T, f"v{n}-{k}", rep, f"s{k}", 5, "", at, "2026-W36"))
    return history.HistoryChunk(T, tuple(visits), tuple(commitments), tuple(plans),
                                tuple(ratings), tuple(stats))  # fmt: skip


def _items(ch: history.HistoryChunk) -> int:
    return len(ch.visits) + len(ch.commitments) + len(ch.plans) + len(ch.ratings)


def bench_scoring(client, chunks: int, singles: int) -> dict:
    db = client[f"bench_{uuid.uuid4().hex[:8]}_scoring"]
    try:
        ensure_indexes(db, INDEXES)
        uow = MongoUnitOfWork(client, db, "scoring", Outbox(db, "scoring", lambda *e: None),
                              MongoScoringRepository)  # fmt: skip
        rnd = random.Random(11)
        seconds, items = [], 0
        for n in range(chunks):
            ch = chunk(rnd, n)
            started = time.perf_counter()
            history.record_history(uow, f"chunk-{n}", ch, datetime.now(UTC))
            seconds.append(time.perf_counter() - started)
            items += _items(ch)
        single = chunk(rnd, chunks + 1, singles)
        started = time.perf_counter()
        for k, v in enumerate(single.visits):
            also = lambda tx, v=v: tx.repo.apply_delta(  # noqa: E731
                T, v.rep_id, rep_stats.visit_submitted(v.checked_out_at), datetime.now(UTC)
            )
            ingest.record_visit(uow, f"visit-{k}", v, also)
        for k, p in enumerate(single.plans):
            ingest.record_plan(uow, f"plan-{k}", p)
        single_s = time.perf_counter() - started
        n_single = len(single.visits) + len(single.plans)
    finally:
        client.drop_database(db.name)
    return {
        "chunk_visits": 500, "chunks": chunks, "chunk_items_mean": items // chunks,
        "chunk_s": [round(s, 3) for s in seconds], "chunk_s_max": round(max(seconds), 3),
        "chunk_bar_s": CHUNK_BAR_S, "chunk_bar_met": max(seconds) < CHUNK_BAR_S,
        "chunk_items_per_s": round(items / sum(seconds)),
        "single_events": n_single, "single_events_per_s": round(n_single / single_s, 1),
    }  # fmt: skip


def _seed_stores(db, stores: int) -> None:
    """The documents the orders adapter keeps for 18,000 stores and two visits each."""
    docs = [{"_id": f"{T}:s{i}", "tenant_id": T, "store_id": f"s{i}", "external_id": f"E{i}",
             "name": "店", "region_code": f"3301{i % 10:02d}", "owner_rep_id": f"r{i % 200:03d}",
             "lead_id": "", "version": 1} for i in range(stores)]  # fmt: skip
    keys = [{**d, "_id": f"{T}:{d['external_id']}"} for d in docs]
    visits = [{"_id": f"{T}:v{i}-{k}", "tenant_id": T, "visit_id": f"v{i}-{k}",
               "store_id": f"s{i}", "rep_id": f"r{i % 200:03d}", "at": _at(DAY0, k * 600 + i % 500),
               "lead_id": ""} for i in range(stores) for k in range(2)]  # fmt: skip
    by_store = [{"_id": f"{T}:s{i}", "visits": [
        {k: v[k] for k in ("visit_id", "rep_id", "at", "lead_id")} for v in visits[2 * i : 2 * i + 2]
    ]} for i in range(stores)]  # fmt: skip
    for rows, name in ((docs, "stores"), (keys, "store_keys"), (visits, "visits"),
                       (by_store, "store_visits")):  # fmt: skip
        for i in range(0, len(rows), 5000):
            db[name].insert_many(rows[i : i + 5000], ordered=False)


def _orders(rnd: random.Random, n: int, size: int, stores: int) -> list:
    found = []
    for k in range(size):
        fen = rnd.randint(1000, 90000)
        at = _at(DAY0 + timedelta(days=rnd.randint(0, 20)), rnd.randint(0, 600))
        o = order_domain.Order(T, f"o{n}-{k}", f"E{rnd.randrange(stores)}", at, fen,
                               (order_domain.OrderLine("SKU", 1, fen),))  # fmt: skip
        found.append((o, Violations()))
    return found


def bench_orders(client, calls: int, singles: int, stores: int = 18_000) -> dict:
    db = client[f"bench_{uuid.uuid4().hex[:8]}_scoring_orders"]
    try:
        ensure_indexes(db, orders_repo.INDEXES)
        _seed_stores(db, stores)
        uow = MongoUnitOfWork(client, db, "scoring", Outbox(db, "scoring", lambda *e: None),
                              orders_repo.MongoOrdersRepository)  # fmt: skip
        rnd = random.Random(5)
        seconds = []
        for n in range(calls):
            rows = _orders(rnd, n, 1000, stores)
            started = time.perf_counter()
            orders.record_batch(uow, T, rows)
            seconds.append(time.perf_counter() - started)
        started = time.perf_counter()
        for k, (o, _) in enumerate(_orders(rnd, calls + 1, singles, stores)):
            orders.record_event(uow, o, f"erp-{k}")
        single_s = time.perf_counter() - started
    finally:
        client.drop_database(db.name)
    per_call = sum(seconds) / len(seconds)
    full = per_call * FULL_ORDERS / 1000
    return {
        "orders_call_size": 1000, "orders_calls": calls,
        "orders_call_s": [round(s, 3) for s in seconds],
        "orders_full_backfill_s_extrapolated": round(full, 1), "orders_bar_s": ORDERS_BAR_S,
        "orders_bar_met": full < ORDERS_BAR_S,
        "erp_order_events_per_s": round(singles / single_s, 1),
    }  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--chunks", type=int, default=4)
    parser.add_argument("--singles", type=int, default=150)
    parser.add_argument("--order-calls", type=int, default=5)
    args = parser.parse_args()
    client = mongo_client(Settings("bench").mongo_uri)
    figures = bench_scoring(client, args.chunks, args.singles)
    figures |= bench_orders(client, args.order_calls, args.singles)
    report("scoring_ingest", {**figures, "load_average_1m": round(os.getloadavg()[0], 1)})


if __name__ == "__main__":
    main()
