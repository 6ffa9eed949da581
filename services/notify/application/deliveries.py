"""Fan-out of events to people, the send loop with rate limits, retries and dead letters, and
the delivery log (SPEC N1, N3)."""

from __future__ import annotations

import hashlib
import logging
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from services.common import paging
from services.common.errors import InvalidArgument, Violations
from services.common.unit_of_work import MongoUnitOfWork, Transaction
from services.notify.application.ports import (
    NotifyRepository,
    PermanentSendError,
    RateLimitedError,
    RateLimiter,
    Sender,
    TransientSendError,
)
from services.notify.domain import templates
from services.notify.domain.model import (
    CHANNEL_ZH,
    MAX_ATTEMPTS,
    UNKNOWN_RECIPIENT,
    Channel,
    Contact,
    Delivery,
    DeliveryStatus,
    Message,
    RateLimits,
    Via,
    next_retry_delay,
)
from services.notify.domain.notices import Notice
from services.notify.domain.routing import (
    DEFAULT_ROUTES,
    FINANCE,
    REP,
    ROLE_ZH,
    SUPERVISOR,
    Route,
    default_route,
    finance_for_region,
)

log = logging.getLogger(__name__)
CLAIM_FOR = timedelta(seconds=30)
PROVIDER_SAYS_TOO_FAST = timedelta(seconds=10)  # then jittered up to twice that


# A person who enters the directory (or gets a channel id) this soon after an event addressed
# to them still gets its message: org events and business events travel separately, so a new
# rep's first lead can be planned a moment before the rep is known here. Older failures stay.
REVIVE_WITHIN = timedelta(minutes=15)


def record_contact(
    uow: MongoUnitOfWork, contact: Contact, event_id: str, now: datetime
) -> list[str]:
    """Store the person; returns the deliveries that failed only for want of this person's
    directory entry and are now ready to send."""

    def work(tx: Transaction) -> bool:
        tx.repo.upsert_contact(contact)
        return True

    uow.run_consuming(event_id, work)
    # After the commit, not inside it: a notice planned while this transaction was open saw
    # no contact, and this transaction would not see its delivery (write skew). plan_notice
    # looks again after its own commit, so whichever of the two commits second revives it.
    return revive_for(uow.repository(), contact, now)


def revive_for(repo: NotifyRepository, contact: Contact, now: datetime) -> list[str]:
    if not contact.active:
        return []
    revived = []
    for d in repo.awaiting_contact(contact.tenant_id, contact.person_id, now - REVIVE_WITHIN):
        address = contact.address(d.channel)
        # Conditional on the delivery still awaiting: two revivals never send it twice.
        if address and repo.revive(d.delivery_id, address, now):
            revived.append(d.delivery_id)
    return revived


# --- planning: one event -> deliveries, in one transaction with the inbox marker ------------


def _new_delivery(notice: Notice, person_id: str, role: str, channel: Channel,
                  message: Message, address: str, now: datetime) -> Delivery:  # fmt: skip
    return Delivery(
        delivery_id=Delivery.key(notice.event_id, person_id, channel),
        tenant_id=notice.tenant_id,
        source_event_id=notice.event_id,
        source_event_type=notice.event_type,
        recipient_id=person_id,
        recipient_role=role,
        channel=channel,
        message=message,
        address=address,
        created_at=now,
        next_attempt_at=now,
        origin_at=notice.origin_at,
        event_at=notice.event_at,
    )


def _recipients(tx: Transaction, notice: Notice, route: Route) -> list[tuple[str, str]]:
    """(person id, role) for each role on the route, each person once."""
    found: list[tuple[str, str]] = []
    seen: set[str] = set()

    def add(person_id: str, role: str) -> None:
        if person_id and person_id not in seen:
            seen.add(person_id)
            found.append((person_id, role))

    for role in route.roles:
        if role == REP:
            add(notice.people.get(REP, ""), REP)
        elif role == SUPERVISOR:
            supervisor = notice.people.get(SUPERVISOR, "")
            if not supervisor and notice.people.get(REP):
                rep = tx.repo.contact(notice.tenant_id, notice.people[REP])
                supervisor = rep.supervisor_id if rep else ""
            add(supervisor, SUPERVISOR)
        elif role == FINANCE:
            candidates = tx.repo.contacts_with_role(notice.tenant_id, FINANCE)
            for person in finance_for_region(candidates, notice.region_code):
                add(person.person_id, FINANCE)
    return found


