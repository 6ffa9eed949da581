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


def run_service(service_cls: type) -> None:
    settings = Settings(service_cls.name)
    configure_logging(settings.service, settings.log_level)
    nameko_config.setup(nameko_settings(settings))
    serve_metrics(settings.metrics_port, settings.grpc_host)

    runner = ServiceRunner()
    runner.add_service(service_cls)
    grace = float(os.environ.get("SALES_SHUTDOWN_GRACE", "8"))
    stopping = eventlet.event.Event()
    failed = []  # a start or stop that went wrong makes the exit code non-zero

    def stop_gracefully() -> None:
        log.info("stopping", extra={"grace_s": grace})
        stopper = eventlet.spawn(runner.stop)
        try:
            with eventlet.Timeout(grace):
                stopper.wait()
            log.info("stopped cleanly")
        except eventlet.Timeout:
            log.warning("graceful stop timed out; killing")
            runner.kill()
            failed.append("stop timed out")
        stopping.send(True)

    def on_signal(signum, frame) -> None:
        # Signal handlers run on the main loop and may not block: hand off to a greenlet.
        if not stopping.ready() and not getattr(on_signal, "fired", False):
            on_signal.fired = True
            eventlet.spawn_n(stop_gracefully)

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)

    def start() -> None:
        try:
            runner.start()
        except Exception:
            log.exception("could not start")
            failed.append("start failed")
            if not stopping.ready():
                stopping.send(True)
            return
        log.info(
            "started", extra={"grpc_port": settings.grpc_port, "metrics": settings.metrics_port}
        )

    # Started in a greenthread so that a SIGTERM arriving mid-start still ends the process.
    eventlet.spawn_n(start)
    stopping.wait()
    logging.shutdown()
    sys.stdout.flush()
    os._exit(1 if failed else 0)
