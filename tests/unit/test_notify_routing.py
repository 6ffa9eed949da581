"""Routing defaults and validation, finance by region, the DingTalk robot signature, rate-limit
keys, and the send loop's decisions (rate-limit queueing, retries, dead letters, recovery)
against in-memory fakes."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import hmac
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs

import pytest

from services.common.errors import InvalidArgument
from services.notify.adapters.providers import dingtalk_robot_query, dingtalk_robot_sign
from services.notify.application.deliveries import ChannelHealth, Dispatcher
from services.notify.application.ports import (
    PermanentSendError,
    RateLimitedError,
    TransientSendError,
)
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
    Route,
    default_route,
    finance_for_region,
    validate_route,
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


# --- the send loop against fakes -------------------------------------------------------------

NOW = datetime(2026, 11, 27, 2, 0, tzinfo=UTC)


class FakeRepo:
    def __init__(self) -> None:
        self.rows: dict[str, Delivery] = {}
        self.pulled: list[Channel] = []

    def add(self, d: Delivery) -> None:
        d.next_attempt_at = NOW
        self.rows[d.delivery_id] = d

    def claim(self, delivery_id, now, hold_until):
        d = self.rows[delivery_id]
        if d.status != DeliveryStatus.PENDING or d.next_attempt_at > now:
            return None
        d.attempts += 1
        return dataclasses.replace(d)

    def mark_sent(self, i, msgid, now):
        self.rows[i].status, self.rows[i].provider_message_id = DeliveryStatus.SENT, msgid

    def mark_retry(self, i, error, at):
        self.rows[i].error, self.rows[i].next_attempt_at = error, at

    def defer(self, i, reason, at):
        self.rows[i].error, self.rows[i].next_attempt_at = reason, at
        self.rows[i].attempts -= 1

    def mark_failed(self, i, error, now):
        self.rows[i].status, self.rows[i].error = DeliveryStatus.FAILED, error

    def mark_dead_lettered(self, i, error, now):
        self.rows[i].status, self.rows[i].error = DeliveryStatus.DEAD_LETTERED, error

    def pull_forward(self, channel, now):
        self.pulled.append(channel)
        return 1


class FakeLimiter:
    def __init__(self, free: int) -> None:
        self.free = free

    def acquire(self, limit, now):
        if self.free > 0:
            self.free -= 1
            return None
        return now + timedelta(seconds=42)


class FakeSender:
    def __init__(self, *answers) -> None:
        self.answers = list(answers)
        self.calls = 0

    def send(self, delivery):
        self.calls += 1
        answer = self.answers.pop(0) if self.answers else "msg-ok"
        if isinstance(answer, Exception):
            raise answer
        return answer


def _dispatcher(repo, sender, free=100, health=None):
    return Dispatcher(repo, sender, FakeLimiter(free), lambda: NOW, RateLimits(), "corp:1",
                      health)  # fmt: skip


def _delivery(i: str = "d1") -> Delivery:
    return Delivery(i, "t", "e", "lead.assigned", "p", "rep", Channel.WECOM,
                    Message("text", "t", "x"), "wx-1")  # fmt: skip


def test_a_full_window_queues_the_delivery_without_calling_the_provider() -> None:
    repo, sender = FakeRepo(), FakeSender()
    repo.add(_delivery())
    outcome = _dispatcher(repo, sender, free=0).attempt("d1")
    assert outcome.outcome == "rate_limited" and sender.calls == 0
    row = repo.rows["d1"]
    assert row.status == DeliveryStatus.PENDING and row.attempts == 0
    assert row.next_attempt_at == NOW + timedelta(seconds=42)


def test_provider_rate_limit_is_a_deferral_not_a_failure() -> None:
    repo = FakeRepo()
    repo.add(_delivery())
    outcome = _dispatcher(repo, FakeSender(RateLimitedError("45009"))).attempt("d1")
    assert outcome.outcome == "rate_limited"
    assert repo.rows["d1"].status == DeliveryStatus.PENDING and repo.rows["d1"].attempts == 0


def test_transient_errors_retry_then_dead_letter() -> None:
    repo = FakeRepo()
    repo.add(_delivery())
    sender = FakeSender(*[TransientSendError("HTTP 503")] * MAX_ATTEMPTS)
    dispatcher = _dispatcher(repo, sender)
    outcomes = []
    for _ in range(MAX_ATTEMPTS):
        repo.rows["d1"].next_attempt_at = NOW
        outcomes.append(dispatcher.attempt("d1").outcome)
    assert outcomes == ["retried"] * (MAX_ATTEMPTS - 1) + ["dead_lettered"]
    assert repo.rows["d1"].status == DeliveryStatus.DEAD_LETTERED
    assert "死信" in repo.rows["d1"].error


def test_permanent_error_fails_once() -> None:
    repo = FakeRepo()
    repo.add(_delivery())
    outcome = _dispatcher(repo, FakeSender(PermanentSendError("40031"))).attempt("d1")
    assert outcome.outcome == "failed" and repo.rows["d1"].status == DeliveryStatus.FAILED
    assert _dispatcher(repo, FakeSender()).attempt("d1") is None  # never again


def test_first_success_after_an_outage_pulls_waiting_retries_forward() -> None:
    repo, health = FakeRepo(), ChannelHealth()
    repo.add(_delivery("a"))
    repo.add(_delivery("b"))
    _dispatcher(repo, FakeSender(TransientSendError("down")), health=health).attempt("a")
    outcome = _dispatcher(repo, FakeSender("m1"), health=health).attempt("b")
    assert outcome.outcome == "sent" and repo.pulled == [Channel.WECOM]
    _dispatcher(repo, FakeSender("m2"), health=health).attempt("a")  # not due yet: no claim
    assert repo.pulled == [Channel.WECOM]
