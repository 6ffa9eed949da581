"""The gateway process: a grpc.aio server with health checking and reflection (SPEC G2),
/metrics, and a graceful stop on SIGTERM."""

from __future__ import annotations

import asyncio
import logging
import os
import signal

import grpc
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection
from pymongo import AsyncMongoClient

from sales.gateway.v1 import gateway_pb2, gateway_pb2_grpc
from services.common.config import Settings
from services.common.logs import configure_logging
from services.common.metrics import serve_metrics
from services.gateway.adapters.event_relay import EventRelay
from services.gateway.adapters.org_store import OrgStore
from services.gateway.adapters.service_clients import ServiceClients
from services.gateway.entrypoints.servicer import GatewayServicer

log = logging.getLogger(__name__)
SERVICE_NAME = gateway_pb2.DESCRIPTOR.services_by_name["Gateway"].full_name


async def serve(settings: Settings) -> None:
    mongo = AsyncMongoClient(settings.mongo_uri, tz_aware=True, appname="sales-gateway")
    org = OrgStore(mongo, settings.database)
    await org.ensure_indexes()
    relay = EventRelay(settings.amqp_uri, org.outbox)
    services = ServiceClients.connect(settings)

    server = grpc.aio.server(options=[("grpc.max_receive_message_length", 16 * 1024 * 1024)])
    gateway_pb2_grpc.add_GatewayServicer_to_server(
        GatewayServicer(settings.auth_secret, org, relay, services), server
    )
    health_servicer = health.aio.HealthServicer()
    health_pb2_grpc.add_HealthServicer_to_server(health_servicer, server)
    reflection.enable_server_reflection(
        (SERVICE_NAME, health.SERVICE_NAME, reflection.SERVICE_NAME), server
    )
    server.add_insecure_port(f"{settings.grpc_host}:{settings.grpc_port}")
    await server.start()
    for name in ("", SERVICE_NAME):
        await health_servicer.set(name, health_pb2.HealthCheckResponse.SERVING)
    relay_task = asyncio.create_task(relay.relay_forever())
    log.info("started", extra={"grpc_port": settings.grpc_port, "metrics": settings.metrics_port})

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()

    grace = float(os.environ.get("SALES_SHUTDOWN_GRACE", "8"))
    log.info("stopping", extra={"grace_s": grace})
    for name in ("", SERVICE_NAME):
        await health_servicer.set(name, health_pb2.HealthCheckResponse.NOT_SERVING)
    await server.stop(grace)  # refuses new calls at once, lets in-flight ones finish
    relay_task.cancel()
    await relay.close()
    await services.close()
    await mongo.close()
    log.info("stopped cleanly")


def main() -> None:
    settings = Settings("gateway")
    configure_logging("gateway", settings.log_level)
    serve_metrics(settings.metrics_port, settings.grpc_host)
    asyncio.run(serve(settings))
