"""SPEC V6 returns analysis at the demo distributor's size: 120,000 visits over 90 days, of
which a share record returns (default 25 %, 1-3 lines each), spread over Zhejiang's
counties, 60 SKUs and the 12 reasons; then the analysis calls a director or finance makes,
timed on the real MongoDB-wire server through the repository the service uses. Bar: the
dashboard bar, p95 < 100 ms."""

from __future__ import annotations

import argparse
import os
import random
import time
import uuid
from datetime import UTC, date, datetime, timedelta

from bench.common import percentiles, progress, report
from services.common.mongo import ensure_indexes, mongo_client
from services.visits.adapters.returns_repository import INDEXES, MongoReturnRepository
from services.visits.domain.lines import RETURN_REASONS
from services.visits.domain.returns import (
    MAX_GROUPS,
    Granularity,
    RegionLevel,
    ReturnRecord,
    ReturnsQuery,
    period_keys,
)

URI = os.environ.get(
    "SALES_MONGO_URI", "mongodb://127.0.0.1:27017/?retryWrites=false&directConnection=true"
)
START = datetime(2026, 9, 1, 1, 0, tzinfo=UTC)
COUNTIES = [f"33{c:02d}{d:02d}" for c in range(1, 12) for d in range(2, 12)]  # 110 codes
SKUS = [f"SKU-{i:03d}" for i in range(60)]


def records(tenant: str, visits: int, share: float, rng: random.Random) -> list[ReturnRecord]:
    found: list[ReturnRecord] = []
    reasons = list(RETURN_REASONS)
    for v in range(visits):
        if rng.random() >= share:
            continue
        at = START + timedelta(seconds=rng.randint(0, 90 * 86400 - 1))
        region, visit_id = rng.choice(COUNTIES), f"v{v:06d}"
        for line_no in range(rng.randint(1, 3)):
            found.append(
                ReturnRecord(
                    tenant,
                    visit_id,
                    line_no,
                    f"rep{v % 200:03d}",
                    f"s{v % 18000}",
                    region,
                    rng.choice(SKUS),
                    rng.choice(reasons),
                    rng.randint(1, 24),
                    at,
                    period_keys(at),
                )  # fmt: skip
            )
    return found


def queries(tenant: str) -> dict[str, ReturnsQuery]:
    first, last = date(2026, 9, 1), date(2026, 11, 29)
    return {
        "one_month_by_day": ReturnsQuery(tenant, date(2026, 10, 1), date(2026, 10, 31),
                                         Granularity.DAY),
        "90_days_by_week_city": ReturnsQuery(tenant, first, last, Granularity.WEEK,
                                             RegionLevel.CITY),
        "90_days_by_month_province": ReturnsQuery(tenant, first, last, Granularity.MONTH,
                                                  RegionLevel.PROVINCE),
        "one_sku_90_days_by_week": ReturnsQuery(tenant, first, last, Granularity.WEEK,
                                                sku="SKU-007"),
        "one_city_90_days_by_month": ReturnsQuery(tenant, first, last, Granularity.MONTH,
                                                  region_prefix="3301"),
    }  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--visits", type=int, default=120_000)
    parser.add_argument("--share", type=float, default=0.25)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    client = mongo_client(URI)
    db = client[f"benchreturns{uuid.uuid4().hex[:6]}_visits"]
    try:
        ensure_indexes(db, INDEXES)
        repo = MongoReturnRepository(db, None)
        lines = records("demo", args.visits, args.share, random.Random(8))
        # as cards would have stored them: one rep-month bucket at a time
        buckets: dict[tuple[str, str], list[ReturnRecord]] = {}
        for line in lines:
            buckets.setdefault((line.rep_id, line.keys.month), []).append(line)
        started = time.perf_counter()
        for done, bucket in enumerate(buckets.values(), start=1):
            repo.add_many(bucket)
            progress("rep-month buckets", done, len(buckets))
        load_s = time.perf_counter() - started
        figures: dict[str, object] = {"visits": args.visits, "return_lines": len(lines),
                                      "buckets": len(buckets), "load_s": round(load_s, 1)}  # fmt: skip
        for name, query in queries("demo").items():
            samples, groups = [], 0
            for _ in range(args.repeat):
                t0 = time.perf_counter()
                groups = len(repo.analyse(query, MAX_GROUPS))
                samples.append((time.perf_counter() - t0) * 1000)
            stats = percentiles(samples)
            figures[name] = {
                **stats,
                "groups": groups,
                "ratio_to_bar_p95": round(stats["p95_ms"] / 100, 2),
            }
        report("returns_analysis", figures)
    finally:
        client.drop_database(db.name)


if __name__ == "__main__":
    main()
