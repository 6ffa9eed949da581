"""Stock at warehouses and in reps' cars (SPEC V5): an admin's receipts and adjustments,
transfers between a warehouse and a rep, stock per location and the movement history.

A receipt, adjustment or transfer is one transaction: every line's conditional change
(never below zero), its movements, the operation record that makes a replay harmless, and
one stock.changed event per movement. Both sides of a transfer move together or not at all.
"""

from __future__ import annotations

from dataclasses import replace

from sales.events.v1 import approval_events_pb2 as events
from services.common import paging
from services.common.errors import AlreadyExists, FieldViolation, InvalidArgument
from services.common.ids import new_id
from services.common.proto_time import to_timestamp
from services.common.unit_of_work import Transaction, UnitOfWork
from services.visits.application.ports import VisitsRepository
from services.visits.domain.catalogue import Product
from services.visits.domain.stock import (
    Location,
    Movement,
    PlannedChange,
    Shortage,
    StockLevel,
    StockOperation,
    shortage_error,
)


def stock_changed(movement: Movement) -> events.StockChanged:
    return events.StockChanged(
        movement_id=movement.movement_id,
        sku=movement.sku,
        location=movement.location.code,
        delta=movement.delta,
        balance_after=movement.balance_after,
        reason=movement.reason.value,
        visit_id=movement.visit_id,
        transfer_id=movement.transfer_id,
        at=to_timestamp(movement.at),
        actor_id=movement.actor_id,
        operation_id=movement.operation_id,
        note=movement.note,
    )


def apply_operation(
    uow: UnitOfWork[VisitsRepository], operation: StockOperation
) -> tuple[StockOperation, list[Movement]]:
    """Run a receipt, adjustment or transfer once. A replay with the same id and content
    answers the first run; the same id with other content is ALREADY_EXISTS."""
    operation.validate()

    def work(tx: Transaction[VisitsRepository]) -> tuple[StockOperation, list[Movement]]:
        known = tx.repo.stock.operation(operation.tenant_id, operation.operation_id)
        if known is not None:
            return _replayed(known, operation)
        _require_known_skus(tx, operation)
        movements = _move(tx, operation)
        done = replace(operation, movements=tuple(movements))
        tx.repo.stock.add_movements(movements)
        tx.repo.stock.add_operation(done)
        for movement in movements:
            tx.emit("stock.changed", stock_changed(movement), operation.tenant_id)
        return done, movements

    return uow.run(work, correlation_id=operation.operation_id)


def _replayed(
    known: StockOperation, asked: StockOperation
) -> tuple[StockOperation, list[Movement]]:
    if not known.same_request(asked):
        raise AlreadyExists(f"操作编号 {asked.operation_id} 已用于另一笔库存操作")
    return known, list(known.movements)


def _require_known_skus(tx: Transaction[VisitsRepository], operation: StockOperation) -> None:
    skus = [line.sku for line in operation.lines]
    known = tx.repo.products.get_many(operation.tenant_id, skus)
    unknown = [
        FieldViolation(f"lines[{i}].sku", f"商品目录中没有 SKU {sku}")
        for i, sku in enumerate(skus)
        if sku not in known
    ]
    if unknown:
        raise InvalidArgument.of(unknown)


def _move(tx: Transaction[VisitsRepository], operation: StockOperation) -> list[Movement]:
    movements: list[Movement] = []
    shortages: list[Shortage] = []
    for change in operation.planned_changes():
        after = tx.repo.stock.change(
            operation.tenant_id, change.location, change.sku, change.delta, operation.at
        )
        if after is None:
            level = tx.repo.stock.level(operation.tenant_id, change.location, change.sku)
            available = level.balance if level else 0
            shortages.append(Shortage(change.index, change.sku, -change.delta, available))
            continue
        movements.append(_movement(operation, change, after))
    if shortages:
        raise shortage_error(shortages, field_name="lines", what="库存")
    return movements


def _movement(operation: StockOperation, change: PlannedChange, after: int) -> Movement:
    return Movement(
        movement_id=new_id(),
        tenant_id=operation.tenant_id,
        location=change.location,
        sku=change.sku,
        delta=change.delta,
        balance_after=after,
        reason=change.reason,
        at=operation.at,
        actor_id=operation.actor_id,
        transfer_id=operation.operation_id if operation.source is not None else "",
        operation_id=operation.operation_id,
        note=operation.note,
    )


def list_stock(
    uow: UnitOfWork[VisitsRepository],
    tenant_id: str,
    location: Location | None,
    page_size: int,
    page_token: str,
) -> tuple[list[StockLevel], dict[str, Product], str]:
    """Levels at one location (or, for an admin, everywhere), by location then SKU, with
    the products they name."""
    after, limit = paging.decode(page_size, page_token)
    repo = uow.repository()
    found = repo.stock.levels(tenant_id, location, after, limit + 1)
    levels, token = paging.page(found, limit, lambda s: s.list_key)
    products = repo.products.get_many(tenant_id, sorted({s.sku for s in levels}))
    return levels, products, token


def list_movements(
    uow: UnitOfWork[VisitsRepository],
    tenant_id: str,
    location: Location,
    sku: str,
    page_size: int,
    page_token: str,
) -> tuple[list[Movement], str]:
    after, limit = paging.decode(page_size, page_token)
    found = uow.repository().stock.movements(tenant_id, location, sku, after, limit + 1)
    return paging.page(found, limit, lambda m: m.movement_id)
