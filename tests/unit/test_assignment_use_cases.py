"""Intake (one lead and a batch), the rep's answer and routing, on the in-memory fakes
(tests/fakes/assignment.py): what is stored, which events are emitted in which order, and
what happens to the reps' counts and holds. The MongoDB side of the same behaviour is in
tests/integration/test_assignment_timers.py."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest

from sales.events.v1 import lead_events_pb2
from services.assignment.application import leads, reps, routing, timers
from services.assignment.domain.model import LeadStatus
from services.common import envelope as envelopes
from services.common.errors import FailedPrecondition, InvalidArgument, NotFound
from tests.fakes.assignment import NOW, TENANT, fake_uow, make_lead, make_rep

LATER = NOW + timedelta(minutes=5)


@pytest.fixture
def uow():
    return fake_uow()


def add_rep(uow, rep_id: str, visited_days_ago: int, **changes) -> None:
    reps.upsert_rep(uow, make_rep(rep_id, **changes), str(uuid.uuid4()), NOW)
    visit = NOW - timedelta(days=visited_days_ago)
    reps.record_visit(uow, TENANT, rep_id, "", visit, str(uuid.uuid4()), NOW)


def rep_of(uow, rep_id: str):
    return uow.repo.get_rep(TENANT, rep_id)


# --- one lead ---------------------------------------------------------------------------------


def test_a_new_lead_goes_to_the_idle_rep_with_the_latest_visit(uow) -> None:
    add_rep(uow, "rep-a", visited_days_ago=3)
    add_rep(uow, "rep-b", visited_days_ago=1)
    intake = leads.create_lead(uow, make_lead(1))
    assert intake.outcome == "created" and intake.lead.assigned_rep_id == "rep-b"
    assert uow.published_types() == ["lead.created", "lead.assigned"]
    stored = uow.repo.get_lead(TENANT, intake.lead.lead_id)
    assert stored == intake.lead and [e.kind for e in stored.history] == ["created", "assigned"]
    assert (rep_of(uow, "rep-b").open_leads, rep_of(uow, "rep-b").pending_visits) == (1, 1)
    # the claim is held until reconcile_holds confirms the stored lead
    assert uow.repo.stale_holds(NOW + timedelta(hours=1)) == [(TENANT, "rep-b", "lead-0001")]
    assert timers.reconcile_holds(uow, NOW + timedelta(hours=1)) == 0
    assert uow.repo.stale_holds(NOW + timedelta(hours=1)) == []
    assert rep_of(uow, "rep-b").open_leads == 1


def test_the_same_lead_again_is_a_duplicate_and_the_same_customer_is_merged(uow) -> None:
    add_rep(uow, "rep-a", visited_days_ago=1)
    first = leads.create_lead(uow, make_lead(1)).lead
    again = leads.create_lead(uow, make_lead(2, external_id="crm-1"))
    assert (again.outcome, again.lead.lead_id) == ("duplicate", first.lead_id)
    merged = leads.create_lead(uow, make_lead(3, external_id="wx-3", phone=first.phone))
    assert (merged.outcome, merged.lead.lead_id) == ("merged", first.lead_id)
    assert merged.lead.merged_external_ids == ["wx-3"]
    assert uow.repo.lead_by_external_id(TENANT, "wx-3").lead_id == first.lead_id
    assert uow.published_types() == ["lead.created", "lead.assigned"]  # nothing new after
    assert len(uow.repo.leads) == 1 and rep_of(uow, "rep-a").open_leads == 1


def test_a_lead_nobody_may_take_waits(uow) -> None:
    add_rep(uow, "rep-far", visited_days_ago=1, region_codes=("110100",))
    intake = leads.create_lead(uow, make_lead(1))
    assert intake.lead.status == LeadStatus.WAITING and intake.lead.waiting_since == NOW
    assert uow.published_types() == ["lead.created", "lead.waiting"]
    assert rep_of(uow, "rep-far").open_leads == 0


def test_an_invalid_lead_is_refused_before_anything_is_claimed(uow) -> None:
    add_rep(uow, "rep-a", visited_days_ago=1)
    with pytest.raises(InvalidArgument) as refused:
        leads.create_lead(uow, make_lead(1, phone="1380013800０", address="长" * 3000))
    assert {v.field for v in refused.value.violations} == {"phone", "address"}
    assert uow.repo.leads == {} and rep_of(uow, "rep-a").open_leads == 0


def test_a_lead_that_cannot_be_stored_gives_its_claim_back(uow) -> None:
    add_rep(uow, "rep-a", visited_days_ago=1)
    uow.repo.bury_lead_id("lead-0001", NOW)  # reconcile_holds gave up on this id already
    with pytest.raises(FailedPrecondition):
        leads.create_lead(uow, make_lead(1))
    assert (rep_of(uow, "rep-a").open_leads, rep_of(uow, "rep-a").pending_visits) == (0, 0)
    assert uow.repo.stale_holds(NOW + timedelta(hours=1)) == []
    assert uow.published == [] and uow.repo.aliases == {}  # the transaction rolled back


# --- a batch ----------------------------------------------------------------------------------


def test_a_batch_is_written_in_chunks_and_routes_like_one_lead_at_a_time(uow) -> None:
    for i in range(3):
        add_rep(uow, f"rep-{i}", visited_days_ago=i + 1)
    existing = leads.create_lead(uow, make_lead(900)).lead
    batch = [make_lead(n) for n in range(1, 251)]
    batch.append(make_lead(251, external_id="crm-900"))  # a lead stored before
    batch.append(make_lead(252, phone=existing.phone))  # the same customer as an open lead
    batch.append(make_lead(253, phone=batch[1].phone))  # the same customer as a row before
    runs = uow.runs
    results = leads.create_leads_in_bulk(uow, batch, lambda: NOW)
    assert [results[f"crm-{n}"].outcome for n in range(1, 251)] == ["created"] * 250
    assert results["crm-252"].outcome == "merged"
    assert results["crm-252"].lead.lead_id == existing.lead_id
    assert results["crm-253"].lead.lead_id == "lead-0002"  # merged into the row before
    assert (results["crm-900"].outcome, results["crm-900"].lead.lead_id) == (
        "duplicate", existing.lead_id,
    )  # fmt: skip
    assigned = [x for x in uow.repo.leads.values() if x.status == LeadStatus.ASSIGNED]
    assert len(assigned) == 3  # idle rule: one each, then everyone else waits
    assert sorted(x.assigned_rep_id for x in assigned) == ["rep-0", "rep-1", "rep-2"]
    assert uow.runs - runs == 3 + 2  # 250 new leads in 3 transactions; two merges
    assert uow.published_types().count("lead.created") == 251  # the existing one's included
    assert uow.published_types().count("lead.waiting") == 248


def test_one_bad_row_of_a_batch_is_that_rows_trouble(uow) -> None:
    add_rep(uow, "rep-a", visited_days_ago=1)
    closed = make_lead(50, status=LeadStatus.CLOSED)
    uow.repo.add_leads([closed])
    # Its phone's open key outlives the closed lead: a new lead of that phone cannot be stored
    # (and has no open lead to merge into); the other rows go in.
    batch = [make_lead(1), make_lead(2, phone=closed.phone)]
    results = leads.create_leads_in_bulk(uow, batch, lambda: NOW)
    assert results["crm-1"].outcome == "created"
    assert isinstance(results["crm-2"], Exception)
    assert rep_of(uow, "rep-a").open_leads == 1


# --- the rep's answer -------------------------------------------------------------------------


def test_accepting_publishes_the_first_response_time(uow) -> None:
    add_rep(uow, "rep-a", visited_days_ago=1)
    lead = leads.create_lead(uow, make_lead(1)).lead
    accepted = leads.accept_lead(uow, TENANT, lead.lead_id, "rep-a", LATER)
    assert accepted.status == LeadStatus.ACCEPTED
    answer = envelopes.unpack(uow.published[-1], lead_events_pb2.LeadResponded)
    assert (answer.rep_id, answer.accepted, answer.first_response_seconds) == ("rep-a", True, 300)
    assert answer.within_sla
    leads.accept_lead(uow, TENANT, lead.lead_id, "rep-a", LATER)  # twice: nothing new
    assert uow.published_types().count("lead.accepted") == 1


def test_a_declined_lead_goes_to_the_next_rep_at_once(uow) -> None:
    add_rep(uow, "rep-a", visited_days_ago=1)
    add_rep(uow, "rep-b", visited_days_ago=2)
    lead = leads.create_lead(uow, make_lead(1)).lead
    moved = leads.decline_lead(uow, TENANT, lead.lead_id, "rep-a", "客户太远", LATER)
    assert moved.assigned_rep_id == "rep-b" and moved.declined_by == ["rep-a"]
    assert uow.published_types()[-2:] == ["lead.declined", "lead.assigned"]
    declined = envelopes.unpack(uow.published[-2], lead_events_pb2.LeadResponded)
    assert (declined.rep_id, declined.accepted, declined.reason) == ("rep-a", False, "客户太远")
    assert declined.first_response_seconds == 300
    assert rep_of(uow, "rep-a").open_leads == 0 and rep_of(uow, "rep-b").open_leads == 1
    kinds = [e.kind for e in uow.repo.get_lead(TENANT, lead.lead_id).history]
    assert kinds == ["created", "assigned", "declined", "assigned"]
    # rep-b declines too: nobody is left who has not declined, so it waits
    waiting = leads.decline_lead(uow, TENANT, lead.lead_id, "rep-b", "没时间", LATER)
    assert waiting.status == LeadStatus.WAITING and sorted(waiting.declined_by) == [
        "rep-a",
        "rep-b",
    ]


def test_a_decline_needs_the_lead_the_rep_and_a_short_reason(uow) -> None:
    add_rep(uow, "rep-a", visited_days_ago=1)
    lead = leads.create_lead(uow, make_lead(1)).lead
    for lead_id, reason, field in (
        ("", "太远", "lead_id"),
        (lead.lead_id, " ", "reason"),
        (lead.lead_id, "长" * 201, "reason"),
    ):
        with pytest.raises(InvalidArgument) as refused:
            leads.decline_lead(uow, TENANT, lead_id, "rep-a", reason, LATER)
        assert [v.field for v in refused.value.violations] == [field]
    with pytest.raises(NotFound):
        leads.decline_lead(uow, TENANT, "nope", "rep-a", "太远", LATER)
    with pytest.raises(FailedPrecondition):
        leads.decline_lead(uow, TENANT, lead.lead_id, "rep-b", "太远", LATER)
    with pytest.raises(InvalidArgument):
        leads.accept_lead(uow, TENANT, "", "rep-a", LATER)
    assert uow.repo.get_lead(TENANT, lead.lead_id) == lead  # nothing changed


# --- routing ----------------------------------------------------------------------------------


def test_a_rep_who_frees_up_takes_the_oldest_waiting_lead_at_once(uow) -> None:
    add_rep(uow, "rep-a", visited_days_ago=1)
    first = leads.create_lead(uow, make_lead(1)).lead
    older = leads.create_lead(uow, make_lead(2)).lead
    leads.create_lead(uow, make_lead(3, created_at=NOW + timedelta(seconds=1)))
    assert older.status == LeadStatus.WAITING
    reps.record_visit(uow, TENANT, "rep-a", first.lead_id, LATER, str(uuid.uuid4()), LATER)
    taken = uow.repo.get_lead(TENANT, older.lead_id)
    assert taken.assigned_rep_id == "rep-a" and taken.status == LeadStatus.ASSIGNED
    assert uow.repo.get_lead(TENANT, first.lead_id).status == LeadStatus.VISITED


def test_a_rep_taken_a_moment_ago_by_another_replica_passes_the_lead_on(uow) -> None:
    add_rep(uow, "rep-a", visited_days_ago=1)
    add_rep(uow, "rep-b", visited_days_ago=2)
    roster = routing.Roster.of(uow.repo, TENANT)  # ranked on this, then rep-a is taken elsewhere
    snapshot = roster.reps
    uow.repo.claim_rep(make_rep("rep-a"), require_idle=True, day="2026-11-27", quota=None, now=NOW)
    lead = make_lead(1)
    lead.enter_pool()
    rep = routing.rank_and_claim(uow.repo, lead, roster, NOW)
    assert rep is not None and rep.rep_id == "rep-b" and lead.assigned_rep_id == "rep-b"
    assert lead.decision.reason.endswith("前 1 名候选刚被占用,改派第 2 名")
    assert next(r for r in snapshot if r.rep_id == "rep-b").open_leads == 1  # kept current


def test_the_decision_keeps_the_first_ranks_only(uow) -> None:
    for i in range(routing.KEPT_CANDIDATES + 5):
        add_rep(uow, f"rep-{i:02d}", visited_days_ago=i + 1)
    lead = leads.create_lead(uow, make_lead(1)).lead
    assert len(lead.decision.candidates) == routing.KEPT_CANDIDATES
    assert lead.assigned_rep_id == "rep-00"


def test_an_overdue_lead_is_breached_once_and_moves_on(uow) -> None:
    add_rep(uow, "rep-a", visited_days_ago=1)
    add_rep(uow, "rep-b", visited_days_ago=2)
    lead = leads.create_lead(uow, make_lead(1)).lead
    due = NOW + timedelta(minutes=31)
    assert timers.breach_overdue_responses(uow, due) == 1
    assert timers.breach_overdue_responses(uow, due) == 0
    moved = uow.repo.get_lead(TENANT, lead.lead_id)
    assert moved.assigned_rep_id == "rep-b" and rep_of(uow, "rep-a").breaches_total == 1
    breach = next(e for e in uow.published if e.type == "lead.sla_breached")
    breached = envelopes.unpack(breach, lead_events_pb2.LeadSlaBreached)
    assert (breached.rep_id, breached.next_rep_id, breached.sla_seconds) == ("rep-a", "rep-b", 1800)


def test_imported_history_closes_the_leads_visit_task_as_visit_submitted_does(uow) -> None:
    add_rep(uow, "rep-a", visited_days_ago=3)
    first = leads.create_lead(uow, make_lead(1)).lead
    waiting = leads.create_lead(uow, make_lead(2)).lead
    assert waiting.status == LeadStatus.WAITING
    visits = [("rep-a", "", NOW + timedelta(minutes=1)), ("rep-a", first.lead_id, LATER)]
    event_id = str(uuid.uuid4())
    assert reps.record_history(uow, TENANT, visits, event_id, LATER) is True
    assert uow.repo.get_lead(TENANT, first.lead_id).status == LeadStatus.VISITED
    assert rep_of(uow, "rep-a").last_effective_visit_at == LATER
    assert uow.repo.get_lead(TENANT, waiting.lead_id).assigned_rep_id == "rep-a"  # freed up
    assert reps.record_history(uow, TENANT, visits, event_id, LATER) is None  # handled once


def test_a_lead_visited_again_and_again_in_one_chunk_keeps_every_visit_in_order(uow) -> None:
    add_rep(uow, "rep-a", visited_days_ago=3)
    lead = leads.create_lead(uow, make_lead(1)).lead
    days = [LATER + timedelta(days=d) for d in (2, 0, 1)]  # the chunk out of time order
    visits = [("rep-a", lead.lead_id, day) for day in days]
    assert reps.record_history(uow, TENANT, visits, str(uuid.uuid4()), LATER) is True
    kept = uow.repo.get_lead(TENANT, lead.lead_id)
    assert [e.at for e in kept.history if e.kind == "visited"] == sorted(days)
    assert kept.last_follow_up_at == max(days) and kept.status == LeadStatus.VISITED
    assert rep_of(uow, "rep-a").pending_visits == 0  # the task closed once, not three times


def test_leads_waiting_less_than_the_tenants_limit_open_no_transaction(uow) -> None:
    waiting = [leads.create_lead(uow, make_lead(i)).lead for i in (1, 2, 3)]  # no rep at all
    assert {x.status for x in waiting} == {LeadStatus.WAITING}
    runs = uow.runs
    assert timers.alert_long_waits(uow, NOW + timedelta(minutes=2)) == 0  # the limit is 1 h
    assert uow.runs == runs + 1  # the due query, and not one transaction a lead
    assert timers.alert_long_waits(uow, NOW + timedelta(minutes=61)) == 3
