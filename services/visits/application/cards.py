"""Use cases of the visit card (SPEC V2): StartVisit's prefill, and the one submit that
writes everything a card touches in one transaction (the card, its commitments, the plan
item, a new store, the store's last visit, the approval, the returns, the sample movements
and every event), idempotent by the client's visit id within the tenant."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from services.common.clock import to_millis
from services.common.errors import (
    AlreadyExists,
    FailedPrecondition,
    FieldViolation,
    InvalidArgument,
    NotFound,
    Violations,
)
from services.common.geo import distance_m
from services.common.paging import decode, page
from services.common.text import bounded
from services.common.unit_of_work import UnitOfWork
from services.visits.application import card_events, stores
from services.visits.application.card_collaborators import CardCollaborators, Tx
from services.visits.application.ports import VisitsRepository
from services.visits.domain import card_rules, plausibility
from services.visits.domain.cards import Card, CardDraft
from services.visits.domain.commitments import (
    COMMITMENT_STATUS_ZH,
    Commitment,
    commitments_of_card,
    shanghai_day,
)
from services.visits.domain.people import Person
from services.visits.domain.plans import PlanItem
from services.visits.domain.settings import CardSettings
from services.visits.domain.stores import Store

OPEN_COMMITMENTS_SHOWN = 50


@dataclass(frozen=True)
class Prefill:
    """What StartVisit hands the phone, so the rep touches only what changed."""

    store: Store
    open_commitments: list[Commitment]
    plan_item: PlanItem | None
    settings: CardSettings


def start_visit(
    uow: UnitOfWork[VisitsRepository],
    deps: CardCollaborators,
    tenant_id: str,
    rep_id: str,
    store_id: str,
    now: datetime,
) -> Prefill:
    if not store_id or len(store_id) > card_rules.MAX_ID:
        raise InvalidArgument.of_field("store_id", "必须选择门店")
    repo = uow.repository()
    store = repo.stores.get(tenant_id, store_id)
    if store is None:
        raise NotFound(f"门店 {bounded(store_id)} 不存在")
    return Prefill(
        store=store,
        open_commitments=repo.commitments.open_for_store(
            tenant_id, store_id, OPEN_COMMITMENTS_SHOWN
        ),
        plan_item=deps.todays_plan_item(repo, tenant_id, rep_id, store_id, shanghai_day(now)),
        settings=repo.settings.get(tenant_id).cards,
    )


@dataclass
class _Facts:
    """What the submit read before its transaction."""

    settings: CardSettings
    store: Store | None
    rep: Person | None
    to_close: list[Commitment] = field(default_factory=list)
    neighbours: list[plausibility.CheckIn] = field(default_factory=list)
    pending_photos: list[str] = field(default_factory=list)


def submit_card(
    uow: UnitOfWork[VisitsRepository],
    deps: CardCollaborators,
    draft: CardDraft,
    received_at: datetime,
    wire: list[FieldViolation] | None = None,
    photos_may_follow: bool = False,
) -> Card:
    """Replaying a stored card returns it; other content under its id is ALREADY_EXISTS.
    Hard rules raise InvalidArgument listing every field (with `wire`: what the mapping
    could not even read); commitments already closed raise FailedPrecondition naming each.
    Nothing is written unless all of it is. With `photos_may_follow` (an offline batch), a
    photo media does not know yet is recorded as pending and linked when it is stored."""
    received_at = to_millis(received_at)
    stored = uow.repository().cards.get(draft.tenant_id, draft.visit_id)
    if stored is not None:
        return replayed(stored, draft)
    facts = _read_facts(uow.repository(), deps, draft, received_at, wire or [], photos_may_follow)
    reservation = _reserve_samples(uow.repository(), deps, draft, received_at)
    try:
        return uow.run(
            lambda tx: _write_card(tx, deps, draft, facts, reservation, received_at),
            correlation_id=draft.visit_id,
        )
    except AlreadyExists:
        stored = uow.repository().cards.get(draft.tenant_id, draft.visit_id)
        if stored is None:
            _release(uow.repository(), deps, reservation)
            raise
        return replayed(stored, draft)  # a concurrent replay committed first; its hold stays
    except BaseException:
        _release(uow.repository(), deps, reservation)
        raise


def replayed(stored: Card, draft: CardDraft) -> Card:
    if stored.fingerprint == draft.fingerprint():
        return stored
    raise AlreadyExists(f"拜访编号 {bounded(draft.visit_id)} 已用于另一张内容不同的拜访卡")


def _reserve_samples(repo: VisitsRepository, deps, draft: CardDraft, now: datetime):
    if not draft.samples:
        return None
    lines = list(draft.samples)
    return deps.reserve_samples(repo, draft.tenant_id, draft.rep_id, draft.visit_id, lines, now)


def _release(repo: VisitsRepository, deps: CardCollaborators, reservation) -> None:
    if reservation is not None:
        deps.release_samples(repo, reservation)


# --- before the transaction: every check, all at once -----------------------------------


def _read_facts(
    repo: VisitsRepository,
    deps: CardCollaborators,
    draft: CardDraft,
    received_at: datetime,
    wire: list[FieldViolation],
    photos_may_follow: bool,
) -> _Facts:
    settings = repo.settings.get(draft.tenant_id).cards
    v = card_rules.check_card(draft, settings, received_at)
    unreadable = {w.field for w in wire}
    v.items = wire + [item for item in v.items if item.field not in unreadable]
    facts = _Facts(
        settings, _known_store(repo, draft, v), repo.people.get(draft.tenant_id, draft.rep_id)
    )
    _check_skus(repo, draft, v)
    facts.pending_photos = _check_photos(deps, draft, v, photos_may_follow)
    facts.to_close = _commitments_to_close(repo, draft, v)
    _check_new_commitment_ids(repo, draft, v)
    v.raise_if_any()
    _refuse_closed(draft, facts.to_close)
    if draft.check_in is not None:
        facts.neighbours = repo.cards.neighbour_check_ins(
            draft.tenant_id, draft.rep_id, draft.check_in.at, draft.visit_id
        )
    return facts


def _known_store(repo: VisitsRepository, draft: CardDraft, v: Violations) -> Store | None:
    if draft.new_store is not None or not draft.store_id:
        return None
    store = repo.stores.get(draft.tenant_id, draft.store_id)
    if store is None or not store.active:
        v.add("store_id", "门店不存在")
    return store


def _check_skus(repo: VisitsRepository, draft: CardDraft, v: Violations) -> None:
    named = card_rules.skus_named(draft)
    if not named:
        return
    known = repo.products.get_many(draft.tenant_id, sorted(set(named.values())))
    for name, sku in named.items():
        product = known.get(sku)
        if product is None or not product.active:
            v.add(name, "商品编码不在商品目录中")


def _check_photos(
    deps: CardCollaborators, draft: CardDraft, v: Violations, may_follow: bool
) -> list[str]:
    """A photo must be stored in media for this tenant and taken by this rep. Another
    tenant's photo is "not found", exactly like one that does not exist. -> the photos that
    may still follow (pending)."""
    ids = [p.photo_id for p in draft.photos if card_rules.is_uuid(p.photo_id)]
    if not ids or len(draft.photos) > card_rules.MAX_PHOTOS_PER_SLOT * 3:
        return []
    known = deps.photos.find(draft.tenant_id, ids)
    pending: list[str] = []
    for i, photo in enumerate(draft.photos):
        fact = known.get(photo.photo_id)
        if photo.photo_id not in ids:
            continue
        if fact is None and may_follow:
            pending.append(photo.photo_id)
        elif fact is None:
            v.add(f"photos[{i}].photo_id", "照片不存在或尚未上传")
        elif fact.rep_id != draft.rep_id:
            v.add(f"photos[{i}].photo_id", "只能使用本人拍摄上传的照片")
    return pending


def _check_new_commitment_ids(repo: VisitsRepository, draft: CardDraft, v: Violations) -> None:
    for i, c in enumerate(draft.commitments[: card_rules.MAX_COMMITMENTS]):
        if card_rules.is_uuid(c.commitment_id) and repo.commitments.get(
            draft.tenant_id, c.commitment_id
        ):
            v.add(f"commitments[{i}].commitment_id", "承诺编号已被使用,请重新生成")


def _commitments_to_close(
    repo: VisitsRepository, draft: CardDraft, v: Violations
) -> list[Commitment]:
    found: list[Commitment] = []
    for i, update in enumerate(draft.commitment_updates[: card_rules.MAX_UPDATES]):
        if not update.commitment_id:
            continue
        commitment = repo.commitments.get(draft.tenant_id, update.commitment_id)
        if commitment is None or not (
            commitment.rep_id == draft.rep_id or commitment.store_id == draft.store_id
        ):
            v.add(f"commitment_updates[{i}].commitment_id", "承诺不存在")
            continue
        found.append(commitment)
    return found


def _refuse_closed(draft: CardDraft, commitments: list[Commitment]) -> None:
    """A commitment closed since the phone loaded it is a conflict, not a typing error."""
    closed = {c.commitment_id: c for c in commitments if not c.is_open}
    violations = [
        FieldViolation(
            f"commitment_updates[{i}].commitment_id",
            f"该承诺已{COMMITMENT_STATUS_ZH[closed[u.commitment_id].status].removeprefix('已')}",
        )
        for i, u in enumerate(draft.commitment_updates)
        if u.commitment_id in closed
    ]
    if violations:
        raise FailedPrecondition("有承诺已被关闭,不能再更新", violations)


# --- the transaction ------------------------------------------------------------------


def _write_card(
    tx: Tx,
    deps: CardCollaborators,
    draft: CardDraft,
    facts: _Facts,
    reservation: object | None,
    received_at: datetime,
) -> Card:
    if tx.repo.cards.get(draft.tenant_id, draft.visit_id) is not None:
        raise AlreadyExists("同一拜访卡已提交")  # resolved by the caller as a replay
    store, registered = _store_for(tx, deps, draft, facts.store, received_at)
    card = _assemble(draft, store, facts, received_at)
    card.store_registered_from_card = registered
    card.pending_photo_ids = facts.pending_photos
    card.first_visit_of_store = not tx.repo.cards.has_visit_to(draft.tenant_id, store.store_id)
    _close_plan_item(tx, deps, card, received_at)
    card.approval_id = deps.open_approval(tx, card, store, received_at) or ""
    tx.repo.cards.add(card)
    tx.repo.stores.note_visit(draft.tenant_id, store.store_id, card.checked_in_at, card.visit_id)
    new = _add_commitments(tx, card, facts.settings, received_at)
    closed = _close_commitments(tx, card, facts.to_close, received_at)
    if card.returns:
        deps.record_returns(tx, card, received_at)
    if reservation is not None:
        deps.confirm_samples(tx, reservation, received_at)
    card_events.emit_card(tx, card, new, closed)
    return card


def _store_for(
    tx: Tx, deps: CardCollaborators, draft: CardDraft, known: Store | None, now: datetime
) -> tuple[Store, bool]:
    if known is not None:
        return known, False
    assert draft.new_store is not None  # check_card made sure of one or the other
    store = stores.register_from_card(
        tx, draft.tenant_id, draft.rep_id, draft.new_store, draft.lead_id, now
    )
    return store, True


def _assemble(draft: CardDraft, store: Store, facts: _Facts, received_at: datetime) -> Card:
    return assemble_card(draft, store, facts.settings, facts.rep, facts.neighbours, received_at)


def assemble_card(
    draft: CardDraft,
    store: Store,
    settings: CardSettings,
    rep: Person | None,
    neighbours: list[plausibility.CheckIn],
    received_at: datetime,
) -> Card:
    """The stored card from a checked draft: what the server works out (submit time and
    delay, distance, missing items, plausibility). Shared by the live submit and the
    history import (application/history_imports.py), so both store the same card."""
    assert draft.check_in is not None and draft.check_out is not None
    submitted_at, delay = card_rules.submit_time(draft, received_at)
    assessed = plausibility.assess(draft.check_in, draft.check_out, neighbours, settings)
    return Card(
        draft=draft,
        fingerprint=draft.fingerprint(),
        store_id=store.store_id,
        store_name=store.name,
        region_code=store.region_code,
        customer_class=store.customer_class,
        store_owner_rep_id=store.owner_rep_id,
        store_registered_at=store.registered_at,
        received_at=received_at,
        submitted_at=submitted_at,
        submit_delay_seconds=delay,
        distance_to_store_m=(
            round(distance_m(draft.check_in.location, store.location), 1)
            if store.location is not None
            else None
        ),
        missing_items=card_rules.missing_items(draft, settings),
        plausibility_flags=assessed.flags,
        implied_speed_kmh=assessed.implied_speed_kmh,
        supervisor_id=rep.supervisor_id if rep else "",
        team_id=rep.team_id if rep else "",
    )


def _close_plan_item(tx: Tx, deps: CardCollaborators, card: Card, now: datetime) -> None:
    day = shanghai_day(card.checked_in_at)
    item = deps.close_plan_item(
        tx, card.tenant_id, card.rep_id, card.store_id, day, card.visit_id, now
    )
    if item is not None:
        card.plan_item_id = item.item_id
        card.plan_date = day.isoformat()


def _add_commitments(tx: Tx, card: Card, settings: CardSettings, now: datetime) -> list[Commitment]:
    created = commitments_of_card(card, now, settings.escalation)
    for commitment in created:
        tx.repo.commitments.add(commitment)
    return created


def _close_commitments(
    tx: Tx, card: Card, to_close: list[Commitment], now: datetime
) -> list[Commitment]:
    updates = {u.commitment_id: u for u in card.draft.commitment_updates}
    closed: list[Commitment] = []
    for commitment in to_close:
        update = updates[commitment.commitment_id]
        commitment.close(update.status, update.note, now, card.visit_id, in_visit_id=card.visit_id)
        if not tx.repo.commitments.save_closure(commitment):
            raise FailedPrecondition(f"承诺 {commitment.commitment_id} 刚被关闭,请刷新后重试")
        closed.append(commitment)
    return closed


# --- reading -----------------------------------------------------------------------------


def get_card(uow: UnitOfWork[VisitsRepository], tenant_id: str, visit_id: str) -> Card:
    if not visit_id or len(visit_id) > card_rules.MAX_ID:
        raise InvalidArgument.of_field("visit_id", "必须填写拜访编号")
    card = uow.repository().cards.get(tenant_id, visit_id)
    if card is None:
        raise NotFound(f"拜访 {visit_id} 不存在")
    return card


def list_cards(
    uow: UnitOfWork[VisitsRepository], tenant_id: str, rep_id: str, page_size: int, token: str
) -> tuple[list[Card], str]:
    if not rep_id or len(rep_id) > card_rules.MAX_ID:
        raise InvalidArgument.of_field("rep_id", "必须指明业务员")
    after, limit = decode(page_size, token)
    check_page_key(after, datetime.fromisoformat)
    cards = uow.repository().cards.list_for_rep(tenant_id, rep_id, after, limit + 1)
    return page(cards, limit, card_page_key)


def check_page_key(after: str, parse) -> None:
    """A page token is opaque to clients, but a forged one must not reach a query."""
    if not after:
        return
    try:
        parse(after.split("|")[0])
    except ValueError:
        raise InvalidArgument.of_field("page.page_token", "分页标记无效") from None


def card_page_key(card: Card) -> str:
    return f"{card.checked_in_at.isoformat()}|{card.visit_id}"


def link_photo(
    uow: UnitOfWork[VisitsRepository], tenant_id: str, photo_id: str, rep_id: str, event_id: str
) -> bool | None:
    """photo.stored: a photo a card named before it was uploaded has arrived. Linked only
    if the card is the same rep's (the event is tenant-scoped, so another tenant's photo of
    that id never links). -> True if linked, False if no card waited for it, None if the
    event was already handled."""

    def work(tx) -> bool:
        card = tx.repo.cards.waiting_for_photo(tenant_id, photo_id)
        if card is None or card.rep_id != rep_id:
            return False
        return tx.repo.cards.link_photo(tenant_id, card.visit_id, photo_id)

    return uow.run_consuming(event_id, work)
