"""visits-b1's business metrics: cards, what they lack and what looks implausible, batch
items by outcome, overdue reminders (SPEC P2). Labelled series start at zero, so an alert
can tell none from missing."""

from prometheus_client import Counter

from services.visits.domain.batches import ItemOutcome
from services.visits.domain.cards import MISSING_ITEMS, PLAUSIBILITY_FLAGS

CARDS = Counter("sales_visit_cards_total", "Visit cards stored (replays not counted)")
MISSING = Counter(
    "sales_visit_card_missing_items_total", "Template items missing on stored cards", ["item"]
)
FLAGGED = Counter(
    "sales_visit_card_flags_total", "Check-in plausibility flags on stored cards", ["flag"]
)
BATCH_ITEMS = Counter("sales_offline_batch_items_total", "Offline batch items", ["outcome"])
REMINDERS = Counter(
    "sales_commitment_reminders_total", "commitment.overdue events emitted (escalation steps)"
)
HISTORY_VISITS = Counter(
    "sales_visit_history_imported_total", "Earlier visits stored by ImportVisitHistory"
)
for _item in MISSING_ITEMS:
    MISSING.labels(_item)
for _flag in PLAUSIBILITY_FLAGS:
    FLAGGED.labels(_flag)
for _outcome in ItemOutcome:
    BATCH_ITEMS.labels(_outcome.value)


def count_card(card, created: bool) -> None:
    if not created:
        return
    CARDS.inc()
    for item in card.missing_items:
        MISSING.labels(item).inc()
    for flag in card.plausibility_flags:
        FLAGGED.labels(flag).inc()
