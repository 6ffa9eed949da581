"""Small helpers for anything that starts servers on 127.0.0.1 and waits for them: the
platform supervisor, benchmarks and tests."""

from __future__ import annotations

import socket
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def port_open(port: int, timeout_s: float = 0.5) -> bool:
    with socket.socket() as s:
        s.settimeout(timeout_s)
        return s.connect_ex(("127.0.0.1", port)) == 0


def wait_until(predicate: Callable[[], T], timeout_s: float = 10.0, interval_s: float = 0.05) -> T:
    """Poll until `predicate` returns something truthy; its last answer either way."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval_s)
    return predicate()
