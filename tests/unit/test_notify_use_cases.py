"""notify's use cases against the shared in-memory fakes (tests/fakes/notify.py): an event
becomes its deliveries (who, which channel, which words, and a clear failure where someone
cannot be reached), the directory revives what waited for a person, dead letters are
replayed, the log pages, routes are overridden."""

from __future__ import annotations

from datetime import timedelta

import pytest

from sales.events.v1 import (
    approval_events_pb2,
    lead_events_pb2,
    store_events_pb2,
    visit_events_pb2,
)
from services.common import envelope as envelopes
from services.common import events
from services.common.errors import InvalidArgument
from services.notify.application import delivery_log, routes
from services.notify.application.deliveries import (
    plan_notice,
    record_contact,
    record_malformed,
)
from services.notify.domain.model import Channel, Contact, DeliveryStatus
from services.notify.domain.notices import Notice
from services.notify.domain.routing import Route
from services.notify.entrypoints.event_notices import notice_from_event
from tests.fakes.notify import NOW, FakeNotifyRepository, delivery, fake_uow

T = "t1"
REP = Contact(T, "rep-1", "李业务", supervisor_id="sup-1", wecom_userid="wx-rep",
              dingtalk_userid="dd-rep", roles=("rep",))  # fmt: skip
SUPERVISOR = Contact(T, "sup-1", "王主管", wecom_userid="wx-sup", dingtalk_userid="dd-sup",
                     roles=("supervisor",))  # fmt: skip
DIRECTOR = Contact(T, "dir-1", "周总监", dingtalk_userid="dd-dir", roles=("director",))
FIN_ZJ = Contact(T, "fin-zj", "浙江财务", roles=("finance",), region_codes=("330000",),
                 dingtalk_userid="dd-zj")  # fmt: skip
FIN_GD = Contact(T, "fin-gd", "广东财务", roles=("finance",), region_codes=("440000",),
                 dingtalk_userid="dd-gd")  # fmt: skip


def event(event_type: str, payload, tenant_id: str = T) -> Notice:
    envelope = envelopes.new_envelope(event_type, payload, tenant_id=tenant_id, producer="test")
    return notice_from_event(envelope, events.payload(envelope))


def lead(rep_id: str = "rep-1", **fields) -> lead_events_pb2.LeadAssigned:
    return lead_events_pb2.LeadAssigned(
        lead_id="lead-1", rep_id=rep_id, customer_name="世纪联华", region_code="330106",
        reason="默认规则", **fields,
    )  # fmt: skip


def world(*people: Contact):
    repo = FakeNotifyRepository()
    for person in people:
        repo.upsert_contact(person)
    return repo, fake_uow(repo)


def log_of(repo: FakeNotifyRepository, notice: Notice) -> dict[str, object]:
    """recipient -> delivery, for one event"""
    return {
        d.recipient_id: d for d in repo.deliveries.values() if d.source_event_id == notice.event_id
    }


# --- planning -----------------------------------------------------------------------------------


def test_a_lead_reaches_the_rep_and_the_rep_s_supervisor_by_wecom() -> None:
    repo, uow = world(REP, SUPERVISOR)
    notice = event("lead.assigned", lead())
    ready = plan_notice(uow, notice, NOW)
    sent = log_of(repo, notice)
    assert sorted(ready) == sorted(d.delivery_id for d in sent.values())
    assert set(sent) == {"rep-1", "sup-1"}  # the supervisor from the rep's directory entry
    rep, supervisor = sent["rep-1"], sent["sup-1"]
    assert (rep.channel, rep.address, rep.message.kind) == (Channel.WECOM, "wx-rep", "textcard")
    assert (
        supervisor.address == "wx-sup"
        and "李业务 收到新线索「世纪联华」" in supervisor.message.text
    )
    assert all(
        d.status == DeliveryStatus.PENDING and d.next_attempt_at == NOW for d in sent.values()
    )


def test_an_event_whose_every_recipient_is_unknown_is_handled_and_a_redelivery_is_not() -> None:
    repo, uow = world()
    notice = event("lead.assigned", lead("ghost"))
    assert plan_notice(uow, notice, NOW) == []  # handled: nothing to send, not "already seen"
    (failed,) = log_of(repo, notice).values()
    assert failed.status == DeliveryStatus.FAILED and failed.awaits_contact
    assert failed.error == "收件人 ghost 不在通讯录中"
    assert plan_notice(uow, notice, NOW) is None  # the same event again: a duplicate
    assert len(repo.deliveries) == 1


