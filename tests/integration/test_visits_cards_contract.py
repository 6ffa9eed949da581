"""The card and commitment ports, the same cases on the in-memory fakes and on MongoDB
(the real MongoDB-wire server), so the fakes the use-case tests rely on cannot drift."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import timedelta

import pytest

from devstack.sandbox import MONGO
from services.common.errors import AlreadyExists
from services.common.geo import GeoPoint
from services.common.mongo import ensure_indexes, mongo_client
from services.visits.adapters.cards_repository import INDEXES as CARD_INDEXES
from services.visits.adapters.cards_repository import MongoCardRepository
from services.visits.adapters.commitments_repository import INDEXES as COMMITMENT_INDEXES
from services.visits.adapters.commitments_repository import MongoCommitmentRepository
from services.visits.domain.cards import CommitmentUpdate
from services.visits.domain.commitments import Commitment, CommitmentStatus, Reminder
from services.visits.domain.lines import PriceLine, ReturnLine, SampleLine
from services.visits.domain.stores import StoreDraft
from tests.fakes.visits import FakeCardRepository, FakeCommitmentRepository
from tests.unit.visits_builders import (
    CHECK_IN_AT,
    REP,
    STORE_GCJ,
    TENANT,
    card_of,
    date_in,
    draft,
    stamp,
    uid,
)

URI = MONGO  # SALES_MONGO_URI, else the embedded default


class Repos:
    def __init__(self, cards, commitments) -> None:
        self.cards = cards
        self.commitments = commitments


@pytest.fixture(params=["fake", "mongo"])
def repos(request):
    if request.param == "fake":
        yield Repos(FakeCardRepository(), FakeCommitmentRepository())
        return
    client = mongo_client(URI)
    db = client[f"contract_{uuid.uuid4().hex[:10]}_visits"]
    ensure_indexes(db, {**CARD_INDEXES, **COMMITMENT_INDEXES})
    yield Repos(MongoCardRepository(db, None), MongoCommitmentRepository(db, None))
    client.drop_database(db.name)


def full_card():
    new = StoreDraft(
        "好又多(古墩路店)", "古墩路 8 号", STORE_GCJ, "330106", "BC", "张", "13800000000"
    )
    d = draft(
        store_id="", new_store=new, lead_id="lead-1", notes="店长下周休假",
        commitment_updates=(CommitmentUpdate("c-1", "cancelled", "客户取消"),),
        special_price_requested=True, price_lines=(PriceLine("SKU-A", 300, 260, 24),),
        samples=(SampleLine("SKU-B", 2),), returns=(ReturnLine("SKU-C", 1, "expired"),),
        completed_at=CHECK_IN_AT + timedelta(minutes=30),
    )  # fmt: skip
    return card_of(d, store_id="store-new", approval_id="appr-1", plan_item_id="item-1",
                   plan_date="2026-12-02", first_visit_of_store=True)  # fmt: skip


def test_a_card_reads_back_equal_and_its_id_is_scoped_per_tenant(repos):
    card = full_card()
    repos.cards.add(card)
    assert repos.cards.get(TENANT, card.visit_id) == card
    assert repos.cards.get("t2", card.visit_id) is None
    with pytest.raises(AlreadyExists):
        repos.cards.add(card)
    theirs = replace(card, draft=replace(card.draft, tenant_id="t2"))
    repos.cards.add(theirs)
    assert repos.cards.get("t2", card.visit_id) == theirs
    assert repos.cards.has_visit_to(TENANT, "store-new")
    assert not repos.cards.has_visit_to(TENANT, "store-1")


def test_neighbour_check_ins_are_the_one_before_and_the_one_after(repos):
    at = [CHECK_IN_AT + timedelta(hours=h) for h in (0, 2, 4)]
    stored = [
        card_of(draft(check_in=stamp(t), check_out=stamp(t + timedelta(minutes=5)))) for t in at
    ]
    for card in stored:
        repos.cards.add(card)
    between = at[0] + timedelta(hours=1)
    found = repos.cards.neighbour_check_ins(TENANT, REP, between, "")
    assert [n.visit_id for n in found] == [stored[0].visit_id, stored[1].visit_id]
    assert isinstance(found[0].location, GeoPoint) and found[0].at == at[0]
    same = repos.cards.neighbour_check_ins(TENANT, REP, at[1], stored[1].visit_id)
    assert [n.visit_id for n in same] == [stored[0].visit_id, stored[2].visit_id]
    assert repos.cards.neighbour_check_ins(TENANT, "rep-2", between, "") == []


def test_a_reps_cards_list_newest_first(repos):
    times = [CHECK_IN_AT + timedelta(hours=h) for h in (3, 1, 2)]
    for t in times:
        repos.cards.add(card_of(draft(check_in=stamp(t), check_out=stamp(t))))
    listed = repos.cards.list_for_rep(TENANT, REP, "", 10)
    assert [c.checked_in_at for c in listed] == sorted(times, reverse=True)
    key = f"{listed[0].checked_in_at.isoformat()}|{listed[0].visit_id}"
    assert repos.cards.list_for_rep(TENANT, REP, key, 10) == listed[1:]


def commitment(due_in: int = 2, store_id: str = "store-1", **changes) -> Commitment:
    base = Commitment(
        tenant_id=TENANT, commitment_id=uid(), visit_id=uid(), rep_id=REP, store_id=store_id,
        store_name="世纪联华", description="补货", due_date=date_in(due_in), created_at=CHECK_IN_AT,
        supervisor_id="sup-1", next_reminder_on=date_in(due_in + 1),
    )  # fmt: skip
    return replace(base, **changes)


def test_a_closure_is_written_once(repos):
    c = commitment()
    repos.commitments.add(c)
    assert repos.commitments.get(TENANT, c.commitment_id) == c
    assert repos.commitments.get("t2", c.commitment_id) is None
    c.close("done", "已送达", CHECK_IN_AT + timedelta(days=1), "req-1")
    assert repos.commitments.save_closure(c)
    assert repos.commitments.get(TENANT, c.commitment_id) == c
    assert not repos.commitments.save_closure(c)
    with pytest.raises(AlreadyExists):
        repos.commitments.add(commitment(commitment_id=c.commitment_id))


def test_open_for_store_due_and_claims(repos):
    a, b, closed = commitment(1), commitment(3), commitment(0, status=CommitmentStatus.DONE)
    other = commitment(1, store_id="store-2")
    for c in (b, a, closed, other):
        repos.commitments.add(c)
    assert repos.commitments.open_for_store(TENANT, "store-1", 10) == [a, b]
    due = repos.commitments.due_for_reminder(date_in(2), 10)
    assert {c.commitment_id for c in due} == {a.commitment_id, other.commitment_id}
    step = Reminder(1, False, 1, date_in(4))
    assert repos.commitments.claim_reminder(a, step)
    assert not repos.commitments.claim_reminder(a, step)  # the same step, claimed again
    stored = repos.commitments.get(TENANT, a.commitment_id)
    assert stored.reminders_sent == 1 and stored.next_reminder_on == date_in(4)
    assert [c.commitment_id for c in repos.commitments.due_for_reminder(date_in(2), 10)] == [
        other.commitment_id
    ]


def test_a_reps_open_and_overdue_commitments_list_by_due_date(repos):
    items = [commitment(d) for d in (5, 1, 3)]
    for c in items:
        repos.commitments.add(c)
    ordered = sorted(items, key=lambda c: c.due_date)
    assert repos.commitments.list_for_rep(TENANT, REP, None, "", 10) == ordered
    assert repos.commitments.list_for_rep(TENANT, REP, date_in(3), "", 10) == ordered[:1]
    key = f"{ordered[0].due_date.isoformat()}|{ordered[0].commitment_id}"
    assert repos.commitments.list_for_rep(TENANT, REP, None, key, 1) == ordered[1:2]


def test_a_pending_photo_is_found_and_linked_once(repos):
    card = card_of(draft(), pending_photo_ids=["p-1", "p-2"])
    repos.cards.add(card)
    assert repos.cards.waiting_for_photo(TENANT, "p-1").visit_id == card.visit_id
    assert repos.cards.waiting_for_photo("t2", "p-1") is None
    assert repos.cards.link_photo(TENANT, card.visit_id, "p-1")
    assert not repos.cards.link_photo(TENANT, card.visit_id, "p-1")
    assert repos.cards.waiting_for_photo(TENANT, "p-1") is None
    assert repos.cards.get(TENANT, card.visit_id).pending_photo_ids == ["p-2"]
