"""The event registry (services/common/events.py) is the one table of event types and their
payloads: the catalog in docs/events.md must list exactly its types, emit refuses a payload
of the wrong type, and consumers unpack by it."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from sales.events.v1 import lead_events_pb2, org_events_pb2
from services.common import events
from services.common.clock import FixedClock
from services.common.envelope import from_json, new_envelope, to_json
from services.common.handling import Outcome, consumed, dispatch
from services.common.unit_of_work import Transaction

CATALOG = Path(__file__).resolve().parents[2] / "docs" / "events.md"


def catalog_types() -> set[str]:
    text = CATALOG.read_text(encoding="utf-8")
    table = text[text.index("## Events") : text.index("## What notify does with them")]
    found: set[str] = set()
    for line in table.splitlines():
        if line.startswith("| `"):
            first_cell = line.split("|")[1]
            found.update(re.findall(r"`([a-z_.]+)`", first_cell))
    return found


def test_the_catalog_lists_exactly_the_registered_types() -> None:
    documented = catalog_types()
    assert documented - set(events.REGISTRY) == set(), "in docs/events.md, not registered"
    assert set(events.REGISTRY) - documented == set(), "registered, not in docs/events.md"


def test_emit_refuses_a_payload_of_another_type() -> None:
    tx = Transaction(
        repo=None, producer="t", correlation_id="", clock=FixedClock(datetime.now(UTC))
    )
    with pytest.raises(TypeError, match="LeadAssigned"):
        tx.emit("lead.assigned", lead_events_pb2.LeadCreated(lead_id="l1"), "t1")
    with pytest.raises(events.UnknownEventType):
        tx.emit("lead.teleported", lead_events_pb2.LeadCreated(lead_id="l1"), "t1")
    tx.emit("lead.created", lead_events_pb2.LeadCreated(lead_id="l1"), "t1")
    assert [e.type for e in tx.events] == ["lead.created"]


def test_payload_unpacks_by_the_registry_and_refuses_a_mismatch() -> None:
    good = from_json(to_json(new_envelope("lead.created", lead_events_pb2.LeadCreated(lead_id="l1"),
                                          tenant_id="t1", producer="assignment")))  # fmt: skip
    assert events.payload(good) == lead_events_pb2.LeadCreated(lead_id="l1")
    lying = new_envelope("lead.assigned", lead_events_pb2.LeadCreated(lead_id="l1"),
                         tenant_id="t1", producer="assignment")  # fmt: skip
    with pytest.raises(ValueError, match="LeadCreated"):
        events.payload(lying)


def test_dispatch_calls_the_table_and_reports_outcomes() -> None:
    seen: list[tuple[object, str]] = []

    def on_person(service, payload: org_events_pb2.PersonUpserted, envelope) -> Outcome:
        seen.append((service, payload.person.person_id))
        return consumed(True)

    handlers = {"org.person.upserted": on_person}
    person = org_events_pb2.PersonUpserted()
    person.person.person_id = "p1"
    envelope = new_envelope("org.person.upserted", person, tenant_id="t1", producer="gateway")
    assert dispatch(handlers, "svc", envelope) is Outcome.OK
    assert seen == [("svc", "p1")]
    other = new_envelope("lead.created", lead_events_pb2.LeadCreated(), tenant_id="t1",
                         producer="assignment")  # fmt: skip
    assert dispatch(handlers, "svc", other) is Outcome.IGNORED
    assert consumed(None) is Outcome.DUPLICATE
