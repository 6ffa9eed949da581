"""Notify domain (SPEC N2, N3): Chinese templates, idempotency keys, retry backoff."""

from __future__ import annotations

import dataclasses
import random
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from services.notify.domain.model import (
    Channel,
    Contact,
    Delivery,
    DeliveryStatus,
    InvalidTransition,
    Message,
    next_retry_delay,
)
from services.notify.domain.templates import (
    LeadAssignedFacts,
    lead_assigned_for_rep,
    lead_assigned_for_supervisor,
)

FACTS = LeadAssignedFacts(
    lead_id="lead-1",
    customer_name="西湖区文三路便利店",
    customer_type="CONVENIENCE",
    region_code="330106",
    urgency="red",
    address="杭州市西湖区文三路 1 号",
    contact_name="王经理",
    phone="13800138000",
    reason="同区域同类型(便利店)、当前空闲",
    rep_name="张三",
)


def test_rep_message_carries_every_fact() -> None:
    message = lead_assigned_for_rep(FACTS)
    assert message.kind == "textcard"
    assert FACTS.customer_name in message.title
    for fact in [
        FACTS.customer_name,
        "便利店",
        "红色(紧急)",
        FACTS.region_code,
        FACTS.address,
        FACTS.contact_name,
        FACTS.phone,
        FACTS.reason,
    ]:
        assert fact in message.text, fact
    assert "接单" in message.text


@pytest.mark.parametrize(
    ("customer_type", "urgency", "type_label", "urgency_label"),
    [("KA", "yellow", "KA", "黄色"), ("BC", "blue", "BC类", "蓝色")],
)
def test_rep_message_labels(
    customer_type: str, urgency: str, type_label: str, urgency_label: str
) -> None:
    facts = dataclasses.replace(FACTS, customer_type=customer_type, urgency=urgency)
    text = lead_assigned_for_rep(facts).text
    assert f"({type_label})" in text
    assert f"紧急程度:{urgency_label}" in text
    assert "red" not in text and "yellow" not in text and "blue" not in text


def test_rep_message_says_not_filled_for_missing_address_and_contact() -> None:
    facts = dataclasses.replace(FACTS, address="", contact_name="")
    text = lead_assigned_for_rep(facts).text
    assert "地址:未填写" in text
    assert "联系人:未填写" in text
    assert FACTS.phone in text


def test_unknown_codes_fall_back_to_the_raw_value() -> None:
    facts = dataclasses.replace(FACTS, customer_type="PHARMACY", urgency="purple")
    text = lead_assigned_for_rep(facts).text
    assert "PHARMACY" in text and "purple" in text


def test_supervisor_message_names_the_rep_and_the_lead() -> None:
    message = lead_assigned_for_supervisor(FACTS)
    assert message.kind == "text"
    assert "线索分配提醒" in message.title
    for fact in [
        FACTS.rep_name,
        FACTS.customer_name,
        "红色(紧急)",
        FACTS.region_code,
        FACTS.reason,
    ]:
        assert fact in message.text, fact


# --- deliveries -----------------------------------------------------------------------------


def test_delivery_key_is_stable_and_distinct() -> None:
    key = Delivery.key("evt-1", "rep-1", Channel.WECOM)
    # Persisted as the idempotency key: its format must not drift between releases.
    assert key == "evt-1:rep-1:wecom"
    assert key == Delivery.key("evt-1", "rep-1", Channel.WECOM)
    others = {
        Delivery.key("evt-2", "rep-1", Channel.WECOM),
        Delivery.key("evt-1", "rep-2", Channel.WECOM),
        Delivery.key("evt-1", "rep-1", Channel.DINGTALK),
    }
    assert key not in others and len(others) == 3


def test_contact_address_per_channel() -> None:
    contact = Contact(
        tenant_id="t", person_id="p", name="张三", wecom_userid="zhangsan", dingtalk_userid="ding-9"
    )
    assert contact.address(Channel.WECOM) == "zhangsan"
    assert contact.address(Channel.DINGTALK) == "ding-9"
    assert Contact(tenant_id="t", person_id="p", name="李四").address(Channel.DINGTALK) == ""


def _ceiling(attempts: int) -> float:
    return min(300.0, 2.0 ** max(0, attempts - 1))


@pytest.mark.parametrize(
    ("attempts", "ceiling"),
    [(0, 1), (1, 1), (2, 2), (3, 4), (4, 8), (8, 128), (9, 256), (10, 300), (40, 300)],
)
def test_retry_delay_within_jittered_ceiling(attempts: int, ceiling: float) -> None:
    rng = random.Random(attempts)
    for _ in range(50):
        delay = next_retry_delay(attempts, rng).total_seconds()
        assert ceiling / 2 <= delay <= ceiling


@settings(max_examples=60, deadline=None)
@given(attempts=st.integers(0, 60), seed=st.integers(0, 2**32))
def test_retry_delay_property(attempts: int, seed: int) -> None:
    delay = next_retry_delay(attempts, random.Random(seed))
    assert isinstance(delay, timedelta)
    ceiling = _ceiling(attempts)
    assert ceiling / 2 <= delay.total_seconds() <= ceiling <= 300
    # Seeded: reproducible.
    assert delay == next_retry_delay(attempts, random.Random(seed))


