"""The gateway process: a grpc.aio server with health checking and reflection (SPEC G2),
/metrics, and a drain on SIGTERM (docs/adr/008-graceful-shutdown.md)."""

from __future__ import annotations

import asyncio
import logging
import os
import signal

import grpc
from aiohttp import web
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from pymongo import AsyncMongoClient

from sales.gateway.v1 import gateway_pb2
from services.common.config import Settings
from services.common.logs import configure_logging
from services.common.metrics import (
    EVENTS_PUBLISHED,
    initialise,
    initialise_grpc_calls,
    serve_metrics,
)
from services.gateway.adapters.event_relay import EventRelay
from services.gateway.adapters.org_store import OrgStore
from services.gateway.adapters.service_clients import ServiceClients
from services.gateway.entrypoints import reflection
from services.gateway.entrypoints.http_face import make_app
from services.gateway.entrypoints.registration import add_service
from services.gateway.entrypoints.servicer import GatewayServicer
from services.gateway.entrypoints.session import Sessions, dev_login_enabled

log = logging.getLogger(__name__)
GATEWAY = gateway_pb2.DESCRIPTOR.services_by_name["Gateway"]
SERVICE_NAME = GATEWAY.full_name
RETRY_MARGIN_S = 1.0  # a refused call is retried this long after the lame duck is over


async def until_signalled() -> None:
    """Returns at the first SIGTERM or SIGINT."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()


async def serve(settings: Settings) -> None:
    mongo = AsyncMongoClient(settings.mongo_uri, tz_aware=True, appname="sales-gateway")
    org = OrgStore(mongo, settings.database)
    await org.ensure_indexes()
    relay = EventRelay(settings.amqp_uri, org.outbox)
    services = ServiceClients.connect(settings)

    server = grpc.aio.server(options=[("grpc.max_receive_message_length", 16 * 1024 * 1024)])
    servicer = GatewayServicer(settings.auth_secret, org, relay, services)
    add_service(servicer, GATEWAY, server)
    health_servicer = health.aio.HealthServicer()
    health_pb2_grpc.add_HealthServicer_to_server(health_servicer, server)
    reflection.enable(server, (SERVICE_NAME, health.SERVICE_NAME))
    initialise_grpc_calls("gateway", [m.name for m in GATEWAY.methods])
    initialise(EVENTS_PUBLISHED, ("gateway",), ("org.person.upserted",))
    server.add_insecure_port(f"{settings.grpc_host}:{settings.grpc_port}")
    await server.start()
    await _set_health(health_servicer, health_pb2.HealthCheckResponse.SERVING)
    relay_task = asyncio.create_task(relay.relay_forever())
    http = await start_http(settings, servicer, org)
    ports = {"grpc_port": settings.grpc_port, "console_port": settings.console_port}
    log.info("started", extra={**ports, "metrics": settings.metrics_port})

    await until_signalled()
    await drain(server, servicer, health_servicer)
    await http.cleanup()
    relay_task.cancel()
    await relay.close()
    await services.close()
    await mongo.close()
    log.info("stopped cleanly")


async def start_http(settings: Settings, servicer: GatewayServicer, org: OrgStore):
    """The HTTP face and console on the same loop as the gRPC server: its calls are the
    servicer's own methods (ADR 033), so while draining they are refused just the same."""
    sessions = Sessions(settings.auth_secret, org, dev_login_enabled(settings.auth_secret))
    runner = web.AppRunner(make_app(servicer, GATEWAY, sessions), access_log=None)
    await runner.setup()
    await web.TCPSite(runner, settings.grpc_host, settings.console_port).start()
    return runner


async def drain(server: grpc.aio.Server, servicer: GatewayServicer, health_servicer) -> None:
    """Finish every call already taken, refuse new ones in a way clients retry, then stop.

    `server.stop(grace)` alone lets running handlers finish, but grpc's core at once cancels
    every call it has received and not yet handed to Python (under load: dozens, answered
    CANCELLED, which no client retries). So first the health check says NOT_SERVING and, for
    a short lame-duck period, new calls are answered UNAVAILABLE at once, telling clients
    (grpc-retry-pushback-ms) to retry only after the process is gone; by the time the server
    stops, clients that heed it send nothing, and calls in flight get the remaining grace.
    """
    grace = float(os.environ.get("SALES_SHUTDOWN_GRACE", "8"))
    lame_duck = float(os.environ.get("SALES_SHUTDOWN_LAME_DUCK", "0.5"))
    log.info("stopping", extra={"grace_s": grace, "lame_duck_s": lame_duck})
    await _set_health(health_servicer, health_pb2.HealthCheckResponse.NOT_SERVING)
    servicer.retry_after_ms = int((lame_duck + RETRY_MARGIN_S) * 1000)
    await asyncio.sleep(lame_duck)
    await server.stop(max(grace - lame_duck, 0.1))


async def _set_health(health_servicer, status) -> None:
    for name in ("", SERVICE_NAME):
        await health_servicer.set(name, status)


def main() -> None:
    settings = Settings("gateway")
    configure_logging("gateway", settings.log_level)
    serve_metrics(settings.metrics_port, settings.grpc_host)
    asyncio.run(serve(settings))
