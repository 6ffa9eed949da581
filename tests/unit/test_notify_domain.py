"""Notify domain (SPEC N2, N3): Chinese templates, idempotency keys, retry backoff."""

from __future__ import annotations

import dataclasses
import random
from datetime import timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from services.notify.domain.model import (
    Channel,
    Contact,
    Delivery,
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
