"""`make bench`: every benchmark in turn; each prints a final JSON line and writes
bench/results/<name>.json."""

from __future__ import annotations

import subprocess
import sys

BENCHES = [
    ["bench.grpc_hop"],
    ["bench.lead_to_push", "--rate", "10", "--seconds", "20"],
    ["bench.lead_to_push", "--rate", "50", "--seconds", "60", "--name", "lead_to_push_sustained"],
    ["bench.assignment_throughput"],
    ["bench.strategy_fairness"],
    ["bench.notify_throughput"],
    ["bench.returns_analysis"],
    ["bench.visit_submit"],
    ["bench.offline_batch"],
    ["bench.photo_reuse"],
    ["bench.hash_lookup"],
    ["bench.scoring_recompute"],
    ["bench.scoring_calls"],
    ["bench.forecast_backtest"],
    ["bench.attribution_calls"],
    ["bench.demo_load"],
    ["bench.console"],
]


def main() -> int:
    failed = 0
    for module, *args in BENCHES:
        print(f"== {module} {' '.join(args)} ==", flush=True)
        failed |= subprocess.call([sys.executable, "-m", module, *args])
    return failed


if __name__ == "__main__":
    sys.exit(main())
