"""Start, stop and inspect the embedded infrastructure on 127.0.0.1.

    python -m devstack.infra up [part ...]     # start what is not already healthy
    python -m devstack.infra down [part ...]   # stop only what `up` started
    python -m devstack.infra status

Parts: rabbitmq (5672 + management 15672 + Prometheus metrics 15692), mongo (SecantusDB),
s3 (s3rver, filesystem-backed: ADR 018), standin (the WeCom/DingTalk stand-in, see devstack/im_standin.py).

Anything that already answers its own protocol is left alone and not recorded, so `down`
never stops a server somebody else started. What `up` starts is recorded in
.run/infra/<name>.json (pid, command, started_at) and logs to .run/infra/<name>.log.
Set SALES_INFRA_RUN_DIR to keep records elsewhere (the tests do, so they never touch the
developer's own stack).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import requests

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
AMQP_URI = "amqp://guest:guest@127.0.0.1:5672/"
RABBIT_MGMT_URL = "http://127.0.0.1:15672/api/overview"
RABBIT_PROMETHEUS_URL = "http://127.0.0.1:15692/metrics"  # deploy/prometheus scrapes it
STOP_WAIT_S = 5.0
PORT_FREE_WAIT_S = 5.0

# Children started by this process, so `down` in the same process can reap them
# (a killed but unreaped child is a zombie and would still look alive).
_CHILDREN: dict[int, subprocess.Popen[bytes]] = {}


class InfraError(RuntimeError):
    """A part could not be started, become healthy, or be stopped."""


def run_dir() -> Path:
    return Path(os.environ.get("SALES_INFRA_RUN_DIR", ROOT / ".run" / "infra"))


def _port(env: str, default: int) -> int:
    return int(os.environ.get(env, str(default)))


def mongo_port() -> int:
    return _port("SALES_MONGO_PORT", 27017)


def s3_port() -> int:
    return _port("SALES_S3_PORT", 9000)


def standin_port() -> int:
    return _port("SALES_STANDIN_PORT", 18080)


def _bin(name: str) -> str:
    """A console script of the running venv (next to sys.executable)."""
    candidate = Path(sys.executable).parent / name
    return str(candidate) if candidate.exists() else (shutil.which(name) or str(candidate))


# -- health probes: each speaks the part's own protocol -----------------------------------


def _amqp_ok() -> bool:
    import pika  # local: only this probe needs it

    params = pika.URLParameters(AMQP_URI)
    params.socket_timeout = 2
    params.blocked_connection_timeout = 2
    params.connection_attempts = 1
    try:
        pika.BlockingConnection(params).close()
        return True
    except Exception:
        return False


def _rabbit_mgmt_ok() -> bool:
    try:
        return requests.get(RABBIT_MGMT_URL, auth=("guest", "guest"), timeout=2).status_code == 200
    except requests.RequestException:
        return False


def _rabbit_prometheus_ok() -> bool:
    try:
        return requests.get(RABBIT_PROMETHEUS_URL, timeout=2).status_code == 200
    except requests.RequestException:
        return False


def _rabbit_ok() -> bool:
    return _amqp_ok() and _rabbit_mgmt_ok() and _rabbit_prometheus_ok()


def _mongo_ok() -> bool:
    from pymongo import MongoClient

    client: MongoClient[dict[str, Any]] = MongoClient(
        f"mongodb://{HOST}:{mongo_port()}/?retryWrites=false&directConnection=true",
        serverSelectionTimeoutMS=500,
        connectTimeoutMS=500,
    )
    try:
        client.admin.command("ping")
        return True
    except Exception:
        return False
    finally:
        client.close()


def _s3_ok() -> bool:
    try:
        # Any HTTP answer below 500 (a bucket listing, or a refusal of an unsigned one) means
        # an S3 server is serving.
        return requests.get(f"http://{HOST}:{s3_port()}/", timeout=2).status_code < 500
    except requests.RequestException:
        return False


def _standin_ok() -> bool:
    try:
        r = requests.get(f"http://{HOST}:{standin_port()}/_standin/health", timeout=2)
        return r.status_code == 200 and r.json() == {"ok": True}
    except (requests.RequestException, ValueError):
        return False


# -- parts ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Part:
    name: str
    label: str
    healthy: Callable[[], bool]
    port: Callable[[], int]
    command: Callable[[], list[str]] | None  # None: started by a dedicated routine
    marker: str  # must appear in /proc/<pid>/cmdline before we signal a recorded pid
    timeout_s: float


def _mongo_cmd() -> list[str]:
    port = mongo_port()
    # One storage dir per port: WiredTiger locks its directory, so a second instance on
    # another port (e.g. in tests) must not share the default one.
    default = ROOT / ".data" / ("mongo" if port == 27017 else f"mongo-{port}")
    storage = Path(os.environ.get("SALES_MONGO_DATA", default))
    storage.mkdir(parents=True, exist_ok=True)
    return [
        sys.executable,
        "-m",
        "devstack.secantus_server",  # SecantusDB with its transaction reaper fixed (ADR 048)
        "--host",
        HOST,
        "--port",
        str(port),
        "--storage-path",
        str(storage),
    ]


S3RVER_DIR = ROOT / "devstack" / "s3rver"


def _ensure_s3rver_installed() -> None:
    """npm ci from the lock file the first time (s3rver and its dependencies, pinned)."""
    if (S3RVER_DIR / "node_modules" / "s3rver").is_dir():
        return
    npm = shutil.which("npm")
    if not npm:
        raise InfraError(
            "node/npm not found / 未安装 Node.js: run `apt-get install -y nodejs npm` "
            "(the embedded S3 server is s3rver, ADR 018)"
        )
    _say("安装 s3rver / installing the embedded S3 server (npm ci) ...")
    run_dir().mkdir(parents=True, exist_ok=True)
    with open(_log_path("s3"), "ab") as log:
        rc = subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund"],
            cwd=S3RVER_DIR,
            stdout=log,
            stderr=subprocess.STDOUT,
        ).returncode
    if rc:
        raise InfraError(f"`npm ci` in {S3RVER_DIR} failed ({rc}); see {_log_path('s3')}")


def s3_data_dir() -> Path:
    port = s3_port()
    # One directory per port, like the database: a test's own instance never shares the default.
    default = ROOT / ".data" / ("s3" if port == 9000 else f"s3-{port}")
    return Path(os.environ.get("SALES_S3_DATA", default))


def _s3_cmd() -> list[str]:
    _ensure_s3rver_installed()
    data = s3_data_dir()
    data.mkdir(parents=True, exist_ok=True)
    node = shutil.which("node") or shutil.which("nodejs") or "node"
    return [
        node,
        str(S3RVER_DIR / "server.js"),
        "--address",
        HOST,
        "--port",
        str(s3_port()),
        "--directory",
        str(data),
    ]


def _standin_cmd() -> list[str]:
    return [
        sys.executable,
        "-m",
        "devstack.im_standin",
        "--host",
        HOST,
        "--port",
        str(standin_port()),
    ]


PARTS: dict[str, Part] = {
    "rabbitmq": Part(
        "rabbitmq", "RabbitMQ", _rabbit_ok, lambda: 5672, None, "beam", timeout_s=90
    ),
    "mongo": Part("mongo", "MongoDB-wire", _mongo_ok, mongo_port, _mongo_cmd, "secantus", 60),
    "s3": Part("s3", "S3 (s3rver)", _s3_ok, s3_port, _s3_cmd, "s3rver", 60),
    "standin": Part(
        "standin", "WeCom/DingTalk stand-in", _standin_ok, standin_port, _standin_cmd,
        "devstack.im_standin", 30,
    ),
}  # fmt: skip


def _part(name: str) -> Part:
    try:
        return PARTS[name]
    except KeyError:
        raise InfraError(f"unknown part {name!r}; known: {', '.join(PARTS)}") from None


def is_healthy(name: str) -> bool:
    """True if the part answers its own protocol right now (whoever started it)."""
    return _part(name).healthy()


# -- records --------------------------------------------------------------------------------


def _record_path(name: str) -> Path:
    return run_dir() / f"{name}.json"


def _log_path(name: str) -> Path:
    return run_dir() / f"{name}.log"


def _write_record(name: str, pid: int | None, command: list[str], port: int) -> None:
    run_dir().mkdir(parents=True, exist_ok=True)
    record = {
        "name": name,
        "pid": pid,
        "command": command,
        "port": port,
        "started_at": time.time(),
        "log": str(_log_path(name)),
    }
    _record_path(name).write_text(json.dumps(record, indent=2) + "\n")


def _read_record(name: str) -> dict[str, Any] | None:
    try:
        return json.loads(_record_path(name).read_text())
    except FileNotFoundError:
        return None


def recorded() -> list[str]:
    """Names of the parts this checkout's `up` started and `down` has not yet stopped."""
    return [name for name in PARTS if _record_path(name).exists()]


