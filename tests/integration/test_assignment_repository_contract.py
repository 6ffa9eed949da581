"""The same cases against assignment's in-memory fake (tests/fakes/assignment.py) and its
MongoDB repository on the real MongoDB-wire server, so that the fast unit tests of the use
cases test what production does: unique ids, aliases and open keys, buried ids, the orders
and filters of the queries, due leads claimed once, and reps claimed only while they are
free, with holds that are given back exactly once."""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Iterator
from datetime import timedelta

import pytest

from services.assignment.adapters.repository import INDEXES, MongoAssignmentRepository
from services.assignment.application.ports import AssignmentRepository
from services.assignment.domain.model import (
    Candidate,
    Decision,
    GeoPoint,
    HistoryEntry,
    LeadStatus,
    RepStatus,
)
from services.assignment.domain.rules import Rule, RuleMatch
from services.assignment.domain.settings import AssignmentSettings
from services.common.config import Settings
from services.common.errors import AlreadyExists, FailedPrecondition
from services.common.mongo import ensure_indexes, mongo_client
from tests.fakes.assignment import NOW, TENANT, FakeAssignmentRepository, make_lead, make_rep

URI = Settings("tests").mongo_uri  # SALES_MONGO_URI, else the embedded default
MINUTE = timedelta(minutes=1)
DAY = "2026-11-27"


@pytest.fixture(params=["fake", "mongo"])
def repo(request) -> Iterator[AssignmentRepository]:
    if request.param == "fake":
        yield FakeAssignmentRepository()
        return
    client = mongo_client(URI)
    db = client[f"contract_{uuid.uuid4().hex[:8]}_assignment"]
    ensure_indexes(db, INDEXES)
    yield MongoAssignmentRepository(db, None)
    client.drop_database(db.name)


def stored(repo: AssignmentRepository, *leads) -> None:
    for lead in leads:
        repo.add_alias(lead.tenant_id, lead.external_id, lead.lead_id)
        repo.add_open_keys(lead)
        repo.add_lead(lead)


# --- leads ------------------------------------------------------------------------------------


def test_a_lead_is_stored_whole_and_read_only_by_its_tenant(repo) -> None:
    decision = Decision("r1", 2, "least_loaded", "负载最低", [Candidate("rep-a", 1, "空闲")], NOW)
    lead = make_lead(1, location=GeoPoint(30.27, 120.12, "gcj02", 15.0), store_id="S1")
    lead.enter_pool()
    lead.assign("rep-a", decision, NOW, timedelta(minutes=30))
    stored(repo, lead)
    assert repo.get_lead(TENANT, lead.lead_id) == lead
    assert repo.get_lead("t2", lead.lead_id) is None
    assert repo.get_lead_any_tenant(lead.lead_id) == lead
    assert repo.get_leads(TENANT, [lead.lead_id, "no-such-lead"]) == {lead.lead_id: lead}
    assert repo.get_leads("t2", [lead.lead_id]) == {}
    assert repo.lead_by_external_id(TENANT, "crm-1") == lead
    assert repo.lead_by_external_id("t2", "crm-1") is None
    lead.record(HistoryEntry(NOW + MINUTE, "note", "", "备注"))
    repo.save_lead(lead)
    assert repo.get_lead(TENANT, lead.lead_id).history[-1].text == "备注"


def test_external_ids_and_open_keys_are_unique(repo) -> None:
    first = make_lead(1, store_id="S1")
    stored(repo, first)
    with pytest.raises(AlreadyExists):
        repo.add_alias(TENANT, "crm-1", "other")
    repo.add_alias("t2", "crm-1", "other")  # another tenant's ids are its own
    with pytest.raises(AlreadyExists):
        repo.add_open_keys(make_lead(2, phone=first.phone))
    with pytest.raises(AlreadyExists):
        repo.add_open_keys(make_lead(3, store_id="S1"))
    assert repo.known_external_ids(TENANT, ["crm-1", "crm-2"]) == {"crm-1"}


