"""G3 offline batches on fakes: order within a batch, one result per item, replays that
write nothing new, conflicts with the server's current state, invalid items with fields."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from services.common.errors import InvalidArgument
from services.visits.application import batches, cards
from services.visits.domain.batches import (
    CommitmentUpdateItem,
    ItemOutcome,
    StoreRegistrationItem,
)
from services.visits.domain.cards import PhotoRef
from services.visits.domain.stores import StoreDraft
from tests.unit.visits_builders import PHOTO_IDS, REP, STORE_GCJ, TENANT, World, draft, uid


@pytest.fixture
def world() -> World:
    return World()


def run(world: World, items, at=None):
    now = at or world.clock.now()
    return batches.apply_batch(world.uow, world.deps, TENANT, REP, items, now)


def outcomes(results) -> list[str]:
    return [r.outcome.value for r in results]


def test_a_store_registered_then_visited_in_one_batch_and_the_batch_replayed(world):
    store_id = uid()
    new = StoreDraft(
        "美宜佳(学院路店)", "杭州市西湖区学院路 1 号", STORE_GCJ, "330106", "CONVENIENCE"
    )
    card = draft(store_id=store_id)
    items = [StoreRegistrationItem(store_id, new), card]
    assert outcomes(run(world, items)) == ["applied", "applied"]
    assert world.repo.cards.get(TENANT, card.visit_id).store_name == "美宜佳(学院路店)"
    published = len(world.uow.published)
    for _ in range(3):
        again = run(world, items, world.clock.now() + timedelta(hours=1))
        assert outcomes(again) == ["already_applied", "already_applied"]
        assert again[1].current == world.repo.cards.get(TENANT, card.visit_id)
    assert len(world.uow.published) == published and len(world.repo.cards.cards) == 1


def test_each_item_gets_its_own_result(world):
    stored = cards.submit_card(world.uow, world.deps, draft(), world.clock.now())
    [open_one] = world.repo.commitments.open_for_store(TENANT, "store-1", 5)
    close_first = CommitmentUpdateItem(uid(), open_one.commitment_id, "done", "已送达")
    close_again = CommitmentUpdateItem(uid(), open_one.commitment_id, "cancelled", "不需要了")
    bad_card = draft(core_demand="bribery", photos=())
    reused = replace(draft(), visit_id=stored.visit_id)
    store_id = uid()
    run(world, [StoreRegistrationItem(store_id, StoreDraft("联华(古墩路店)", "古墩路 9 号", STORE_GCJ,
                                                           "330106", "BC"))])  # fmt: skip
    taken = StoreRegistrationItem(store_id, StoreDraft("别的店", "某路", STORE_GCJ, "330106", "BC"))
    results = run(world, [close_first, close_again, bad_card, reused, taken])
    assert outcomes(results) == ["applied", "conflict", "invalid", "conflict", "conflict"]
    assert results[1].current.status == "done"  # the server's current state
    assert {v.field for v in results[2].violations} == {"core_demand", "photos"}
    assert results[3].current.visit_id == stored.visit_id
    assert results[4].current.name == "联华(古墩路店)"
    replayed = run(world, [close_first, close_again, bad_card, reused, taken])
    assert outcomes(replayed) == ["already_applied", "conflict", "invalid", "conflict", "conflict"]


def test_a_card_of_another_rep_is_invalid_and_the_batch_size_is_bounded(world):
    [result] = run(world, [draft(rep_id="rep-2")])
    assert result.outcome == ItemOutcome.INVALID and result.violations[0].field == "rep_id"
    with pytest.raises(InvalidArgument):
        run(world, [])
    with pytest.raises(InvalidArgument):
        run(world, [draft() for _ in range(201)])


def test_a_card_whose_photos_are_still_uploading_is_accepted_and_linked_later(world):
    late = uid()
    card = draft(photos=(PhotoRef(late, "storefront"), PhotoRef(PHOTO_IDS[1], "shelf")))
    [result] = run(world, [card])
    assert result.outcome == ItemOutcome.APPLIED
    assert world.repo.cards.get(TENANT, card.visit_id).pending_photo_ids == [late]
    assert cards.link_photo(world.uow, TENANT, late, "rep-2", "e1") is False  # not the rep's
    assert cards.link_photo(world.uow, "t2", late, REP, "e2") is False  # not this tenant's
    assert cards.link_photo(world.uow, TENANT, late, REP, "e3") is True
    assert cards.link_photo(world.uow, TENANT, late, REP, "e3") is None  # the same event again
    assert world.repo.cards.get(TENANT, card.visit_id).pending_photo_ids == []
    with pytest.raises(InvalidArgument):  # an online submit still needs its photos stored
        cards.submit_card(world.uow, world.deps, draft(photos=(PhotoRef(uid(), "shelf"),)),
                          world.clock.now())  # fmt: skip