# -- process helpers ------------------------------------------------------------------------


def _say(message: str) -> None:
    print(message, flush=True)


def _pid_alive(pid: int) -> bool:
    child = _CHILDREN.get(pid)
    if child is not None:
        return child.poll() is None
    try:
        # Reap it if it happens to be our child (started by an earlier call in this process).
        if os.waitpid(pid, os.WNOHANG)[0] == pid:
            return False
    except ChildProcessError:
        pass
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie is dead for our purposes
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def _port_free(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        if s.connect_ex((HOST, port)) == 0:
            return False
    with socket.socket() as s:
        # Same option servers use, so TIME_WAIT leftovers do not count as "busy".
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((HOST, port))
        except OSError:
            return False
    return True


def _tail(path: Path, lines: int = 15) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def _wait_healthy(part: Part, proc: subprocess.Popen[bytes] | None = None) -> None:
    _say(f"等待 {part.label} 就绪 / waiting for {part.label} ...")
    started = time.monotonic()
    while True:
        if part.healthy():
            _say(f"  {part.label} ok ({time.monotonic() - started:.1f} s)")
            return
        if proc is not None and proc.poll() is not None:
            raise InfraError(
                f"{part.label} exited with code {proc.returncode} before becoming healthy "
                f"/ 启动失败. Log {_log_path(part.name)}:\n{_tail(_log_path(part.name))}"
            )
        if time.monotonic() - started > part.timeout_s:
            raise InfraError(
                f"{part.label} not healthy after {part.timeout_s:.0f} s / 启动超时 "
                f"(port {part.port()}). Log {_log_path(part.name)}:\n"
                f"{_tail(_log_path(part.name))}"
            )
        time.sleep(0.25)


def _spawn(part: Part) -> subprocess.Popen[bytes]:
    assert part.command is not None
    command = part.command()
    run_dir().mkdir(parents=True, exist_ok=True)
    with open(_log_path(part.name), "ab") as log:
        log.write(f"\n--- {time.strftime('%F %T')} {' '.join(command)}\n".encode())
        log.flush()
        # New session: Ctrl-C in the terminal running `make run` must not reach it.
        proc = subprocess.Popen(
            command,
            cwd=ROOT,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    _CHILDREN[proc.pid] = proc
    _write_record(part.name, proc.pid, command, part.port())
    return proc


# -- RabbitMQ: a system service, handled with its own tools --------------------------------


def _rabbit_tool(name: str) -> str | None:
    return shutil.which(name) or next(
        (p for p in (f"/usr/sbin/{name}", f"/usr/lib/rabbitmq/bin/{name}") if Path(p).exists()),
        None,
    )


def _ensure_rabbit_installed() -> str:
    server = _rabbit_tool("rabbitmq-server")
    if server:
        return server
    if os.geteuid() != 0:
        raise InfraError(
            "rabbitmq-server is not installed and this is not root / 未安装 RabbitMQ: "
            "run `sudo apt-get install -y rabbitmq-server` and retry."
        )
    _say("安装 RabbitMQ / installing rabbitmq-server with apt-get ...")
    with open(_log_path("rabbitmq"), "ab") as log:
        for cmd in (["apt-get", "update"], ["apt-get", "install", "-y", "rabbitmq-server"]):
            env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
            if subprocess.run(cmd, stdout=log, stderr=subprocess.STDOUT, env=env).returncode:
                raise InfraError(f"`{' '.join(cmd)}` failed; see {_log_path('rabbitmq')}")
    server = _rabbit_tool("rabbitmq-server")
    if not server:
        raise InfraError("rabbitmq-server still not found after apt-get install")
    return server


RABBIT_CONF = Path("/etc/rabbitmq/rabbitmq.conf")
RABBIT_LOOPBACK = {
    "listeners.tcp.local": "127.0.0.1:5672",
    "management.tcp.ip": "127.0.0.1",
    "prometheus.tcp.ip": "127.0.0.1",
}


def _rabbit_bind_loopback() -> None:
    """Before we start a node ourselves, make its listeners loopback-only (if root).

    Only missing keys are added; the files of a node someone else runs are never changed.
    """
    if os.geteuid() != 0:
        return
    text = RABBIT_CONF.read_text() if RABBIT_CONF.exists() else ""
    keys = {line.split("=", 1)[0].strip() for line in text.splitlines() if "=" in line}
    missing = [f"{k} = {v}" for k, v in RABBIT_LOOPBACK.items() if k not in keys]
    if missing:
        RABBIT_CONF.parent.mkdir(parents=True, exist_ok=True)
        sep = "" if not text or text.endswith("\n") else "\n"
        RABBIT_CONF.write_text(text + sep + "\n".join(missing) + "\n")
        _say(f"  {RABBIT_CONF}: added {', '.join(missing)}")


# A plugin's HTTP listener binds every interface unless told otherwise; on a node already
# running (not ours to reconfigure on disk) the plugin's environment is set in memory before
# we enable it, so what it serves listens on loopback only. It lasts until the node restarts.
def _loopback_env(app: str, port: int) -> str:
    return (
        f"C = application:get_env({app}, tcp_config, [{{port, {port}}}]), "
        f'application:set_env({app}, tcp_config, lists:keystore(ip, 1, C, {{ip, "127.0.0.1"}})).'
    )  # only the address: an operator's port or TLS settings stay as they are


# (plugin, is it serving, its listener's default port); nameko's pytest rabbit_config fixture
# needs the management API, and deploy/prometheus/prometheus.yml scrapes the metrics one.
RABBIT_PLUGINS = (
    ("rabbitmq_management", _rabbit_mgmt_ok, 15672),
    ("rabbitmq_prometheus", _rabbit_prometheus_ok, 15692),
)


def _rabbit_enable(plugin: str, port: int) -> None:
    """Bind the plugin's listener to 127.0.0.1, then enable it (idempotent, live node)."""
    plugins, ctl = _rabbit_tool("rabbitmq-plugins"), _rabbit_tool("rabbitmqctl")
    if not plugins:
        raise InfraError(f"rabbitmq-plugins not found; cannot enable {plugin}")
    _say(f"启用 RabbitMQ 插件 / enabling {plugin} ...")
    with open(_log_path("rabbitmq"), "ab") as log:
        bind = [ctl, "eval", _loopback_env(plugin, port)] if ctl else None
        if (
            bind
            and subprocess.run(bind, stdout=log, stderr=subprocess.STDOUT, timeout=60).returncode
        ):
            _say(f"  (could not bind {plugin} to 127.0.0.1; it may listen on all)")
        enable = [plugins, "enable", plugin]
        if subprocess.run(enable, stdout=log, stderr=subprocess.STDOUT).returncode:
            raise InfraError(f"`{' '.join(enable)}` failed; see {_log_path('rabbitmq')}")


def _rabbit_up(part: Part) -> bool:
    """Make RabbitMQ (AMQP + management API) healthy; True if we started the node."""
    started = False
    run_dir().mkdir(parents=True, exist_ok=True)
    if not _amqp_ok():
        server = _ensure_rabbit_installed()
        _rabbit_bind_loopback()
        command = [server, "-detached"]
        with open(_log_path("rabbitmq"), "ab") as log:
            rc = subprocess.run(
                command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            ).returncode
        if rc:
            raise InfraError(f"`{' '.join(command)}` failed ({rc}); see {_log_path('rabbitmq')}")
        # -detached forks: there is no pid of ours to keep; `down` uses rabbitmqctl stop.
        _write_record("rabbitmq", None, command, 5672)
        started = True
        _say("等待 RabbitMQ AMQP 就绪 / waiting for RabbitMQ AMQP on 5672 ...")
        t0 = time.monotonic()
        while not _amqp_ok():
            if time.monotonic() - t0 > part.timeout_s:
                raise InfraError(
                    f"RabbitMQ AMQP not answering after {part.timeout_s:.0f} s / 启动超时; "
                    f"see {_log_path('rabbitmq')} and /var/log/rabbitmq/"
                )
            time.sleep(0.5)
        _say(f"  RabbitMQ AMQP ok ({time.monotonic() - t0:.1f} s)")
    for plugin, serving, port in RABBIT_PLUGINS:
        if not serving():
            _rabbit_enable(plugin, port)
    _wait_healthy(part)
    return started


def _rabbit_down(record: dict[str, Any]) -> None:
    ctl = _rabbit_tool("rabbitmqctl")
    if not ctl:
        raise InfraError("rabbitmqctl not found; cannot stop the RabbitMQ node we started")
    with open(_log_path("rabbitmq"), "ab") as log:
        subprocess.run([ctl, "stop"], stdout=log, stderr=subprocess.STDOUT, timeout=60)
    deadline = time.monotonic() + 30
    while _amqp_ok() and time.monotonic() < deadline:
        time.sleep(0.5)
    if _amqp_ok():
        raise InfraError("RabbitMQ still answers AMQP 30 s after `rabbitmqctl stop`")


# -- public API -----------------------------------------------------------------------------


def up(parts: list[str] | None = None) -> list[str]:
    """Make the parts healthy (all by default). Returns the names this call started.

    Already-healthy parts are left alone and not recorded. Raises InfraError if a part
    cannot become healthy; parts started before the failure keep running and recorded.
    """
    names = list(PARTS) if parts is None else list(parts)
    for name in names:
        _part(name)  # fail before starting anything if a name is wrong
    started: list[str] = []
    for name in names:
        part = PARTS[name]
        if name == "rabbitmq":
            if _rabbit_up(part):
                started.append(name)
            continue
        if part.healthy():
            _say(f"{part.label} 已在运行 / already running on {HOST}:{part.port()} (left alone)")
            continue
        if not _port_free(part.port()):
            raise InfraError(
                f"port {part.port()} is taken by something that is not a healthy {part.label} "
                f"/ 端口被占用; free it or set the port env var"
            )
        proc = _spawn(part)
        _say(f"启动 {part.label} / started {part.label} pid {proc.pid} on {HOST}:{part.port()}")
        started.append(name)
        _wait_healthy(part, proc)
    return started


def _stop_pid(pid: int, marker: str, label: str) -> None:
    if not _pid_alive(pid):
        return
    if marker not in _cmdline(pid):
        # The pid was reused by something else since we recorded it: leave it be.
        _say(f"  pid {pid} is no longer {label}; not signalling it")
        return
    try:
        os.killpg(pid, signal.SIGTERM)  # it leads its own session/process group
    except (ProcessLookupError, PermissionError):
        os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + STOP_WAIT_S
    while _pid_alive(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    if _pid_alive(pid):
        _say(f"  {label} ignored SIGTERM for {STOP_WAIT_S:.0f} s; sending SIGKILL")
        try:
            os.killpg(pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            os.kill(pid, signal.SIGKILL)
        deadline = time.monotonic() + STOP_WAIT_S
        while _pid_alive(pid) and time.monotonic() < deadline:
            time.sleep(0.1)
    if _pid_alive(pid):
        raise InfraError(f"{label} (pid {pid}) survived SIGKILL")
    _CHILDREN.pop(pid, None)


def down(parts: list[str] | None = None) -> list[str]:
    """Stop the parts (all by default) that `up` recorded as started. Returns their names.

    Anything not recorded (already running when `up` came) is never touched.
    """
    names = list(PARTS) if parts is None else list(parts)
    stopped: list[str] = []
    for name in reversed(names):  # reverse start order: the stand-in first, RabbitMQ last
        part = _part(name)
        record = _read_record(name)
        if record is None:
            continue
        _say(f"停止 {part.label} / stopping {part.label} ...")
        if name == "rabbitmq":
            _rabbit_down(record)
        elif record.get("pid"):
            _stop_pid(int(record["pid"]), part.marker, part.label)
            port = int(record.get("port") or part.port())
            deadline = time.monotonic() + PORT_FREE_WAIT_S
            while not _port_free(port) and time.monotonic() < deadline:
                time.sleep(0.1)  # SecantusDB needs about a second to let go of its port
            if not _port_free(port):
                raise InfraError(f"{part.label} stopped but port {port} is still in use")
        _record_path(name).unlink(missing_ok=True)
        _say(f"  {part.label} stopped")
        stopped.append(name)
    return stopped


def status() -> list[dict[str, Any]]:
    """One row per part: name, port, healthy, and the record if `up` started it."""
    rows = []
    for name, part in PARTS.items():
        record = _read_record(name)
        rows.append(
            {
                "name": name,
                "port": part.port(),
                "healthy": part.healthy(),
                "started_by_us": record is not None,
                "pid": record.get("pid") if record else None,
            }
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m devstack.infra", description=__doc__)
    parser.add_argument("action", choices=("up", "down", "status"))
    parser.add_argument("parts", nargs="*", help=f"subset of: {', '.join(PARTS)}")
    args = parser.parse_args(argv)
    try:
        if args.action == "up":
            started = up(args.parts or None)
            _say(f"就绪 / ready; started by this run: {', '.join(started) or 'nothing'}")
        elif args.action == "down":
            stopped = down(args.parts or None)
            _say(f"已停止 / stopped: {', '.join(stopped) or 'nothing (none was started by up)'}")
        else:
            rows = status()
            for row in rows:
                mark = "ok  " if row["healthy"] else "DOWN"
                owner = f"started by up, pid {row['pid']}" if row["started_by_us"] else "external"
                if not row["healthy"] and not row["started_by_us"]:
                    owner = "not running"
                    if row["name"] == "rabbitmq" and _amqp_ok():
                        owner = "AMQP up, a plugin (15672 / 15692) off: run `up rabbitmq`"
                _say(f"{mark} {row['name']:<8} {HOST}:{row['port']:<6} {owner}")
            return 0 if all(r["healthy"] for r in rows) else 1
    except InfraError as exc:
        print(f"错误 / error: {exc}", file=sys.stderr, flush=True)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
