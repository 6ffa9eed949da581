"""V1 visit plans: each rep's plan for one Asia/Shanghai day. Plain data and rules, no I/O.

A day is generated from the visit-frequency rules: a store the rep owns is due once its last
visit (Shanghai date) plus its frequency has come, and a store never visited is due since the
day it was registered. The most overdue come first, then KA before BC before convenience, up
to the tenant's daily limit. The rep or the supervisor may then add, drop and reorder, each
with a reason, and every change is an entry in the day's history. A submitted card closes
its store's item; completion = done items / items not dropped, exact by construction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from services.common.clock import SHANGHAI, as_utc
from services.common.errors import FailedPrecondition, InvalidArgument
from services.common.geo import GeoPoint
from services.visits.domain.settings import StoreSettings
from services.visits.domain.stores import Store

PENDING, DONE, DROPPED = "pending", "done", "dropped"
GENERATED, ADDED = "generated", "added"
SYSTEM = "system"
CLASS_ORDER = {"KA": 0, "BC": 1, "CONVENIENCE": 2}
MAX_ITEMS, MAX_HISTORY, MAX_REASON = 80, 500, 200
# Change codes of PlanDayChanged.change and the history, with what a person reads.
CHANGES: dict[str, str] = {
    "generated": "按拜访频率生成计划",
    "added": "加入计划",
    "dropped": "移出计划",
    "reordered": "调整顺序",
    "completed": "拜访完成",
    "unplanned": "计划外拜访",
}


def shanghai_day(at: datetime) -> date:
    return as_utc(at).astimezone(SHANGHAI).date()


@dataclass
class PlanItem:
    item_id: str
    store_id: str
    store_name: str
    customer_class: str
    address: str
    location: GeoPoint | None
    position: int
    status: str = PENDING
    origin: str = GENERATED
    overdue_days: int = 0
    last_visited_on: date | None = None
    visit_id: str = ""
    reason: str = ""


@dataclass(frozen=True)
class PlanEdit:
    at: datetime
    by: str
    change: str
    item_id: str = ""
    store_id: str = ""
    reason: str = ""
    text: str = ""


@dataclass(frozen=True)
class DueStore:
    store: Store
    due_on: date
    last_visited_on: date | None

    def overdue_days(self, day: date) -> int:
        return (day - self.due_on).days


def due_on(store: Store, settings: StoreSettings) -> tuple[date, date | None]:
    """(the day the store falls due, its last visit day or None)."""
    every = store.visit_every_days or settings.every_days(store.customer_class)
    if store.last_visited_at is None:
        return shanghai_day(store.registered_at), None
    last = shanghai_day(store.last_visited_at)
    return last + timedelta(days=every), last


def due_stores(stores: list[Store], day: date, settings: StoreSettings) -> list[DueStore]:
    """The stores due on `day`, most overdue first, then by class, then register order."""
    due = []
    for store in stores:
        when, last = due_on(store, settings)
        if store.active and when <= day:
            due.append(DueStore(store, when, last))
    due.sort(key=lambda d: (d.due_on, CLASS_ORDER.get(d.store.customer_class, 9), d.store.number))
    return due


def item_for(store: Store, item_id: str, position: int, origin: str, reason: str = ""):
    return PlanItem(
        item_id=item_id,
        store_id=store.store_id,
        store_name=store.name,
        customer_class=store.customer_class,
        address=store.address,
        location=store.location,
        position=position,
        origin=origin,
        reason=reason,
    )


def check_addable(store: Store, rep_id: str) -> None:
    if store.owner_rep_id != rep_id or not store.active:
        raise FailedPrecondition("只能加入该业务员负责的在营门店")


def check_reason(reason: str) -> str:
    text = reason.strip()
    if not text:
        raise InvalidArgument.of_field("reason", "修改计划必须填写原因")
    if len(text) > MAX_REASON:
        raise InvalidArgument.of_field("reason", f"原因不能超过 {MAX_REASON} 个字")
    return text


@dataclass
class PlanDay:
    tenant_id: str
    rep_id: str
    plan_date: date
    items: list[PlanItem]
    generated_at: datetime
    version: int = 1
    history: list[PlanEdit] = field(default_factory=list)
    unplanned_visit_ids: list[str] = field(default_factory=list)
    supervisor_id: str = ""
    team_id: str = ""
    stored: bool = True  # False: a past day never planned, shown empty and not kept

    @property
    def planned(self) -> int:
        return sum(1 for i in self.items if i.status != DROPPED)

    @property
    def completed(self) -> int:
        return sum(1 for i in self.items if i.status == DONE)

    def pending(self) -> list[PlanItem]:
        return [i for i in self.items if i.status == PENDING]

    def active_item(self, store_id: str) -> PlanItem | None:
        return next((i for i in self.items if i.store_id == store_id and i.status != DROPPED), None)

    def item(self, item_id: str) -> PlanItem:
        found = next((i for i in self.items if i.item_id == item_id), None)
        if found is None:
            raise InvalidArgument.of_field("item_id", "计划中没有这一项")
        return found

    # -- edits (today and later only: a past day is what happened) --------------------------

    def check_editable(self, today: date, expected_version: int) -> None:
        if self.plan_date < today:
            raise FailedPrecondition("已过去日期的计划不能修改")
        if expected_version and expected_version != self.version:
            raise FailedPrecondition(
                f"计划已被修改(当前版本 {self.version},您看到的是版本 {expected_version}),请刷新后重试"
            )
        if len(self.history) >= MAX_HISTORY:
            raise FailedPrecondition("这一天的计划修改次数已达上限")

    def add(
        self, store: Store, position: int, reason: str, by: str, now: datetime, item_id: str
    ) -> PlanItem:
        check_addable(store, self.rep_id)
        if self.active_item(store.store_id) is not None:
            raise FailedPrecondition("该门店已在当天计划中")
        if self.planned >= MAX_ITEMS:
            raise FailedPrecondition(f"每天的计划最多 {MAX_ITEMS} 家门店")
        dropped = next((i for i in self.items if i.store_id == store.store_id), None)
        if dropped is not None:
            self.items.remove(dropped)  # taken back: one item per store, with its new reason
            item_id = dropped.item_id
        item = item_for(store, item_id, 0, ADDED, reason)
        order = self._ordered()
        done = sum(1 for i in order if i.status == DONE)
        at = len(order) if position <= 0 else max(done, min(position - 1, len(order)))
        order.insert(at, item)
        self._renumber(order)
        self._record(now, by, "added", item, reason)
        return item

    def drop(self, item_id: str, reason: str, by: str, now: datetime) -> PlanItem:
        item = self.item(item_id)
        if item.status != PENDING:
            raise FailedPrecondition("只能移出尚未拜访的计划项")
        item.status, item.reason = DROPPED, reason
        self._renumber(self._ordered())
        self._record(now, by, "dropped", item, reason)
        return item

    def reorder(self, item_ids: list[str], reason: str, by: str, now: datetime) -> None:
        pending = {i.item_id: i for i in self.pending()}
        if len(item_ids) != len(set(item_ids)) or set(item_ids) != set(pending):
            raise InvalidArgument.of_field("item_ids", "必须按新顺序列出当天全部待拜访的计划项")
        done = [i for i in self._ordered() if i.status == DONE]
        self._renumber(done + [pending[i] for i in item_ids])
        self._record(now, by, "reordered", None, reason)

    # -- what cards do ------------------------------------------------------------------------

    def complete(self, store_id: str, visit_id: str, by: str, now: datetime) -> PlanItem | None:
        """A submitted card closes its store's pending item; None if the store is not on
        the plan (then it is an unplanned visit)."""
        item = self.active_item(store_id)
        if item is None:
            if visit_id not in self.unplanned_visit_ids:
                self.unplanned_visit_ids.append(visit_id)
                self._record(now, by, "unplanned", None, "", store_id)
            return None
        if item.status == DONE:
            # a replay of the closing card finds its item; another card of the same store
            # that day is one more visit, and closes nothing
            return item if item.visit_id == visit_id else None
        item.status, item.visit_id = DONE, visit_id
        self._record(now, by, "completed", item, "")
        return item

    def drop_if_no_longer_due(
        self, store_id: str, visited_on: date, every_days: int, now: datetime
    ) -> bool:
        """A plan made ahead lists a store that has been visited since: if it is no longer
        due that day, its generated item leaves the plan (one the rep added stays)."""
        item = self.active_item(store_id)
        if item is None or item.status != PENDING or item.origin != GENERATED:
            return False
        if visited_on + timedelta(days=every_days) <= self.plan_date:
            return False
        reason = f"已于 {visited_on.isoformat()} 拜访,当天不再到期"
        item.status, item.reason = DROPPED, reason
        self._renumber(self._ordered())
        self._record(now, SYSTEM, "dropped", item, reason)
        return True

    # -- bookkeeping ----------------------------------------------------------------------------

    def _ordered(self) -> list[PlanItem]:
        return sorted((i for i in self.items if i.status != DROPPED), key=lambda i: i.position)

    def _renumber(self, order: list[PlanItem]) -> None:
        for position, item in enumerate(order, start=1):
            item.position = position
        dropped = [i for i in self.items if i.status == DROPPED]
        for item in dropped:
            item.position = 0
        self.items = order + dropped

    def _record(
        self,
        now: datetime,
        by: str,
        change: str,
        item: PlanItem | None,
        reason: str,
        store_id: str = "",
    ) -> None:
        name = item.store_name if item else ""
        text = CHANGES[change] + (f":{name}" if name else "") + (f"({reason})" if reason else "")
        self.history.append(
            PlanEdit(now, by, change, item.item_id if item else "",
                     item.store_id if item else store_id, reason, text)
        )  # fmt: skip


def generate(
    rep_id: str,
    tenant_id: str,
    day: date,
    stores: list[Store],
    settings: StoreSettings,
    new_id: Callable[[], str],
    now: datetime,
) -> PlanDay:
    """The rep's plan for `day` by the rules (settings.max_plan_items most overdue)."""
    chosen = due_stores(stores, day, settings)[: settings.max_plan_items]
    items = []
    for position, due in enumerate(chosen, start=1):
        item = item_for(due.store, new_id(), position, GENERATED)
        item.overdue_days, item.last_visited_on = due.overdue_days(day), due.last_visited_on
        items.append(item)
    plan = PlanDay(tenant_id, rep_id, day, items, generated_at=now)
    text = f"{CHANGES['generated']}:{len(items)} 家门店到期"
    plan.history.append(PlanEdit(now, SYSTEM, "generated", text=text))
    return plan


def not_planned(tenant_id: str, rep_id: str, day: date, now: datetime) -> PlanDay:
    """What a past day that was never planned reads as: nothing planned, nothing kept."""
    return PlanDay(tenant_id, rep_id, day, [], generated_at=now, version=0, stored=False)
