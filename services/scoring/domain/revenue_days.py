"""Revenue by store and Asia/Shanghai day, kept as orders are linked (SPEC S6, ADR 044).

A store-day holds one entry per linked order of that store and day: its amount, the owner
rep it was linked to and the visit it is attributed to. Revenue and order count are the
entries' sum and number, so writing an order's entry again (a redelivered event, the same
order in a back-fill, a late visit that takes the order over) replaces it and can never
count it twice. An order whose store is not known yet has no entry; it gets one when the
store arrives and links it.

Store-days are grouped by (county, day, owner rep): the county question reads a county's
days in one range, and a rep's stores are written by that rep's orders only, so
concurrent writers seldom touch the same group.

Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from services.common.clock import SHANGHAI
from services.scoring.domain.orders import Order


@dataclass(frozen=True)
class OrderEntry:
    """One linked order's share of its store-day."""

    order_id: str
    fen: int
    visit_id: str = ""
    visit_rep_id: str = ""
    visit_at: datetime | None = None


@dataclass(frozen=True)
class GroupKey:
    """The store-days of one owner rep in one county on one Shanghai day."""

    tenant_id: str
    county: str
    day: date
    rep_id: str


@dataclass
class RepCountyDay:
    key: GroupKey
    stores: dict[str, dict[str, OrderEntry]] = field(
        default_factory=dict
    )  # store -> order -> entry

    def revenue_fen(self, store_id: str) -> int:
        return sum(e.fen for e in self.stores.get(store_id, {}).values())

    def order_count(self, store_id: str) -> int:
        return len(self.stores.get(store_id, {}))


Placement = tuple[GroupKey, str, OrderEntry]  # the group, the store, the order's entry


def day_of(at: datetime) -> date:
    return at.astimezone(SHANGHAI).date()


def placed(order: Order) -> Placement | None:
    """Where a linked order counts: its group, its store and its entry; None while pending."""
    if order.pending:
        return None
    key = GroupKey(order.tenant_id, order.region_code, day_of(order.ordered_at), order.rep_id)
    entry = OrderEntry(
        order.order_id, order.total_fen, order.visit_id, order.visit_rep_id, order.visit_at
    )
    return key, order.store_id, entry


def placements(orders: Iterable[Order]) -> list[Placement]:
    return [p for p in map(placed, orders) if p is not None]


def count(groups: dict[GroupKey, RepCountyDay], found: Iterable[Placement]) -> set[GroupKey]:
    """Put each order's entry in its store-day, replacing an earlier entry of the same
    order -> the groups that changed. The adapter's `$set` of the entry does the same."""
    changed: set[GroupKey] = set()
    for key, store_id, entry in found:
        group = groups.setdefault(key, RepCountyDay(key))
        entries = group.stores.setdefault(store_id, {})
        if entries.get(entry.order_id) != entry:
            entries[entry.order_id] = entry
            changed.add(key)
    return changed
