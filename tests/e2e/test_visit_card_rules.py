"""The bad-input table of the card, commitment and batch calls (issue 7's sweep, issue 8's
proof): each bad request gets its status and names its fields, and nothing is written.
Among them issue 7's defects: timestamps outside protobuf's range or with negative nanos,
two commitments with one id, 10,000 photo ids, 100 KB strings, photos and commitments that
do not exist or belong to another tenant; and a visit id another tenant used, which must
neither collide nor leak."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass

import grpc
import pytest
from google.protobuf.timestamp_pb2 import Timestamp

from devstack.frontend import Frontend, call, storefront_jpeg, visit_card
from sales.common.v1 import org_pb2
from sales.common.v1 import types_pb2 as t
from sales.visits.v1 import batches_pb2 as vb
from sales.visits.v1 import cards_pb2 as v
from sales.visits.v1 import commitments_pb2 as vc
from tests.e2e.test_gateway_rules import refused
from tests.e2e.test_visit_cards import AT_STORE, register_store

BIG = "长" * 100_000
INVALID = grpc.StatusCode.INVALID_ARGUMENT


@dataclass
class Tenant:
    rep: Frontend
    store_id: str
    photo_id: str

    def card(self, **changes) -> v.SubmitVisitRequest:
        card = visit_card(self.rep.person, self.store_id, AT_STORE.latitude, AT_STORE.longitude,
                          [self.photo_id])  # fmt: skip
        for name, value in changes.items():
            setattr(card, name, value)
        return card


def new_tenant(platform) -> Tenant:
    name = f"t-{uuid.uuid4().hex[:10]}"
    admin = Frontend(platform.gateway_target, name, "admin", ["admin"])
    rep = Frontend(platform.gateway_target, name, "rep-rules", ["rep"])
    admin.upsert_person(org_pb2.Person(
        person_id="rep-rules", name="刘业务", roles=[t.ROLE_REP], region_codes=["330100"],
        customer_types=[t.CUSTOMER_TYPE_KA], capacity=5, status=t.PERSON_STATUS_ACTIVE,
        wecom_userid=f"wx-rules-{name}",
    ))  # fmt: skip
    store = register_store(admin, "rep-rules")
    return Tenant(
        rep, store.store_id, rep.upload_photo(storefront_jpeg(), "rep-rules", "r").photo_id
    )


@dataclass
class World(Tenant):
    foreign_photo_id: str = ""
    foreign_commitment_id: str = ""


@pytest.fixture(scope="module")
def world(platform) -> World:
    """A tenant with a store and a photo, and another tenant with its own photo and
    commitment (what the first tenant must not be able to name)."""
    mine, theirs = new_tenant(platform), new_tenant(platform)
    commitment = theirs.rep.submit_visit(theirs.card()).commitments[0].commitment_id
    return World(mine.rep, mine.store_id, mine.photo_id, theirs.photo_id, commitment)


def far_future(card: v.SubmitVisitRequest) -> None:
    card.check_in.at.CopyFrom(Timestamp(seconds=10**12))


def negative_nanos(card: v.SubmitVisitRequest) -> None:
    card.check_out.at.CopyFrom(Timestamp(seconds=1_700_000_000, nanos=-5))


def same_commitment_twice(card: v.SubmitVisitRequest) -> None:
    card.commitments.append(card.commitments[0])


def ten_thousand_photos(card: v.SubmitVisitRequest) -> None:
    card.photos.extend(v.CardPhoto(photo_id=str(uuid.uuid4()), slot=v.PHOTO_SLOT_SHELF)
                       for _ in range(10_000))  # fmt: skip


Case = tuple[str, Callable[[World], tuple[str, object]], grpc.StatusCode, set[str]]
CASES: list[Case] = [
    # StartVisit
    ("start-no-store", lambda w: ("StartVisit", v.StartVisitRequest()), INVALID, {"store_id"}),
    ("start-huge-store", lambda w: ("StartVisit", v.StartVisitRequest(store_id=BIG)), INVALID, {"store_id"}),
    ("start-unknown-store", lambda w: ("StartVisit", v.StartVisitRequest(store_id="nope")),
     grpc.StatusCode.NOT_FOUND, set()),
    # SubmitVisit
    ("submit-far-future", lambda w: ("SubmitVisit", with_(w.card(), far_future)), INVALID, {"check_in.at"}),
    ("submit-negative-nanos", lambda w: ("SubmitVisit", with_(w.card(), negative_nanos)), INVALID,
     {"check_out.at"}),
    ("submit-same-commitment", lambda w: ("SubmitVisit", with_(w.card(), same_commitment_twice)),
     INVALID, {"commitments[1].commitment_id"}),
    ("submit-10000-photos", lambda w: ("SubmitVisit", with_(w.card(), ten_thousand_photos)), INVALID,
     {"photos"}),
    ("submit-100kb-strings", lambda w: ("SubmitVisit", w.card(notes=BIG, lead_id=BIG, store_id=BIG)),
     INVALID, {"notes", "lead_id", "store_id"}),
    ("submit-foreign-photo", lambda w: ("SubmitVisit", photos(w.card(), w.foreign_photo_id)), INVALID,
     {"photos[0].photo_id"}),
    ("submit-missing-photo", lambda w: ("SubmitVisit", photos(w.card(), str(uuid.uuid4()))), INVALID,
     {"photos[0].photo_id"}),
    ("submit-foreign-commitment", lambda w: ("SubmitVisit", update(w.card(), w.foreign_commitment_id)),
     INVALID, {"commitment_updates[0].commitment_id"}),
    ("submit-unknown-store", lambda w: ("SubmitVisit", w.card(store_id="store-nope")), INVALID, {"store_id"}),
    ("submit-unknown-sku", lambda w: ("SubmitVisit", sample(w.card(), "SKU-NOPE")), INVALID,
     {"samples[0].sku"}),
    ("submit-bad-values", lambda w: ("SubmitVisit", w.card(visit_id="x", core_demand="gossip")), INVALID,
     {"visit_id", "core_demand"}),
    ("submit-no-stamps", lambda w: ("SubmitVisit", cleared(w.card(), "check_in", "check_out")),
     INVALID, {"check_in", "check_out"}),
    # GetVisit, ListVisits
    ("get-no-id", lambda w: ("GetVisit", v.GetVisitRequest()), INVALID, {"visit_id"}),
    ("get-huge-id", lambda w: ("GetVisit", v.GetVisitRequest(visit_id=BIG)), INVALID, {"visit_id"}),
    ("get-unknown", lambda w: ("GetVisit", v.GetVisitRequest(visit_id=str(uuid.uuid4()))),
     grpc.StatusCode.NOT_FOUND, set()),
    ("list-visits-page", lambda w: ("ListVisits", v.ListVisitsRequest(page=t.PageRequest(page_size=5000))),
     INVALID, {"page.page_size"}),
    ("list-visits-token", lambda w: ("ListVisits", v.ListVisitsRequest(page=t.PageRequest(page_token="eA"))),
     INVALID, {"page.page_token"}),
    # UpdateCommitment, ListCommitments
    ("update-nothing", lambda w: ("UpdateCommitment", vc.UpdateCommitmentRequest()), INVALID,
     {"request_id", "commitment_id", "update.status"}),
    ("update-cancel-without-note", lambda w: ("UpdateCommitment", closing(w.foreign_commitment_id,
     vc.COMMITMENT_STATUS_CANCELLED, "")), INVALID, {"update.note"}),
    ("update-huge-note", lambda w: ("UpdateCommitment", closing(w.foreign_commitment_id,
     vc.COMMITMENT_STATUS_DONE, BIG)), INVALID, {"note"}),
    ("update-foreign", lambda w: ("UpdateCommitment", closing(w.foreign_commitment_id,
     vc.COMMITMENT_STATUS_DONE, "")), grpc.StatusCode.NOT_FOUND, set()),
    ("list-commitments-page", lambda w: ("ListCommitments",
     vc.ListCommitmentsRequest(page=t.PageRequest(page_size=-1))), INVALID, {"page.page_size"}),
    ("list-commitments-token", lambda w: ("ListCommitments",
     vc.ListCommitmentsRequest(page=t.PageRequest(page_token="bm9wZQ"))), INVALID, {"page.page_token"}),
    # SyncOfflineBatch
    ("batch-empty", lambda w: ("SyncOfflineBatch", vb.SyncBatchRequest()), INVALID, {"items"}),
    ("batch-too-big", lambda w: ("SyncOfflineBatch", vb.SyncBatchRequest(
        items=[vb.BatchItem(card=w.card()) for _ in range(201)])), INVALID, {"items"}),
]  # fmt: skip


def with_(card: v.SubmitVisitRequest, change: Callable[[v.SubmitVisitRequest], None]):
    change(card)
    return card


def photos(card: v.SubmitVisitRequest, photo_id: str) -> v.SubmitVisitRequest:
    card.photos[0].photo_id = photo_id
    return card


def update(card: v.SubmitVisitRequest, commitment_id: str) -> v.SubmitVisitRequest:
    status = vc.COMMITMENT_STATUS_DONE
    card.commitment_updates.append(
        v.CommitmentUpdateInput(commitment_id=commitment_id, status=status)
    )
    return card


def sample(card: v.SubmitVisitRequest, sku: str) -> v.SubmitVisitRequest:
    card.samples.append(v.SampleLine(sku=sku, quantity=1))
    return card


def cleared(card: v.SubmitVisitRequest, *names: str) -> v.SubmitVisitRequest:
    for name in names:
        card.ClearField(name)
    return card


def closing(commitment_id: str, status: int, note: str) -> vc.UpdateCommitmentRequest:
    return vc.UpdateCommitmentRequest(commitment_id=commitment_id, status=status, note=note,
                                      request_id=str(uuid.uuid4()))  # fmt: skip


@pytest.mark.parametrize(("name", "build", "code", "fields"), CASES, ids=[c[0] for c in CASES])
def test_bad_input_is_refused_with_its_fields_and_nothing_is_written(
    world, name, build, code, fields
):
    method, request = build(world)
    got_code, got_fields, details = refused(call, world.rep, method, request)
    assert got_code == code, details
    assert fields <= got_fields, (got_fields, details)
    if code == INVALID:
        assert got_fields, "INVALID_ARGUMENT must name its fields"
    assert len(details) < 2000  # an error quotes a bounded part of its input
    assert list(world.rep.list_visits().visits) == []
    assert world.rep.commitments() == []


def test_a_visit_id_another_tenant_used_neither_collides_nor_leaks(platform):
    first, second = new_tenant(platform), new_tenant(platform)
    card = first.card()
    stored = first.rep.submit_visit(card)
    with pytest.raises(grpc.RpcError) as error:
        second.rep.get_visit(card.visit_id)
    assert error.value.code() == grpc.StatusCode.NOT_FOUND  # no sign that the id is in use
    theirs = second.rep.submit_visit(second.card(visit_id=card.visit_id, notes="另一家经销商"))
    assert theirs.visit_id == stored.visit_id and theirs.store_id != stored.store_id
    assert first.rep.get_visit(card.visit_id) == stored
    assert second.rep.get_visit(card.visit_id).notes == "另一家经销商"
