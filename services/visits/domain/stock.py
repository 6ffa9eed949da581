"""Samples and stock (SPEC V5): what each warehouse and each rep's car holds, per SKU, and the
movements that change it. Stock never goes negative. Plain data and rules, no I/O.

A card's samples are taken in two steps (ADR 025, after ADR 015): a *hold* taken by one
conditional update per SKU outside the card's transaction (the balance drops at once, so two
cards can never both take the last unit), then the card's transaction stores the movements
and a *claim* document. A hold whose claim never appears is given back by the reconciler,
which first buries the claim id with a tombstone so that a late card can no longer use it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from services.common.errors import FailedPrecondition, FieldViolation, Violations
from services.visits.domain.lines import SampleLine

MAX_LINES = 50  # sample lines on one card, SKUs in one transfer
MAX_QUANTITY = 1_000_000  # of one SKU in one movement
MAX_NOTE = 200
MAX_ID = 64


class LocationKind(StrEnum):
    WAREHOUSE = "warehouse"
    REP = "rep"  # a rep's car stock


# Location kinds and movement reasons with the label a person reads: one table each.
LOCATION_KIND_LABELS: dict[LocationKind, str] = {
    LocationKind.WAREHOUSE: "仓库",
    LocationKind.REP: "车存",
}


class MovementReason(StrEnum):
    SAMPLE = "sample"
    TRANSFER_IN = "transfer_in"
    TRANSFER_OUT = "transfer_out"
    RECEIPT = "receipt"
    ADJUSTMENT = "adjustment"


MOVEMENT_REASON_LABELS: dict[MovementReason, str] = {
    MovementReason.SAMPLE: "样品领用",
    MovementReason.TRANSFER_IN: "调拨入库",
    MovementReason.TRANSFER_OUT: "调拨出库",
    MovementReason.RECEIPT: "入库",
    MovementReason.ADJUSTMENT: "盘点调整",
}


@dataclass(frozen=True, order=True)
class Location:
    kind: LocationKind
    owner_id: str  # the warehouse id, or the rep's person id

    @property
    def code(self) -> str:
        """The form events and storage use: warehouse:<id> | rep:<person id>."""
        return f"{self.kind.value}:{self.owner_id}"

    @classmethod
    def rep(cls, rep_id: str) -> Location:
        return cls(LocationKind.REP, rep_id)

    @classmethod
    def warehouse(cls, warehouse_id: str) -> Location:
        return cls(LocationKind.WAREHOUSE, warehouse_id)


@dataclass(frozen=True)
class Hold:
    """Units a card in flight has taken from a location, not yet confirmed by its claim."""

    visit_id: str
    claim_id: str
    quantity: int
    balance_after: int
    at: datetime


@dataclass
class StockLevel:
    tenant_id: str
    location: Location
    sku: str
    balance: int  # on hand now; held units are already taken out
    holds: list[Hold] = field(default_factory=list)
    updated_at: datetime | None = None

    @property
    def list_key(self) -> str:
        """Listing order and page cursor: by location, then SKU."""
        return list_key(self.location, self.sku)


def list_key(location: Location, sku: str) -> str:
    return f"{location.code}\x1f{sku}"


@dataclass(frozen=True)
class Movement:
    movement_id: str
    tenant_id: str
    location: Location
    sku: str
    delta: int
    balance_after: int
    reason: MovementReason
    at: datetime
    actor_id: str
    visit_id: str = ""
    transfer_id: str = ""
    operation_id: str = ""  # the client's id of a receipt or an adjustment
    note: str = ""


@dataclass(frozen=True)
class HeldLine:
    """One SKU of a card's samples as it was taken: from which claim, leaving what."""

    sku: str
    quantity: int
    claim_id: str
    balance_after: int


@dataclass(frozen=True)
class Reservation:
    """What reserve_for_card took for one card; confirm_for_card stores it with the card."""

    tenant_id: str
    rep_id: str
    visit_id: str
    lines: tuple[HeldLine, ...]
    at: datetime

    @property
    def location(self) -> Location:
        return Location.rep(self.rep_id)

    @property
    def claim_ids(self) -> list[str]:
        return sorted({line.claim_id for line in self.lines})


@dataclass(frozen=True)
class Shortage:
    index: int  # the first card line naming the SKU
    sku: str
    requested: int
    available: int


class ClaimState(StrEnum):
    CONFIRMED = "confirmed"  # the card is stored: the hold is spent
    ABANDONED = "abandoned"  # tombstone: no card will ever use this claim


def totals_by_sku(lines: Iterable[SampleLine]) -> dict[str, tuple[int, int]]:
    """SKU -> (index of its first line, total quantity): two lines of one SKU take once."""
    totals: dict[str, tuple[int, int]] = {}
    for i, line in enumerate(lines):
        first, quantity = totals.get(line.sku, (i, 0))
        totals[line.sku] = (first, quantity + line.quantity)
    return totals


def validate_sample_lines(lines: list[SampleLine], field_name: str = "samples") -> None:
    v = Violations()
    v.check(len(lines) <= MAX_LINES, field_name, f"样品明细不能超过 {MAX_LINES} 行")
    for i, line in enumerate(lines[:MAX_LINES]):
        check_id(v, line.sku, f"{field_name}[{i}].sku", " SKU")
        v.check(
            0 < line.quantity <= MAX_QUANTITY,
            f"{field_name}[{i}].quantity",
            f"数量必须在 1 到 {MAX_QUANTITY} 之间",
        )
    v.raise_if_any()


