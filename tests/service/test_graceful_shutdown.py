"""A real service process (`python -m services.scoring`) stops cleanly on SIGTERM: exit code 0
within 10 s, a clean (not forced) stop, and its gRPC port freed."""

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

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


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


@pytest.fixture
def scoring_process(rabbit_uri, db_prefix, tmp_path):
    grpc_port, metrics_port = free_port(), free_port()
    env = {
        **os.environ,
        "SALES_AMQP_URI": rabbit_uri,
        "SALES_DB_PREFIX": db_prefix,
        "SALES_GRPC_HOST": "127.0.0.1",
        "SALES_SCORING_GRPC_PORT": str(grpc_port),
        "SALES_SCORING_METRICS_PORT": str(metrics_port),
        "SALES_SHUTDOWN_GRACE": "8",
    }
    log = (tmp_path / "scoring.log").open("w+")
    proc = subprocess.Popen(
        [sys.executable, "-m", "services.scoring"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 20
        while not port_open(grpc_port):
            if proc.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                pytest.fail(f"scoring did not start (rc={proc.poll()}):\n{log.read()[-3000:]}")
            time.sleep(0.1)
        yield proc, grpc_port, log
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(5)
        log.close()


def test_sigterm_stops_cleanly_and_frees_the_port(scoring_process):
    proc, grpc_port, log = scoring_process
    # A connected client, idle, as a front end's channel would be.
    idle_client = socket.create_connection(("127.0.0.1", grpc_port))
    h2conn = h2.connection.H2Connection(h2.config.H2Configuration(client_side=True))
    h2conn.initiate_connection()
    idle_client.sendall(h2conn.data_to_send())
    idle_client.settimeout(2)
    h2conn.receive_data(idle_client.recv(65535))  # the server's SETTINGS: a live HTTP/2 peer
    idle_client.sendall(h2conn.data_to_send())
    try:
        started = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        try:
            code = proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pytest.fail("still running 10 s after SIGTERM")
        took = time.monotonic() - started
    finally:
        with contextlib.suppress(OSError):
            idle_client.close()
    log.seek(0)
    output = log.read()
    print("TOOK", took)
    assert code == 0, output[-3000:]
    assert "stopped cleanly" in output, output[-3000:]
    assert "graceful stop timed out" not in output
    assert took < 8, f"took {took:.1f} s"
    assert not port_open(grpc_port)
    assert port_bindable(grpc_port)
