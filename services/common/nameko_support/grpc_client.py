"""A nameko-grpc client dependency that survives its server being down.

nameko-grpc 1.3.0's client connects when the container starts and raises if the server is
not listening yet (measured: visits, started beside media, exited with ECONNREFUSED), and
after a lost connection whose reconnect fails, every call waits forever for a connection
that never comes. This one connects on first use, reconnects on demand, and answers a call
it cannot place within a few seconds with UNAVAILABLE, which callers retry.
"""

from __future__ import annotations

import logging
import queue
import time
from urllib.parse import urlparse

from grpc import StatusCode
from nameko_grpc.channel import ClientChannel, ClientConnectionPool
from nameko_grpc.dependency_provider import GrpcProxy
from nameko_grpc.errors import GrpcError

log = logging.getLogger(__name__)
CONNECT_WAIT_S = 3.0
POLL_S = 0.05


class _LazyConnectionPool(ClientConnectionPool):
    def start(self) -> None:
        self.run = True  # connect on first use: the server may not be up yet

    def connect(self, target) -> None:
        try:
            super().connect(target)
        except OSError as error:  # down or restarting: the next call tries again
            log.warning(
                "grpc server unreachable", extra={"target": str(target), "error": str(error)}
            )

    def get(self):
        deadline = time.monotonic() + CONNECT_WAIT_S
        while time.monotonic() < deadline:
            try:
                reference = self.connections.get(timeout=POLL_S)
            except queue.Empty:
                for target in self.targets:
                    self.connect(urlparse(target))
                continue
            connection = reference()
            if connection is not None and connection.alive:
                self.connections.put(reference)
                return connection
        raise GrpcError(StatusCode.UNAVAILABLE, "依赖的服务暂时不可用,请稍后重试")


class _LazyChannel(ClientChannel):
    def __init__(self, target, ssl, spawn_thread) -> None:
        self.conn_pool = _LazyConnectionPool([target], ssl, spawn_thread)


class ResilientGrpcProxy(GrpcProxy):
    def start(self) -> None:
        self.channel = _LazyChannel(self.target, self.ssl, self.spawn_thread)
        self.channel.start()
