"""Start and stop the six platform processes (five nameko services and the gateway) as
child processes, wait until each answers, and stop them with escalation.

Used by `make run`, the end-to-end tests and the benchmarks. Ports come from the
SALES_<SERVICE>_GRPC_PORT / _METRICS_PORT variables; `free_port_env()` picks unused ones so
a test run never collides with a developer's running platform.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

from devstack.probes import free_port, port_open
from services.common.config import CONSOLE_PORT, SERVICE_PORTS

ROOT = Path(__file__).resolve().parent.parent
SERVICES = ["assignment", "visits", "media", "scoring", "notify"]
ALL = [*SERVICES, "gateway"]
START_TIMEOUT_S = 60.0
STOP_TIMEOUT_S = 12.0


def free_port_env() -> dict[str, str]:
    env: dict[str, str] = {}
    for name in SERVICE_PORTS:
        env[f"SALES_{name.upper()}_GRPC_PORT"] = str(free_port())
        env[f"SALES_{name.upper()}_METRICS_PORT"] = str(free_port())
    console = free_port()
    env["SALES_CONSOLE_PORT"] = str(console)
    # the QR codes visits issues must open this platform's own rating page
    env["SALES_RATING_URL"] = f"http://127.0.0.1:{console}/rate"
    return env


class Platform:
    def __init__(self, env: dict[str, str] | None = None, log_dir: Path | None = None) -> None:
        self.env = {**os.environ, **(env or {})}
        self.log_dir = log_dir or ROOT / ".run" / "platform"
        self.log_dir.mkdir(parents=True, exist_ok=True)
        self.procs: dict[str, subprocess.Popen[bytes]] = {}

    def port(self, name: str, kind: str = "GRPC") -> int:
        default = SERVICE_PORTS[name][0 if kind == "GRPC" else 1]
        return int(self.env.get(f"SALES_{name.upper()}_{kind}_PORT", default))

    @property
    def gateway_target(self) -> str:
        return f"127.0.0.1:{self.port('gateway')}"

    @property
    def console_port(self) -> int:
        return int(self.env.get("SALES_CONSOLE_PORT", CONSOLE_PORT))

    @property
    def console_url(self) -> str:
        """The gateway's HTTP face and web console (ADR 033)."""
        return f"http://127.0.0.1:{self.console_port}"

    def start(self, names: list[str] | None = None, quiet: bool = False) -> None:
        names = names or ALL
        for name in names:
            if port_open(self.port(name)):
                raise RuntimeError(f"{name} 的端口 {self.port(name)} 已被占用 / port in use")
            log = open(self.log_dir / f"{name}.log", "ab")  # noqa: SIM115  (owned by the child)
            self.procs[name] = subprocess.Popen(
                [sys.executable, "-m", f"services.{name}"],
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        for name in names:
            started = time.monotonic()
            self._wait_ready(name)
            if not quiet:
                print(
                    f"  {name:<10} 已就绪 / ready ({time.monotonic() - started:.1f} s)", flush=True
                )

    def _wait_ready(self, name: str) -> None:
        deadline = time.monotonic() + START_TIMEOUT_S
        proc = self.procs[name]
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise RuntimeError(f"{name} 启动失败 / exited {proc.returncode}: {self.tail(name)}")
            ports_open = port_open(self.port(name)) and port_open(self.port(name, "METRICS"))
            if name == "gateway":
                ports_open = ports_open and port_open(self.console_port)
            if ports_open and (name != "gateway" or self._gateway_serving()):
                return
            time.sleep(0.1)
        raise RuntimeError(f"{name} 未在 {START_TIMEOUT_S} 秒内就绪: {self.tail(name)}")

    def _gateway_serving(self) -> bool:
        with grpc.insecure_channel(self.gateway_target) as channel:
            try:
                answer = health_pb2_grpc.HealthStub(channel).Check(
                    health_pb2.HealthCheckRequest(service=""), timeout=1
                )
            except grpc.RpcError:
                return False
            return answer.status == health_pb2.HealthCheckResponse.SERVING

    def tail(self, name: str, lines: int = 20) -> str:
        path = self.log_dir / f"{name}.log"
        return (
            "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
            if path.exists()
            else ""
        )

    def stop(self, names: list[str] | None = None) -> dict[str, float]:
        """SIGTERM, wait, escalate to SIGKILL; returns seconds each took to exit."""
        names = [n for n in (names or list(self.procs)) if n in self.procs]
        took: dict[str, float] = {}
        started = time.monotonic()
        for name in names:
            if self.procs[name].poll() is None:
                self.procs[name].send_signal(signal.SIGTERM)
        for name in names:
            proc = self.procs.pop(name)
            try:
                proc.wait(timeout=max(0.1, STOP_TIMEOUT_S - (time.monotonic() - started)))
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
            took[name] = time.monotonic() - started
            deadline = time.monotonic() + 5
            while port_open(self.port(name)) and time.monotonic() < deadline:
                time.sleep(0.1)
        return took

    def restart(self, name: str) -> None:
        self.stop([name])
        self.start([name], quiet=True)

    def __enter__(self) -> Platform:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
