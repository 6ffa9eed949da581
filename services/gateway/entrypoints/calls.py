"""What every Gateway call shares: the `rpc` decorator (refuse while stopping, authenticate,
check the request's shape, map domain errors and upstream statuses onto one bounded status
with its field details, count and time) and the `GatewayCalls` base holding the gateway's
dependencies. Each area of the API is a mixin of GatewayCalls in its own module;
services/gateway/entrypoints/servicer.py composes them."""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Callable

import grpc
from google.rpc import status_pb2
from grpc_status import rpc_status

from services.common.errors import DomainError, Unavailable
from services.common.grpc_status import bounded_status, to_status
from services.common.metrics import GRPC_LATENCY, GRPC_REQUESTS
from services.gateway.adapters import tokens
from services.gateway.adapters.event_relay import EventRelay
from services.gateway.adapters.org_store import OrgStore
from services.gateway.adapters.service_clients import ServiceClients
from services.gateway.entrypoints.request_checks import refuse_malformed

CALL_TIMEOUT_S = 10.0
log = logging.getLogger(__name__)
DETAILS_KEY = "grpc-status-details-bin"
PUSHBACK_KEY = "grpc-retry-pushback-ms"  # gRPC retry policies wait this long before retrying
INTERNAL = "网关内部错误,请稍后重试"


class Stopping(Unavailable):
    """The gateway is draining: not done, send it again after `retry_after_ms`."""

    def __init__(self, retry_after_ms: int) -> None:
        super().__init__("网关正在停止,请稍后重试")
        self.retry_after_ms = retry_after_ms


# The only calls a caller without a bearer token may make. RateVisit: a store rates a visit
# through its QR code, without an account; the signed, single-use rating token inside the
# request is the credential, and visits verifies it (ADR 021). Every other call goes
# through `rpc`, which authenticates first (tests/unit/test_gateway_auth_path.py holds the
# servicer to exactly this set, and tests/e2e/test_visits_b2.py calls every method
# without a token).
UNAUTHENTICATED_CALLS = frozenset({"RateVisit"})
BEARER, TOKEN_IN_REQUEST = "bearer", "token_in_request"


def rpc(fn: Callable) -> Callable:
    """Wrap one Gateway call `fn(self, request, context, principal)`: refused while the
    gateway stops, authenticated, its request's shape checked (request_checks.py), whatever
    went wrong turned into one clear, bounded status with its field details, counted and
    timed."""
    return _serve(fn, authenticate=True)


def unauthenticated_rpc(fn: Callable) -> Callable:
    """The same for the calls in UNAUTHENTICATED_CALLS only, `fn(self, request, context)`:
    no bearer token is read and there is no principal. Any other method refuses to be
    decorated (at import time)."""
    if fn.__name__ not in UNAUTHENTICATED_CALLS:
        raise TypeError(f"{fn.__name__} is not in UNAUTHENTICATED_CALLS")
    return _serve(fn, authenticate=False)


def _serve(fn: Callable, authenticate: bool) -> Callable:
    @functools.wraps(fn)
    async def wrapper(self: GatewayCalls, request, context: grpc.aio.ServicerContext):
        started = time.perf_counter()
        status = status_pb2.Status(code=grpc.StatusCode.OK.value[0])
        trailers: tuple[tuple[str, str], ...] = ()
        try:
            if self.retry_after_ms is not None:
                raise Stopping(self.retry_after_ms)
            if not authenticate:
                refuse_malformed(request)
                return await fn(self, request, context)
            principal = tokens.from_metadata(self.secret, context.invocation_metadata())
            if not hasattr(request, "__aiter__"):  # a stream's parts are checked as they pass
                refuse_malformed(request)
            return await fn(self, request, context, principal)
        except Stopping as error:
            status, trailers = to_status(error), ((PUSHBACK_KEY, str(error.retry_after_ms)),)
        except DomainError as error:
            status = to_status(error)
        except grpc.aio.AioRpcError as error:
            status = upstream_status(error)
        except Exception:
            log.exception("unhandled error in %s", fn.__name__)
            status = status_pb2.Status(code=grpc.StatusCode.INTERNAL.value[0], message=INTERNAL)
        finally:
            code = _code(status.code)
            GRPC_REQUESTS.labels("gateway", fn.__name__, code.name).inc()
            GRPC_LATENCY.labels("gateway", fn.__name__).observe(time.perf_counter() - started)
        answer = rpc_status.to_status(status)
        await context.abort(answer.code, answer.details, (*answer.trailing_metadata, *trailers))

    wrapper.auth = BEARER if authenticate else TOKEN_IN_REQUEST  # type: ignore[attr-defined]
    return wrapper


def upstream_status(error: grpc.aio.AioRpcError) -> status_pb2.Status:
    """A service's refusal, passed on with its code and field details, within the same
    ceilings as the gateway's own (a service that quotes a 100 KB id cannot overflow the
    front end's trailers)."""
    for key, value in error.trailing_metadata() or ():
        if key == DETAILS_KEY and isinstance(value, bytes):
            try:
                return bounded_status(status_pb2.Status.FromString(value))
            except Exception:  # a malformed details blob: fall back to code and text
                break
    return bounded_status(
        status_pb2.Status(code=error.code().value[0], message=error.details() or "")
    )


def _code(number: int) -> grpc.StatusCode:
    return next((c for c in grpc.StatusCode if c.value[0] == number), grpc.StatusCode.UNKNOWN)


class GatewayCalls:
    def __init__(
        self, secret: str, org: OrgStore, relay: EventRelay, services: ServiceClients
    ) -> None:
        self.secret = secret
        self.org = org
        self.relay = relay
        self.services = services
        # Set on SIGTERM: new calls are refused UNAVAILABLE, to be retried after this long.
        self.retry_after_ms: int | None = None

    async def _supervisor_of(self, tenant_id: str, rep_id: str) -> str:
        person = await self.org.get(tenant_id, rep_id)
        return person.supervisor_id if person else ""