def shortage_error(
    shortages: list[Shortage], field_name: str = "samples", what: str = "车存"
) -> FailedPrecondition:
    """FAILED_PRECONDITION naming every short SKU with what the car (or `what`) holds."""
    violations = [
        FieldViolation(
            f"{field_name}[{s.index}].quantity",
            f"SKU {s.sku} {what}不足:需要 {s.requested},可用 {s.available}",
        )
        for s in shortages
    ]
    listed = ";".join(f"{s.sku} 可用 {s.available}(需要 {s.requested})" for s in shortages[:10])
    return FailedPrecondition(f"{what}不足:{listed}", violations)


def check_quantity(v: Violations, quantity: int, field_name: str) -> None:
    v.check(0 < quantity <= MAX_QUANTITY, field_name, f"数量必须在 1 到 {MAX_QUANTITY} 之间")


def check_id(v: Violations, value: str, field_name: str, label: str) -> None:
    v.check(
        0 < len(value) <= MAX_ID and value.isprintable() and value == value.strip(),
        field_name,
        f"必须填写{label}(不超过 {MAX_ID} 个可见字符)",
    )


class OperationKind(StrEnum):
    RECEIPT = "receipt"  # goods received into a warehouse
    ADJUSTMENT = "adjustment"  # a stocktake's correction, up or down
    TRANSFER = "transfer"  # from a warehouse to a rep's car, or back


OPERATION_KIND_LABELS: dict[OperationKind, str] = {
    OperationKind.RECEIPT: "入库",
    OperationKind.ADJUSTMENT: "盘点调整",
    OperationKind.TRANSFER: "调拨",
}


@dataclass(frozen=True)
class OperationLine:
    sku: str
    quantity: int  # > 0, except an adjustment's, which is the signed change


@dataclass(frozen=True)
class PlannedChange:
    index: int  # the operation line it comes from
    location: Location
    sku: str
    delta: int
    reason: MovementReason


@dataclass(frozen=True)
class StockOperation:
    """An admin's receipt, adjustment or transfer, idempotent by the client's id: replaying
    it answers what it did the first time."""

    tenant_id: str
    operation_id: str
    kind: OperationKind
    lines: tuple[OperationLine, ...]
    actor_id: str
    at: datetime
    source: Location | None = None  # the transfer's origin
    target: Location | None = None  # where a receipt or adjustment lands, a transfer's goal
    note: str = ""
    movements: tuple[Movement, ...] = ()  # what it did, once done

    def same_request(self, other: StockOperation) -> bool:
        """A replay asks for exactly this (time, actor and results aside)."""
        mine = (self.kind, self.lines, self.source, self.target, self.note)
        return mine == (other.kind, other.lines, other.source, other.target, other.note)

    def validate(self) -> None:
        v = Violations()
        check_id(v, self.operation_id, "operation_id", "操作编号")
        v.check(0 < len(self.lines) <= MAX_LINES, "lines", f"明细必须有 1 到 {MAX_LINES} 行")
        v.check(len(self.note) <= MAX_NOTE, "note", f"备注不能超过 {MAX_NOTE} 字")
        self._check_places(v)
        for i, line in enumerate(self.lines[:MAX_LINES]):
            check_id(v, line.sku, f"lines[{i}].sku", " SKU")
            if self.kind is OperationKind.ADJUSTMENT:
                v.check(
                    line.quantity != 0 and abs(line.quantity) <= MAX_QUANTITY,
                    f"lines[{i}].quantity",
                    f"调整数量不能为 0,且绝对值不超过 {MAX_QUANTITY}",
                )
            else:
                check_quantity(v, line.quantity, f"lines[{i}].quantity")
        v.check(
            len({line.sku for line in self.lines}) == len(self.lines),
            "lines",
            "同一 SKU 只能出现一次",
        )
        v.raise_if_any()

    def _check_places(self, v: Violations) -> None:
        target, source = self.target, self.source
        if target is not None:
            check_id(v, target.owner_id, "target.owner_id", "库位")
        if source is not None:
            check_id(v, source.owner_id, "source.owner_id", "库位")
        if self.kind is OperationKind.RECEIPT:
            v.check(
                target is not None and target.kind is LocationKind.WAREHOUSE,
                "target",
                "入库只能进入仓库",
            )
        elif self.kind is OperationKind.ADJUSTMENT:
            v.check(target is not None, "target", "必须指明调整的库位")
            v.check(bool(self.note.strip()), "note", "盘点调整必须填写原因")
        else:
            kinds = {p.kind for p in (source, target) if p is not None}
            v.check(
                source is not None and target is not None and kinds == set(LocationKind),
                "target",
                "调拨必须在一个仓库和一名业务员的车存之间进行",
            )

    def planned_changes(self) -> list[PlannedChange]:
        changes: list[PlannedChange] = []
        for i, line in enumerate(self.lines):
            if self.kind is OperationKind.TRANSFER:
                assert self.source is not None and self.target is not None
                changes.append(
                    PlannedChange(
                        i, self.source, line.sku, -line.quantity, MovementReason.TRANSFER_OUT
                    )
                )
                changes.append(
                    PlannedChange(
                        i, self.target, line.sku, line.quantity, MovementReason.TRANSFER_IN
                    )
                )
            else:
                assert self.target is not None
                reason = (
                    MovementReason.RECEIPT
                    if self.kind is OperationKind.RECEIPT
                    else MovementReason.ADJUSTMENT
                )
                changes.append(PlannedChange(i, self.target, line.sku, line.quantity, reason))
        return changes


def parse_location(code: str) -> Location | None:
    """warehouse:<id> | rep:<person id>, or None."""
    kind, _, owner = code.partition(":")
    v = Violations()
    check_id(v, owner, "location", "库位")
    if kind not in {k.value for k in LocationKind} or v.items:
        return None
    return Location(LocationKind(kind), owner)
