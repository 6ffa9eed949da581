"""Stock: contract messages <-> domain objects (SPEC V5)."""

from __future__ import annotations

from datetime import datetime

from sales.visits.v1 import stock_pb2 as pb
from services.common.errors import FieldViolation, InvalidArgument
from services.common.proto_time import to_timestamp
from services.visits.domain.catalogue import Product
from services.visits.domain.stock import (
    MOVEMENT_REASON_LABELS,
    Location,
    LocationKind,
    Movement,
    OperationKind,
    OperationLine,
    StockLevel,
    StockOperation,
)

KIND_FROM_PB = {
    pb.STOCK_LOCATION_KIND_WAREHOUSE: LocationKind.WAREHOUSE,
    pb.STOCK_LOCATION_KIND_REP: LocationKind.REP,
}
KIND_TO_PB = {kind: value for value, kind in KIND_FROM_PB.items()}


def location_from_pb(message: pb.StockLocation, field: str) -> Location:
    """INVALID_ARGUMENT naming `field` when the kind or the owner is missing."""
    kind = KIND_FROM_PB.get(message.kind)
    problems = []
    if kind is None:
        problems.append(FieldViolation(f"{field}.kind", "库位类型必须是仓库或业务员车存"))
    if not message.owner_id:
        problems.append(FieldViolation(f"{field}.owner_id", "必须指明仓库编号或业务员"))
    if problems:
        raise InvalidArgument.of(problems)
    return Location(kind, message.owner_id)  # type: ignore[arg-type]


def location_to_pb(location: Location) -> pb.StockLocation:
    return pb.StockLocation(kind=KIND_TO_PB[location.kind], owner_id=location.owner_id)


def _lines(lines) -> tuple[OperationLine, ...]:
    return tuple(OperationLine(line.sku, line.quantity) for line in lines)


def receipt_from_pb(r: pb.ReceiveStockRequest, now: datetime) -> StockOperation:
    return StockOperation(
        r.tenant_id, r.operation_id, OperationKind.RECEIPT, _lines(r.lines), r.actor_id, now,
        target=Location.warehouse(r.warehouse_id), note=r.note,
    )  # fmt: skip


def adjustment_from_pb(r: pb.AdjustStockRequest, now: datetime) -> StockOperation:
    return StockOperation(
        r.tenant_id, r.operation_id, OperationKind.ADJUSTMENT, _lines(r.lines), r.actor_id, now,
        target=location_from_pb(r.location, "location"), note=r.note,
    )  # fmt: skip


def transfer_from_pb(r: pb.TransferStockRequest, now: datetime) -> StockOperation:
    problems: list[FieldViolation] = []
    places = []
    for message, field in ((getattr(r, "from"), "from"), (r.to, "to")):
        try:
            places.append(location_from_pb(message, field))
        except InvalidArgument as error:
            problems += error.violations
    if problems:
        raise InvalidArgument.of(problems)
    return StockOperation(
        r.tenant_id, r.operation_id, OperationKind.TRANSFER, _lines(r.lines), r.actor_id, now,
        source=places[0], target=places[1], note=r.note,
    )  # fmt: skip


def movement_to_pb(m: Movement) -> pb.StockMovement:
    return pb.StockMovement(
        movement_id=m.movement_id,
        location=location_to_pb(m.location),
        sku=m.sku,
        delta=m.delta,
        balance_after=m.balance_after,
        reason=m.reason.value,
        reason_label=MOVEMENT_REASON_LABELS[m.reason],
        at=to_timestamp(m.at),
        actor_id=m.actor_id,
        visit_id=m.visit_id,
        transfer_id=m.transfer_id,
        operation_id=m.operation_id,
        note=m.note,
    )


def operation_to_pb(op: StockOperation, movements: list[Movement]) -> pb.StockOperationResult:
    return pb.StockOperationResult(
        operation_id=op.operation_id,
        kind=op.kind.value,
        movements=[movement_to_pb(m) for m in movements],
    )


def level_to_pb(level: StockLevel, product: Product | None) -> pb.StockLevel:
    return pb.StockLevel(
        location=location_to_pb(level.location),
        sku=level.sku,
        product_name=product.name if product else "",
        unit=product.unit if product else "",
        balance=level.balance,
        updated_at=to_timestamp(level.updated_at),
    )
