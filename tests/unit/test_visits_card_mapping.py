"""What cannot be read off the wire becomes a field violation of the submit (issue 7:
timestamps outside protobuf's range and negative nanos answered INTERNAL), and a stored card
maps back to the contract with its labels."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from google.protobuf.timestamp_pb2 import Timestamp

from devstack.frontend import visit_card
from sales.visits.v1 import cards_pb2 as pb
from services.common.errors import InvalidArgument
from services.visits.application import cards
from services.visits.entrypoints.cards_mapping import draft_from_request, visit_to_pb
from tests.unit.visits_builders import CHECK_IN_AT, PHOTO_IDS, REP, TENANT, World

BAD_TIMES = [Timestamp(seconds=10**12), Timestamp(seconds=5, nanos=-3),
             Timestamp(seconds=-62135596801)]  # fmt: skip


def request(**changes) -> pb.SubmitVisitRequest:
    card = visit_card(REP, "store-1", 30.2736, 120.1253, PHOTO_IDS[:3])
    card.check_in.at.FromDatetime(CHECK_IN_AT)
    card.check_out.at.FromDatetime(CHECK_IN_AT + timedelta(minutes=25))
    card.completed_at.FromDatetime(CHECK_IN_AT + timedelta(minutes=30))
    card.commitments[0].due_date = "2026-12-05"
    card.tenant_id = TENANT
    for name, value in changes.items():
        setattr(card, name, value)
    return card


@pytest.mark.parametrize("bad", BAD_TIMES, ids=["far-future", "negative-nanos", "before-year-1"])
def test_unreadable_times_are_field_violations_with_every_other_field(bad):
    card = request(core_demand="gossip")
    card.check_in.at.CopyFrom(bad)
    card.completed_at.CopyFrom(bad)
    card.commitments[0].due_date = "2026-13-45"
    draft, wire = draft_from_request(card)
    assert {w.field for w in wire} == {"check_in.at", "completed_at", "commitments[0].due_date"}
    world = World()
    with pytest.raises(InvalidArgument) as error:
        cards.submit_card(world.uow, world.deps, draft, world.clock.now(), wire)
    fields = [v.field for v in error.value.violations]
    assert {"check_in.at", "completed_at", "commitments[0].due_date", "core_demand"} <= set(fields)
    assert fields.count("commitments[0].due_date") == 1  # not reported twice


def test_a_stored_card_maps_back_with_labels_and_millisecond_times():
    world = World()
    card = request()
    card.check_in.at.nanos = 123_456_789
    card.check_out.at.seconds = card.check_in.at.seconds + 60
    draft, wire = draft_from_request(card)
    stored = cards.submit_card(world.uow, world.deps, draft, world.clock.now(), wire)
    message = visit_to_pb(stored)
    assert message.check_in.at.nanos == 123_000_000
    assert [p.slot for p in message.photos] == [pb.PHOTO_SLOT_STOREFRONT, pb.PHOTO_SLOT_SHELF,
                                                pb.PHOTO_SLOT_MEETING]  # fmt: skip
    assert message.distance_known and message.store_name == "世纪联华(文三路店)"
    again, _ = draft_from_request(card)
    assert again.fingerprint() == stored.fingerprint  # a replay off the wire is recognised
    assert str(uuid.UUID(message.visit_id)) == message.visit_id
