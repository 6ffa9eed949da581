"""What every Gateway call shares: the `rpc` decorator (authenticate, map domain errors and
upstream statuses onto the call's status with their field details, count and time) and the
`GatewayCalls` base holding the gateway's dependencies. Each area of the API is a mixin of
GatewayCalls in its own module; services/gateway/entrypoints/servicer.py composes them."""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Callable

import grpc
from grpc_status import rpc_status

from services.common.errors import DomainError
from services.common.grpc_status import to_status
from services.common.metrics import GRPC_LATENCY, GRPC_REQUESTS
from services.gateway.adapters import tokens
from services.gateway.adapters.event_relay import EventRelay
from services.gateway.adapters.org_store import OrgStore
from services.gateway.adapters.service_clients import ServiceClients

log = logging.getLogger(__name__)
CALL_TIMEOUT_S = 10.0


def rpc(fn: Callable) -> Callable:
    """Authenticate, then map domain errors and upstream statuses onto this call's status
    (field details included), and count and time every call."""

    @functools.wraps(fn)
    async def wrapper(self: GatewayCalls, request, context: grpc.aio.ServicerContext):
        started = time.perf_counter()
        code = grpc.StatusCode.OK
        try:
            principal = tokens.from_metadata(self.secret, context.invocation_metadata())
            return await fn(self, request, context, principal)
        except DomainError as error:
            status = rpc_status.to_status(to_status(error))
            code = status.code
            await context.abort(status.code, status.details, status.trailing_metadata)
        except grpc.aio.AioRpcError as error:
            code = error.code()
            await context.abort(code, error.details(), tuple(error.trailing_metadata() or ()))
        except Exception:
            if code == grpc.StatusCode.OK:  # not an abort raised above
                code = grpc.StatusCode.INTERNAL
                log.exception("unhandled error in %s", fn.__name__)
            raise
        finally:
            GRPC_REQUESTS.labels("gateway", fn.__name__, code.name).inc()
            GRPC_LATENCY.labels("gateway", fn.__name__).observe(time.perf_counter() - started)

    return wrapper


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
