"""Events -> notices (SPEC N1, V3, V4, V7): which events are notices, the facts and people each
carries, and the clear refusal of one that lacks what notify needs."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from sales.events.v1 import (
    approval_events_pb2,
    lead_events_pb2,
    store_events_pb2,
    visit_events_pb2,
)
from services.common import envelope as envelopes
from services.common import events
from services.notify.domain import templates as t
from services.notify.domain.notices import MalformedEvent
from services.notify.domain.routing import DEFAULT_ROUTES, EVENT_TYPES
from services.notify.entrypoints.event_notices import TRANSLATIONS, notice_from_event

REGISTERED = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)


def notice(event_type: str, payload):
    event = envelopes.new_envelope(event_type, payload, tenant_id="t1", producer="visits")
    return notice_from_event(event, events.payload(event))


def test_every_routed_event_type_is_a_registered_notice() -> None:
    # the service's HANDLERS (and so its queue bindings) are the directory plus TRANSLATIONS
    assert set(TRANSLATIONS) == set(EVENT_TYPES) == set(DEFAULT_ROUTES)
    assert set(TRANSLATIONS) <= set(events.REGISTRY)
    # a store's rating feeds scoring; it is nobody's notice
    assert "visit.rated" in events.REGISTRY and "visit.rated" not in TRANSLATIONS


def test_approval_pending_carries_its_lines_stage_and_lane() -> None:
    payload = approval_events_pb2.ApprovalPending(
        approval_id="ap-1", rep_id="rep-1", supervisor_id="sup-1", store_id="s-1",
        region_code="330106", summary="特价", stage="decision", fast_lane=True,
        finance_ids=["fin-1", "", "fin-2", "fin-1"], discount_fen=30000,
        lines=[visit_events_pb2.PriceLine(sku="690123", list_price_fen=1250,
                                          requested_price_fen=1100, quantity=200)],
    )  # fmt: skip
    found = notice("approval.pending", payload)
    assert found.facts.lines == (t.PriceLineFacts("690123", 1250, 1100, 200),)
    assert found.facts.stage == "decision" and found.facts.fast_lane
    assert found.facts.store_name == "s-1"  # no name given: the id, never an empty field
    assert found.people == {"rep": "rep-1", "supervisor": "sup-1"}
    assert found.region_code == "330106"
    assert found.finance_ids == ("fin-1", "fin-2") and found.facts.discount_fen == 30000


def test_approval_decided_names_the_decider_unless_the_green_channel_decided() -> None:
    payload = approval_events_pb2.ApprovalDecided(
        approval_id="ap-1", rep_id="rep-1", store_name="世纪联华", decision="rejected",
        decided_by="fin-1", comment="价格过低",
    )  # fmt: skip
    found = notice("approval.decided", payload)
    assert found.people == {"rep": "rep-1", "decided_by": "fin-1"}
    assert found.facts.decision == "rejected" and found.facts.comment == "价格过低"
    payload.decided_by, payload.auto_approved = "green_channel", True
    assert notice("approval.decided", payload).people == {"rep": "rep-1"}


@pytest.mark.parametrize(
    ("payload", "reason"),
    [
        (approval_events_pb2.ApprovalDecided(approval_id="a", rep_id="r"), "decision"),
        (approval_events_pb2.ApprovalDecided(approval_id="a", rep_id="r", decision="maybe"),
         "未知的审批结果「maybe」"),
        (approval_events_pb2.ApprovalDecided(rep_id="r", decision="approved"), "approval_id"),
    ],
)  # fmt: skip
def test_a_decision_notify_cannot_tell_is_malformed(payload, reason: str) -> None:
    with pytest.raises(MalformedEvent, match=reason):
        notice("approval.decided", payload)


def test_the_director_is_named_only_on_the_step_that_copies_them() -> None:
    payload = visit_events_pb2.CommitmentOverdue(
        commitment_id="c-1", rep_id="rep-1", supervisor_id="sup-1", store_name="好又多",
        description="补齐端架", due_date="2026-11-20", days_overdue=1, reminder_count=1,
    )  # fmt: skip
    assert notice("commitment.overdue", payload).people == {"rep": "rep-1", "supervisor": "sup-1"}
    payload.reminder_count, payload.days_overdue, payload.director_id = 3, 6, "dir-1"
    third = notice("commitment.overdue", payload)
    assert third.people == {"rep": "rep-1", "supervisor": "sup-1", "director": "dir-1"}
    assert third.facts.reminder_count == 3


def test_a_new_store_without_its_first_visit() -> None:
    payload = store_events_pb2.StoreFirstVisitOverdue(
        store_id="s-1", store_name="美宜佳", owner_rep_id="rep-1", supervisor_id="sup-1",
        region_code="330106", days_waiting=4, limit_days=3,
    )  # fmt: skip
    payload.registered_at.FromDatetime(REGISTERED)
    found = notice("store.first_visit_overdue", payload)
    assert found.people == {"rep": "rep-1", "supervisor": "sup-1"}
    assert found.facts.registered_at == "2026-11-23 09:00:00"  # Asia/Shanghai for people
    assert (found.facts.days_waiting, found.facts.limit_days) == (4, 3)
    assert found.origin_at == REGISTERED and found.region_code == "330106"
    with pytest.raises(MalformedEvent, match="owner_rep_id"):
        notice("store.first_visit_overdue", store_events_pb2.StoreFirstVisitOverdue(store_id="s"))


def test_an_event_without_a_tenant_is_malformed() -> None:
    payload = lead_events_pb2.LeadAssigned(lead_id="l", rep_id="r")
    event = envelopes.new_envelope("lead.assigned", payload, tenant_id="", producer="x")
    with pytest.raises(MalformedEvent, match="租户"):
        notice_from_event(event, payload)
