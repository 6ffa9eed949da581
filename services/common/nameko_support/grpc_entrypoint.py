"""nameko-grpc entrypoint with graceful shutdown, domain-error mapping and metrics.

nameko-grpc 1.3.0 does not stop on SIGTERM (measured: still alive 20 s later). This server
stops accepting first, lets in-flight calls finish, then closes its connections, so a rollout
drops nothing.
"""

from __future__ import annotations

import functools
import logging
import os
import time
from collections.abc import Callable
from typing import Any

import eventlet
import nameko_grpc.connection
from grpc import StatusCode
from nameko import config
from nameko_grpc.channel import ServerChannel, ServerConnectionPool
from nameko_grpc.entrypoint import Grpc, GrpcServer
from nameko_grpc.errors import (
    GrpcError,
    grpc_error_passthrough_exception_handler,
    register_exception_handler,
)
from nameko_grpc.ssl import SslConfig

from services.common.errors import DomainError
from services.common.grpc_status import status_code, to_status
from services.common.metrics import GRPC_LATENCY, GRPC_REQUESTS

log = logging.getLogger(__name__)

# nameko-grpc polls each connection with this select() timeout, so a reply waits up to one
# period before it is written. See docs/adr/006-grpc-select-timeout.md for the measurement.
nameko_grpc.connection.SELECT_TIMEOUT = float(os.environ.get("SALES_GRPC_SELECT_TIMEOUT", "0.002"))


class _DrainingConnectionPool(ServerConnectionPool):
    def start(self) -> None:
        self.listening_socket = self.listen()
        self.is_accepting = True
        self.accept_thread = eventlet.spawn(self.run)

    def stop(self) -> None:
        self.is_accepting = False
        self.accept_thread.kill()
        self.listening_socket.close()
        # GOAWAY to every connection; each returns once its streams are exhausted (<= 5 s).
        super_conns = []
        while not self.connections.empty():
            conn = self.connections.get()()
            if conn is not None:
                super_conns.append(eventlet.spawn(conn.stop))
        for waiter in super_conns:
            waiter.wait()


class GracefulGrpcServer(GrpcServer):
    def setup(self) -> None:
        host = config.get("GRPC_BIND_HOST", "127.0.0.1")
        port = config.get("GRPC_BIND_PORT", 50051)
        ssl = SslConfig(config.get("GRPC_SSL"))

        def spawn_thread(target, args=(), kwargs=None, name=None):
            self.container.spawn_managed_thread(
                lambda: target(*args, **(kwargs or {})), identifier=name
            )

        self.channel = ServerChannel(host, port, ssl, spawn_thread, self.handle_request)
        self.channel.conn_pool = _DrainingConnectionPool(
            host, port, ssl, spawn_thread, self.handle_request
        )

    def stop(self) -> None:
        if getattr(self, "_stopped", False):
            return
        self._stopped = True
        self.channel.stop()


class GracefulGrpc(Grpc):
    grpc_server = GracefulGrpcServer()

    def stop(self) -> None:
        super().stop()
        self.grpc_server.stop()


class ClientError(GrpcError):
    """A caller's mistake (bad input, not found, ...): expected, logged as one line (logs.py)."""


# nameko-grpc looks up handlers by exact type; pass ours through with code and details intact.
register_exception_handler(ClientError, grpc_error_passthrough_exception_handler)


def grpc_method(stub: Any) -> Callable:
    """Decorator for a nameko gRPC method: DomainError -> status with field details,
    and a request counter and latency histogram per method."""
    entrypoint = GracefulGrpc.implementing(stub)(expected_exceptions=(ClientError,))

    def decorate(fn: Callable) -> Callable:
        @functools.wraps(fn)
        def wrapper(self, request, context):
            service = getattr(self, "name", "?")
            started = time.perf_counter()
            code = StatusCode.OK
            try:
                return fn(self, request, context)
            except DomainError as error:
                code = status_code(error)
                raise ClientError(
                    code=code, message=error.message, status=to_status(error)
                ) from None
            except GrpcError as error:
                code = error.code
                raise
            except Exception:
                code = StatusCode.INTERNAL
                log.exception("unhandled error in %s", fn.__name__)
                raise GrpcError(code=code, message="服务内部错误,请稍后重试") from None
            finally:
                GRPC_REQUESTS.labels(service, fn.__name__, code.name).inc()
                GRPC_LATENCY.labels(service, fn.__name__).observe(time.perf_counter() - started)

        return entrypoint(wrapper)

    return decorate