def robot_recipient(channel: Channel, address: str) -> str:
    # The robot key / access token is a credential: the log shows a short digest of it.
    return f"robot:{channel.value}:{hashlib.sha256(address.encode()).hexdigest()[:10]}"


def plan_notice(uow: MongoUnitOfWork, notice: Notice, now: datetime) -> list[str] | None:
    """Route one event to people (and group robots), render each message, and log one
    delivery per (event, recipient, channel). Idempotent twice over: the event's inbox
    marker, and the delivery key. Returns the ids of deliveries ready to send (possibly none:
    every recipient failed), or None when the event was already consumed."""

    def work(tx: Transaction) -> list[str]:
        route = tx.repo.route(notice.tenant_id, notice.event_type) or default_route(
            notice.event_type, notice.tenant_id
        )
        contacts: dict[str, Contact | None] = {}

        def contact(person_id: str) -> Contact | None:
            if person_id not in contacts:
                contacts[person_id] = tx.repo.contact(notice.tenant_id, person_id)
            return contacts[person_id]

        def name(person_id: str) -> str:
            found = contact(person_id) if person_id else None
            return found.name if found and found.name else person_id

        planned: list[Delivery] = []
        recipients = [] if route.muted else _recipients(tx, notice, route)
        for person_id, role in recipients:
            person = contact(person_id)
            channel = route.channel_for(person)
            message = templates.render(notice.facts, role, name)
            d = _new_delivery(notice, person_id, role, channel, message,
                              person.address(channel) if person else "", now)  # fmt: skip
            # An unknown person or a missing channel id is a clear failure in the log.
            if person is None:
                d.status, d.error = DeliveryStatus.FAILED, f"收件人 {person_id} 不在通讯录中"
                d.awaits_contact = True
            elif not d.address:
                d.status = DeliveryStatus.FAILED
                d.error = f"收件人 {person_id}({person.name})未绑定{CHANNEL_ZH[channel]}账号"
                d.awaits_contact = True
            planned.append(d)
        for channel, address, secret in route.robots():
            message = templates.render_for_group(notice.facts, name)
            d = _new_delivery(notice, robot_recipient(channel, address), templates.GROUP,
                              channel, message, address, now)  # fmt: skip
            d.via, d.robot_secret = Via.ROBOT, secret
            planned.append(d)
        if not planned and not route.muted:
            roles = "、".join(ROLE_ZH.get(r, r) for r in route.roles)
            d = _new_delivery(notice, UNKNOWN_RECIPIENT, route.roles[0] if route.roles else "",
                              route.channel_for(None), Message("text", "", ""), "", now)  # fmt: skip
            d.status = DeliveryStatus.FAILED
            region = f"(区域 {notice.region_code})" if notice.region_code else ""
            d.error = f"找不到可接收此通知的{roles}{region}"
            planned.append(d)
        ready = []
        for d in planned:
            if tx.repo.add_delivery(d) and d.status == DeliveryStatus.PENDING:
                ready.append(d.delivery_id)
        awaiting.update(d.recipient_id for d in planned if d.awaits_contact)
        return ready

    awaiting: set[str] = set()
    ready = uow.run_consuming(notice.event_id, work)
    if ready is None:
        return None
    # The person may have arrived while this transaction was open (see record_contact).
    repo = uow.repository()
    try:
        for person_id in sorted(awaiting):
            person = repo.contact(notice.tenant_id, person_id)
            if person is not None:
                ready.extend(revive_for(repo, person, now))
    except Exception:  # what is planned is committed; this second look is a bonus
        log.exception("second look for new contacts failed", extra={"event_id": notice.event_id})
    return ready


