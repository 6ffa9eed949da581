"""ImportVisitHistory: a distributor's earlier visits (cards, their commitments and later
closures, past plan days, ratings) in one transaction and one visit.history_imported event
per call, idempotent by import id. Each card is checked by the live card's rules and stored
as the live submit stores it (cards.assemble_card); each item of the event is what the live
path would have published for it (card_events, event_payloads, ratings). The whole call is
refused with INVALID_ARGUMENT naming item and field when anything is wrong: nothing is
half-written."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from sales.events.v1 import visit_events_pb2 as ev
from services.common.errors import AlreadyExists, Violations
from services.common.unit_of_work import Transaction, UnitOfWork
from services.visits.application import card_events, event_payloads, ratings
from services.visits.application.cards import assemble_card
from services.visits.application.ports import VisitsRepository
from services.visits.domain import history, plans
from services.visits.domain.cards import Card
from services.visits.domain.commitments import Commitment, commitments_of_card, shanghai_day
from services.visits.domain.history import HistoryImport, ImportSummary
from services.visits.domain.people import Person
from services.visits.domain.plans import PlanDay, PlanEdit
from services.visits.domain.plausibility import CheckIn
from services.visits.domain.ratings import Rating
from services.visits.domain.returns import period_keys
from services.visits.domain.settings import CardSettings
from services.visits.domain.stores import Store

Tx = Transaction[VisitsRepository]


@dataclass
class _Facts:
    """What the import read before its transaction."""

    settings: CardSettings
    stores: dict[str, Store]
    reps: dict[str, Person | None]
    pending_photos: dict[str, list[str]] = field(default_factory=dict)  # visit -> photos


@dataclass
class _Written:
    cards: list[Card]
    commitments: list[Commitment]
    closed: list[Commitment]
    plans: list[PlanDay]
    ratings: list[Rating]


def import_history(
    uow: UnitOfWork[VisitsRepository],
    request: HistoryImport,
    now: datetime,
    new_id: Callable[[], str],
) -> ImportSummary:
    """The same import id again answers the stored summary and writes nothing; other
    content under it is ALREADY_EXISTS."""
    repo = uow.repository()
    stored = repo.history.get_import(request.tenant_id, request.import_id)
    if stored is not None:
        return _replayed(stored, request)
    facts = _read_facts(repo, request, now)
    written = _build(request, facts, new_id)
    summary = _summary(request, written, facts)
    try:
        return uow.run(
            lambda tx: _write(tx, request, written, summary), correlation_id=request.import_id
        )
    except AlreadyExists:  # a concurrent call with the same import id committed first
        again = repo.history.get_import(request.tenant_id, request.import_id)
        if again is None:
            raise
        return _replayed(again, request)


def _replayed(stored: tuple[str, ImportSummary], request: HistoryImport) -> ImportSummary:
    fingerprint, summary = stored
    if fingerprint != request.fingerprint():
        raise AlreadyExists(f"导入编号 {request.import_id} 已用于另一批内容不同的历史拜访")
    return ImportSummary(**{**summary.__dict__, "replayed": True})


# --- before the transaction: every check, all at once -----------------------------------


def _read_facts(repo: VisitsRepository, request: HistoryImport, now: datetime) -> _Facts:
    tenant = request.tenant_id
    settings = repo.settings.get(tenant).cards
    v = history.check_import(request, settings, now)
    store_ids = {c.draft.store_id for c in request.cards}
    store_ids |= {s for day in request.plan_days for s in day.store_ids}
    rep_ids = {c.draft.rep_id for c in request.cards} | {d.rep_id for d in request.plan_days}
    facts = _Facts(
        settings,
        repo.history.stores(tenant, sorted(s for s in store_ids if s)),
        {rep: repo.people.get(tenant, rep) for rep in sorted(rep_ids) if rep},
    )
    _check_stores(v, request, facts)
    _check_taken(v, repo, request)
    facts.pending_photos = _pending_photos(request)
    v.raise_if_any()
    return facts


def _check_stores(v: Violations, request: HistoryImport, facts: _Facts) -> None:
    for i, card in enumerate(request.cards):
        store = facts.stores.get(card.draft.store_id)
        if card.draft.store_id and (store is None or not store.active):
            v.add(f"cards[{i}].card.store_id", "门店不存在")
    for i, day in enumerate(request.plan_days):
        for j, store_id in enumerate(day.store_ids):
            store = facts.stores.get(store_id)
            if store is None or store.owner_rep_id != day.rep_id:
                v.add(f"plan_days[{i}].store_ids[{j}]", "只能计划该业务员负责的门店")


def _check_taken(v: Violations, repo: VisitsRepository, request: HistoryImport) -> None:
    """Ids already stored (a live card, an earlier import) are refused, not overwritten."""
    tenant = request.tenant_id
    visits = repo.history.visit_ids_taken(tenant, [c.draft.visit_id for c in request.cards])
    commitments = repo.history.commitment_ids_taken(
        tenant, [n.commitment_id for c in request.cards for n in c.draft.commitments]
    )
    for i, card in enumerate(request.cards):
        if card.draft.visit_id in visits:
            v.add(f"cards[{i}].card.visit_id", "拜访编号已存在")
        for j, c in enumerate(card.draft.commitments):
            if c.commitment_id in commitments:
                v.add(f"cards[{i}].card.commitments[{j}].commitment_id", "承诺编号已被使用")
    days = [(d.rep_id, history.plan_day(d.plan_date)) for d in request.plan_days]
    taken = repo.history.plan_days_taken(tenant, [(r, d) for r, d in days if d is not None])
    for i, key in enumerate(days):
        if key in taken:
            v.add(f"plan_days[{i}].plan_date", "该业务员这一天的计划已存在")


def _pending_photos(request: HistoryImport) -> dict[str, list[str]]:
    """An earlier system's photos are not in media: every photo a historical card names is
    recorded pending, as an offline batch's are, and linked if it is uploaded later
    (photo.stored links only a photo of the card's own rep). One media lookup a photo
    (1,500 a call) would cost more than the import itself."""
    return {c.draft.visit_id: [p.photo_id for p in c.draft.photos] for c in request.cards}


# --- building what the live path would have stored ---------------------------------------


def _build(request: HistoryImport, facts: _Facts, new_id: Callable[[], str]) -> _Written:
    cards = _cards(request, facts)
    commitments, closed = _commitments(request, cards, facts.settings)
    plan_days = _plans(request, facts, cards, new_id)
    return _Written(cards, commitments, closed, plan_days, _ratings(request, cards, facts))


def _cards(request: HistoryImport, facts: _Facts) -> list[Card]:
    """Cards in check-in order per rep, each with its neighbours within the call (the
    impossible-speed check); the earliest card of a store never visited is its first visit."""
    order = sorted(request.cards, key=lambda c: (c.draft.rep_id, c.draft.check_in.at))  # type: ignore[union-attr]
    built: list[Card] = []
    first_seen = {s.store_id for s in facts.stores.values() if s.first_visited_at is not None}
    for k, item in enumerate(order):
        draft = item.draft
        neighbours = [
            CheckIn(o.draft.visit_id, o.draft.check_in.location, o.draft.check_in.at)  # type: ignore[union-attr]
            for o in (order[k - 1] if k else None, order[k + 1] if k + 1 < len(order) else None)
            if o is not None and o.draft.rep_id == draft.rep_id
        ]
        store = facts.stores[draft.store_id]
        received = item.receipt()
        assert received is not None  # check_import refused a card without one
        card = assemble_card(
            draft, store, facts.settings, facts.reps.get(draft.rep_id), neighbours, received
        )
        card.pending_photo_ids = facts.pending_photos.get(draft.visit_id, [])
        built.append(card)
    for card in sorted(built, key=lambda c: c.checked_in_at):
        if card.store_id not in first_seen:
            card.first_visit_of_store = True
            first_seen.add(card.store_id)
    return built


def _commitments(
    request: HistoryImport, cards: list[Card], settings: CardSettings
) -> tuple[list[Commitment], list[Commitment]]:
    """Created when the card was received; closed at their own closed_at (on time by the
    due date, in Shanghai days), as Commitment.close decides for a live closure."""
    closures = {c.draft.visit_id: c.closures for c in request.cards}
    created: list[Commitment] = []
    closed: list[Commitment] = []
    for card in cards:
        made = {
            c.commitment_id: c
            for c in commitments_of_card(card, card.received_at, settings.escalation)
        }
        for closure in closures[card.visit_id]:
            commitment = made[closure.commitment_id]
            assert closure.closed_at is not None  # check_import refused one without
            commitment.close(
                closure.status, closure.note, closure.closed_at, f"history:{request.import_id}"
            )
            closed.append(commitment)
        created += made.values()
    return created, closed


def _plans(
    request: HistoryImport, facts: _Facts, cards: list[Card], new_id: Callable[[], str]
) -> list[PlanDay]:
    by_day: dict[tuple[str, object], list[Card]] = {}
    for card in sorted(cards, key=lambda c: c.checked_in_at):
        by_day.setdefault((card.rep_id, shanghai_day(card.checked_in_at)), []).append(card)
    made: list[PlanDay] = []
    for day in request.plan_days:
        plan_date = history.plan_day(day.plan_date)
        assert plan_date is not None  # checked
        rep = facts.reps.get(day.rep_id)
        items = [
            plans.item_for(facts.stores[s], new_id(), n, plans.GENERATED)
            for n, s in enumerate(day.store_ids, 1)
        ]
        first = by_day.get((day.rep_id, plan_date), [])
        at = min((c.checked_in_at for c in first), default=None) or cards[0].received_at
        plan = PlanDay(request.tenant_id, day.rep_id, plan_date, items, generated_at=at,
                       supervisor_id=rep.supervisor_id if rep else "", team_id=rep.team_id if rep else "")  # fmt: skip
        plan.history.append(
            PlanEdit(at, plans.SYSTEM, "generated", text=f"{plans.CHANGES['generated']}(历史导入)")
        )
        for card in first:
            item = plan.complete(card.store_id, card.visit_id, card.rep_id, card.submitted_at)
            if item is not None:
                card.plan_item_id, card.plan_date = item.item_id, plan_date.isoformat()
        plan.version = len(plan.history)  # one version per change, as live edits count
        made.append(plan)
    return made


def _ratings(request: HistoryImport, cards: list[Card], facts: _Facts) -> list[Rating]:
    of = {c.visit_id: c for c in cards}
    made = []
    for r in request.ratings:
        card = of[r.visit_id]
        rep = facts.reps.get(card.rep_id)
        assert r.rated_at is not None  # checked
        made.append(Rating(request.tenant_id, card.visit_id, card.rep_id, card.store_id,
                           rep.supervisor_id if rep else "", r.stars, r.comment.strip(), r.rated_at,
                           card.checked_out_at, period_keys(r.rated_at).week, f"history:{request.import_id}"))  # fmt: skip
    return made


def _summary(request: HistoryImport, w: _Written, facts: _Facts) -> ImportSummary:
    return ImportSummary(request.import_id, len(w.cards), len(w.commitments), len(w.closed),
                         len(w.plans), len(w.ratings), sum(map(len, facts.pending_photos.values())))  # fmt: skip


# --- the transaction ------------------------------------------------------------------


def _write(tx: Tx, request: HistoryImport, w: _Written, summary: ImportSummary) -> ImportSummary:
    # The stores first: they are the only documents others write meanwhile (the first-visit
    # timer, live cards). A store changed after the transaction began aborts it at this
    # write; written last, after seconds of inserts, such aborts repeated until the driver
    # gave up (WriteConflict after 120 s, the loader's call failed).
    tx.repo.history.note_store_visits(
        request.tenant_id, [(c.store_id, c.checked_in_at, c.visit_id) for c in w.cards]
    )
    tx.repo.history.add_import(request.tenant_id, request.fingerprint(), summary)
    tx.repo.history.add_cards(w.cards)
    tx.repo.history.add_commitments(w.commitments)
    tx.repo.history.add_plans(w.plans)
    tx.repo.history.add_ratings(w.ratings)
    tx.emit("visit.history_imported", history_event(request, w), request.tenant_id)
    return summary


def history_event(request: HistoryImport, w: _Written) -> ev.VisitHistoryImported:
    return ev.VisitHistoryImported(
        import_id=request.import_id, chunk=request.chunk, chunks=request.chunks,
        visits=[card_events.visit_submitted(c) for c in w.cards],
        commitments_created=[card_events.commitment_created(c) for c in w.commitments],
        commitments_closed=[card_events.commitment_closed(c) for c in w.closed],
        plans=[event_payloads.plan_day_changed(p, "completed" if p.completed else "generated") for p in w.plans],
        ratings=[ratings.visit_rated(r) for r in w.ratings],
    )  # fmt: skip
