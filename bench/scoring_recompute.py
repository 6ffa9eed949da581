"""Full recompute of PHI and data credit for 200 reps x 90 days (SPEC Numbers: < 5 s).

The facts are generated straight into scoring's MongoDB repository (the documents its
adapter writes), the aggregates seeded by the same recompute, and then RebuildScores' use
case is timed: scan every raw fact, recompute every rep-month, compare with the stored
aggregates (and repair none, which is checked). Per rep-day: one plan day, one lead
assignment, two commitments due, and the cards that lost credit points (about a third of
~6.7 cards a day, as ADR 029 stores only those)."""

from __future__ import annotations

import argparse
import os
import random
import time
import uuid
from datetime import UTC, date, datetime, timedelta

from bench.common import progress, report
from services.common.config import Settings
from services.common.mongo import ensure_indexes, mongo_client
from services.common.outbox import Outbox
from services.common.unit_of_work import MongoUnitOfWork
from services.scoring.adapters import buckets
from services.scoring.adapters import documents as docs
from services.scoring.adapters.repository import INDEXES, MongoScoringRepository
from services.scoring.application import rebuild
from services.scoring.domain import credit as c
from services.scoring.domain.facts import CommitmentFact, LeadFact, LeadState, PlanFact, PlanItem
from services.scoring.domain.recompute import recompute

T = "bench"
BAR_S = 5.0
START = date(2026, 9, 1)


def rep_day(rnd: random.Random, rep: str, day: date, n: int, T: str = T) -> dict[str, list]:  # noqa: N803
    at = datetime(day.year, day.month, day.day, 2, tzinfo=UTC) + timedelta(minutes=n % 600)
    planned = rnd.randint(5, 8)
    lead = LeadFact(T, f"l{rep}{n}", rep, at, LeadState(rnd.choice([1, 2, 3, 3, 3])))
    done = rnd.randint(planned - 3, planned)
    items = tuple(PlanItem(f"i{n}-{k}", f"s{rep}{k}", "done" if k < done else "pending", k)
                  for k in range(planned))  # fmt: skip
    plan = PlanFact(T, rep, day, 3, planned, done, items)
    commitments = [
        CommitmentFact(T, f"c{rep}{n}{k}", rep, day, rnd.choice(["open", "done", "done"]),
                       rnd.random() < 0.8, at) for k in range(2)
    ]  # fmt: skip
    cards = [
        c.visit_fact(c.VisitFact(T, f"v{rep}{n}{k}", rep, at, missing_items=("core_demand",),
                                 distance_m=rnd.choice([50.0, 800.0]), distance_known=True,
                                 submit_delay_seconds=rnd.randint(0, 8 * 3600)))
        for k in range(2)
    ]  # fmt: skip
    return {"leads": [lead], "plans": [plan], "commitments": commitments, "credit": cards}


def generate(db, reps: int, days: int, tenant: str = T, start: date = START) -> dict[str, int]:
    """The facts, written as scoring's adapter writes them, and their aggregates."""
    T = tenant  # noqa: N806
    rnd = random.Random(7)
    to_doc = {"leads": docs.lead_doc, "plans": docs.plan_doc, "commitments": docs.commitment_doc,
              "credit": lambda f: docs.credit_doc(T, f)}  # fmt: skip
    collection = {"credit": "credit_facts"}
    facts: dict[str, list] = {k: [] for k in to_doc}
    for r in range(reps):
        for d in range(days):
            for kind, found in rep_day(
                rnd, f"r{r:03d}", START + timedelta(days=d), r * days + d
            ).items():
                facts[kind].extend(found)
        progress("generated reps", r + 1, reps)
    for kind, found in facts.items():
        rows = [to_doc[kind](f) for f in found]
        for i in range(0, len(rows), 5000):
            db[collection.get(kind, kind)].insert_many(rows[i : i + 5000], ordered=False)
    # The recompute's copy (ADR 038), as the adapter writes it with each fact.
    every = [f for found in facts.values() for f in found]
    writes = buckets.writes(T, every)
    for i in range(0, len(writes), 500):
        db["fact_buckets"].bulk_write(writes[i : i + 500], ordered=False)
    expected = recompute(T, facts["leads"], facts["plans"], facts["commitments"], facts["credit"])
    db["rep_months"].insert_many([docs.month_doc(a) for a in expected.values()])
    GENERATED.clear()
    GENERATED.update(facts)
    return {k: len(v) for k, v in facts.items()}


GENERATED: dict[str, list] = {}  # the last generate()'s facts, for the in-memory figure


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reps", type=int, default=200)
    parser.add_argument("--days", type=int, default=90)
    parser.add_argument("--name", default="scoring_recompute")  # a smaller run's own file
    args = parser.parse_args()
    client = mongo_client(Settings("bench").mongo_uri)
    db = client[f"bench_{uuid.uuid4().hex[:8]}_scoring"]
    try:
        ensure_indexes(db, INDEXES)
        started = time.perf_counter()
        counts = generate(db, args.reps, args.days)
        load_s = time.perf_counter() - started
        uow = MongoUnitOfWork(client, db, "scoring", Outbox(db, "scoring", lambda *event: None),
                              MongoScoringRepository)  # fmt: skip
        started = time.perf_counter()
        result = rebuild.rebuild(uow, T)
        seconds = time.perf_counter() - started
        # The same recompute on the facts already in memory: what the scan costs apart.
        started = time.perf_counter()
        g = GENERATED
        recompute(T, g["leads"], g["plans"], g["commitments"], g["credit"])
        in_memory_s = time.perf_counter() - started
    finally:
        client.drop_database(db.name)
    report(args.name, {
        "reps": args.reps, "days": args.days, "facts": result.facts, "by_kind": counts,
        "months_checked": result.months_checked, "months_repaired": result.months_repaired,
        "recompute_s": round(seconds, 3), "bar_s": BAR_S, "ratio_to_bar": round(seconds / BAR_S, 3),
        "bar_met": seconds < BAR_S and result.months_repaired == 0, "load_s": round(load_s, 1),
        "recompute_in_memory_s": round(in_memory_s, 3),
        "scan_and_compare_s": round(seconds - in_memory_s, 3),
        "load_average_1m": round(os.getloadavg()[0], 1),
    })  # fmt: skip


if __name__ == "__main__":
    main()