def test_retry_delay_grows_roughly_exponentially() -> None:
    rng = random.Random(7)
    means = [
        sum(next_retry_delay(a, rng).total_seconds() for _ in range(200)) / 200
        for a in range(1, 10)  # ceilings 1 s .. 256 s, below the 5-minute cap
    ]
    for before, after in zip(means, means[1:], strict=False):
        assert 1.6 < after / before < 2.5
    # Jitter: not every delay is the same.
    assert len({next_retry_delay(5, rng) for _ in range(20)}) > 1


# --- a delivery's state changes -------------------------------------------------------------

NOW = datetime(2026, 11, 27, 2, 0, tzinfo=UTC)
HOLD = NOW + timedelta(seconds=30)


def _pending() -> Delivery:
    return Delivery.planned(
        event_id="e1", event_type="lead.assigned", tenant_id="t", recipient_id="rep-1",
        role="rep", channel=Channel.WECOM, message=Message("text", "t", "x"), address="wx-1",
        now=NOW,
    )  # fmt: skip


def test_a_claim_counts_an_attempt_and_holds_it() -> None:
    d = _pending()
    assert d.delivery_id == "e1:rep-1:wecom" and d.claimable(NOW)
    d.claim(NOW, HOLD)
    assert d.attempts == 1 and not d.claimable(NOW + timedelta(seconds=1))
    assert d.claimable(HOLD + timedelta(seconds=1))  # the holder died: another may take it
    later = _pending()
    later.next_attempt_at = NOW + timedelta(seconds=5)
    assert not later.claimable(NOW)
    with pytest.raises(InvalidTransition):
        later.claim(NOW, HOLD)


def test_a_deferral_gives_the_attempt_back_a_retry_does_not() -> None:
    d = _pending()
    d.claim(NOW, HOLD)
    d.defer("频率限制", NOW + timedelta(seconds=42))
    assert (d.attempts, d.deferred, d.deferrals, d.status) == (0, True, 1, DeliveryStatus.PENDING)
    d.claim(NOW + timedelta(seconds=42), HOLD + timedelta(seconds=42))
    status = d.failed_transiently("HTTP 503", NOW, max_attempts=3, rng=random.Random(1))
    assert status == DeliveryStatus.PENDING and d.attempts == 1 and not d.deferred
    assert NOW + timedelta(seconds=0.5) <= d.next_attempt_at <= NOW + timedelta(seconds=1)


def test_the_last_transient_failure_dead_letters_and_a_replay_starts_over() -> None:
    d = _pending()
    for _ in range(3):
        d.claim(d.next_attempt_at, d.next_attempt_at + timedelta(seconds=30))
        d.claimed_until = None  # each attempt saved, its claim released
        d.failed_transiently("HTTP 503", NOW, max_attempts=3)
    assert d.status == DeliveryStatus.DEAD_LETTERED and d.dead_lettered_at == NOW
    assert d.error == "重试 3 次后仍失败,已转入死信队列:HTTP 503"
    with pytest.raises(InvalidTransition):
        d.sent("m1", NOW)
    d.replay("admin-1", NOW + timedelta(minutes=5))
    assert (d.status, d.attempts, d.replays, d.replayed_by) == (
        DeliveryStatus.PENDING, 0, 1, "admin-1")  # fmt: skip
    assert d.next_attempt_at == NOW + timedelta(minutes=5)
    with pytest.raises(InvalidTransition):
        d.replay("admin-2", NOW)  # only a dead letter is replayed


def test_sent_and_failed_are_final() -> None:
    sent, failed = _pending(), _pending()
    sent.claim(NOW, HOLD)
    sent.sent("m1", NOW)
    assert (sent.status, sent.provider_message_id, sent.sent_at) == (DeliveryStatus.SENT, "m1", NOW)
    failed.claim(NOW, HOLD)
    failed.failed("40031 unknown user", NOW)
    for d in (sent, failed):
        with pytest.raises(InvalidTransition):
            d.failed("again", NOW)
        with pytest.raises(InvalidTransition):
            d.defer("频率限制", NOW)
    with pytest.raises(InvalidTransition):
        failed.revive("wx-1", NOW)  # a provider's refusal is not waiting for the directory


def test_only_a_delivery_awaiting_its_contact_is_revived() -> None:
    d = _pending()
    d.address = ""
    d.await_contact("收件人 rep-1 不在通讯录中", NOW)
    assert (d.status, d.awaits_contact, d.failed_at) == (DeliveryStatus.FAILED, True, NOW)
    with pytest.raises(InvalidTransition):
        d.revive("", NOW)  # still no address
    d.revive("wx-new", NOW + timedelta(minutes=1))
    assert (d.status, d.address, d.error, d.awaits_contact, d.failed_at) == (
        DeliveryStatus.PENDING, "wx-new", "", False, None)  # fmt: skip
    assert d.claimable(NOW + timedelta(minutes=1))
    with pytest.raises(InvalidTransition):
        d.revive("wx-new", NOW)  # once
    claimed = _pending()
    claimed.claim(NOW, HOLD)
    with pytest.raises(InvalidTransition):
        claimed.await_contact("too late", NOW)  # only before its first attempt
