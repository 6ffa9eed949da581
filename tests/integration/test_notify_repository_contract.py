"""The same cases against notify's in-memory fakes (tests/fakes/notify.py) and its MongoDB
adapters on the real MongoDB-wire server, so that the fast unit tests of the use cases test
what production does: claims, attempts, what is due, deliveries awaiting a contact, revival,
dead letters and their replay, the log, routes, the directory and the rate windows."""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Iterator
from datetime import timedelta

import pytest

from services.common.config import Settings
from services.common.mongo import ensure_indexes, mongo_client
from services.notify.adapters.rate_limiter import MongoRateLimiter
from services.notify.adapters.repository import INDEXES, MongoNotifyRepository
from services.notify.application.ports import LogQuery, NotifyRepository, RateLimiter
from services.notify.domain.model import (
    Channel,
    Contact,
    Delivery,
    DeliveryStatus,
    Message,
    RateLimit,
    Via,
)
from services.notify.domain.routing import Route
from tests.fakes.notify import NOW, FakeNotifyRepository, FakeRateLimiter, delivery

URI = Settings("tests").mongo_uri  # SALES_MONGO_URI, else the embedded default
HOLD = NOW + timedelta(seconds=30)
SECOND = timedelta(seconds=1)


@pytest.fixture(params=["fake", "mongo"])
def ports(request) -> Iterator[tuple[NotifyRepository, RateLimiter]]:
    if request.param == "fake":
        yield FakeNotifyRepository(), FakeRateLimiter()
        return
    client = mongo_client(URI)
    db = client[f"contract_{uuid.uuid4().hex[:8]}_notify"]
    ensure_indexes(db, INDEXES)
    yield MongoNotifyRepository(db, None), MongoRateLimiter(db)
    client.drop_database(db.name)


@pytest.fixture
def repo(ports) -> NotifyRepository:
    return ports[0]


@pytest.fixture
def limiter(ports) -> RateLimiter:
    return ports[1]


def add(repo: NotifyRepository, *deliveries: Delivery) -> None:
    for d in deliveries:
        assert repo.add_delivery(d)


# --- planning ---------------------------------------------------------------------------------


def test_a_delivery_is_stored_whole_and_once(repo) -> None:
    d = delivery("e1:robot:wecom", via=Via.ROBOT, robot_secret="SEC", channel=Channel.DINGTALK,
                 message=Message("markdown", "标题", "### 正文", "https://x"), origin_at=NOW - SECOND,
                 event_at=NOW, recipient_role="group")  # fmt: skip
    assert repo.add_delivery(d)
    assert repo.add_delivery(dataclasses.replace(d, address="other")) is False
    assert repo.get_delivery(d.delivery_id) == d
    assert repo.get_delivery("nope") is None


def test_a_planning_failure_is_stored_with_its_reason(repo) -> None:
    d = delivery("f")
    d.await_contact("收件人 p 不在通讯录中", NOW)
    add(repo, d)
    stored = repo.get_delivery("f")
    assert stored == d and stored.awaits_contact and stored.failed_at == NOW


# --- claims and attempts ----------------------------------------------------------------------


def test_a_claim_is_taken_once_until_it_expires(repo) -> None:
    add(repo, delivery("d1"))
    claimed = repo.claim("d1", NOW, HOLD)
    assert claimed is not None and claimed.attempts == 1 and claimed.claimed_until == HOLD
    assert repo.claim("d1", NOW + SECOND, HOLD + SECOND) is None  # another replica holds it
    again = repo.claim("d1", HOLD + SECOND, HOLD + 31 * SECOND)  # the first one died
    assert again is not None and again.attempts == 2
    assert repo.claim("nope", NOW, HOLD) is None


def test_only_pending_and_due_deliveries_are_claimed(repo) -> None:
    add(repo, delivery("later", next_attempt_at=NOW + SECOND),
        delivery("sent", status=DeliveryStatus.SENT))  # fmt: skip
    assert repo.claim("later", NOW, HOLD) is None
    assert repo.claim("sent", NOW, HOLD) is None
    assert repo.claim("later", NOW + SECOND, HOLD) is not None


def test_an_attempt_is_saved_and_its_claim_released(repo) -> None:
    add(repo, delivery("d1"))
    d = repo.claim("d1", NOW, HOLD)
    d.sent("msg-1", NOW + SECOND)
    repo.save_attempt(d)
    stored = repo.get_delivery("d1")
    assert (stored.status, stored.provider_message_id, stored.sent_at) == (
        DeliveryStatus.SENT, "msg-1", NOW + SECOND)  # fmt: skip
    assert stored.claimed_until is None and stored.attempts == 1


def test_an_attempt_whose_claim_expired_and_was_retaken_is_not_saved(repo) -> None:
    add(repo, delivery("d1"))
    slow = repo.claim("d1", NOW, HOLD)
    other = repo.claim("d1", HOLD + SECOND, HOLD + 31 * SECOND)
    other.sent("msg-other", HOLD + SECOND)
    repo.save_attempt(other)
    slow.failed("40031", HOLD + 2 * SECOND)
    repo.save_attempt(slow)
    stored = repo.get_delivery("d1")
    assert stored.status == DeliveryStatus.SENT and stored.provider_message_id == "msg-other"