def test_open_duplicates_are_found_by_phone_then_store(repo) -> None:
    by_phone, by_store = make_lead(1), make_lead(2, store_id="S2")
    closed = make_lead(3, status=LeadStatus.CLOSED, store_id="S3")
    stored(repo, by_phone, by_store, closed)
    assert repo.open_duplicate(TENANT, by_phone.phone, "S2").lead_id == by_phone.lead_id
    assert repo.open_duplicate(TENANT, "13000000000", "S2").lead_id == by_store.lead_id
    assert repo.open_duplicate(TENANT, closed.phone, "S3") is None
    assert repo.open_duplicate(TENANT, "", "") is None
    assert repo.open_duplicate("t2", by_phone.phone, "") is None
    phones = repo.open_keys(TENANT, "phone", [by_phone.phone, closed.phone, "13000000000"])
    assert phones == {by_phone.phone}
    assert repo.open_keys(TENANT, "store_id", ["S2", "S3"]) == {"S2"}
    assert repo.open_keys(TENANT, "phone", []) == set()


def test_a_buried_id_can_never_hold_a_lead(repo) -> None:
    assert repo.bury_lead_id("lead-0009", NOW)
    assert not repo.bury_lead_id("lead-0009", NOW)
    with pytest.raises(FailedPrecondition):
        repo.add_lead(make_lead(9))
    stored(repo, make_lead(1))
    assert not repo.bury_lead_id("lead-0001", NOW)  # the lead was there first
    assert repo.get_lead_any_tenant("lead-0009") is None


def test_many_leads_are_added_at_once_or_refused(repo) -> None:
    batch = [make_lead(n, store_id=f"S{n}") for n in range(1, 4)]
    repo.add_leads(batch)
    assert [repo.lead_by_external_id(TENANT, x.external_id) for x in batch] == batch
    with pytest.raises(AlreadyExists):
        repo.add_leads([make_lead(7, external_id="crm-1")])
    with pytest.raises(AlreadyExists):
        repo.add_leads([make_lead(8, phone=batch[0].phone)])


def test_waiting_leads_come_oldest_first_and_lists_newest_first(repo) -> None:
    a = make_lead(1, created_at=NOW + 2 * MINUTE)
    b = make_lead(2, created_at=NOW + MINUTE)
    c = make_lead(3, status=LeadStatus.ASSIGNED, assigned_rep_id="rep-a")
    other = make_lead(4, tenant_id="t2")
    stored(repo, a, b, c, other)
    assert [x.lead_id for x in repo.waiting_leads(TENANT, 10)] == [b.lead_id, a.lead_id]
    assert [x.lead_id for x in repo.waiting_leads(TENANT, 1)] == [b.lead_id]
    listed = repo.list_leads(TENANT, "", None, "", 10)
    assert [x.lead_id for x in listed] == [c.lead_id, b.lead_id, a.lead_id]
    assert [x.lead_id for x in repo.list_leads(TENANT, "", None, c.lead_id, 1)] == [b.lead_id]
    assert [x.lead_id for x in repo.list_leads(TENANT, "rep-a", None, "", 10)] == [c.lead_id]
    waiting = repo.list_leads(TENANT, "", LeadStatus.WAITING, "", 10)
    assert [x.lead_id for x in waiting] == [b.lead_id, a.lead_id]
    assert repo.count_waiting() == 3  # every tenant's


# --- due work ---------------------------------------------------------------------------------


def test_due_leads_are_found_in_order_and_claimed_once(repo) -> None:
    late = make_lead(1, status=LeadStatus.ASSIGNED, sla_due_at=NOW - MINUTE)
    later = make_lead(2, status=LeadStatus.ASSIGNED, sla_due_at=NOW - 2 * MINUTE)
    not_yet = make_lead(3, status=LeadStatus.ASSIGNED, sla_due_at=NOW + MINUTE)
    stored(repo, late, later, not_yet)
    assert repo.due_sla(NOW, 10) == [later.lead_id, late.lead_id]
    assert repo.due_sla(NOW, 1) == [later.lead_id]
    expected = {"status": "assigned", "sla_due_at": late.sla_due_at}
    assert repo.claim_due(late.lead_id, expected, NOW)
    assert not repo.claim_due(late.lead_id, expected, NOW)  # claimed at this time already
    assert repo.claim_due(late.lead_id, expected, NOW + MINUTE)  # the fields still match
    assert not repo.claim_due(late.lead_id, {**expected, "status": "accepted"}, NOW)
    assert not repo.claim_due("nope", expected, NOW)


