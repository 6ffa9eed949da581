"""Offline-batch contract messages <-> domain objects."""

from __future__ import annotations

from datetime import date

from sales.visits.v1 import batches_pb2 as pb
from services.common.errors import FieldViolation
from services.visits.domain.batches import (
    BatchItem,
    CommitmentUpdateItem,
    ItemOutcome,
    ItemResult,
    StoreRegistrationItem,
)
from services.visits.domain.cards import Card
from services.visits.domain.commitments import Commitment
from services.visits.domain.stores import Store, StoreDraft
from services.visits.entrypoints.cards_mapping import (
    draft_from_request,
    store_draft,
    store_facts,
    visit_to_pb,
)
from services.visits.entrypoints.commitments_mapping import STATUS_FROM_PB, commitment_to_pb

OUTCOME_TO_PB = {
    ItemOutcome.APPLIED: pb.ITEM_OUTCOME_APPLIED,
    ItemOutcome.ALREADY_APPLIED: pb.ITEM_OUTCOME_ALREADY_APPLIED,
    ItemOutcome.CONFLICT: pb.ITEM_OUTCOME_CONFLICT,
    ItemOutcome.INVALID: pb.ITEM_OUTCOME_INVALID,
}
EMPTY_STORE = StoreDraft("", "", None, "", "")


def items_from_request(
    request: pb.SyncBatchRequest,
) -> tuple[list[BatchItem], dict[int, list[FieldViolation]]]:
    """The batch's items in order; an item with nothing in it is a card with nothing in it
    (so it is reported invalid, not dropped)."""
    items: list[BatchItem] = []
    wire: dict[int, list[FieldViolation]] = {}
    for i, item in enumerate(request.items):
        kind = item.WhichOneof("item")
        if kind == "commitment_update":
            u = item.commitment_update
            status = STATUS_FROM_PB.get(u.status, "")
            items.append(CommitmentUpdateItem(u.request_id, u.commitment_id, status, u.note))
        elif kind == "store_registration":
            s = item.store_registration
            draft = store_draft(s.store) if s.HasField("store") else EMPTY_STORE
            items.append(StoreRegistrationItem(s.store_id, draft, s.lead_id))
        else:
            card = item.card
            card.tenant_id = request.tenant_id
            draft, errors = draft_from_request(card)
            items.append(draft)
            wire[i] = errors
    return items, wire


def result_to_pb(index: int, result: ItemResult, today: date) -> pb.BatchItemResult:
    message = pb.BatchItemResult(
        client_id=result.client_id, index=index, outcome=OUTCOME_TO_PB[result.outcome],
        message=result.message,
        violations=[pb.ItemViolation(field=v.field, description=v.description)
                    for v in result.violations],
    )  # fmt: skip
    current = result.current
    if isinstance(current, Card):
        message.visit.CopyFrom(visit_to_pb(current))
    elif isinstance(current, Commitment):
        message.commitment.CopyFrom(commitment_to_pb(current, today))
    elif isinstance(current, Store):
        message.store.CopyFrom(store_facts(current))
    return message
