"""SIGTERM under load drops nothing (docs/adr/008-graceful-shutdown.md): a call the process
took is answered, and one it did not take is refused in a way a client may safely retry.

Real processes on ports of their own: assignment on the sandbox's broker and database, and
the gateway in front of a stand-in upstream whose calls take as long as the test says.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from concurrent import futures
from dataclasses import dataclass
from pathlib import Path

import grpc
import pymongo
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc

from devstack.frontend import Frontend, call
from devstack.platform import Platform, free_port_env
from devstack.probes import free_port, port_open
from sales.assignment.v1 import assignment_pb2 as a
from sales.assignment.v1 import assignment_pb2_grpc as ag
from sales.assignment.v1.assignment_pb2_grpc import AssignmentStub
from services.common.config import Settings
from tests.e2e.conftest import wait_until
from tests.e2e.test_thin_slice import lead_request

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Outcome:
    index: int
    started: float
    ended: float
    code: str
    details: str = ""
    retry_after_s: float = 0.0


def timed(index: int, fn) -> Outcome:
    started = time.monotonic()
    try:
        fn()
        return Outcome(index, started, time.monotonic(), "OK")
    except grpc.RpcError as error:
        trailers = dict(error.trailing_metadata() or ())
        pushback = float(trailers.get("grpc-retry-pushback-ms", 0)) / 1000
        return Outcome(
            index, started, time.monotonic(), error.code().name, error.details() or "", pushback
        )


def test_assignment_answers_every_lead_it_stored_when_sigterm_comes_under_load(stack, tmp_path):
    ports = free_port_env()
    env = {**stack, **{k: v for k, v in ports.items() if k.startswith("SALES_ASSIGNMENT")}}
    replica = Platform(env, log_dir=tmp_path)
    replica.start(["assignment"], quiet=True)
    tenant = f"t-{uuid.uuid4().hex[:10]}"
    channel = grpc.insecure_channel(f"127.0.0.1:{replica.port('assignment')}")
    stub = AssignmentStub(channel)

    def create(i: int) -> Outcome:
        request = lead_request(f"drain-{i}", f"门店{i}")
        request.tenant_id, request.phone = tenant, f"13{i:09d}"
        return timed(i, lambda: stub.CreateLead(request, timeout=20))

    with futures.ThreadPoolExecutor(16) as pool:
        pending = [pool.submit(create, i) for i in range(300)]
        wait_until(lambda: sum(f.done() for f in pending) >= 40)
        signalled = time.monotonic()
        replica.procs["assignment"].send_signal(signal.SIGTERM)
        code = replica.procs["assignment"].wait(timeout=15)
        outcomes = [f.result() for f in pending]
    channel.close()
    db = pymongo.MongoClient(Settings("e2e").mongo_uri)[f"{stack['SALES_DB_PREFIX']}assignment"]
    stored = {d["external_id"] for d in db["leads"].find({"tenant_id": tenant}, {"external_id": 1})}

    assert code == 0, replica.tail("assignment")
    assert {o.code for o in outcomes} <= {"OK", "UNAVAILABLE"}, Counter(o.code for o in outcomes)
    answered = {f"drain-{o.index}" for o in outcomes if o.code == "OK"}
    refused_but_stored = [o for o in outcomes if o.code != "OK" and f"drain-{o.index}" in stored]
    assert refused_but_stored == [], refused_but_stored[:3]
    assert answered <= stored
    drained = [o for o in outcomes if o.code == "OK" and o.started < signalled < o.ended]
    assert drained, "no call was in flight at SIGTERM: the test proved nothing"


class SlowAssignment(ag.AssignmentServicer):
    """Stands in for assignment behind the gateway; ListRules takes `delay_s`."""

    def __init__(self, delay_s: float) -> None:
        self.delay_s = delay_s
        self.calls = 0
        self.arrived = threading.Event()
        self._lock = threading.Lock()

    def ListRules(self, request, context):
        with self._lock:
            self.calls += 1
        self.arrived.set()
        time.sleep(self.delay_s)
        return a.ListRulesResponse(rules=[a.Rule(rule_id="r1")])


@pytest.fixture
def gateway_before(stack, tmp_path):
    """start(upstream) -> a gateway process whose assignment is `upstream`, and its log."""
    started: list[tuple[subprocess.Popen, grpc.Server]] = []

    def start(upstream: SlowAssignment, **env_overrides: str) -> tuple[subprocess.Popen, int, Path]:
        server = grpc.server(futures.ThreadPoolExecutor(32))
        ag.add_AssignmentServicer_to_server(upstream, server)
        upstream_port = server.add_insecure_port("127.0.0.1:0")
        server.start()
        port, log = free_port(), tmp_path / f"gateway-{len(started)}.log"
        env = {**os.environ, **stack, "SALES_GATEWAY_GRPC_PORT": str(port),
               "SALES_GATEWAY_METRICS_PORT": str(free_port()),
               # its own console port: the stack's belongs to the e2e platform's gateway
               "SALES_CONSOLE_PORT": str(free_port()),
               "SALES_ASSIGNMENT_GRPC_PORT": str(upstream_port), **env_overrides}  # fmt: skip
        with open(log, "wb") as out:
            proc = subprocess.Popen([sys.executable, "-m", "services.gateway"], cwd=ROOT,
                                    env=env, stdout=out, stderr=subprocess.STDOUT)  # fmt: skip
        started.append((proc, server))
        assert wait_until(lambda: port_open(port) or proc.poll() is not None, 30)
        return proc, port, log

    yield start
    for proc, server in started:
        if proc.poll() is None:
            proc.kill()
            proc.wait(5)
        server.stop(0)


def health(port: int) -> int:
    with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
        stub = health_pb2_grpc.HealthStub(channel)
        return stub.Check(health_pb2.HealthCheckRequest(), timeout=2).status


def test_the_gateway_finishes_a_call_in_flight_and_refuses_new_ones_retryably(gateway_before):
    upstream = SlowAssignment(delay_s=3)
    # a lame duck long enough that the late call surely lands in it on a busy machine
    proc, port, log = gateway_before(upstream, SALES_SHUTDOWN_LAME_DUCK="2")
    admin = Frontend(f"127.0.0.1:{port}", "t-drain", "admin", ["admin"])
    with futures.ThreadPoolExecutor(1) as pool:
        in_flight = pool.submit(timed, 0, lambda: call(admin, "ListRules", a.ListRulesRequest()))
        assert upstream.arrived.wait(10)
        proc.send_signal(signal.SIGTERM)
        assert wait_until(lambda: b'"stopping"' in log.read_bytes(), 10)
        assert health(port) == health_pb2.HealthCheckResponse.NOT_SERVING
        late = timed(1, lambda: call(admin, "ListRules", a.ListRulesRequest()))
        outcome = in_flight.result(timeout=15)
    code = proc.wait(timeout=15)
    assert outcome.code == "OK", outcome
    assert late.code == "UNAVAILABLE" and upstream.calls == 1, late  # refused, never forwarded
    assert late.retry_after_s >= 1  # and told to retry once this process is gone
    assert code == 0 and b"stopped cleanly" in log.read_bytes()


def test_the_gateway_cancels_nothing_when_sigterm_comes_under_load(gateway_before):
    """Clients that wait as long as a refusal asks (grpc-retry-pushback-ms, as gRPC retry
    policies do) see only OK and UNAVAILABLE; before the lame duck, dozens of calls per
    SIGTERM came back CANCELLED."""
    upstream = SlowAssignment(delay_s=0.01)
    proc, port, _ = gateway_before(upstream)
    admin = Frontend(f"127.0.0.1:{port}", "t-drain", "admin", ["admin"])
    stop, outcomes = threading.Event(), []

    def client() -> None:
        while not stop.is_set():
            outcome = timed(0, lambda: call(admin, "ListRules", a.ListRulesRequest()))
            outcomes.append(outcome)
            if outcome.code == "UNAVAILABLE":
                time.sleep(outcome.retry_after_s or 0.1)

    threads = [threading.Thread(target=client) for _ in range(32)]
    for thread in threads:
        thread.start()
    wait_until(lambda: len(outcomes) >= 200)
    proc.send_signal(signal.SIGTERM)
    code = proc.wait(timeout=15)
    time.sleep(0.3)
    stop.set()
    for thread in threads:
        thread.join()
    codes = Counter(o.code for o in outcomes)
    assert code == 0
    assert set(codes) <= {"OK", "UNAVAILABLE"}, codes
    assert codes["OK"] == upstream.calls  # every call that reached upstream was answered