def test_a_person_without_the_channel_s_id_is_a_clear_failure() -> None:
    repo, uow = world(Contact(T, "rep-1", "李业务", dingtalk_userid="dd-1", roles=("rep",)))
    notice = event("lead.assigned", lead())
    assert plan_notice(uow, notice, NOW) == []
    assert log_of(repo, notice)["rep-1"].error == "收件人 rep-1(李业务)未绑定企业微信账号"


def test_nobody_to_receive_it_says_whom_it_looked_for() -> None:
    repo, uow = world(FIN_ZJ)
    notice = event("approval.pending", approval_events_pb2.ApprovalPending(
        approval_id="ap-1", rep_id="rep-1", region_code="440300", summary="特价"))  # fmt: skip
    assert plan_notice(uow, notice, NOW) == []
    (failed,) = log_of(repo, notice).values()
    assert failed.recipient_id == "unknown" and failed.channel == Channel.DINGTALK
    assert failed.error == "找不到可接收此通知的财务(区域 440300)"


def test_finance_covering_the_region_sees_the_lines_in_yuan() -> None:
    repo, uow = world(REP, FIN_ZJ, FIN_GD)
    line = visit_events_pb2.PriceLine(sku="690123", list_price_fen=1250, requested_price_fen=1100,
                                      quantity=200)  # fmt: skip
    notice = event("approval.pending", approval_events_pb2.ApprovalPending(
        approval_id="ap-1", rep_id="rep-1", store_name="世纪联华", region_code="330106",
        summary="整箱特价", lines=[line], stage="first_review"))  # fmt: skip
    plan_notice(uow, notice, NOW)
    (finance,) = log_of(repo, notice).values()
    assert (finance.recipient_id, finance.address) == ("fin-zj", "dd-zj")
    assert "原价 12.50 元 → 申请价 11.00 元,数量 200,让利 300.00 元" in finance.message.text
    assert "申请人:李业务" in finance.message.text and "审批环节:初审" in finance.message.text


def test_finance_named_by_the_approval_receive_it_even_before_the_directory_has_them() -> None:
    repo, uow = world(REP, FIN_GD, FIN_ZJ)
    notice = event("approval.pending", approval_events_pb2.ApprovalPending(
        approval_id="ap-2", rep_id="rep-1", region_code="330106", summary="特价",
        finance_ids=["fin-gd", "fin-new"]))  # fmt: skip
    ready = plan_notice(uow, notice, NOW)
    sent = log_of(repo, notice)
    assert set(sent) == {"fin-gd", "fin-new"}  # as visits routed it, not by the directory
    assert ready == [sent["fin-gd"].delivery_id]
    assert sent["fin-new"].awaits_contact and "不在通讯录中" in sent["fin-new"].error


def overdue(step: int, director_id: str = "") -> visit_events_pb2.CommitmentOverdue:
    return visit_events_pb2.CommitmentOverdue(
        commitment_id="c-1", rep_id="rep-1", supervisor_id="sup-1", store_name="好又多",
        description="补齐端架陈列", due_date="2026-11-20", days_overdue=step, reminder_count=step,
        director_id=director_id,
    )  # fmt: skip


def test_an_overdue_commitment_escalates_and_copies_the_director_when_named() -> None:
    repo, uow = world(REP, SUPERVISOR, DIRECTOR)
    first = event("commitment.overdue", overdue(1))
    plan_notice(uow, first, NOW)
    sent = log_of(repo, first)
    assert set(sent) == {"rep-1", "sup-1"}
    assert all(d.channel == Channel.DINGTALK and d.message.kind == "text" for d in sent.values())
    third = event("commitment.overdue", overdue(3, director_id="dir-1"))
    plan_notice(uow, third, NOW)
    sent = log_of(repo, third)
    assert {(r, d.recipient_role) for r, d in sent.items()} == {
        ("rep-1", "rep"), ("sup-1", "supervisor"), ("dir-1", "director")}  # fmt: skip
    assert sent["dir-1"].address == "dd-dir"
    assert sent["dir-1"].message.title == "承诺逾期 · 第3次提醒(抄送总监)"
    assert sent["rep-1"].message.title == "承诺逾期 · 第3次提醒"


def test_a_tenant_can_leave_the_director_out() -> None:
    repo, uow = world(REP, SUPERVISOR, DIRECTOR)
    repo.save_route(Route("commitment.overdue", ("rep", "supervisor"), "dingtalk", tenant_id=T),
                    NOW)  # fmt: skip
    notice = event("commitment.overdue", overdue(3, director_id="dir-1"))
    plan_notice(uow, notice, NOW)
    assert set(log_of(repo, notice)) == {"rep-1", "sup-1"}


