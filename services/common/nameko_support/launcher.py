"""Runs one nameko service as a process: logs, /metrics, and a bounded graceful shutdown.

On SIGTERM or SIGINT the service stops accepting work, finishes in-flight calls and events,
and exits; if that takes longer than SALES_SHUTDOWN_GRACE seconds it is killed, so a rollout
never waits on a stuck process.
"""

from __future__ import annotations

import eventlet

eventlet.monkey_patch()

import logging  # noqa: E402
import os  # noqa: E402
import signal  # noqa: E402
import sys  # noqa: E402

from nameko import config as nameko_config  # noqa: E402
from nameko.runners import ServiceRunner  # noqa: E402

from services.common.config import Settings  # noqa: E402
from services.common.logs import configure_logging  # noqa: E402
from services.common.metrics import serve_metrics  # noqa: E402

log = logging.getLogger(__name__)


def nameko_settings(settings: Settings) -> dict:
    return {
        "AMQP_URI": settings.amqp_uri,
        "GRPC_BIND_HOST": settings.grpc_host,
        "GRPC_BIND_PORT": settings.grpc_port,
        "max_workers": int(os.environ.get("SALES_MAX_WORKERS", "20")),
        "PREFETCH_COUNT": int(os.environ.get("SALES_PREFETCH_COUNT", "20")),
        "serializer": "json",
    }


class ServiceProcess:
    """One service's runner and its ending: `stopping` fires once, after a clean stop, a
    stop that outlived the grace (then killed), or a start that failed."""

    def __init__(self, service_cls: type, settings: Settings) -> None:
        self.settings = settings
        self.runner = ServiceRunner()
        self.runner.add_service(service_cls)
        self.grace = float(os.environ.get("SALES_SHUTDOWN_GRACE", "8"))
        self.stopping = eventlet.event.Event()
        self.signalled = False
        self.failed: list[str] = []  # a start or stop that went wrong: non-zero exit code

    def start(self) -> None:
        try:
            self.runner.start()
        except Exception:
            log.exception("could not start")
            self.failed.append("start failed")
            if not self.stopping.ready():
                self.stopping.send(True)
            return
        ports = {"grpc_port": self.settings.grpc_port, "metrics": self.settings.metrics_port}
        log.info("started", extra=ports)

    def stop_gracefully(self) -> None:
        log.info("stopping", extra={"grace_s": self.grace})
        stopper = eventlet.spawn(self.runner.stop)
        try:
            with eventlet.Timeout(self.grace):
                stopper.wait()
            log.info("stopped cleanly")
        except eventlet.Timeout:
            log.warning("graceful stop timed out; killing")
            self.runner.kill()
            self.failed.append("stop timed out")
        self.stopping.send(True)

    def on_signal(self, signum, frame) -> None:
        # Signal handlers run on the main loop and may not block: hand off to a greenlet.
        if not self.stopping.ready() and not self.signalled:
            self.signalled = True
            eventlet.spawn_n(self.stop_gracefully)


def run_service(service_cls: type) -> None:
    settings = Settings(service_cls.name)
    configure_logging(settings.service, settings.log_level)
    nameko_config.setup(nameko_settings(settings))
    serve_metrics(settings.metrics_port, settings.grpc_host)
    process = ServiceProcess(service_cls, settings)
    signal.signal(signal.SIGTERM, process.on_signal)
    signal.signal(signal.SIGINT, process.on_signal)
    # Started in a greenthread so that a SIGTERM arriving mid-start still ends the process.
    eventlet.spawn_n(process.start)
    process.stopping.wait()
    logging.shutdown()
    sys.stdout.flush()
    os._exit(1 if process.failed else 0)