def record_malformed(
    uow: MongoUnitOfWork, event_id: str, event_type: str, tenant_id: str, error: str,
    now: datetime,
) -> bool:  # fmt: skip
    """A malformed event lands in the delivery log as a failure (recipient "unknown") and is
    acknowledged: it never loops through retries."""
    route = DEFAULT_ROUTES.get(event_type)
    channel = route.channel_for(None) if route else Channel.WECOM

    def work(tx: Transaction) -> bool:
        d = Delivery(
            delivery_id=Delivery.key(event_id, UNKNOWN_RECIPIENT, channel),
            tenant_id=tenant_id,
            source_event_id=event_id,
            source_event_type=event_type,
            recipient_id=UNKNOWN_RECIPIENT,
            recipient_role="",
            channel=channel,
            message=Message("text", "", ""),
            address="",
            status=DeliveryStatus.FAILED,
            error=error,
            created_at=now,
            next_attempt_at=now,
        )
        return tx.repo.add_delivery(d)

    return uow.run_consuming(event_id, work) is not None


# --- sending ---------------------------------------------------------------------------------


@dataclass
class Attempt:
    delivery: Delivery
    outcome: str  # sent | failed | retried | dead_lettered | rate_limited
    provider_seconds: float = 0.0
    pulled_forward: int = 0


class ChannelHealth:
    """Which channels failed transiently since their last success, in this process. The
    first success after an outage brings every delivery waiting out its backoff on that
    channel forward, so a recovered provider is drained at once rather than over minutes."""

    def __init__(self) -> None:
        self._degraded: set[Channel] = set()

    def failed(self, channel: Channel) -> None:
        self._degraded.add(channel)

    def recovered(self, channel: Channel) -> bool:
        if channel in self._degraded:
            self._degraded.discard(channel)
            return True
        return False


class Dispatcher:
    """Claims one delivery and tries its provider once. Safe with several replicas: the claim
    and the rate-limit slot are each one conditional MongoDB update."""

    def __init__(
        self,
        repo: NotifyRepository,
        sender: Sender,
        limiter: RateLimiter,
        now: Callable[[], datetime],
        limits: RateLimits,
        wecom_app_id: str,
        health: ChannelHealth | None = None,
        perf: Callable[[], float] | None = None,
        rng: random.Random | None = None,
        max_attempts: int = MAX_ATTEMPTS,
    ) -> None:
        self.repo, self.sender, self.limiter, self.now = repo, sender, limiter, now
        self.limits, self.wecom_app_id = limits, wecom_app_id
        self.health = health or ChannelHealth()
        self._perf = perf
        self._rng = rng or random.Random()
        self.max_attempts = max_attempts

    def attempt(self, delivery_id: str) -> Attempt | None:
        started = self.now()
        d = self.repo.claim(delivery_id, started, started + CLAIM_FOR)
        if d is None:
            return None  # sent, failed, not due, or another replica holds it
        limit = self.limits.for_delivery(d, self.wecom_app_id)
        if limit is not None:
            free_at = self.limiter.acquire(limit, started)
            if free_at is not None:
                # Queued, never dropped: try again when the window has a free slot.
                reason = (
                    f"频率限制:{limit.limit} 条/{int(limit.window.total_seconds())} 秒,排队等待"
                )
                self.repo.defer(delivery_id, reason, free_at)
                d.next_attempt_at, d.error = free_at, reason
                return Attempt(d, "rate_limited")
        clock = self._perf
        t0 = clock() if clock else 0.0
        try:
            d.provider_message_id = self.sender.send(d)
        except PermanentSendError as error:
            d.status, d.error = DeliveryStatus.FAILED, str(error)
            self.repo.mark_failed(delivery_id, d.error, self.now())
            return Attempt(d, "failed", (clock() - t0) if clock else 0.0)
        except RateLimitedError as error:
            delay = PROVIDER_SAYS_TOO_FAST * (1 + self._rng.random())
            d.error, d.next_attempt_at = f"服务商限流:{error}", self.now() + delay
            self.repo.defer(delivery_id, d.error, d.next_attempt_at)
            return Attempt(d, "rate_limited", (clock() - t0) if clock else 0.0)
        except TransientSendError as error:
            took = (clock() - t0) if clock else 0.0
            self.health.failed(d.channel)
            if d.attempts >= self.max_attempts:
                d.status = DeliveryStatus.DEAD_LETTERED
                d.error = f"重试 {d.attempts} 次后仍失败,已转入死信队列:{error}"
                self.repo.mark_dead_lettered(delivery_id, d.error, self.now())
                return Attempt(d, "dead_lettered", took)
            d.error = str(error)
            d.next_attempt_at = self.now() + next_retry_delay(d.attempts, self._rng)
            self.repo.mark_retry(delivery_id, d.error, d.next_attempt_at)
            return Attempt(d, "retried", took)
        took = (clock() - t0) if clock else 0.0
        d.sent_at, d.status, d.error = self.now(), DeliveryStatus.SENT, ""
        self.repo.mark_sent(delivery_id, d.provider_message_id, d.sent_at)
        pulled = 0
        if self.health.recovered(d.channel):
            pulled = self.repo.pull_forward(d.channel, d.sent_at)
            if pulled:
                log.info(
                    "provider recovered; retries brought forward",
                    extra={"channel": d.channel.value, "count": pulled},
                )
        return Attempt(d, "sent", took, pulled)


