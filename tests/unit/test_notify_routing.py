"""Routing defaults and validation, finance by region, the DingTalk robot signature, rate-limit
keys, and the send loop's decisions (rate-limit queueing, retries, dead letters, recovery)
against in-memory fakes."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import hmac
from datetime import timedelta
from urllib.parse import parse_qs

import pytest

from services.common.errors import InvalidArgument
from services.common.proto_codes import ROLE_FROM_PB
from services.notify.adapters.providers import dingtalk_robot_query, dingtalk_robot_sign
from services.notify.application.ports import (
    PermanentSendError,
    RateLimitedError,
    TransientSendError,
)
from services.notify.application.sending import ChannelHealth, Dispatcher
from services.notify.domain.model import (
    MAX_ATTEMPTS,
    Channel,
    Contact,
    Delivery,
    DeliveryStatus,
    Message,
    RateLimit,
    RateLimits,
    Via,
    region_prefix,
)
from services.notify.domain.routing import (
    DEFAULT_ROUTES,
    EVENT_TYPES,
    ROLES,
    Route,
    default_route,
    finance_for_region,
    validate_route,
)
from tests.fakes.notify import (
    NOW,
    FakeNotifyRepository,
    FakeRateLimiter,
    FakeSender,
    delivery,
    fake_uow,
)

# --- DingTalk robot signature ----------------------------------------------------------------


def test_dingtalk_signature_known_vector() -> None:
    ts, secret = 1700000000000, "SECtest-secret"
    by_hand = base64.b64encode(
        hmac.new(secret.encode(), f"{ts}\n{secret}".encode(), hashlib.sha256).digest()
    ).decode()
    assert dingtalk_robot_sign(ts, secret) == by_hand
    assert dingtalk_robot_sign(ts, secret) == "LC7hxZ4wslL+P7j7gu1hoQ+wzByekL+yWgiUMekZs0g="
    assert dingtalk_robot_sign(str(ts), secret) == dingtalk_robot_sign(ts, secret)


def test_dingtalk_signed_query_is_url_encoded() -> None:
    query = dingtalk_robot_query("tok", "SECtest-secret", 1700000000000)
    assert query == (
        "access_token=tok&timestamp=1700000000000"
        "&sign=LC7hxZ4wslL%2BP7j7gu1hoQ%2BwzByekL%2ByWgiUMekZs0g%3D"
    )
    assert parse_qs(query)["sign"] == ["LC7hxZ4wslL+P7j7gu1hoQ+wzByekL+yWgiUMekZs0g="]
    assert dingtalk_robot_query("tok", "", 1) == "access_token=tok"  # unsigned robot


# --- routes ----------------------------------------------------------------------------------


def test_defaults_follow_the_source() -> None:
    assert set(DEFAULT_ROUTES) == set(EVENT_TYPES)
    assert DEFAULT_ROUTES["lead.assigned"].channel == "wecom"
    assert DEFAULT_ROUTES["lead.assigned"].roles == ("rep", "supervisor")
    assert DEFAULT_ROUTES["commitment.overdue"].channel == "dingtalk"
    assert DEFAULT_ROUTES["approval.pending"].roles == ("finance",)
    assert default_route("lead.reclaimed", "t1").tenant_id == "t1"


def test_route_roles_are_contract_roles() -> None:
    assert set(ROLES) <= set(ROLE_FROM_PB.values())  # each role a front end can name


def test_route_validation_reports_every_field() -> None:
    bad = Route(event_type="lead.exploded", roles=("rep", "boss"), channel="fax", tenant_id="t",
                wecom_robot_key="not a key!", dingtalk_robot_secret="SEC")  # fmt: skip
    with pytest.raises(InvalidArgument) as caught:
        validate_route(bad)
    fields = {v.field for v in caught.value.violations}
    assert fields == {"route.event_type", "route.roles[1]", "route.channel",
                      "route.wecom_robot_key", "route.dingtalk_robot_secret"}  # fmt: skip
    good = Route("commitment.overdue", ("rep",), "preferred", tenant_id="t",
                 dingtalk_robot_access_token="abc_123", dingtalk_robot_secret="SECx")  # fmt: skip
    validate_route(good)
    with pytest.raises(InvalidArgument):
        validate_route(dataclasses.replace(good, roles=()))


def test_preferred_channel_and_robots() -> None:
    route = Route("lead.assigned", ("rep",), "preferred", wecom_robot_key="k1",
                  dingtalk_robot_access_token="t1", dingtalk_robot_secret="s1")  # fmt: skip
    ding = Contact("t", "p", "张三", preferred_channel=Channel.DINGTALK)
    assert route.channel_for(ding) == Channel.DINGTALK
    assert route.channel_for(None) == Channel.WECOM
    assert route.robots() == [(Channel.WECOM, "k1", ""), (Channel.DINGTALK, "t1", "s1")]


@pytest.mark.parametrize(
    ("code", "prefix"), [("330000", "33"), ("330100", "3301"), ("330106", "330106")]
)
def test_region_prefix(code: str, prefix: str) -> None:
    assert region_prefix(code) == prefix


def test_finance_by_region() -> None:
    people = [
        Contact("t", "f-zj", "浙江财务", roles=("finance",), region_codes=("330000",)),
        Contact("t", "f-hz", "杭州财务", roles=("finance",), region_codes=("330100",)),
        Contact("t", "f-nb", "宁波财务", roles=("finance",), region_codes=("330200",)),
        Contact("t", "f-all", "总部财务", roles=("finance",)),
        Contact("t", "f-off", "离职财务", roles=("finance",), active=False),
        Contact("t", "rep", "业务员", roles=("rep",), region_codes=("330106",)),
    ]
    ids = [c.person_id for c in finance_for_region(people, "330106")]
    assert ids == ["f-all", "f-hz", "f-zj"]
    assert len(finance_for_region(people, "")) == 4


def test_rate_limit_keys() -> None:
    limits = RateLimits()
    d = Delivery("d", "t", "e", "lead.assigned", "p", "rep", Channel.WECOM, Message("text", "", "x"),
                 "wx-1")  # fmt: skip
    assert limits.for_delivery(d, "corp:1") == RateLimit(
        "wecom_app:corp:1:wx-1", 30, timedelta(seconds=61)
    )
    robot = dataclasses.replace(d, via=Via.ROBOT, channel=Channel.DINGTALK, address="tok")
    assert limits.for_delivery(robot, "corp:1").key == "dingtalk_robot:tok"
    assert limits.for_delivery(robot, "corp:1").limit == 20
    work = dataclasses.replace(d, channel=Channel.DINGTALK)
    assert limits.for_delivery(work, "corp:1") is None


# --- the send loop against the shared fakes (tests/fakes/notify.py) --------------------------


def _dispatcher(uow, sender, limiter=None, health=None):
    return Dispatcher(uow, sender, limiter or FakeRateLimiter(), RateLimits(), "corp:1", health)


def _world(*ids: str):
    repo = FakeNotifyRepository()
    for i in ids or ("d1",):
        repo.add_delivery(delivery(i))
    return repo, fake_uow(repo)


def _full_window(limiter: FakeRateLimiter, key: str, since: timedelta) -> None:
    """30 sends to the member `since` ago (the window is 61 s)."""
    limit = RateLimits().for_delivery(delivery(), "corp:1")
    for _ in range(limit.limit):
        assert limiter.acquire(limit, NOW - since) is None
    assert limit.key == key


def test_a_full_window_queues_the_delivery_without_calling_the_provider() -> None:
    repo, uow = _world()
    sender, limiter = FakeSender(), FakeRateLimiter()
    _full_window(limiter, "wecom_app:corp:1:wx-1", since=timedelta(seconds=19))
    outcome = _dispatcher(uow, sender, limiter).attempt("d1")
    assert outcome.outcome == "rate_limited" and sender.calls == 0
    row = repo.get_delivery("d1")
    assert row.status == DeliveryStatus.PENDING and row.attempts == 0
    assert row.next_attempt_at == NOW + timedelta(seconds=42)
    assert "频率限制" in row.error and row.deferred


def test_provider_rate_limit_is_a_deferral_not_a_failure() -> None:
    repo, uow = _world()
    outcome = _dispatcher(uow, FakeSender(RateLimitedError("45009"))).attempt("d1")
    assert outcome.outcome == "rate_limited"
    row = repo.get_delivery("d1")
    assert row.status == DeliveryStatus.PENDING and row.attempts == 0
    assert NOW + timedelta(seconds=10) <= row.next_attempt_at <= NOW + timedelta(seconds=20)


def test_transient_errors_retry_then_dead_letter() -> None:
    repo, uow = _world()
    sender = FakeSender(*[TransientSendError("HTTP 503")] * MAX_ATTEMPTS)
    dispatcher = _dispatcher(uow, sender)
    outcomes = []
    for _ in range(MAX_ATTEMPTS):
        repo.deliveries["d1"].next_attempt_at = NOW  # the backoff has passed
        outcomes.append(dispatcher.attempt("d1").outcome)
    assert outcomes == ["retried"] * (MAX_ATTEMPTS - 1) + ["dead_lettered"]
    row = repo.get_delivery("d1")
    assert row.status == DeliveryStatus.DEAD_LETTERED and row.attempts == MAX_ATTEMPTS
    assert "死信" in row.error and row.dead_lettered_at == NOW


def test_permanent_error_fails_once() -> None:
    repo, uow = _world()
    outcome = _dispatcher(uow, FakeSender(PermanentSendError("40031"))).attempt("d1")
    assert outcome.outcome == "failed" and repo.get_delivery("d1").status == DeliveryStatus.FAILED
    assert _dispatcher(uow, FakeSender()).attempt("d1") is None  # never again


def test_a_claimed_delivery_is_not_attempted_twice() -> None:
    repo, uow = _world()
    assert repo.claim("d1", NOW, NOW + timedelta(seconds=30)) is not None  # another replica
    sender = FakeSender()
    assert _dispatcher(uow, sender).attempt("d1") is None and sender.calls == 0


def test_first_success_after_an_outage_pulls_waiting_retries_forward() -> None:
    repo, uow = _world("a", "b")
    health = ChannelHealth()
    first = _dispatcher(uow, FakeSender(TransientSendError("down")), health=health).attempt("a")
    assert first.outcome == "retried" and repo.get_delivery("a").next_attempt_at > NOW
    outcome = _dispatcher(uow, FakeSender("m1"), health=health).attempt("b")
    assert outcome.outcome == "sent" and outcome.pulled_forward == 1
    assert repo.get_delivery("a").next_attempt_at == NOW  # due at once, not after its backoff
    again = _dispatcher(uow, FakeSender("m2"), health=health).attempt("a")
    assert again.outcome == "sent" and again.pulled_forward == 0  # the channel is healthy
    assert repo.get_delivery("a").provider_message_id == "m2"