def test_waiting_and_stale_leads_fall_due(repo) -> None:
    waits = make_lead(1, waiting_since=NOW - 2 * MINUTE)
    alerted = make_lead(2, waiting_since=NOW - 3 * MINUTE, waiting_alerted_at=NOW)
    fresh = make_lead(3, waiting_since=NOW)
    stale = make_lead(4, status=LeadStatus.VISITED, last_follow_up_at=NOW - 20 * MINUTE)
    staler = make_lead(5, status=LeadStatus.ACCEPTED, last_follow_up_at=NOW - 30 * MINUTE,
                       assigned_rep_id="rep-a")  # fmt: skip
    stored(repo, waits, alerted, fresh, stale, staler)
    assert repo.due_waiting(NOW - MINUTE, 10) == [(waits.lead_id, TENANT, waits.waiting_since)]
    assert repo.due_stale(NOW - 10 * MINUTE, 10) == [staler.lead_id, stale.lead_id]
    assert repo.oldest_waiting(2) == [alerted.lead_id, waits.lead_id]
    idle = repo.open_leads_idle_since(TENANT, NOW - 10 * MINUTE, "")
    assert sorted(x.lead_id for x in idle) == [stale.lead_id, staler.lead_id]
    mine = repo.open_leads_idle_since(TENANT, NOW - 10 * MINUTE, "rep-a")
    assert [x.lead_id for x in mine] == [staler.lead_id]


# --- rules and settings -----------------------------------------------------------------------


def test_rules_are_saved_read_and_deleted_per_tenant(repo) -> None:
    rule = Rule(TENANT, "hz", 1, 5, "杭州", True, RuleMatch(region_codes=("330100",)),
                "least_loaded", 1, NOW, "admin")  # fmt: skip
    repo.save_rule(rule)
    repo.save_rule(dataclasses.replace(rule, tenant_id="t2"))
    assert repo.get_rule(TENANT, "hz") == rule
    assert repo.rules(TENANT) == [rule]
    repo.delete_rule(rule, "admin", NOW)
    assert repo.get_rule(TENANT, "hz") is None and repo.rules(TENANT) == []
    assert len(repo.rules("t2")) == 1


def test_settings_default_until_saved(repo) -> None:
    assert repo.settings(TENANT) == AssignmentSettings(TENANT)
    mine = AssignmentSettings(TENANT, sla_red_seconds=600, stale_days=7)
    repo.save_settings(mine)
    assert repo.settings(TENANT) == mine
    assert repo.settings("t2") == AssignmentSettings("t2")


# --- reps -------------------------------------------------------------------------------------


def test_a_rep_profile_update_keeps_the_counts(repo) -> None:
    repo.upsert_rep_profile(make_rep("rep-a"))
    assert repo.claim_rep(make_rep("rep-a"), require_idle=True, day=DAY, quota=None, now=NOW)
    repo.upsert_rep_profile(make_rep("rep-a", name="新名字", supervisor_id="sup-2"))
    rep = repo.get_rep(TENANT, "rep-a")
    assert (rep.name, rep.supervisor_id, rep.open_leads, rep.pending_visits) == (
        "新名字", "sup-2", 1, 1,
    )  # fmt: skip
    assert (rep.assigned_per_day, rep.last_assigned_at) == ({DAY: 1}, NOW)
    repo.upsert_rep_profile(make_rep("rep-b", status=RepStatus.ON_LEAVE))
    assert [r.rep_id for r in repo.reps(TENANT)] == ["rep-a"]
    assert sorted(r.rep_id for r in repo.all_reps(TENANT)) == ["rep-a", "rep-b"]
    assert repo.get_rep("t2", "rep-a") is None
    repo.deactivate_rep(TENANT, "rep-a")
    assert repo.reps(TENANT) == []


