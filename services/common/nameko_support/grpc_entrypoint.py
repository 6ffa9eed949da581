"""nameko-grpc entrypoint with graceful shutdown, domain-error mapping and metrics.

nameko-grpc 1.3.0 does not stop on SIGTERM (measured: still alive 20 s later), and when made
to stop it drops answers (docs/adr/008-graceful-shutdown.md). This server drains instead:
every method stays registered until the drain is over, each connection gets one GOAWAY that
promises the streams it has seen, refuses (unprocessed, so a client may retry) any stream
opened after it, writes the last answers before it closes, and only then lets nameko stop.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import socket
import time
import weakref
from collections.abc import Callable
from typing import Any

import eventlet
import eventlet.event
import nameko_grpc.connection
from grpc import StatusCode
from h2.errors import ErrorCodes
from nameko import config
from nameko_grpc.channel import ServerChannel, ServerConnectionPool
from nameko_grpc.connection import ServerConnectionManager
from nameko_grpc.entrypoint import Grpc, GrpcServer
from nameko_grpc.errors import (
    GrpcError,
    grpc_error_passthrough_exception_handler,
    register_exception_handler,
)
from nameko_grpc.ssl import SslConfig

from services.common.errors import DomainError
from services.common.grpc_status import status_code, to_status
from services.common.metrics import GRPC_LATENCY, GRPC_REQUESTS, initialise_grpc_calls

log = logging.getLogger(__name__)

# nameko-grpc polls each connection with this select() timeout, so a reply waits up to one
# period before it is written. See docs/adr/006-grpc-select-timeout.md for the measurement.
nameko_grpc.connection.SELECT_TIMEOUT = float(os.environ.get("SALES_GRPC_SELECT_TIMEOUT", "0.002"))
# After its last answer a closing connection waits this long for the client to hang up, so
# the kernel never resets a socket that still holds unread bytes (a reset can destroy the
# answer before the client reads it).
LINGER_S = 1.0


class _DrainingConnection(ServerConnectionManager):
    """One HTTP/2 connection that, asked to stop, finishes the streams it promised, and that
    tells a handler when its caller gave up."""

    def __init__(self, sock, handle_request) -> None:
        super().__init__(sock, handle_request)
        self.promised: int | None = None  # last stream id our GOAWAY promised to answer

    def request_received(self, event) -> None:
        if self.promised is not None and event.stream_id > self.promised:
            # Not promised, so never run: REFUSED_STREAM tells the client that it is safe to
            # send the call again (gRPC clients retry it transparently).
            self.conn.reset_stream(event.stream_id, error_code=ErrorCodes.REFUSED_STREAM)
            return
        super().request_received(event)

    def stream_reset(self, event) -> None:
        # nameko-grpc closes a reset stream as if the client had finished it, so a handler
        # reading an upload took the half it had for the whole (and stored it): end it with
        # an error instead, which the handler's read raises.
        receive_stream = self.receive_streams.pop(event.stream_id, None)
        if receive_stream:
            receive_stream.close(GrpcError(code=StatusCode.CANCELLED, message="调用方取消了请求"))
        send_stream = self.send_streams.pop(event.stream_id, None)
        if send_stream:
            send_stream.close()

    def on_iteration(self) -> None:
        super().on_iteration()
        if not self.run:
            # nameko-grpc leaves its loop as soon as the last stream is exhausted, before it
            # writes that stream's answer and trailers: write them, then close politely.
            self.sock.sendall(self.conn.data_to_send())
            _close_politely(self.sock)

    def drain(self) -> None:
        """GOAWAY, then return once every promised stream is answered (the launcher bounds
        the whole stop by SALES_SHUTDOWN_GRACE)."""
        if self.promised is None:
            self.promised = self.conn.highest_inbound_stream_id
            self.conn.close_connection(last_stream_id=self.promised)
            self.terminating = True
        self.stopped.wait()

    def abort(self) -> None:
        self.run = False
        with contextlib.suppress(OSError):
            self.sock.close()


def _close_politely(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_WR)
        sock.settimeout(LINGER_S)
        while sock.recv(65535):
            pass


class _DrainingConnectionPool(ServerConnectionPool):
    def start(self) -> None:
        self.listening_socket = self.listen()
        self.is_accepting = True
        self.accept_thread = eventlet.spawn(self.run)

    def run(self) -> None:
        while self.is_accepting:
            sock, _ = self.listening_socket.accept()
            sock.settimeout(60)
            connection = _DrainingConnection(sock, self.handle_request)
            self.connections.put(weakref.ref(connection))
            self.spawn_thread(target=connection.run_forever, name=f"grpc connection [{sock}]")

    def _stop_accepting(self) -> list[_DrainingConnection]:
        self.is_accepting = False
        self.accept_thread.kill()
        self.listening_socket.close()
        live = []
        while not self.connections.empty():
            connection = self.connections.get()()
            if connection is not None and not connection.stopped.is_set():
                live.append(connection)
        return live

    def stop(self) -> None:
        waiters = [eventlet.spawn(c.drain) for c in self._stop_accepting()]
        for waiter in waiters:
            waiter.wait()

    def kill(self) -> None:
        for connection in self._stop_accepting():
            connection.abort()


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
        self._drained = eventlet.event.Event()
        self._draining = False

    def stop(self) -> None:
        """Every entrypoint calls this; each returns only once the drain is over."""
        if not self._draining:
            self._draining = True
            self.channel.conn_pool.stop()
            if not self._drained.ready():  # a kill() meanwhile has already ended it
                self._drained.send(True)
        self._drained.wait()

    def kill(self) -> None:
        if not self._drained.ready():
            self.channel.conn_pool.kill()
            self._drained.send(True)


class GracefulGrpc(Grpc):
    grpc_server = GracefulGrpcServer()

    def setup(self) -> None:
        super().setup()
        initialise_grpc_calls(self.container.service_name, [self.method_name])

    def stop(self) -> None:
        # Drain first: a method unregistered while calls still arrive answers UNIMPLEMENTED.
        self.grpc_server.stop()
        super().stop()


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
                status = to_status(error)
                raise ClientError(code=code, message=status.message, status=status) from None
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
