"""V2, the whole card, through the use cases on fakes: what a submit stores and publishes,
which rules block it (all fields at once, nothing written), what may be missing, replays,
tenants, photos, lines, a new store, samples, approvals and the submit delay."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from sales.events.v1 import visit_events_pb2 as ev
from services.common import envelope as envelopes
from services.common.errors import AlreadyExists, FailedPrecondition, InvalidArgument
from services.common.geo import GeoPoint
from services.visits.application import cards, commitments
from services.visits.domain.cards import (
    MISSING_ITEMS,
    CommitmentUpdate,
    NewCommitment,
    PhotoRef,
    Stamp,
)
from services.visits.domain.lines import PriceLine, ReturnLine, SampleLine
from services.visits.domain.stores import StoreDraft
from tests.fakes.visits import FakePlanItem
from tests.unit.visits_builders import (
    CHECK_IN_AT,
    PHOTO_IDS,
    RECEIVED_AT,
    REP,
    STORE_GCJ,
    TENANT,
    World,
    date_in,
    draft,
    stamp,
    uid,
)


@pytest.fixture
def world() -> World:
    return World()


def submit(world: World, card, at=RECEIVED_AT):
    return cards.submit_card(world.uow, world.deps, card, at)


def published(world: World, event_type: str, message_type):
    return [envelopes.unpack(e, message_type) for e in world.uow.published if e.type == event_type]


def fields_of(error: InvalidArgument | FailedPrecondition) -> set[str]:
    return {v.field for v in error.violations}


def test_a_full_card_is_stored_and_published_with_every_fact(world):
    world.others.plan[(REP, "store-1", CHECK_IN_AT.date())] = FakePlanItem("item-7", "store-1")
    card = submit(world, draft())

    assert world.repo.cards.get(TENANT, card.visit_id) == card
    assert card.missing_items == [] and card.plausibility_flags == []
    assert card.distance_to_store_m is not None and card.distance_to_store_m < 5
    assert card.submit_delay_seconds == 15 * 60  # received 15 minutes after check-out
    [event] = published(world, "visit.submitted", ev.VisitSubmitted)
    assert event.store_name == "世纪联华(文三路店)" and event.region_code == "330106"
    assert event.supervisor_id == "sup-1" and event.team_id == "t-a"
    assert event.plan_item_id == "item-7" and event.plan_date == "2026-12-02"
    assert [p.slot for p in event.photos] == ["storefront", "shelf", "meeting"]
    assert event.distance_known and event.distance_to_store_m < 5
    assert event.submit_delay_seconds == 900 and event.first_visit_of_store
    assert event.check_out_location.datum and event.received_at.seconds
    [created] = published(world, "commitment.created", ev.CommitmentCreated)
    assert created.visit_id == card.visit_id and created.supervisor_id == "sup-1"
    noted = world.repo.stores.get(TENANT, "store-1")
    assert (noted.last_visited_at, noted.first_visit_id) == (CHECK_IN_AT, card.visit_id)
    assert world.repo.commitments.get(TENANT, created.commitment_id).due_date == date_in(3)


def test_missing_template_items_are_accepted_and_recorded(world):
    card = submit(
        world,
        draft(photos=(PhotoRef(PHOTO_IDS[0], "storefront"),), core_demand="", commitments=(),
              special_price_requested=True),
    )  # fmt: skip
    expected = ["photo_shelf", "photo_meeting", "core_demand", "commitment", "price_lines"]
    assert card.missing_items == expected
    assert all(code in MISSING_ITEMS for code in expected)
    [event] = published(world, "visit.submitted", ev.VisitSubmitted)
    assert list(event.missing_items) == expected


def test_an_explicit_none_is_not_a_missing_commitment(world):
    card = submit(world, draft(commitments=(), no_commitment=True))
    assert "commitment" not in card.missing_items


def test_every_offending_field_is_listed_and_nothing_is_written(world):
    bad = draft(
        visit_id="not-a-uuid", store_id="", check_out=None, photos=(), core_demand="bribery",
        check_in=Stamp(GeoPoint(91.0, 120.0, "mars", -1), CHECK_IN_AT),
        commitments=(NewCommitment(uid(), " ", date_in(-2)),), notes="长" * 2001,
        samples=(SampleLine("SKU-NOPE", 0),), returns=(ReturnLine("SKU-COLA-500", 1, "bored"),),
        price_lines=(PriceLine("SKU-TEA-330", 100, 120, 1),),
    )  # fmt: skip
    with pytest.raises(InvalidArgument) as error:
        submit(world, bad)
    assert fields_of(error.value) >= {
        "visit_id", "store_id", "check_out", "photos", "core_demand", "check_in.location",
        "check_in.location.datum", "check_in.location.accuracy_m", "commitments[0].description",
        "commitments[0].due_date", "notes", "samples[0].quantity", "samples[0].sku",
        "returns[0].reason", "price_lines[0].requested_price_fen", "special_price_requested",
    }  # fmt: skip
    assert world.repo.cards.cards == {} and world.uow.published == []


def test_limits_hold_for_huge_lists_and_strings_without_looking_anything_up(world):
    many = tuple(PhotoRef(uid(), "shelf") for _ in range(10_000))
    with pytest.raises(InvalidArgument) as error:
        submit(world, draft(photos=many, store_id="s" * 100_000))
    assert fields_of(error.value) == {"photos", "store_id"}
    assert world.photos.lookups == 0
    assert all(len(v.description) < 100 for v in error.value.violations)


def test_two_commitments_with_one_id_are_refused(world):
    same = uid()
    twice = (NewCommitment(same, "补货", date_in(1)), NewCommitment(same, "陈列", date_in(2)))
    with pytest.raises(InvalidArgument) as error:
        submit(world, draft(commitments=twice))
    assert fields_of(error.value) == {"commitments[1].commitment_id"}


def test_a_replay_returns_the_stored_card_and_other_content_already_exists(world):
    card = draft()
    first = submit(world, card)
    assert submit(world, card, RECEIVED_AT + timedelta(hours=3)) == first
    assert world.uow.published_types().count("visit.submitted") == 1
    with pytest.raises(AlreadyExists):
        submit(world, replace(card, notes="改过了"))


def test_visit_ids_are_scoped_per_tenant(world):
    card = draft()
    submit(world, card)
    other = World()
    other.repo.cards = world.repo.cards  # one database, two tenants
    for photo_id in PHOTO_IDS[:3]:
        other.photos.add("t2", photo_id, REP)
    theirs_store = replace(world.repo.stores.get(TENANT, "store-1"), tenant_id="t2", store_id="s2")
    other.repo.stores.add_many([theirs_store])
    other.repo.people.upsert(replace(world.repo.people.get(TENANT, REP), tenant_id="t2"))
    theirs = submit(other, replace(card, tenant_id="t2", store_id="s2", notes="另一个租户"))
    assert (
        theirs.tenant_id == "t2" and world.repo.cards.get(TENANT, card.visit_id).draft.notes == ""
    )


def test_another_tenants_photo_is_not_found_like_a_missing_one(world):
    world.photos.add("t2", PHOTO_IDS[10], REP)
    world.photos.add(TENANT, PHOTO_IDS[11], "rep-2")
    photos = (PhotoRef(PHOTO_IDS[10], "storefront"), PhotoRef(uid(), "shelf"),
              PhotoRef(PHOTO_IDS[11], "meeting"))  # fmt: skip
    with pytest.raises(InvalidArgument) as error:
        submit(world, draft(photos=photos))
    said = {v.field: v.description for v in error.value.violations}
    assert said["photos[0].photo_id"] == said["photos[1].photo_id"] == "照片不存在或尚未上传"
    assert said["photos[2].photo_id"] == "只能使用本人拍摄上传的照片"


def test_lines_must_name_known_skus_and_a_store_that_exists(world):
    with pytest.raises(InvalidArgument) as error:
        submit(world, draft(store_id="store-9", samples=(SampleLine("SKU-GHOST", 2),)))
    assert fields_of(error.value) == {"store_id", "samples[0].sku"}


def test_a_card_closes_the_stores_open_commitments(world):
    first = submit(world, draft())
    [open_one] = world.repo.commitments.open_for_store(TENANT, "store-1", 10)
    update = CommitmentUpdate(open_one.commitment_id, "done", "端架已到位")
    later = CHECK_IN_AT + timedelta(days=2)
    second = draft(check_in=stamp(later), check_out=stamp(later + timedelta(minutes=20)),
                   commitment_updates=(update,), no_commitment=True, commitments=())  # fmt: skip
    submit(world, second, later + timedelta(minutes=30))
    [closed] = published(world, "commitment.closed", ev.CommitmentClosed)
    assert closed.on_time and closed.closed_in_visit_id == second.visit_id
    assert closed.visit_id == first.visit_id and closed.status == "done"
    again = draft(commitment_updates=(update,))
    with pytest.raises(FailedPrecondition) as error:
        submit(world, again)
    assert fields_of(error.value) == {"commitment_updates[0].commitment_id"}


def test_a_commitment_of_another_tenant_is_not_found(world):
    with pytest.raises(InvalidArgument) as error:
        submit(world, draft(commitment_updates=(CommitmentUpdate(uid(), "done"),)))
    assert fields_of(error.value) == {"commitment_updates[0].commitment_id"}


def test_a_leads_new_store_is_registered_from_the_card(world):
    new = StoreDraft("好又多便利店(古墩路店)", "杭州市西湖区古墩路 8 号", STORE_GCJ, "330106",
                     "CONVENIENCE", "张老板", "13800000000")  # fmt: skip
    card = submit(world, draft(store_id="", new_store=new, lead_id="lead-1"))
    store = world.repo.stores.get(TENANT, card.store_id)
    assert store.name == "好又多便利店(古墩路店)" and store.lead_id == "lead-1"
    assert card.store_registered_from_card and card.first_visit_of_store
    assert world.uow.published_types()[:2] == ["store.registered", "visit.submitted"]


def test_samples_are_confirmed_with_the_card_and_released_when_it_fails(world):
    world.others.stock = {"SKU-COLA-500": 10}
    submit(world, draft(samples=(SampleLine("SKU-COLA-500", 4),)))
    assert world.others.stock == {"SKU-COLA-500": 6} and len(world.others.confirmed) == 1

    world.others.fail_inside = RuntimeError("database went away")
    failing = draft(samples=(SampleLine("SKU-COLA-500", 5),))
    with pytest.raises(RuntimeError):
        submit(world, failing)
    assert world.others.stock == {"SKU-COLA-500": 6}
    assert world.repo.cards.get(TENANT, failing.visit_id) is None
    assert world.uow.published_types().count("visit.submitted") == 1


def test_short_stock_writes_nothing(world):
    world.others.stock = {"SKU-COLA-500": 1}
    with pytest.raises(FailedPrecondition):
        submit(world, draft(samples=(SampleLine("SKU-COLA-500", 4),)))
    assert world.repo.cards.cards == {}


def test_special_price_opens_an_approval_and_returns_are_recorded(world):
    card = submit(
        world,
        draft(special_price_requested=True, price_lines=(PriceLine("SKU-TEA-330", 300, 260, 24),),
              returns=(ReturnLine("SKU-COLA-500", 2, "near_expiry"),)),
    )  # fmt: skip
    [event] = published(world, "visit.submitted", ev.VisitSubmitted)
    assert card.approval_id and event.approval_id == card.approval_id
    assert event.price_lines[0].requested_price_fen == 260 and event.returns[0].reason
    assert world.others.returns_recorded == [card.visit_id]


@pytest.mark.parametrize(
    ("completed_after_check_out", "received_after_check_out", "delay"),
    [
        (timedelta(minutes=10), timedelta(days=2), 600),  # offline for two days: not late
        (None, timedelta(hours=3), 3 * 3600),  # no device time: when the server got it
        (timedelta(hours=5), timedelta(hours=1), 3600),  # a fast phone clock cannot add delay
        (-timedelta(hours=1), timedelta(hours=1), 0),  # nor can a slow one go below check-out
    ],
)
def test_the_submit_delay_is_fair_to_offline_phones(
    world, completed_after_check_out, received_after_check_out, delay
):
    check_out = CHECK_IN_AT + timedelta(minutes=25)
    completed = check_out + completed_after_check_out if completed_after_check_out else None
    card = submit(world, draft(completed_at=completed), check_out + received_after_check_out)
    assert card.submit_delay_seconds == delay


def test_the_dashboard_lists_a_reps_cards_newest_first_in_pages(world):
    ids = []
    for day in range(3):
        at = CHECK_IN_AT + timedelta(days=day)
        card = draft(check_in=stamp(at), check_out=stamp(at + timedelta(minutes=10)))
        ids.append(submit(world, card, at + timedelta(minutes=20)).visit_id)
    first, token = cards.list_cards(world.uow, TENANT, REP, 2, "")
    rest, last = cards.list_cards(world.uow, TENANT, REP, 2, token)
    assert [c.visit_id for c in first + rest] == ids[::-1] and last == ""


def test_start_visit_prefills_the_store_its_open_commitments_and_todays_plan(world):
    world.others.plan[(REP, "store-1", RECEIVED_AT.date())] = FakePlanItem("item-3", "store-1")
    submit(world, draft())
    prefill = cards.start_visit(world.uow, world.deps, TENANT, REP, "store-1", RECEIVED_AT)
    assert prefill.store.name == "世纪联华(文三路店)" and prefill.plan_item.item_id == "item-3"
    assert [c.description for c in prefill.open_commitments] == ["下周三前补齐端架陈列物料"]
    assert "display_support" in prefill.settings.core_demands
    commitments.close_commitment(
        world.uow, TENANT, REP, prefill.open_commitments[0].commitment_id, "done", "", uid(),
        RECEIVED_AT,
    )  # fmt: skip
    again = cards.start_visit(world.uow, world.deps, TENANT, REP, "store-1", RECEIVED_AT)
    assert again.open_commitments == []
