"""devstack.infra against the real machine: start/stop only what it started itself."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from devstack import infra
from devstack.probes import free_port, port_open

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[int]:
    """A private run dir and stand-in port, set in os.environ so child processes see them.

    The developer's own records in .run/infra are never read or written, so `down()` here
    cannot stop the stack they are working with.
    """
    port = free_port()
    monkeypatch.setenv("SALES_INFRA_RUN_DIR", str(tmp_path / "infra"))
    monkeypatch.setenv("SALES_STANDIN_PORT", str(port))
    yield port
    infra.down(["standin"])  # clean up if an assertion failed half-way


def test_rabbitmq_already_running_is_healthy_and_not_recorded(isolated: int) -> None:
    if not infra._amqp_ok():
        pytest.skip("RabbitMQ is not running on 127.0.0.1:5672 on this machine")
    # up() enables the management plugin if needed, but must not claim the node.
    assert infra.up(["rabbitmq"]) == []
    assert infra.is_healthy("rabbitmq")
    assert "rabbitmq" not in infra.recorded()
    assert infra.down() == []
    assert infra.is_healthy("rabbitmq")


def _listeners(port: int) -> set[str]:
    out = subprocess.run(["ss", "-Hltn"], capture_output=True, text=True, check=True).stdout
    return {line.split()[3].rsplit(":", 1)[0] for line in out.splitlines()
            if line.split()[3].endswith(f":{port}")}  # fmt: skip


@pytest.mark.parametrize(
    ("plugin", "port"), [("rabbitmq_management", 15672), ("rabbitmq_prometheus", 15692)]
)
def test_a_plugin_it_enables_listens_on_loopback_only(
    isolated: int, plugin: str, port: int
) -> None:
    plugins = infra._rabbit_tool("rabbitmq-plugins")
    if not infra._amqp_ok() or not plugins:
        pytest.skip("no running RabbitMQ with rabbitmq-plugins on this machine")
    subprocess.run([plugins, "disable", plugin], check=True, capture_output=True)
    try:
        assert not infra.is_healthy("rabbitmq")  # each plugin's endpoint is part of "healthy"
        assert infra.up(["rabbitmq"]) == []
        assert infra.is_healthy("rabbitmq")
        assert _listeners(port) == {"127.0.0.1"}
    finally:  # the rest of the run needs them, whatever happened here
        infra.up(["rabbitmq"])


def test_prometheus_scrapes_the_rabbitmq_metrics_infra_up_serves(isolated: int) -> None:
    if not infra._amqp_ok():
        pytest.skip("RabbitMQ is not running on 127.0.0.1:5672 on this machine")
    infra.up(["rabbitmq"])
    scraped = (ROOT / "deploy" / "prometheus" / "prometheus.yml").read_text()
    assert infra.RABBIT_PROMETHEUS_URL.split("/")[2] in scraped  # the target in the config
    assert "rabbitmq_build_info" in requests.get(infra.RABBIT_PROMETHEUS_URL, timeout=5).text


def test_up_and_down_standin(isolated: int) -> None:
    port = isolated
    rabbit_before = infra._amqp_ok()
    assert not infra.is_healthy("standin")

    assert infra.up(["standin"]) == ["standin"]
    assert infra.is_healthy("standin")
    assert requests.get(f"http://127.0.0.1:{port}/_standin/health", timeout=2).json() == {
        "ok": True
    }
    record_file = Path(os.environ["SALES_INFRA_RUN_DIR"]) / "standin.json"
    record = json.loads(record_file.read_text())
    pid = record["pid"]
    assert record["port"] == port and record["started_at"] <= time.time()
    assert "devstack.im_standin" in " ".join(record["command"])
    # Detached from our session so Ctrl-C of `make run` does not reach it.
    assert os.getsid(pid) == pid != os.getsid(0)
    assert infra.recorded() == ["standin"]

    # A second up() sees it healthy and starts nothing.
    assert infra.up(["standin"]) == []

    assert infra.down() == ["standin"]
    assert not port_open(port)
    assert not infra.is_healthy("standin")
    assert not record_file.exists()
    assert not Path(f"/proc/{pid}").exists() or "Z" in Path(f"/proc/{pid}/stat").read_text()
    # RabbitMQ was not started by up(), so down() left it as it was.
    assert infra._amqp_ok() == rabbit_before


def test_down_leaves_a_standin_it_did_not_start(isolated: int) -> None:
    port = isolated
    proc = subprocess.Popen(
        [sys.executable, "-m", "devstack.im_standin", "--host", "127.0.0.1", "--port", str(port)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 15
        while not infra.is_healthy("standin"):
            assert time.monotonic() < deadline and proc.poll() is None
            time.sleep(0.1)
        assert infra.up(["standin"]) == []
        assert infra.recorded() == []
        assert infra.down() == []
        assert proc.poll() is None and infra.is_healthy("standin")
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_unknown_part_is_rejected_before_starting_anything(isolated: int) -> None:
    with pytest.raises(infra.InfraError, match="unknown part"):
        infra.up(["standin", "kafka"])
    assert not infra.is_healthy("standin")
