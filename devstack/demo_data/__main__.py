"""`python -m devstack.demo_data`: start the platform, load the demo distributor, and ask the
director's question about the planted county spike.

    DEMO_SIZE=small (default: 20 reps, 28 days, about a minute or more on 2 busy cores)
    DEMO_SIZE=full  (200 reps, 18,000 stores, 90 days: see docs/forecast.md and the report
                     of bench/demo_load.py for how long it takes here)
    DEMO_SIZE=tiny  (6 reps, 14 days: the e2e test's slice)
    DEMO_SEED=2025, DEMO_SANDBOX=1 (own vhost and databases, removed afterwards),
    RUN_ONCE=1 (stop after loading; otherwise keep serving until Ctrl-C)

History goes in through ImportVisitHistory with its own times: the platform runs on the
real clock (ADR 035).
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from datetime import datetime, timedelta

from devstack import infra
from devstack.demo_data import generate as g
from devstack.demo_data import load
from devstack.demo_data.spike_question import ask_about_the_spike
from devstack.platform import Platform
from devstack.sandbox import CONSUMER_QUEUES, sandbox
from services.common.clock import SHANGHAI


def run(env: dict[str, str], size: str, seed: int) -> int:
    yesterday = datetime.now(SHANGHAI).date() - timedelta(days=1)
    data = g.generate(size, seed, yesterday)
    print(g.describe(data), flush=True)
    tenant = f"demo-{size}-{datetime.now():%m%d%H%M%S}"
    with Platform(env) as platform:
        platform.start()
        started = time.monotonic()
        loaded = load.load(data, platform.gateway_target, tenant)
        digest = load.wait_drained(env["SALES_AMQP_URI"], [*CONSUMER_QUEUES])
        took = time.monotonic() - started
        answer = ask_about_the_spike(platform.gateway_target, tenant, data.spike, "dir-001")
        print(
            f"\n载入完成(租户 {tenant}):用时 {took / 60:.1f} 分钟(其中事件消化 {digest:.0f} 秒);各步:{loaded.seconds}"
        )
        print(
            f"被拒 {len(loaded.refused)} 项"
            + (f",如:{loaded.refused[0]}" if loaded.refused else "")
        )
        print(f"总监之问:{answer.summary}")
        if os.environ.get("RUN_ONCE") != "1":
            print("平台运行中,按 Ctrl-C 停止 / serving, Ctrl-C to stop", flush=True)
            with contextlib.suppress(KeyboardInterrupt):
                while True:
                    time.sleep(3600)
    return 0


def main() -> int:
    size = os.environ.get("DEMO_SIZE", "small")
    seed = int(os.environ.get("DEMO_SEED", "2025"))
    if size not in g.SIZES:
        print(f"DEMO_SIZE 须为 {'/'.join(g.SIZES)}", file=sys.stderr)
        return 2
    infra.up()
    if os.environ.get("DEMO_SANDBOX") == "1":
        with sandbox("demo") as env:
            return run(env, size, seed)
    return run({"SALES_AMQP_URI": "amqp://guest:guest@127.0.0.1:5672/"}, size, seed)


if __name__ == "__main__":
    sys.exit(main())