# --- the delivery log and dead letters -------------------------------------------------------


def list_deliveries(
    repo: NotifyRepository,
    tenant_id: str,
    recipient_id: str,
    source_event_id: str,
    page_size: int,
    page_token: str,
    status: str = "",
) -> tuple[list[Delivery], str]:
    if not tenant_id:
        raise InvalidArgument.of_field("tenant_id", "租户不能为空")
    after, limit = paging.decode(page_size, page_token)
    found = repo.list_deliveries(tenant_id, recipient_id, source_event_id, status, after, limit + 1)
    return paging.page(found, limit, lambda d: d.delivery_id)


def list_dead_letters(
    repo: NotifyRepository, tenant_id: str, page_size: int, page_token: str
) -> tuple[list[Delivery], str]:
    return list_deliveries(
        repo, tenant_id, "", "", page_size, page_token, DeliveryStatus.DEAD_LETTERED.value
    )


REPLAY_BATCH = 500


def replay_dead_letters(
    repo: NotifyRepository,
    tenant_id: str,
    delivery_ids: list[str],
    replay_all: bool,
    actor_id: str,
    now: datetime,
) -> list[str]:
    """Dead letters back to pending, attempts reset, due now; who and when are kept on each
    delivery and in the audit log. Replaying one that is not dead-lettered does nothing."""
    v = Violations()
    v.check(bool(tenant_id), "tenant_id", "租户不能为空")
    v.check(bool(actor_id), "actor_id", "需要操作人")
    v.check(bool(delivery_ids) or replay_all, "delivery_ids", "请指定要重发的投递,或选择全部")
    v.check(not (delivery_ids and replay_all), "all", "指定投递与全部重发不能同时使用")
    v.check(len(delivery_ids) <= REPLAY_BATCH, "delivery_ids", f"一次最多 {REPLAY_BATCH} 条")
    v.raise_if_any()
    replayed: list[str] = []
    if replay_all:
        while True:
            batch = repo.dead_letter_ids(tenant_id, REPLAY_BATCH)
            moved = [i for i in batch if repo.replay(tenant_id, i, actor_id, now)]
            replayed.extend(moved)
            if len(batch) < REPLAY_BATCH or not moved:
                break
    else:
        replayed = [
            i for i in dict.fromkeys(delivery_ids) if repo.replay(tenant_id, i, actor_id, now)
        ]
    repo.add_audit(
        {
            "tenant_id": tenant_id,
            "action": "replay_dead_letters",
            "actor_id": actor_id,
            "at": now,
            "all": replay_all,
            "requested": list(delivery_ids),
            "replayed": replayed,
        }
    )
    return replayed