def test_a_deferral_gives_the_attempt_back_and_a_retry_waits(repo) -> None:
    add(repo, delivery("wait"), delivery("retry"))
    d = repo.claim("wait", NOW, HOLD)
    d.defer("频率限制", NOW + 42 * SECOND)
    repo.save_attempt(d)
    r = repo.claim("retry", NOW, HOLD)
    r.failed_transiently("HTTP 503", NOW, max_attempts=12)
    repo.save_attempt(r)
    waited, retried = repo.get_delivery("wait"), repo.get_delivery("retry")
    assert (waited.attempts, waited.deferred, waited.deferrals) == (0, True, 1)
    assert waited.next_attempt_at == NOW + 42 * SECOND and waited.error == "频率限制"
    assert (retried.attempts, retried.deferred, retried.error) == (1, False, "HTTP 503")
    assert NOW < retried.next_attempt_at <= NOW + SECOND


def test_what_is_due_oldest_first_and_bounded(repo) -> None:
    add(repo, delivery("b", next_attempt_at=NOW - SECOND),
        delivery("a", next_attempt_at=NOW - 2 * SECOND), delivery("c", next_attempt_at=NOW),
        delivery("later", next_attempt_at=NOW + SECOND),
        delivery("done", status=DeliveryStatus.SENT, next_attempt_at=NOW - 9 * SECOND))  # fmt: skip
    assert repo.due(NOW, limit=10) == ["a", "b", "c"]
    assert repo.due(NOW, limit=2) == ["a", "b"]
    assert repo.count_pending() == 4


def test_a_recovered_channel_pulls_its_backoffs_forward_not_its_rate_limit_waits(repo) -> None:
    later = NOW + 60 * SECOND
    add(repo, delivery("backoff", next_attempt_at=later),
        delivery("window", next_attempt_at=later, deferred=True),
        delivery("ding", next_attempt_at=later, channel=Channel.DINGTALK),
        delivery("sent", next_attempt_at=later, status=DeliveryStatus.SENT))  # fmt: skip
    assert repo.pull_forward(Channel.WECOM, NOW) == 1
    assert repo.get_delivery("backoff").next_attempt_at == NOW
    assert repo.get_delivery("window").next_attempt_at == later
    assert repo.get_delivery("ding").next_attempt_at == later


# --- awaiting a contact, revival --------------------------------------------------------------


def failed_for_want_of(delivery_id: str, person: str, created_at, tenant_id: str = "t"):
    d = delivery(delivery_id, recipient_id=person, tenant_id=tenant_id, created_at=created_at)
    d.await_contact(f"收件人 {person} 不在通讯录中", created_at)
    return d


def test_deliveries_awaiting_a_person_since_a_time(repo) -> None:
    since = NOW - 15 * 60 * SECOND
    add(repo, failed_for_want_of("new", "p", NOW), failed_for_want_of("old", "p", since - SECOND),
        failed_for_want_of("edge", "p", since), failed_for_want_of("q", "q", NOW),
        failed_for_want_of("t2", "p", NOW, tenant_id="t2"),
        delivery("pending", recipient_id="p"))  # fmt: skip
    found = sorted(d.delivery_id for d in repo.awaiting_contact("t", "p", since))
    assert found == ["edge", "new"]


def test_a_revival_happens_once(repo) -> None:
    add(repo, failed_for_want_of("d1", "p", NOW))
    (d,) = repo.awaiting_contact("t", "p", NOW)
    d.revive("wx-p", NOW + SECOND)
    assert repo.revive(d) is True
    assert repo.revive(d) is False  # a second person upsert: nothing left to revive
    stored = repo.get_delivery("d1")
    assert (stored.status, stored.address, stored.error, stored.awaits_contact) == (
        DeliveryStatus.PENDING, "wx-p", "", False)  # fmt: skip
    assert stored.next_attempt_at == NOW + SECOND and stored.failed_at is None
    assert repo.awaiting_contact("t", "p", NOW) == []
    assert repo.claim("d1", NOW + SECOND, HOLD) is not None


# --- dead letters and the log -----------------------------------------------------------------


def dead(delivery_id: str, tenant_id: str = "t") -> Delivery:
    return delivery(delivery_id, tenant_id=tenant_id, status=DeliveryStatus.DEAD_LETTERED,
                    attempts=12, dead_lettered_at=NOW)  # fmt: skip


