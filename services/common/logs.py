"""Structured JSON logs on stderr, one object per line, with the service name on each."""

from __future__ import annotations

import logging
import sys

from pythonjsonlogger.json import JsonFormatter


class _NoTracebackForExpectedErrors(logging.Filter):
    """nameko logs a caller's mistake (an expected exception) with its traceback; one line
    saying what was refused is enough and keeps real errors visible."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.getMessage().startswith("(expected)"):
            record.exc_info = None
            record.exc_text = None
        return True


def configure_logging(service: str, level: str = "INFO") -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(
        JsonFormatter(
            "%(asctime)s %(levelname)s %(name)s %(message)s",
            rename_fields={"asctime": "ts", "levelname": "level", "name": "logger"},
            static_fields={"service": service},
            json_ensure_ascii=False,
        )
    )
    handler.addFilter(_NoTracebackForExpectedErrors())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # Library chatter that drowns the service's own lines at INFO.
    for noisy in ("kombu", "amqp", "nameko_grpc", "pymongo", "aiormq", "aio_pika"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
