"""AssignmentService in a real nameko container with its real kernel (MongoDB wire, RabbitMQ):
idempotent consumption, and SPEC A3 (a rep freed by a visit takes a waiting lead at once)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from nameko.testing.services import entrypoint_waiter
from nameko.testing.utils import get_extension

from sales.common.v1 import org_pb2
from sales.common.v1 import types_pb2 as t
from sales.events.v1 import lead_events_pb2, org_events_pb2, visit_events_pb2
from services.assignment.application import leads
from services.assignment.domain.model import CustomerType, Lead, LeadStatus, Urgency
from services.assignment.entrypoints.service import AssignmentService
from services.common import envelope as envelopes
from services.common.handling import Outcome
from services.common.ids import new_id
from services.common.nameko_support.dependencies import Kernel

TENANT = "t-svc"


def person_event(person_id: str, region: str) -> envelopes.Envelope:
    person = org_pb2.Person(
        tenant_id=TENANT,
        person_id=person_id,
        name=f"业务员{person_id}",
        roles=[t.ROLE_REP],
        supervisor_id="sup-1",
        region_codes=[region],
        customer_types=[t.CUSTOMER_TYPE_KA],
        capacity=5,
        status=t.PERSON_STATUS_ACTIVE,
    )
    return envelopes.new_envelope(
        "org.person.upserted",
        org_events_pb2.PersonUpserted(person=person),
        tenant_id=TENANT,
        producer="gateway",
    )


def visit_event(rep_id: str, lead_id: str, checked_out_at: datetime) -> envelopes.Envelope:
    visit = visit_events_pb2.VisitSubmitted(visit_id=new_id(), rep_id=rep_id, lead_id=lead_id)
    visit.checked_out_at.FromDatetime(checked_out_at)
    return envelopes.new_envelope("visit.submitted", visit, tenant_id=TENANT, producer="visits")


def new_lead(region: str, n: int, created_at: datetime) -> Lead:
    return Lead(
        lead_id=new_id(),
        tenant_id=TENANT,
        external_id=f"ext-{n}",
        channel="ecommerce",
        customer_type=CustomerType.KA,
        region_code=region,
        urgency=Urgency.RED,
        customer_name=f"好又多便利店 {n} 号店",
        contact_name="张三",
        phone=f"1380013800{n}",  # distinct, so intake never merges them
        address="杭州市西湖区文三路 1 号",
        location=None,
        store_id="",
        created_at=created_at,
    )


def create(kernel, lead: Lead) -> Lead:
    """The CreateLead use case, through the running container's own unit of work."""
    intake = leads.create_lead(kernel.uow, lead, correlation_id=lead.lead_id)
    return getattr(intake, "lead", intake)  # an Intake (lead + outcome) or the lead itself


@pytest.fixture
def assignment(container_factory, service_config, db_prefix, mongo):
    container = container_factory(AssignmentService, service_config)
    container.start()
    return container, mongo[f"{db_prefix}assignment"]


def deliver(container, publish_raw, *events: envelopes.Envelope) -> list:
    """Publish events and wait until the handler has finished that many deliveries."""
    results: list = []

    def all_done(worker_ctx, result, exc_info):
        results.append(exc_info[1] if exc_info else result)
        return len(results) == len(events)

    with entrypoint_waiter(container, "on_event", callback=all_done, timeout=30):
        for event in events:
            publish_raw(event.type, envelopes.to_json(event))
    return results


def test_same_event_twice_is_handled_once(assignment, publish_raw):
    container, db = assignment
    event = person_event("rep-a", "330100")

    results = deliver(container, publish_raw, event, event)

    # One delivery did the work, the other found the inbox marker.
    assert sorted(results) == [Outcome.DUPLICATE, Outcome.OK]
    assert db.reps.count_documents({}) == 1
    rep = db.reps.find_one({"_id": f"{TENANT}:rep-a"})
    assert rep is not None and rep["region_codes"] == ["330100"]
    assert list(db.inbox.find({}, {"_id": 1})) == [{"_id": event.id}]


def test_visit_frees_rep_and_routes_waiting_lead(assignment, publish_raw, spy_queue, drain):
    container, db = assignment
    spy = spy_queue(["lead.*"])
    kernel = get_extension(container, Kernel).kernel
    rep_a = f"{TENANT}:rep-a"
    rep_b = f"{TENANT}:rep-b"

    assert deliver(
        container, publish_raw, person_event("rep-a", "330100"), person_event("rep-b", "330200")
    ) == [Outcome.OK, Outcome.OK]

    now = datetime.now(UTC).replace(microsecond=0)
    lead1 = create(kernel, new_lead("330106", 1, now))  # Hangzhou -> A
    lead2 = create(kernel, new_lead("330205", 2, now))  # Ningbo -> B
    lead3 = create(kernel, new_lead("330206", 3, now + timedelta(seconds=1)))  # B busy: waits
    assert (lead1.status, lead1.assigned_rep_id) == (LeadStatus.ASSIGNED, "rep-a")
    assert (lead2.status, lead2.assigned_rep_id) == (LeadStatus.ASSIGNED, "rep-b")
    assert lead3.status == LeadStatus.WAITING
    assert db.reps.find_one({"_id": rep_a})["pending_visits"] == 1
    # What the creations put on the bus: 3 x lead.created, 2 x lead.assigned, 1 x lead.waiting.
    before = [json.loads(m.body)["type"] for m in drain(spy.name, expect=6, timeout=30)]
    assert sorted(before) == sorted(["lead.created"] * 3 + ["lead.assigned"] * 2 + ["lead.waiting"])

    # A visits lead1: A is idle again, and no lead waits in A's region.
    visited_a = now + timedelta(hours=1)
    assert deliver(container, publish_raw, visit_event("rep-a", lead1.lead_id, visited_a)) == [
        Outcome.OK
    ]
    doc_a = db.reps.find_one({"_id": rep_a})
    assert doc_a["pending_visits"] == 0
    assert doc_a["last_effective_visit_at"] == visited_a
    assert db.leads.find_one({"_id": lead1.lead_id})["status"] == "visited"

    # B visits lead2: B frees up and takes the waiting lead3 at once (A3).
    visited_b = now + timedelta(hours=2)
    assert deliver(container, publish_raw, visit_event("rep-b", lead2.lead_id, visited_b)) == [
        Outcome.OK
    ]
    doc3 = db.leads.find_one({"_id": lead3.lead_id})
    assert (doc3["status"], doc3["assigned_rep_id"]) == ("assigned", "rep-b")
    doc_b = db.reps.find_one({"_id": rep_b})
    assert doc_b["pending_visits"] == 1  # lead3's visit is now B's pending task
    assert doc_b["last_effective_visit_at"] == visited_b

    after = drain(spy.name, expect=1, timeout=30)
    assert [json.loads(m.body)["type"] for m in after] == ["lead.assigned"]
    assigned = envelopes.unpack(envelopes.from_json(after[0].body), lead_events_pb2.LeadAssigned)
    assert (assigned.lead_id, assigned.rep_id) == (lead3.lead_id, "rep-b")
    assert db.outbox.count_documents({"sent": False}) == 0
