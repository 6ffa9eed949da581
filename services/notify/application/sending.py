"""The send loop (SPEC N3): claim one delivery, respect its rate limit, try its provider once,
and record what happened: sent, failed, queued for a slot, retried after a backoff, or
dead-lettered."""

from __future__ import annotations

import logging
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from services.common.unit_of_work import UnitOfWork
from services.notify.application.ports import (
    NotifyRepository,
    PermanentSendError,
    RateLimitedError,
    RateLimiter,
    Sender,
    SendError,
)
from services.notify.domain.model import (
    MAX_ATTEMPTS,
    Channel,
    Delivery,
    DeliveryStatus,
    RateLimit,
    RateLimits,
)

log = logging.getLogger(__name__)
CLAIM_FOR = timedelta(seconds=30)
PROVIDER_SAYS_TOO_FAST = timedelta(seconds=10)  # then jittered up to twice that


OUTCOMES = ("sent", "failed", "retried", "dead_lettered", "rate_limited")


@dataclass
class Attempt:
    delivery: Delivery
    outcome: str  # one of OUTCOMES
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


def rate_limit_reason(limit: RateLimit) -> str:
    return f"频率限制:{limit.limit} 条/{int(limit.window.total_seconds())} 秒,排队等待"


class Dispatcher:
    """Claims one delivery and tries its provider once. Safe with several replicas: the claim
    and the rate-limit slot are each one conditional MongoDB update."""

    def __init__(
        self,
        uow: UnitOfWork[NotifyRepository],
        sender: Sender,
        limiter: RateLimiter,
        limits: RateLimits,
        wecom_app_id: str,
        health: ChannelHealth | None = None,
        perf: Callable[[], float] | None = None,
        rng: random.Random | None = None,
        max_attempts: int = MAX_ATTEMPTS,
    ) -> None:
        self.repo, self.now = uow.repository(), uow.now
        self.sender, self.limiter = sender, limiter
        self.limits, self.wecom_app_id = limits, wecom_app_id
        self.health = health or ChannelHealth()
        self._perf = perf or (lambda: 0.0)
        self._rng = rng or random.Random()
        self.max_attempts = max_attempts

    def attempt(self, delivery_id: str) -> Attempt | None:
        started = self.now()
        d = self.repo.claim(delivery_id, started, started + CLAIM_FOR)
        if d is None:
            return None  # sent, failed, not due, or another replica holds it
        return self._wait_for_slot(d, started) or self._send(d)

    def _wait_for_slot(self, d: Delivery, now: datetime) -> Attempt | None:
        """Queued, never dropped: a full window reschedules the delivery to when it frees."""
        limit = self.limits.for_delivery(d, self.wecom_app_id)
        free_at = self.limiter.acquire(limit, now) if limit else None
        if limit is None or free_at is None:
            return None
        d.defer(rate_limit_reason(limit), free_at)
        self.repo.save_attempt(d)
        return Attempt(d, "rate_limited")

    def _send(self, d: Delivery) -> Attempt:
        t0 = self._perf()
        try:
            message_id = self.sender.send(d)
        except SendError as error:
            return self._not_sent(d, error, self._perf() - t0)
        took = self._perf() - t0
        d.sent(message_id, self.now())
        self.repo.save_attempt(d)
        return Attempt(d, "sent", took, self._drain_if_recovered(d))

    def _not_sent(self, d: Delivery, error: Exception, took: float) -> Attempt:
        now = self.now()
        if isinstance(error, PermanentSendError):
            d.failed(str(error), now)
            outcome = "failed"
        elif isinstance(error, RateLimitedError):
            d.defer(f"服务商限流:{error}", now + PROVIDER_SAYS_TOO_FAST * (1 + self._rng.random()))
            outcome = "rate_limited"
        else:
            self.health.failed(d.channel)
            status = d.failed_transiently(str(error), now, self.max_attempts, self._rng)
            outcome = "dead_lettered" if status == DeliveryStatus.DEAD_LETTERED else "retried"
        self.repo.save_attempt(d)
        return Attempt(d, outcome, took)

    def _drain_if_recovered(self, d: Delivery) -> int:
        if not self.health.recovered(d.channel):
            return 0
        pulled = self.repo.pull_forward(d.channel, d.sent_at or self.now())
        if pulled:
            log.info(
                "provider recovered; retries brought forward",
                extra={"channel": d.channel.value, "count": pulled},
            )
        return pulled