def test_the_rep_hears_the_approval_decision_by_dingtalk() -> None:
    repo, uow = world(REP, Contact(T, "fin-1", "钱财务", roles=("finance",)))
    notice = event("approval.decided", approval_events_pb2.ApprovalDecided(
        approval_id="ap-1", rep_id="rep-1", store_name="世纪联华", decision="approved",
        decided_by="fin-1", comment="同意"))  # fmt: skip
    plan_notice(uow, notice, NOW)
    (rep,) = log_of(repo, notice).values()
    assert (rep.recipient_id, rep.channel, rep.address) == ("rep-1", Channel.DINGTALK, "dd-rep")
    assert rep.message.title == "特价审批已通过" and "审批人:钱财务" in rep.message.text


def test_a_new_store_without_its_first_visit_reaches_rep_and_supervisor() -> None:
    repo, uow = world(REP, SUPERVISOR)
    notice = event("store.first_visit_overdue", store_events_pb2.StoreFirstVisitOverdue(
        store_id="s-1", store_name="美宜佳", owner_rep_id="rep-1", supervisor_id="sup-1",
        region_code="330106", days_waiting=4, limit_days=3))  # fmt: skip
    plan_notice(uow, notice, NOW)
    sent = log_of(repo, notice)
    assert {(r, d.channel) for r, d in sent.items()} == {
        ("rep-1", Channel.DINGTALK), ("sup-1", Channel.DINGTALK)}  # fmt: skip
    assert "新门店「美宜佳」登记 4 天仍未首次拜访" in sent["rep-1"].message.text
    assert "李业务 负责的新门店" in sent["sup-1"].message.text


def test_a_muted_route_posts_to_its_robot_only() -> None:
    repo, uow = world(REP, SUPERVISOR)
    repo.save_route(Route("lead.assigned", ("rep",), "wecom", tenant_id=T, muted=True,
                          dingtalk_robot_access_token="tok", dingtalk_robot_secret="SEC"),
                    NOW)  # fmt: skip
    notice = event("lead.assigned", lead())
    ready = plan_notice(uow, notice, NOW)
    (robot,) = log_of(repo, notice).values()
    assert ready == [robot.delivery_id] and robot.recipient_id.startswith("robot:dingtalk:")
    assert "tok" not in robot.recipient_id and robot.robot_secret == "SEC"
    assert robot.message.kind == "text" and "线索分配提醒" in robot.message.title


def test_the_preferred_channel_follows_the_person() -> None:
    repo, uow = world(Contact(T, "rep-1", "李业务", dingtalk_userid="dd-1",
                              preferred_channel=Channel.DINGTALK, roles=("rep",)))  # fmt: skip
    repo.save_route(Route("lead.assigned", ("rep",), "preferred", tenant_id=T), NOW)
    notice = event("lead.assigned", lead())
    plan_notice(uow, notice, NOW)
    assert log_of(repo, notice)["rep-1"].channel == Channel.DINGTALK


def test_a_malformed_event_is_one_failure_to_unknown_once() -> None:
    repo, uow = world()
    assert record_malformed(uow, "e-1", "commitment.overdue", T, "事件缺少必填字段:rep_id", NOW)
    (failed,) = repo.deliveries.values()
    assert (failed.recipient_id, failed.channel, failed.status) == (
        "unknown", Channel.DINGTALK, DeliveryStatus.FAILED)  # fmt: skip
    assert record_malformed(uow, "e-1", "commitment.overdue", T, "again", NOW) is None
    assert len(repo.deliveries) == 1


# --- the directory ------------------------------------------------------------------------------


def test_a_person_who_arrives_soon_after_gets_what_waited_for_them_once() -> None:
    repo, uow = world()
    old = event("lead.assigned", lead("newcomer"))
    plan_notice(fake_uow(repo, NOW - timedelta(minutes=20)), old, NOW - timedelta(minutes=20))
    recent = event("lead.assigned", lead("newcomer"))
    plan_notice(uow, recent, NOW - timedelta(minutes=5))
    newcomer = Contact(T, "newcomer", "新业务员", wecom_userid="wx-new", roles=("rep",))
    recorded = record_contact(uow, newcomer, "org-1", NOW)
    assert len(recorded) == 1
    revived = repo.get_delivery(recorded[0])
    assert revived.source_event_id == recent.event_id  # the older failure stays a failure
    assert (revived.status, revived.address, revived.error, revived.attempts) == (
        DeliveryStatus.PENDING, "wx-new", "", 0)  # fmt: skip
    assert log_of(repo, old)["newcomer"].status == DeliveryStatus.FAILED
    assert record_contact(uow, newcomer, "org-2", NOW) == []  # nothing left to send
    assert repo.contact(T, "newcomer") == newcomer


