"""`make bench`: every benchmark in turn; each prints a final JSON line and writes
bench/results/<name>.json."""

from __future__ import annotations

import subprocess
import sys

BENCHES = ["bench.grpc_hop", "bench.lead_to_push"]


def main() -> int:
    failed = 0
    for module in BENCHES:
        print(f"== {module} ==", flush=True)
        failed |= subprocess.call([sys.executable, "-m", module])
    return failed


if __name__ == "__main__":
    sys.exit(main())
