"""Offline batches (SPEC G3): a phone that worked without signal sends everything it
recorded in one call; every item carries a client-generated id and gets its own result.
Items run in the order the phone recorded them, so a store registered and then visited in
the same batch works."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from services.common.errors import FieldViolation
from services.visits.domain.cards import CardDraft
from services.visits.domain.stores import StoreDraft

MAX_BATCH_ITEMS = 200


class ItemOutcome(StrEnum):
    APPLIED = "applied"
    ALREADY_APPLIED = "already_applied"
    CONFLICT = "conflict"  # with the server's current state
    INVALID = "invalid"  # with the offending fields


@dataclass(frozen=True)
class CommitmentUpdateItem:
    request_id: str  # client-generated UUID of this update
    commitment_id: str
    status: str  # done | cancelled
    note: str = ""


@dataclass(frozen=True)
class StoreRegistrationItem:
    store_id: str  # client-generated UUID: a card later in the batch names the store by it
    draft: StoreDraft
    lead_id: str = ""


BatchItem = CardDraft | CommitmentUpdateItem | StoreRegistrationItem


def item_id(item: BatchItem) -> str:
    if isinstance(item, CardDraft):
        return item.visit_id
    if isinstance(item, CommitmentUpdateItem):
        return item.request_id
    return item.store_id


@dataclass
class ItemResult:
    """`current` is the server's state for a conflict or a repeat (a Card, a Commitment or a
    Store); `violations` the fields of an invalid item."""

    client_id: str
    outcome: ItemOutcome
    message: str = ""
    current: object | None = None
    violations: list[FieldViolation] = field(default_factory=list)