def test_a_rep_is_claimed_only_while_free(repo) -> None:
    repo.upsert_rep_profile(make_rep("rep-a", capacity=2))
    rep = make_rep("rep-a", capacity=2)
    assert repo.claim_rep(rep, require_idle=True, day=DAY, quota=None, now=NOW)
    assert not repo.claim_rep(rep, require_idle=True, day=DAY, quota=None, now=NOW)  # not idle
    assert not repo.claim_rep(rep, require_idle=False, day=DAY, quota=1, now=NOW)  # quota spent
    assert repo.claim_rep(rep, require_idle=False, day=DAY, quota=2, now=NOW)
    assert not repo.claim_rep(rep, require_idle=False, day=DAY, quota=None, now=NOW)  # full
    bigger = make_rep("rep-a", capacity=9)  # ranked on a profile that has changed since
    assert not repo.claim_rep(bigger, require_idle=False, day=DAY, quota=None, now=NOW)
    assert repo.get_rep(TENANT, "rep-a").open_leads == 2


def test_holds_are_confirmed_or_given_back_once(repo) -> None:
    repo.upsert_rep_profile(make_rep("rep-a"))
    rep = make_rep("rep-a")
    for lead_id in ("l1", "l2"):
        repo.claim_rep(rep, require_idle=False, day=DAY, quota=None, now=NOW, hold_for=lead_id)
    assert sorted(repo.stale_holds(NOW + MINUTE)) == [
        (TENANT, "rep-a", "l1"), (TENANT, "rep-a", "l2"),
    ]  # fmt: skip
    assert repo.stale_holds(NOW) == []
    repo.confirm_hold(TENANT, "rep-a", "l1")
    repo.release_hold(TENANT, "rep-a", "l2")
    repo.release_hold(TENANT, "rep-a", "l2")  # once only
    repo.release_hold(TENANT, "rep-a", "l1")  # confirmed: the claim stands
    rep_now = repo.get_rep(TENANT, "rep-a")
    assert (rep_now.open_leads, rep_now.pending_visits) == (1, 1)
    assert repo.stale_holds(NOW + MINUTE) == []


def test_releases_counts_and_visits_change_only_what_they_name(repo) -> None:
    repo.upsert_rep_profile(make_rep("rep-a"))
    repo.claim_rep(make_rep("rep-a"), require_idle=False, day=DAY, quota=None, now=NOW)
    repo.release_rep(TENANT, "rep-a", holds_visit_task=False)
    rep = repo.get_rep(TENANT, "rep-a")
    assert (rep.open_leads, rep.pending_visits) == (0, 1)
    repo.release_rep(TENANT, "rep-a", holds_visit_task=True)  # never below zero
    repo.release_rep(TENANT, "rep-a", holds_visit_task=True)
    rep = repo.get_rep(TENANT, "rep-a")
    assert (rep.open_leads, rep.pending_visits) == (0, 0)
    repo.count_breach(TENANT, "rep-a")
    repo.count_reclaim(TENANT, "rep-a")
    repo.count_reclaim(TENANT, "rep-a")
    repo.note_visit(TENANT, "rep-a", NOW)
    repo.note_visit(TENANT, "rep-a", NOW - MINUTE)  # an older visit arriving late
    repo.claim_rep(make_rep("rep-a"), require_idle=False, day=DAY, quota=None, now=NOW)
    repo.complete_visit_task(TENANT, "rep-a", NOW + MINUTE)
    rep = repo.get_rep(TENANT, "rep-a")
    assert (rep.breaches_total, rep.reclaimed_total) == (1, 2)
    assert (rep.pending_visits, rep.last_effective_visit_at) == (0, NOW + MINUTE)
    repo.count_breach(TENANT, "nobody")  # a rep assignment never heard of: nothing to count
    assert repo.get_rep(TENANT, "nobody") is None
