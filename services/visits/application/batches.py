"""SPEC G3: one call takes a phone's offline batch. Items run in the order the phone recorded
them (a store registered, then visited); each gets its own result, and replaying the batch
any number of times writes nothing new: a stored item answers "already applied", a conflict
or an invalid item answers the same again."""

from __future__ import annotations

from datetime import datetime

from services.common.errors import (
    AlreadyExists,
    FailedPrecondition,
    FieldViolation,
    InvalidArgument,
    NotFound,
    Violations,
)
from services.common.unit_of_work import UnitOfWork
from services.visits.application import cards, commitments, stores
from services.visits.application.card_collaborators import CardCollaborators
from services.visits.application.ports import VisitsRepository
from services.visits.domain import card_rules
from services.visits.domain.batches import (
    MAX_BATCH_ITEMS,
    BatchItem,
    CommitmentUpdateItem,
    ItemOutcome,
    ItemResult,
    StoreRegistrationItem,
    item_id,
)
from services.visits.domain.cards import CardDraft
from services.visits.domain.commitments import AlreadyClosed
from services.visits.domain.stores import store_from_draft


def apply_batch(
    uow: UnitOfWork[VisitsRepository],
    deps: CardCollaborators,
    tenant_id: str,
    rep_id: str,
    items: list[BatchItem],
    now: datetime,
    wire: dict[int, list[FieldViolation]] | None = None,
) -> list[ItemResult]:
    """`wire`: by item index, what the mapping could not read off a card."""
    if not items or len(items) > MAX_BATCH_ITEMS:
        raise InvalidArgument.of_field("items", f"一批必须有 1 到 {MAX_BATCH_ITEMS} 项")
    wire = wire or {}
    return [
        _apply(uow, deps, tenant_id, rep_id, item, now, wire.get(i, []))
        for i, item in enumerate(items)
    ]


def _apply(
    uow, deps, tenant_id: str, rep_id: str, item: BatchItem, now: datetime,
    wire: list[FieldViolation],
) -> ItemResult:  # fmt: skip
    client_id = item_id(item)
    try:
        if isinstance(item, CardDraft):
            return _card(uow, deps, rep_id, item, now, wire)
        if isinstance(item, CommitmentUpdateItem):
            return _commitment_update(uow, tenant_id, rep_id, item, now)
        return _store(uow, deps, tenant_id, rep_id, item, now)
    except InvalidArgument as error:
        return ItemResult(client_id, ItemOutcome.INVALID, error.message, None, error.violations)
    except NotFound as error:
        return ItemResult(client_id, ItemOutcome.INVALID, error.message)
    except AlreadyClosed as error:
        return ItemResult(client_id, ItemOutcome.CONFLICT, error.message, error.commitment)
    except (AlreadyExists, FailedPrecondition) as error:
        return ItemResult(client_id, ItemOutcome.CONFLICT, error.message, None, error.violations)


def _card(
    uow, deps, rep_id: str, draft: CardDraft, now: datetime, wire: list[FieldViolation]
) -> ItemResult:
    if draft.rep_id != rep_id:
        raise InvalidArgument.of_field("rep_id", "一批中的拜访卡必须都是本人的")
    stored = uow.repository().cards.get(draft.tenant_id, draft.visit_id)
    if stored is not None:
        if stored.fingerprint != draft.fingerprint():
            return ItemResult(
                draft.visit_id, ItemOutcome.CONFLICT, "拜访编号已用于另一张内容不同的拜访卡", stored
            )
        return ItemResult(draft.visit_id, ItemOutcome.ALREADY_APPLIED, "", stored)
    card = cards.submit_card(uow, deps, draft, now, wire, photos_may_follow=True)
    return ItemResult(draft.visit_id, ItemOutcome.APPLIED, "", card)


def _commitment_update(
    uow, tenant_id: str, rep_id: str, item: CommitmentUpdateItem, now: datetime
) -> ItemResult:
    current = uow.repository().commitments.get(tenant_id, item.commitment_id)
    if current is not None and current.closed_by_request == item.request_id:
        return ItemResult(item.request_id, ItemOutcome.ALREADY_APPLIED, "", current)
    closed = commitments.close_commitment(
        uow, tenant_id, rep_id, item.commitment_id, item.status, item.note, item.request_id, now
    )
    return ItemResult(item.request_id, ItemOutcome.APPLIED, "", closed)


def _store(
    uow, deps: CardCollaborators, tenant_id: str, rep_id: str, item: StoreRegistrationItem,
    now: datetime,
) -> ItemResult:  # fmt: skip
    v = Violations()
    v.check(card_rules.is_uuid(item.store_id), "store_id", "门店编号必须是客户端生成的 UUID")
    card_rules.check_store_draft(v, item.draft, "store")
    v.raise_if_any()
    existing = uow.repository().stores.get(tenant_id, item.store_id)
    if existing is not None:
        same = existing.owner_rep_id == rep_id and existing.name == item.draft.name
        outcome = ItemOutcome.ALREADY_APPLIED if same else ItemOutcome.CONFLICT
        return ItemResult(item.store_id, outcome, "" if same else "门店编号已被占用", existing)
    # the store master's own use case, with the phone's id (source "card": the phone's)
    draft = store_from_draft(item.draft, tenant_id, item.store_id, rep_id, item.lead_id, now)
    store = stores.register_store(uow, draft)
    return ItemResult(item.store_id, ItemOutcome.APPLIED, "", store)
