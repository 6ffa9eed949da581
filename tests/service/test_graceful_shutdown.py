"""A real service process (`python -m services.scoring`) stops cleanly on SIGTERM: exit code 0
within 10 s, a clean (not forced) stop, and its gRPC port freed; a call in flight when the
signal comes is answered before the process exits (docs/adr/008-graceful-shutdown.md).

Plain `subprocess` works from this monkey-patched process: eventlet greens it, and
`Popen.wait(timeout=...)` polls without blocking the hub.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import h2.config
import h2.connection
import pytest
from nameko_grpc.client import Client
from nameko_grpc.errors import GrpcError

from devstack.probes import free_port
from sales.scoring.v1 import scoring_pb2
from sales.scoring.v1.scoring_pb2_grpc import ScoringStub

ROOT = Path(__file__).resolve().parents[2]


def port_open(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.2)
        return s.connect_ex(("127.0.0.1", port)) == 0


def port_bindable(port: int) -> bool:
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


class Scoring:
    def __init__(self, proc: subprocess.Popen, grpc_port: int, log) -> None:
        self.proc = proc
        self.grpc_port = grpc_port
        self._log = log

    def output(self) -> str:
        self._log.seek(0)
        return self._log.read()

    def wait_until(self, ready, what: str, timeout: float = 20) -> None:
        deadline = time.monotonic() + timeout
        while not ready():
            if self.proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"{what} (rc={self.proc.poll()}):\n{self.output()[-3000:]}")
            time.sleep(0.05)

    def terminate(self, timeout: float) -> tuple[int, float]:
        """SIGTERM; returns (exit code, seconds taken) or fails with the process log."""
        started = time.monotonic()
        self.proc.send_signal(signal.SIGTERM)
        try:
            code = self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            pytest.fail(f"still running {timeout} s after SIGTERM:\n{self.output()[-3000:]}")
        return code, time.monotonic() - started


@pytest.fixture
def start_scoring(rabbit_uri, db_prefix, tmp_path):
    started: list[Scoring] = []

    def start(module: str = "services.scoring", **env_overrides: str) -> Scoring:
        grpc_port, metrics_port = free_port(), free_port()
        env = {
            **os.environ,
            "SALES_AMQP_URI": rabbit_uri,
            "SALES_DB_PREFIX": db_prefix,
            "SALES_GRPC_HOST": "127.0.0.1",
            "SALES_SCORING_GRPC_PORT": str(grpc_port),
            "SALES_SCORING_METRICS_PORT": str(metrics_port),
            "SALES_SHUTDOWN_GRACE": "8",
            **env_overrides,
        }
        log = (tmp_path / f"scoring-{len(started)}.log").open("w+")
        proc = subprocess.Popen(
            [sys.executable, "-m", module],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        scoring = Scoring(proc, grpc_port, log)
        started.append(scoring)
        scoring.wait_until(lambda: port_open(grpc_port), "gRPC port never opened")
        return scoring

    yield start
    for scoring in started:
        if scoring.proc.poll() is None:
            scoring.proc.kill()
            scoring.proc.wait(5)
        scoring._log.close()


def idle_http2_client(port: int) -> socket.socket:
    """A connected HTTP/2 peer that has exchanged SETTINGS and then sits idle, as a front
    end's long-lived channel does."""
    sock = socket.create_connection(("127.0.0.1", port))
    conn = h2.connection.H2Connection(h2.config.H2Configuration(client_side=True))
    conn.initiate_connection()
    sock.sendall(conn.data_to_send())
    sock.settimeout(2)
    conn.receive_data(sock.recv(65535))
    sock.sendall(conn.data_to_send())
    return sock


def test_sigterm_stops_cleanly_and_frees_the_port(start_scoring):
    scoring = start_scoring()
    scoring.wait_until(lambda: '"message": "started"' in scoring.output(), "never started")
    client = idle_http2_client(scoring.grpc_port)
    try:
        code, took = scoring.terminate(timeout=10)
    finally:
        with contextlib.suppress(OSError):
            client.close()
    output = scoring.output()
    assert code == 0, output[-3000:]
    assert "stopped cleanly" in output, output[-3000:]
    assert "graceful stop timed out" not in output
    assert took < 8, f"took {took:.1f} s"
    assert not port_open(scoring.grpc_port)
    assert port_bindable(scoring.grpc_port)


def test_sigterm_during_startup_still_exits(start_scoring):
    # A broker nobody listens on: the gRPC port opens, the event consumer never gets ready.
    scoring = start_scoring(
        SALES_AMQP_URI=f"amqp://guest:guest@127.0.0.1:{free_port()}/", SALES_SHUTDOWN_GRACE="2"
    )
    code, _ = scoring.terminate(timeout=6)
    assert code == 0
    assert port_bindable(scoring.grpc_port)


# nameko-grpc's client reconnects once the server has gone; that thread's refusal is noise here.
quiet_reconnects = pytest.mark.filterwarnings(
    "ignore::pytest.PytestUnhandledThreadExceptionWarning"
)


@quiet_reconnects
def test_sigterm_lets_a_call_in_flight_finish_and_refuses_new_connections(start_scoring):
    slow = start_scoring("tests.service.slow_service")
    slow.wait_until(lambda: '"message": "started"' in slow.output(), "never started")
    target = f"//127.0.0.1:{slow.grpc_port}"
    with Client(target, ScoringStub) as client:
        pending = client.GetRepStats.future(scoring_pb2.GetRepStatsRequest(rep_id="2"), timeout=20)
        slow.wait_until(lambda: "slow call started" in slow.output(), "the call never arrived")
        slow.proc.send_signal(signal.SIGTERM)
        slow.wait_until(lambda: '"message": "stopping"' in slow.output(), "SIGTERM not seen")
        assert not port_open(slow.grpc_port)  # no new connections while it drains
        answer = pending.result()  # nameko-grpc used to drop this one's last frames
    code = slow.proc.wait(timeout=10)
    output = slow.output()
    assert (answer.rep_id, answer.leads_assigned) == ("2", 7)
    assert code == 0 and "stopped cleanly" in output, output[-3000:]
    assert "graceful stop timed out" not in output and port_bindable(slow.grpc_port)


@quiet_reconnects
def test_calls_still_running_when_the_grace_is_over_are_cut_and_the_process_exits(start_scoring):
    slow = start_scoring("tests.service.slow_service", SALES_SHUTDOWN_GRACE="1")
    slow.wait_until(lambda: '"message": "started"' in slow.output(), "never started")
    with Client(f"//127.0.0.1:{slow.grpc_port}", ScoringStub) as client:
        pending = client.GetRepStats.future(scoring_pb2.GetRepStatsRequest(rep_id="30"))
        slow.wait_until(lambda: "slow call started" in slow.output(), "the call never arrived")
        code, took = slow.terminate(timeout=10)
        with pytest.raises(GrpcError):
            pending.result()
    assert code == 1 and took < 5  # forced: a non-zero exit tells the supervisor
    assert "graceful stop timed out" in slow.output()
