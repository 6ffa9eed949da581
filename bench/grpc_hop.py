"""One gRPC hop, gateway-style grpc.aio client to a service, measured against a plain grpcio
server in the same run. Three servers answer the same constant: nameko-grpc with the
project's select timeout, nameko-grpc with the library default (10 ms), and plain grpc.aio."""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import grpc

from bench.common import percentiles, report
from devstack.probes import free_port
from sales.scoring.v1 import scoring_pb2 as pb
from sales.scoring.v1.scoring_pb2_grpc import ScoringStub

ROOT = Path(__file__).resolve().parent.parent


def start(kind: str, select_timeout: str | None) -> tuple[subprocess.Popen, int]:
    port = free_port()
    env = {
        **os.environ,
        "SALES_SCORING_GRPC_PORT": str(port),
        "SALES_SCORING_METRICS_PORT": str(free_port()),
        "SALES_LOG_LEVEL": "WARNING",
    }
    if select_timeout:
        env["SALES_GRPC_SELECT_TIMEOUT"] = select_timeout
    proc = subprocess.Popen(
        [sys.executable, "-m", "bench.hop_servers", kind], cwd=ROOT, env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return proc, port
        time.sleep(0.1)
    raise RuntimeError(f"{kind} server did not start")


async def measure(port: int, calls: int) -> list[float]:
    async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
        stub = ScoringStub(channel)
        request = pb.GetRepStatsRequest(tenant_id="t", rep_id="bench")
        for _ in range(50):  # warm-up: connection, HTTP/2 settings, code paths
            await stub.GetRepStats(request, timeout=5)
        samples = []
        for _ in range(calls):
            started = time.perf_counter()
            await stub.GetRepStats(request, timeout=5)
            samples.append((time.perf_counter() - started) * 1000)
        return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--calls", type=int, default=500)
    args = parser.parse_args()
    variants = {
        "plain_grpc_aio": ("plain", None),
        "nameko_grpc_select_2ms": ("nameko", "0.002"),
        "nameko_grpc_select_10ms_default": ("nameko", "0.01"),
    }
    figures: dict[str, object] = {"calls": args.calls}
    for label, (kind, select_timeout) in variants.items():
        proc, port = start(kind, select_timeout)
        try:
            figures[label] = percentiles(asyncio.run(measure(port, args.calls)))
        finally:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
        print(f"  {label}: {figures[label]}", file=sys.stderr, flush=True)
    plain = figures["plain_grpc_aio"]["p50_ms"]  # type: ignore[index]
    for label in ("nameko_grpc_select_2ms", "nameko_grpc_select_10ms_default"):
        figures[f"{label}_p50_vs_plain"] = round(figures[label]["p50_ms"] / plain, 1)  # type: ignore[index]
    report("grpc_hop", figures)


if __name__ == "__main__":
    main()
