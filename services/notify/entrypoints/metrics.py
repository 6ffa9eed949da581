"""notify's business metrics (SPEC P2)."""

from __future__ import annotations

from prometheus_client import Counter, Gauge, Histogram

from services.common.metrics import LATENCY_BUCKETS, initialise
from services.notify.application.sending import OUTCOMES, Attempt
from services.notify.domain.model import Channel, Via
from services.notify.domain.routing import EVENT_TYPES, LEAD_ASSIGNED, REP

NOTIFICATIONS = Counter(
    "sales_notifications_total",
    "Notification attempts by outcome (sent, failed, retried, dead_lettered, rate_limited)",
    ["channel", "event_type", "outcome"],
)
initialise(
    NOTIFICATIONS,
    [*(c.value for c in Channel), *(f"{c.value}_robot" for c in Channel)],
    EVENT_TYPES,
    OUTCOMES,
)
initialise(NOTIFICATIONS, ("none",), EVENT_TYPES, ("failed",))  # events too malformed to route
PROVIDER_LATENCY = Histogram(
    "sales_notify_provider_seconds",
    "One call to WeCom or DingTalk",
    ["channel"],
    buckets=LATENCY_BUCKETS,
)
EVENT_TO_PROVIDER = Histogram(
    "sales_notify_event_to_provider_seconds",
    "From the event's occurred_at to the provider accepting the message",
    ["channel", "event_type"],
    buckets=LATENCY_BUCKETS,
)
LEAD_TO_PUSH = Histogram(
    "sales_lead_to_push_seconds",
    "From lead creation to the rep's push accepted by the provider",
    buckets=LATENCY_BUCKETS,
)
PENDING = Gauge("sales_notify_pending", "Deliveries waiting to be sent (queue depth)")
DEAD_LETTERS = Gauge("sales_notify_dead_letters", "Deliveries in the dead-letter queue")
REPLAYED = Counter("sales_notify_replayed_total", "Dead letters replayed", ["tenant_id"])


def observe(attempt: Attempt) -> None:
    """Count one send attempt, and the latencies a sent one shows."""
    d = attempt.delivery
    channel = f"{d.channel.value}_robot" if d.via == Via.ROBOT else d.channel.value
    NOTIFICATIONS.labels(channel, d.source_event_type, attempt.outcome).inc()
    if attempt.outcome != "rate_limited" or attempt.provider_seconds:
        PROVIDER_LATENCY.labels(channel).observe(attempt.provider_seconds)
    if attempt.outcome != "sent" or not d.sent_at:
        return
    if d.event_at:
        EVENT_TO_PROVIDER.labels(channel, d.source_event_type).observe(
            (d.sent_at - d.event_at).total_seconds()
        )
    is_lead_push = d.source_event_type == LEAD_ASSIGNED and d.recipient_role == REP
    if is_lead_push and d.origin_at:
        LEAD_TO_PUSH.observe((d.sent_at - d.origin_at).total_seconds())
