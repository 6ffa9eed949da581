"""visits' business metrics (SPEC P2). Every labelled series is created at start with zero,
so an alert can tell "none yet" from "not reported"."""

from prometheus_client import Counter

from services.visits.domain.plans import CHANGES
from services.visits.domain.sheet_rows import STATUSES

IMPORT_ROWS = Counter(
    "sales_visits_import_rows_total",
    "Rows of imported sheets, by kind and outcome",
    ["kind", "status"],
)
PLAN_CHANGES = Counter(
    "sales_visits_plan_changes_total",
    "Changes to rep-day plans (generated, edits, completions)",
    ["change"],
)
FIRST_VISIT_OVERDUE = Counter(
    "sales_visits_first_visit_overdue_total",
    "New stores alerted for waiting too long for a first visit",
)

for _kind in ("stores", "products"):
    for _status in STATUSES:
        IMPORT_ROWS.labels(_kind, _status)
for _change in CHANGES:
    PLAN_CHANGES.labels(_change)