def test_an_inactive_person_revives_nothing() -> None:
    repo, uow = world()
    plan_notice(uow, event("lead.assigned", lead("gone")), NOW)
    gone = Contact(T, "gone", "离职", wecom_userid="wx-gone", roles=("rep",), active=False)
    assert record_contact(uow, gone, "org-1", NOW) == []


# --- dead letters and the log -------------------------------------------------------------------


def dead(delivery_id: str, tenant_id: str = T):
    return delivery(delivery_id, tenant_id=tenant_id, status=DeliveryStatus.DEAD_LETTERED,
                    attempts=12, error="重试 12 次后仍失败")  # fmt: skip


def test_replaying_dead_letters_by_id_and_all_keeps_who_and_when() -> None:
    repo, uow = world()
    for d in (
        dead("d1"),
        dead("d2"),
        dead("d3"),
        dead("other", "t2"),
        delivery("live", tenant_id=T),
    ):
        repo.add_delivery(d)
    replayed = delivery_log.replay_dead_letters(uow, T, ["d1", "live", "other", "nope", "d1"],
                                                False, "admin-1", NOW)  # fmt: skip
    assert replayed == ["d1"]
    d1 = repo.get_delivery("d1")
    assert (d1.status, d1.attempts, d1.next_attempt_at) == (DeliveryStatus.PENDING, 0, NOW)
    assert (d1.replays, d1.replayed_by, d1.replayed_at) == (1, "admin-1", NOW)
    assert sorted(delivery_log.replay_dead_letters(uow, T, [], True, "admin-2", NOW)) == [
        "d2",
        "d3",
    ]
    assert delivery_log.replay_dead_letters(uow, T, [], True, "admin-2", NOW) == []
    assert repo.get_delivery("other").is_dead_lettered  # another tenant's stays
    assert [(a["actor_id"], a["replayed"]) for a in repo.audit][:1] == [("admin-1", ["d1"])]
    assert len(repo.audit) == 3


def test_a_replay_request_names_every_bad_field() -> None:
    _, uow = world()
    with pytest.raises(InvalidArgument) as caught:
        delivery_log.replay_dead_letters(uow, "", ["x"] * 501, True, "", NOW)
    assert {v.field for v in caught.value.violations} == {"tenant_id", "actor_id", "all",
                                                          "delivery_ids"}  # fmt: skip


def test_the_log_pages_newest_first_with_filters() -> None:
    repo, uow = world()
    for i in range(5):
        repo.add_delivery(delivery(f"d{i}", tenant_id=T, recipient_id="p" if i % 2 else "q"))
    repo.add_delivery(delivery("d9", tenant_id="t2"))
    first, token = delivery_log.list_deliveries(uow, T, "", "", 2, "")
    assert [d.delivery_id for d in first] == ["d4", "d3"] and token
    rest, token = delivery_log.list_deliveries(uow, T, "", "", 2, token)
    assert [d.delivery_id for d in rest] == ["d2", "d1"]
    last, token = delivery_log.list_deliveries(uow, T, "", "", 2, token)
    assert [d.delivery_id for d in last] == ["d0"] and token == ""
    only_p, _ = delivery_log.list_deliveries(uow, T, "p", "", 50, "")
    assert [d.delivery_id for d in only_p] == ["d3", "d1"]
    with pytest.raises(InvalidArgument):
        delivery_log.list_deliveries(uow, "", "", "", 2, "")


def test_routes_are_validated_versioned_and_listed_over_the_defaults() -> None:
    _, uow = world()
    route = Route("commitment.overdue", ("rep", "director"), "preferred", tenant_id=T)
    assert routes.upsert_route(uow, route, NOW).version == 1
    assert routes.upsert_route(uow, route, NOW).version == 2
    with pytest.raises(InvalidArgument):
        routes.upsert_route(uow, Route("visit.rated", ("rep",), "wecom", tenant_id=T), NOW)
    listed = {r.event_type: r for r in routes.list_routes(uow, T)}
    assert listed["commitment.overdue"].roles == ("rep", "director")
    assert not listed["commitment.overdue"].is_default and listed["approval.decided"].is_default
    assert len(listed) == 9