def test_dead_letters_are_listed_newest_first_and_replayed_once(repo) -> None:
    add(repo, dead("d1"), dead("d2"), dead("x", tenant_id="t2"), delivery("live"))
    letters = LogQuery("t", status="dead_lettered")
    assert [d.delivery_id for d in repo.list_deliveries(letters)] == ["d2", "d1"]
    one = dataclasses.replace(letters, limit=1)
    assert [d.delivery_id for d in repo.list_deliveries(one)] == ["d2"]
    assert repo.count_dead_lettered() == 3
    d = repo.get_delivery("d1")
    d.replay("admin-1", NOW)
    assert repo.replay(d) is True
    assert repo.replay(d) is False  # two admins at once: it is sent once
    stored = repo.get_delivery("d1")
    assert (stored.status, stored.attempts, stored.replays, stored.replayed_by) == (
        DeliveryStatus.PENDING, 0, 1, "admin-1")  # fmt: skip
    assert stored.replayed_at == NOW and sorted(repo.due(NOW, 10)) == ["d1", "live"]
    other = repo.get_delivery("x")
    other.replay("admin-1", NOW)
    assert repo.replay(dataclasses.replace(other, tenant_id="t")) is False  # not across tenants


def test_the_log_filters_and_pages_newest_first(repo) -> None:
    add(repo, delivery("a1", recipient_id="p"), delivery("a2", recipient_id="q"),
        delivery("a3", recipient_id="p", source_event_id="e2"), dead("a4"),
        delivery("b1", tenant_id="t2"))  # fmt: skip

    def ids(**query) -> list[str]:
        return [d.delivery_id for d in repo.list_deliveries(LogQuery("t", **query))]

    assert ids(limit=10) == ["a4", "a3", "a2", "a1"]
    assert ids(after="a3", limit=10) == ["a2", "a1"]
    assert ids(limit=2) == ["a4", "a3"]
    assert ids(recipient_id="q") == ["a2"]
    assert ids(source_event_id="e2") == ["a3"]
    assert ids(status="dead_lettered") == ["a4"]


# --- routes and the directory -----------------------------------------------------------------


def test_a_route_override_is_versioned(repo) -> None:
    assert repo.route("t", "lead.assigned") is None and repo.routes("t") == []
    route = Route("lead.assigned", ("rep", "director"), "preferred", tenant_id="t", muted=True,
                  wecom_robot_key="k-1", dingtalk_robot_access_token="tok",
                  dingtalk_robot_secret="SEC", updated_by="admin")  # fmt: skip
    first = repo.save_route(route, NOW)
    assert (first.version, first.updated_at, first.is_default) == (1, NOW, False)
    assert dataclasses.replace(first, version=0, updated_at=None, is_default=True) == route
    second = repo.save_route(dataclasses.replace(route, roles=("rep",)), NOW + SECOND)
    assert (second.version, second.roles, second.updated_at) == (2, ("rep",), NOW + SECOND)
    repo.save_route(Route("commitment.overdue", ("rep",), "dingtalk", tenant_id="t"), NOW)
    repo.save_route(Route("approval.decided", ("rep",), "dingtalk", tenant_id="t2"), NOW)
    assert [r.event_type for r in repo.routes("t")] == ["commitment.overdue", "lead.assigned"]
    assert repo.route("t", "lead.assigned") == second


def test_the_directory_keeps_one_entry_per_person(repo) -> None:
    finance = Contact("t", "f1", "财务", roles=("finance",), region_codes=("330000",),
                      dingtalk_userid="dd-f1", preferred_channel=Channel.DINGTALK,
                      team_id="hz")  # fmt: skip
    repo.upsert_contact(finance)
    repo.upsert_contact(Contact("t", "r1", "业务员", roles=("rep",), supervisor_id="s1"))
    repo.upsert_contact(Contact("t2", "f2", "别家财务", roles=("finance",)))
    assert repo.contact("t", "f1") == finance and repo.contact("t2", "f1") is None
    moved = dataclasses.replace(finance, name="财务(新)", active=False)
    repo.upsert_contact(moved)
    assert repo.contact("t", "f1") == moved
    assert [c.person_id for c in repo.contacts_with_role("t", "finance")] == ["f1"]


# --- rate windows -----------------------------------------------------------------------------


def test_a_window_takes_its_limit_then_says_when_it_frees(limiter) -> None:
    limit = RateLimit("wecom_app:corp:1:wx-1", 3, timedelta(seconds=61))
    for i in range(3):
        assert limiter.acquire(limit, NOW + i * SECOND) is None
    assert limiter.acquire(limit, NOW + 10 * SECOND) == NOW + 61 * SECOND  # the first leaves
    assert limiter.acquire(limit, NOW + 61 * SECOND) is None
    assert limiter.acquire(limit, NOW + 61 * SECOND) == NOW + 62 * SECOND
    other = RateLimit("dingtalk_robot:tok", 3, timedelta(seconds=61))
    assert limiter.acquire(other, NOW + 10 * SECOND) is None  # keys do not share a window


def test_a_slot_about_to_free_is_not_tried_again_at_once(limiter) -> None:
    limit = RateLimit("k", 1, timedelta(seconds=10))
    assert limiter.acquire(limit, NOW) is None
    almost = NOW + 10 * SECOND - timedelta(milliseconds=10)
    assert limiter.acquire(limit, almost) == almost + timedelta(milliseconds=50)
