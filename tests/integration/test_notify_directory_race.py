"""notify's directory and its notices travel as separate events, so a new person's first
notice can be planned while their directory entry is being stored. Whichever of the two
transactions commits second must send the message (SPEC N3: nothing silently vanishes).
Both interleavings are forced here, on the real MongoDB-wire server."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest

from sales.common.v1 import types_pb2 as t
from sales.events.v1 import lead_events_pb2
from services.common import envelope as envelopes
from services.common.clock import FixedClock
from services.common.config import Settings
from services.common.mongo import ensure_indexes, mongo_client
from services.common.outbox import Outbox
from services.common.unit_of_work import MongoUnitOfWork
from services.notify.adapters.repository import INDEXES, MongoNotifyRepository
from services.notify.application import deliveries
from services.notify.domain.model import Contact
from services.notify.entrypoints.event_notices import notice_from_event

URI = Settings("tests").mongo_uri  # SALES_MONGO_URI, else the embedded default
TENANT = "t1"


@pytest.fixture
def world():
    client = mongo_client(URI)
    db = client[f"race_{uuid.uuid4().hex[:8]}_notify"]
    ensure_indexes(db, INDEXES)
    clock = FixedClock(datetime(2026, 11, 27, 1, 0, tzinfo=UTC))

    def uow() -> MongoUnitOfWork:
        outbox = Outbox(db, "notify", lambda *args: None, clock)
        return MongoUnitOfWork(client, db, "notify", outbox, MongoNotifyRepository, clock)

    yield uow, db, clock
    client.drop_database(db.name)


def newcomer() -> Contact:
    return Contact(TENANT, "newcomer", "新业务员", wecom_userid="wx-newcomer", roles=("rep",))


def first_lead_notice():
    payload = lead_events_pb2.LeadAssigned(
        lead_id="lead-1", rep_id="newcomer", customer_name="世纪联华(文三路店)",
        region_code="330106", reason="默认规则", customer_type=t.CUSTOMER_TYPE_KA,
        urgency=t.URGENCY_RED,
    )  # fmt: skip
    event = envelopes.new_envelope("lead.assigned", payload, tenant_id=TENANT, producer="test")
    return notice_from_event(event, payload)


def status_of(db, delivery_id: str) -> str:
    return db["deliveries"].find_one({"_id": delivery_id})["status"]


def test_the_person_stored_while_the_notice_is_planned(world, monkeypatch):
    uow, db, clock = world
    looked_up = MongoNotifyRepository.contact
    arrived = []

    def person_arrives_meanwhile(self, tenant_id, person_id):
        if person_id == "newcomer" and not arrived:
            found = looked_up(self, tenant_id, person_id)  # what the planning snapshot shows
            arrived.append(deliveries.record_contact(uow(), newcomer(), "org-1", clock.now()))
            return found
        return looked_up(self, tenant_id, person_id)

    monkeypatch.setattr(MongoNotifyRepository, "contact", person_arrives_meanwhile)
    ready = deliveries.plan_notice(uow(), first_lead_notice(), clock.now())
    assert arrived == [[]]  # the directory's own look came before the delivery existed
    assert len(ready) == 1 and status_of(db, ready[0]) == "pending"
    assert db["deliveries"].find_one({"_id": ready[0]})["address"] == "wx-newcomer"


def test_the_notice_planned_while_the_person_is_stored(world, monkeypatch):
    uow, db, clock = world
    store = MongoNotifyRepository.upsert_contact
    planned = []

    def notice_planned_meanwhile(self, contact):
        store(self, contact)  # inside the directory's transaction, not yet committed
        if not planned:
            planned.append(deliveries.plan_notice(uow(), first_lead_notice(), clock.now()))

    monkeypatch.setattr(MongoNotifyRepository, "upsert_contact", notice_planned_meanwhile)
    revived = deliveries.record_contact(uow(), newcomer(), "org-1", clock.now())
    assert planned == [[]]  # planning saw no person: a failure awaiting the contact
    assert len(revived) == 1 and status_of(db, revived[0]) == "pending"
    # a second upsert of the same person finds nothing left to send
    monkeypatch.setattr(MongoNotifyRepository, "upsert_contact", store)
    assert deliveries.record_contact(uow(), newcomer(), "org-2", clock.now()) == []
