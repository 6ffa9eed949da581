"""Prometheus metrics shared by every process; each process serves them on /metrics."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import product

import grpc
from prometheus_client import Counter, Gauge, Histogram, start_http_server

LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)

GRPC_REQUESTS = Counter(
    "sales_grpc_requests_total", "gRPC calls handled", ["service", "method", "code"]
)
GRPC_LATENCY = Histogram(
    "sales_grpc_request_seconds",
    "gRPC call latency in the handler",
    ["service", "method"],
    buckets=LATENCY_BUCKETS,
)
EVENTS_PUBLISHED = Counter(
    "sales_events_published_total", "Events confirmed by the broker", ["service", "type"]
)
EVENTS_CONSUMED = Counter(
    "sales_events_consumed_total",
    "Events handled, by outcome (ok, duplicate, retried, dead_lettered)",
    ["service", "type", "outcome"],
)
EVENT_HANDLE_LATENCY = Histogram(
    "sales_event_handle_seconds",
    "Time to handle one event",
    ["service", "type"],
    buckets=LATENCY_BUCKETS,
)
OUTBOX_PENDING = Gauge(
    "sales_outbox_pending", "Outbox events written but not yet confirmed by the broker", ["service"]
)
QUEUE_DEPTH = Gauge("sales_queue_depth", "Messages ready in a RabbitMQ queue", ["queue"])


# Every code a gRPC call can end with, as the counters label it.
GRPC_CODES = tuple(code.name for code in grpc.StatusCode)
# What an event consumer can do with an event (services/common/nameko_support/event_consumer).
EVENT_OUTCOMES = ("ok", "duplicate", "ignored", "retried", "dead_lettered")


def initialise(counter: Counter, *label_values: Iterable[str]) -> None:
    """Create the series of every combination of the known label values at 0, so a freshly
    started process already reports them: an alert on `increase(x[5m]) > 0` or on `absent`
    can then tell "none happened" from "nothing is reporting"."""
    for labels in product(*label_values):
        counter.labels(*labels)


def initialise_grpc_calls(service: str, methods: Iterable[str]) -> None:
    initialise(GRPC_REQUESTS, (service,), methods, GRPC_CODES)


def serve_metrics(port: int, host: str = "127.0.0.1") -> None:
    start_http_server(port, addr=host)
