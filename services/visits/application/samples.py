"""A card's samples come out of the rep's car stock atomically with the card (SPEC V5), by
ADR 025's claim-and-hold pattern:

1. `reserve_for_card(repo, ...)`, outside any transaction: one conditional update per SKU
   (`balance >= quantity`, pushing a hold `{visit_id, claim_id, quantity, balance_after}`).
   200 cards racing for one stock document would otherwise be 200 transactions in a
   write-conflict storm; this way the database serialises single updates and the last unit
   goes to exactly one card. If any SKU is short, what this call took is given back and
   FAILED_PRECONDITION names every short SKU with what is available.
2. `confirm_for_card(tx, reservation, now)`, inside the card's transaction: the claim
   document, the movements and their stock.changed events, all new documents (no write to
   the contended stock document).
3. `release(repo, reservation)` when the card's transaction failed, and `reconcile_holds`
   (a timer) for holds whose card never arrived: both first bury the claim id with a
   tombstone, so a card can no longer confirm it, and only then give the units back. A hold
   whose claim was confirmed is settled (dropped, its units stay spent). A crash at any
   point neither loses nor double-counts a unit.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from services.common.ids import new_id
from services.common.unit_of_work import Transaction
from services.visits.application.ports import StockRepository, VisitsRepository
from services.visits.application.stock import stock_changed
from services.visits.domain.lines import SampleLine
from services.visits.domain.stock import (
    ClaimState,
    HeldLine,
    Location,
    Movement,
    MovementReason,
    Reservation,
    Shortage,
    shortage_error,
    totals_by_sku,
    validate_sample_lines,
)

log = logging.getLogger(__name__)
HOLD_GRACE = timedelta(seconds=30)  # far longer than one card's transaction
RECONCILE_BATCH = 200


def reserve_for_card(
    repo: VisitsRepository,
    tenant_id: str,
    rep_id: str,
    visit_id: str,
    lines: list[SampleLine],
    now: datetime,
) -> Reservation:
    """Take the card's samples from the rep's car. Idempotent per visit: a replay finds the
    hold its first attempt left and takes nothing again."""
    validate_sample_lines(lines)
    stock, location, claim_id = repo.stock, Location.rep(rep_id), new_id()
    held: list[HeldLine] = []
    shortages: list[Shortage] = []
    for sku, (index, quantity) in totals_by_sku(lines).items():
        line = _take(stock, tenant_id, location, sku, quantity, visit_id, claim_id, now)
        if line is None:
            available = _available(stock, tenant_id, location, sku)
            shortages.append(Shortage(index, sku, quantity, available))
        else:
            held.append(line)
    if shortages:
        for line in held:
            if line.claim_id == claim_id:  # only what this call took; a replay's hold stays
                stock.give_back(tenant_id, location, line.sku, claim_id)
        raise shortage_error(shortages)
    return Reservation(tenant_id, rep_id, visit_id, tuple(held), now)


def _take(
    stock: StockRepository,
    tenant_id: str,
    location: Location,
    sku: str,
    quantity: int,
    visit_id: str,
    claim_id: str,
    now: datetime,
) -> HeldLine | None:
    left = stock.take(tenant_id, location, sku, quantity, visit_id, claim_id, now)
    if left is not None:
        return HeldLine(sku, quantity, claim_id, left)
    earlier = stock.hold_of(tenant_id, location, sku, visit_id)
    if earlier is not None and earlier.quantity == quantity:
        return HeldLine(sku, quantity, earlier.claim_id, earlier.balance_after)
    return None


def _available(stock: StockRepository, tenant_id: str, location: Location, sku: str) -> int:
    level = stock.level(tenant_id, location, sku)
    return level.balance if level is not None else 0


def confirm_for_card(
    tx: Transaction[VisitsRepository], reservation: Reservation, now: datetime
) -> list[Movement]:
    """Inside the card's transaction: the claims, one movement per SKU and its stock.changed
    event. Fails (and so fails the card) if the reconciler already buried a claim."""
    for claim_id in reservation.claim_ids:
        tx.repo.stock.add_claim(reservation.tenant_id, claim_id, reservation.visit_id, now)
    movements = [
        Movement(
            movement_id=new_id(),
            tenant_id=reservation.tenant_id,
            location=reservation.location,
            sku=line.sku,
            delta=-line.quantity,
            balance_after=line.balance_after,
            reason=MovementReason.SAMPLE,
            at=now,
            actor_id=reservation.rep_id,
            visit_id=reservation.visit_id,
        )
        for line in reservation.lines
    ]
    if movements:
        tx.repo.stock.add_movements(movements)
    for movement in movements:
        tx.emit("stock.changed", stock_changed(movement), reservation.tenant_id)
    return movements


def release(repo: VisitsRepository, reservation: Reservation, now: datetime | None = None) -> int:
    """The card's transaction failed: give back what its reservation holds, unless a card
    with the same id confirmed it meanwhile (a concurrent replay that won). -> units."""
    now = now or reservation.at
    returned = 0
    for claim_id in reservation.claim_ids:
        state = repo.stock.bury_claim(reservation.tenant_id, claim_id, reservation.visit_id, now)
        if state is ClaimState.CONFIRMED:
            continue
        for line in reservation.lines:
            if line.claim_id == claim_id and repo.stock.give_back(
                reservation.tenant_id, reservation.location, line.sku, claim_id
            ):
                returned += line.quantity
    return returned


def reconcile_holds(repo: VisitsRepository, now: datetime) -> int:
    """Holds older than HOLD_GRACE: settled when their card confirmed the claim, given back
    when no card ever will (the tombstone makes "ever" true). Safe on every replica at once:
    each step is conditional on the hold still being there. -> holds given back."""
    given_back = 0
    for tenant_id, location, sku, hold in repo.stock.stale_holds(now - HOLD_GRACE, RECONCILE_BATCH):
        state = repo.stock.bury_claim(tenant_id, hold.claim_id, hold.visit_id, now)
        if state is ClaimState.CONFIRMED:
            repo.stock.settle(tenant_id, location, sku, hold.claim_id)
        elif repo.stock.give_back(tenant_id, location, sku, hold.claim_id):
            given_back += 1
            log.warning(
                "sample hold given back",
                extra={"visit_id": hold.visit_id, "sku": sku, "quantity": hold.quantity},
            )
    return given_back
