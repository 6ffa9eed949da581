"""notify's business metrics (SPEC P2)."""

from prometheus_client import Counter, Histogram

from services.common.metrics import LATENCY_BUCKETS

NOTIFICATIONS = Counter(
    "sales_notifications_total",
    "Notification attempts by outcome (sent, failed, retried)",
    ["channel", "event_type", "outcome"],
)
PROVIDER_LATENCY = Histogram(
    "sales_notify_provider_seconds",
    "One call to WeCom or DingTalk",
    ["channel"],
    buckets=LATENCY_BUCKETS,
)
LEAD_TO_PUSH = Histogram(
    "sales_lead_to_push_seconds",
    "From lead creation to the rep's push accepted by the provider",
    buckets=LATENCY_BUCKETS,
)
