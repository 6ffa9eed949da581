"""assignment's business metrics (SPEC P2, issue A)."""

from prometheus_client import Counter, Gauge, Histogram

from services.common.metrics import LATENCY_BUCKETS, initialise

LEADS = Counter(
    "sales_leads_total",
    "Lead outcomes: created, merged, assigned, waiting, breached, reclaimed, accepted, declined",
    ["outcome"],
)
initialise(
    LEADS,
    ("created", "merged", "duplicate", "failed", "assigned", "waiting", "accepted", "declined")
    + ("breached", "waiting_alerted", "reclaimed", "claim_released", "assigned_by_sweep"),
)
WAITING_POOL = Gauge("sales_leads_waiting", "Leads waiting in the pool for an idle rep")
CREATE_TO_ASSIGN = Histogram(
    "sales_lead_create_to_assign_seconds",
    "From a lead's creation to its assignment (immediate or after waiting)",
    buckets=(*LATENCY_BUCKETS, 30, 60, 300, 900, 3600),
)
