"""A lead's state changes (domain/model.py): each checks that it is allowed now, changes every
field that goes with it and writes its history line (SPEC A8)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from services.assignment.domain.model import Decision, Lead, LeadStatus, Rep
from services.common.errors import FailedPrecondition
from tests.fakes.assignment import NOW, make_lead, make_rep

SLA = timedelta(minutes=30)
LATER = NOW + timedelta(minutes=5)


def decision(reason: str = "空闲且最近有拜访") -> Decision:
    return Decision("default", 1, "idle_recent_visit", reason, [], NOW)


def assigned(rep_id: str = "rep-a") -> Lead:
    lead = make_lead()
    lead.enter_pool()
    lead.assign(rep_id, decision(), NOW, SLA)
    return lead


def kinds(lead: Lead) -> list[str]:
    return [e.kind for e in lead.history]


def test_assign_gives_the_lead_to_the_rep_with_its_sla() -> None:
    lead = make_lead(waiting_since=NOW - SLA, waiting_alerted_at=NOW)
    lead.assign("rep-a", decision(), NOW, SLA)
    assert (lead.status, lead.assigned_rep_id, lead.assigned_at) == (
        LeadStatus.ASSIGNED,
        "rep-a",
        NOW,
    )
    assert (lead.sla_due_at, lead.last_follow_up_at) == (NOW + SLA, NOW)
    assert lead.waiting_since is None and lead.waiting_alerted_at is None
    [entry] = lead.history
    assert (entry.kind, entry.rep_id, entry.text, entry.decision) == (
        "assigned", "rep-a", "空闲且最近有拜访", lead.decision,
    )  # fmt: skip


def test_only_a_lead_in_the_pool_is_assigned_or_waits() -> None:
    lead = assigned()
    with pytest.raises(FailedPrecondition):
        lead.assign("rep-b", decision(), LATER, SLA)
    with pytest.raises(FailedPrecondition):
        lead.wait(decision(), LATER)
    assert lead.assigned_rep_id == "rep-a" and kinds(lead) == ["created", "assigned"]


def test_a_lead_waits_with_one_history_line_per_wait() -> None:
    lead = make_lead()
    lead.wait(decision("无空闲业务员"), NOW)
    lead.wait(decision("仍无空闲业务员"), LATER)  # a retry by the sweep
    assert lead.status == LeadStatus.WAITING and lead.waiting_since == NOW
    assert kinds(lead) == ["waiting"] and lead.decision.reason == "仍无空闲业务员"


def test_accept_is_the_assigned_reps_and_harmless_twice() -> None:
    lead = assigned()
    with pytest.raises(FailedPrecondition, match="未分配给您"):
        lead.accept("rep-b", LATER)
    assert lead.accept("rep-a", LATER) is True
    assert (lead.status, lead.responded_at, lead.last_follow_up_at) == (
        LeadStatus.ACCEPTED, LATER, LATER,
    )  # fmt: skip
    assert lead.accept("rep-a", LATER + SLA) is False
    assert lead.responded_at == LATER and kinds(lead) == ["created", "assigned", "accepted"]


def test_a_visited_lead_cannot_be_accepted_or_declined() -> None:
    lead = assigned()
    lead.visited("rep-a", LATER)
    with pytest.raises(FailedPrecondition, match="不能接单"):
        lead.accept("rep-a", LATER)
    with pytest.raises(FailedPrecondition, match="不能拒单"):
        lead.decline("rep-a", "太远", LATER)


def test_decline_puts_the_lead_back_and_never_offers_it_to_that_rep_again() -> None:
    lead = assigned()
    held = lead.decline("rep-a", "太远", LATER)
    assert (held.rep_id, held.held_visit_task, held.assigned_at, held.responded_at) == (
        "rep-a", True, NOW, LATER,
    )  # fmt: skip
    assert held.sla_due_at == NOW + SLA
    assert (lead.status, lead.assigned_rep_id, lead.assigned_at, lead.sla_due_at) == (
        LeadStatus.WAITING, "", None, None,
    )  # fmt: skip
    assert lead.declined_by == ["rep-a"] and lead.responded_at == LATER
    assert lead.history[-1].text == "业务员拒单:太远"
    lead.wait(decision(), LATER)  # and waits anew, with its line
    assert kinds(lead) == ["created", "assigned", "declined", "waiting"]


def test_decline_by_another_rep_changes_nothing() -> None:
    lead = assigned()
    with pytest.raises(FailedPrecondition):
        lead.decline("rep-b", "太远", LATER)
    assert lead.status == LeadStatus.ASSIGNED and lead.declined_by == []


def test_breach_only_after_the_sla() -> None:
    lead = assigned()
    assert not lead.sla_lapsed(NOW + SLA - timedelta(seconds=1))
    with pytest.raises(FailedPrecondition):
        lead.breach(NOW + SLA - timedelta(seconds=1), SLA)
    held = lead.breach(NOW + SLA, SLA)
    assert held.rep_id == "rep-a" and lead.status == LeadStatus.WAITING
    assert lead.declined_by == ["rep-a"] and lead.responded_at is None
    last = lead.history[-1]
    assert (last.kind, last.rep_id, last.text) == (
        "sla_breached",
        "rep-a",
        "超过 30 分钟未响应,按响应时限改派",
    )


def test_reclaim_only_a_stale_lead_a_rep_holds() -> None:
    lead = assigned()
    lead.accept("rep-a", NOW)
    stale_for = timedelta(days=15)
    assert not lead.is_stale(NOW + stale_for - timedelta(seconds=1), stale_for)
    with pytest.raises(FailedPrecondition):
        lead.reclaim(NOW + timedelta(days=3), stale_for)
    held = lead.reclaim(NOW + timedelta(days=16), stale_for)
    assert held.rep_id == "rep-a" and held.held_visit_task
    assert lead.status == LeadStatus.WAITING and lead.waiting_since is None
    assert lead.history[-1].text == "16 天未跟进,收回线索池重新分配"
    with pytest.raises(FailedPrecondition):  # it is in the pool now, not held by anyone
        lead.reclaim(NOW + timedelta(days=40), stale_for)


def test_a_visit_ends_the_visit_task_and_counts_as_follow_up() -> None:
    lead = assigned()
    assert lead.is_visit_task_of("rep-a") and not lead.is_visit_task_of("rep-b")
    assert lead.visited("rep-b", LATER) is False  # not theirs
    assert lead.visited("rep-a", LATER) is True
    assert lead.status == LeadStatus.VISITED and not lead.is_visit_task_of("rep-a")
    assert lead.visited("rep-a", LATER - SLA) is True  # an older visit arriving late
    assert lead.status == LeadStatus.VISITED and lead.last_follow_up_at == LATER
    assert kinds(lead) == ["created", "assigned", "visited", "visited"]


def test_the_wait_alert_is_once_per_wait() -> None:
    lead = make_lead()
    lead.wait(decision(), NOW)
    limit = timedelta(hours=1)
    with pytest.raises(FailedPrecondition):
        lead.note_wait_alert(NOW + timedelta(minutes=59), limit)
    lead.note_wait_alert(NOW + timedelta(minutes=61), limit)
    assert lead.waiting_alerted_at == NOW + timedelta(minutes=61)
    assert lead.history[-1].text == "已等待 61 分钟,已提醒主管"
    assert not lead.waited_too_long(NOW + timedelta(hours=5), limit)


def test_a_duplicate_is_absorbed_only_by_an_open_lead() -> None:
    lead = assigned()
    lead.absorb(make_lead(2, external_id="wx-9", channel="referral", phone=lead.phone))
    assert lead.merged_external_ids == ["wx-9"]
    assert lead.history[-1].text == "来源编号 wx-9(referral)与本线索为同一手机号,已合并"
    closed = make_lead(4, status=LeadStatus.CLOSED, store_id="S1")
    with pytest.raises(FailedPrecondition):
        closed.absorb(make_lead(5, store_id="S1"))
    same_store = make_lead(6, store_id="S1")
    same_store.absorb(make_lead(7, external_id="crm-77", store_id="S1"))
    assert "同一门店" in same_store.history[-1].text


def test_a_claimed_rep_copy_counts_the_lead() -> None:
    rep: Rep = make_rep("rep-a")
    rep.took_lead("2026-11-27", NOW)
    rep.took_lead("2026-11-27", LATER)
    assert (rep.open_leads, rep.pending_visits, rep.last_assigned_at) == (2, 2, LATER)
    assert rep.assigned_on("2026-11-27") == 2 and not rep.idle
