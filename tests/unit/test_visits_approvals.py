"""SPEC V4 on the in-memory fakes: a flagged card opens an approval routed to finance of the
store's region; the green channel (credit >= 85, or no score yet) approves within the
tenant's limit at once and moves other requests up the queue; below 85 every request takes
the full review; review then decide, rejections need a reason, each step is audited and
emitted; deciding twice the same way is harmless, the other way FAILED_PRECONDITION."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from sales.events.v1 import approval_events_pb2
from services.common import events
from services.common.errors import FailedPrecondition, InvalidArgument, NotFound, PermissionDenied
from services.visits.application import approvals
from services.visits.application.approvals import FinanceActor
from services.visits.domain.approvals import (
    ApprovalStatus,
    AuditAction,
    CreditStanding,
    DiscountLimit,
    Lane,
    covers,
    lane_for,
)
from services.visits.domain.lines import PriceLine
from services.visits.domain.people import Person
from services.visits.domain.stores import Store
from services.visits.entrypoints import approvals_mapping as am
from tests.fakes.visits import FakeCard, fake_uow

NOW = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)
TENANT = "t1"
SMALL = [PriceLine("A", 1000, 950, 10)]  # 5 % off, 500 fen in all
LARGE = [PriceLine("A", 1000, 700, 10)]  # 30 % off
FINANCE_ZJ = FinanceActor("fin-zj", ("330000",))


def world():
    uow = fake_uow()
    people = uow.repo.people
    people.upsert(Person(TENANT, "sup-1", "王主管", frozenset({"supervisor"})))
    people.upsert(Person(TENANT, "rep-1", "李业务", frozenset({"rep"}), supervisor_id="sup-1"))
    people.upsert(
        Person(TENANT, "fin-zj", "浙江财务", frozenset({"finance"}), region_codes=("330000",))
    )
    people.upsert(
        Person(TENANT, "fin-hz", "杭州财务", frozenset({"finance"}), region_codes=("330100",))
    )
    people.upsert(
        Person(TENANT, "fin-nb", "宁波财务", frozenset({"finance"}), region_codes=("330200",))
    )
    return uow


def store(region: str = "330106") -> Store:
    return Store(TENANT, "s1", "ext-1", "好又多便利店", "杭州市西湖区", None, region, "CONVENIENCE",
                 "rep-1", 0, "", NOW)  # fmt: skip


def card(visit_id: str = "v1", lines=SMALL, flagged: bool = True, rep: str = "rep-1") -> FakeCard:
    return FakeCard(TENANT, visit_id, rep, "s1", "好又多便利店", "330106", NOW,
                    special_price_requested=flagged, price_lines=list(lines))  # fmt: skip


def open_card(uow, c: FakeCard, s: Store | None = None, at: datetime = NOW) -> str | None:
    return uow.run(lambda tx: approvals.open_for_card(tx, c, s or store(), at))


def credit(uow, score: float, rep: str = "rep-1", at: datetime = NOW) -> None:
    standing = CreditStanding(TENANT, rep, score, "2026-12", at)
    approvals.record_credit(uow, f"ev-{rep}-{score}-{at.isoformat()}", standing)


def payload(uow, event_type: str):
    envelope = next(e for e in reversed(uow.published) if e.type == event_type)
    return events.payload(envelope)


def test_a_card_without_special_price_opens_nothing():
    uow = world()
    assert open_card(uow, card(flagged=False)) is None
    assert open_card(uow, card(lines=[])) is None
    assert uow.published == []


def test_no_score_yet_counts_as_green_and_a_request_within_the_limit_is_approved_at_once():
    uow = world()
    approval_id = open_card(uow, card())
    approval = approvals.get_approval(uow, TENANT, approval_id)
    assert approval.status is ApprovalStatus.APPROVED and approval.auto_approved
    assert approval.decided_by == "green_channel"
    assert [e.action for e in approval.audit] == [AuditAction.REQUESTED, AuditAction.AUTO_APPROVED]
    decided = payload(uow, "approval.decided")
    assert isinstance(decided, approval_events_pb2.ApprovalDecided)
    assert decided.auto_approved and decided.decided_by == "green_channel"
    assert decided.decision == "approved" and decided.supervisor_id == "sup-1"
    assert "approval.pending" not in uow.published_types()


def test_over_the_limit_with_green_credit_skips_the_queue():
    uow = world()
    old = open_card(uow, card("v-old", LARGE), at=NOW - timedelta(hours=1))
    credit(uow, 80.0)  # the old request took the fast lane; this rep is below 85 now
    slow = open_card(uow, card("v-slow", LARGE), at=NOW - timedelta(minutes=30))
    credit(uow, 90.0, at=NOW + timedelta(seconds=1))
    fast = open_card(uow, card("v-fast", LARGE))
    queue, _ = approvals.approval_queue(uow, TENANT, ["330000"], 10, "")
    assert [a.approval_id for a in queue] == [old, fast, slow]
    assert [a.fast_lane for a in queue] == [True, True, False]
    pending = payload(uow, "approval.pending")
    assert pending.fast_lane and pending.stage == "first_review"
    assert sorted(pending.finance_ids) == ["fin-hz", "fin-zj"]  # not Ningbo's


def test_below_85_the_green_channel_is_suspended_even_within_the_limit():
    uow = world()
    credit(uow, 84.5)
    approval = approvals.get_approval(uow, TENANT, open_card(uow, card()))
    assert approval.status is ApprovalStatus.AWAITING_REVIEW
    assert not approval.auto_approved and not approval.fast_lane
    assert uow.published_types()[-1] == "approval.pending"


def test_an_older_credit_event_never_overwrites_a_newer_one():
    uow = world()
    credit(uow, 90.0, at=NOW)
    credit(uow, 70.0, at=NOW - timedelta(days=1))  # arrives late
    assert uow.repo.credit.get(TENANT, "rep-1").score == 90.0


def test_finance_reviews_then_approves_and_the_rep_sees_it():
    uow = world()
    credit(uow, 80.0)
    approval_id = open_card(uow, card())
    approvals.review(uow, TENANT, approval_id, FINANCE_ZJ, "价格合理", NOW)
    approvals.decide(uow, TENANT, approval_id, FINANCE_ZJ, True, "同意", NOW + timedelta(minutes=5))
    mine, _ = approvals.rep_approvals(uow, TENANT, "rep-1", 10, "")
    assert [(a.approval_id, a.status) for a in mine] == [(approval_id, ApprovalStatus.APPROVED)]
    audit = [(e.actor_id, e.action, e.comment) for e in mine[0].audit]
    assert audit == [("rep-1", AuditAction.REQUESTED, ""),
                     ("fin-zj", AuditAction.REVIEWED, "价格合理"),
                     ("fin-zj", AuditAction.APPROVED, "同意")]  # fmt: skip
    assert uow.published_types()[-2:] == ["approval.reviewed", "approval.decided"]
    assert approvals.approval_queue(uow, TENANT, ["330000"], 10, "")[0] == []


def test_decisions_are_idempotent_and_cannot_be_reversed():
    uow = world()
    credit(uow, 80.0)
    approval_id = open_card(uow, card())
    with pytest.raises(FailedPrecondition):  # review first
        approvals.decide(uow, TENANT, approval_id, FINANCE_ZJ, True, "", NOW)
    approvals.review(uow, TENANT, approval_id, FINANCE_ZJ, "", NOW)
    approvals.review(uow, TENANT, approval_id, FINANCE_ZJ, "", NOW)  # a replay: harmless
    approvals.decide(uow, TENANT, approval_id, FINANCE_ZJ, False, "低于底价", NOW)
    emitted = len(uow.published)
    approvals.decide(uow, TENANT, approval_id, FINANCE_ZJ, False, "低于底价", NOW)
    assert len(uow.published) == emitted  # nothing new happened
    with pytest.raises(FailedPrecondition):
        approvals.decide(uow, TENANT, approval_id, FINANCE_ZJ, True, "", NOW)
    with pytest.raises(FailedPrecondition):
        approvals.review(uow, TENANT, approval_id, FINANCE_ZJ, "", NOW)
    assert approvals.get_approval(uow, TENANT, approval_id).status is ApprovalStatus.REJECTED


def test_a_rejection_needs_a_reason_and_finance_acts_only_in_their_regions():
    uow = world()
    credit(uow, 80.0)
    approval_id = open_card(uow, card())
    approvals.review(uow, TENANT, approval_id, FINANCE_ZJ, "", NOW)
    with pytest.raises(InvalidArgument) as raised:
        approvals.decide(uow, TENANT, approval_id, FINANCE_ZJ, False, "  ", NOW)
    assert [v.field for v in raised.value.violations] == ["comment"]
    ningbo = FinanceActor("fin-nb", ("330200",))
    with pytest.raises(PermissionDenied):
        approvals.decide(uow, TENANT, approval_id, ningbo, True, "", NOW)
    with pytest.raises(NotFound):
        approvals.review(uow, "other-tenant", approval_id, FINANCE_ZJ, "", NOW)
    assert approvals.approval_queue(uow, TENANT, ["330200"], 10, "")[0] == []


def test_the_queue_pages_through_in_order():
    uow = world()
    credit(uow, 80.0)
    ids = [open_card(uow, card(f"v{i}"), at=NOW + timedelta(minutes=i)) for i in range(5)]
    first, token = approvals.approval_queue(uow, TENANT, ["330100"], 2, "")
    second, token2 = approvals.approval_queue(uow, TENANT, ["330100"], 2, token)
    third, end = approvals.approval_queue(uow, TENANT, ["330100"], 2, token2)
    assert [a.approval_id for a in first + second + third] == ids and end == ""


@pytest.mark.parametrize(
    "lines, allowed",
    [
        ([PriceLine("A", 1000, 900, 50)], True),  # exactly 10 %, 5,000 fen
        ([PriceLine("A", 1000, 899, 1)], False),  # just over 10 %
        ([PriceLine("A", 1000, 900, 600)], False),  # 10 % but 60,000 fen in all
        ([PriceLine("A", 1000, 1000, 1)], True),  # no discount at all
    ],
)
def test_the_discount_limit(lines, allowed):
    assert DiscountLimit(max_percent=10, max_fen=50_000).allows(lines) is allowed


def test_lanes_and_region_coverage():
    green, red = (CreditStanding(TENANT, "r", s, "2026-12", NOW) for s in (85.0, 84.99))
    assert lane_for(green, DiscountLimit(), SMALL) is Lane.AUTO_APPROVE
    assert lane_for(None, DiscountLimit(), LARGE) is Lane.FAST
    assert lane_for(red, DiscountLimit(), SMALL) is Lane.FULL_REVIEW
    assert covers(["330000"], "330106") and covers(["330100"], "330106")
    assert not covers(["330200"], "330106") and not covers(["310000"], "330106")


def test_a_page_of_the_queue_names_its_reps_in_one_directory_read():
    """Finance's page shows the rep's name on every row: one batched read of visits'
    directory for the page (ids de-duplicated), not one per row; a rep the directory does
    not know keeps an empty name (the page then shows the id)."""
    uow = world()
    uow.repo.people.upsert(Person(TENANT, "rep-2", "赵业务", frozenset({"rep"})))
    credit(uow, 80.0)
    credit(uow, 80.0, rep="rep-2")
    credit(uow, 80.0, rep="rep-gone")
    reps = ["rep-1", "rep-2", "rep-1", "rep-gone", "rep-2"]
    for i, rep in enumerate(reps):
        open_card(uow, card(f"v{i}", rep=rep), at=NOW + timedelta(minutes=i))
    queue, token = approvals.approval_queue(uow, TENANT, ["330100"], 10, "")
    uow.repo.people.name_reads.clear()
    names = approvals.rep_names(uow, TENANT, queue)
    assert uow.repo.people.name_reads == [["rep-1", "rep-2", "rep-gone"]]
    shown = am.approvals_to_pb(queue, token, names).approvals
    assert [(a.rep_id, a.rep_name) for a in shown] == [
        ("rep-1", "李业务"), ("rep-2", "赵业务"), ("rep-1", "李业务"), ("rep-gone", ""),
        ("rep-2", "赵业务")]  # fmt: skip
    assert approvals.rep_names(uow, TENANT, []) == {}  # an empty page reads nothing
    assert len(uow.repo.people.name_reads) == 1
