"""The notify service's public surface: the delivery log, dead letters and routes over gRPC,
the events it fans out, and the timer that sends what is due (retries, rate-limit waits, and
whatever a crash left pending)."""

from __future__ import annotations

import logging
import os
import time
from datetime import timedelta

import eventlet
from google.protobuf.message import DecodeError
from google.protobuf.message import Message as ProtoMessage
from nameko.extensions import DependencyProvider
from nameko.timer import timer

from sales.events.v1 import org_events_pb2
from sales.notify.v1 import notify_pb2 as pb
from sales.notify.v1.notify_pb2_grpc import NotifyStub
from services.common import envelope as envelopes
from services.common.config import Settings
from services.common.handling import Outcome, consumed, dispatch
from services.common.nameko_support.base_service import OutboxRelayMixin
from services.common.nameko_support.dependencies import Kernel
from services.common.nameko_support.event_consumer import handles_events
from services.common.nameko_support.grpc_entrypoint import grpc_method
from services.notify.adapters.providers import DingTalkClient, ProviderSender, WeComClient
from services.notify.adapters.rate_limiter import MongoRateLimiter
from services.notify.adapters.repository import INDEXES, MongoNotifyRepository
from services.notify.application import deliveries, delivery_log, routes
from services.notify.application.sending import ChannelHealth, Dispatcher
from services.notify.domain import model
from services.notify.domain.model import RateLimits
from services.notify.domain.notices import MalformedEvent
from services.notify.entrypoints import metrics as m
from services.notify.entrypoints.event_notices import TRANSLATIONS, notice_from_event
from services.notify.entrypoints.mapping import (
    STATUS_FROM_PB,
    contact_from_person,
    delivery_to_pb,
    route_from_pb,
    route_to_pb,
)

log = logging.getLogger(__name__)
grpc = grpc_method(NotifyStub)

# Send loop knobs (environment, so tests and production can tune them).
SEND_CONCURRENCY = int(os.environ.get("SALES_NOTIFY_SEND_CONCURRENCY", "16"))
DUE_BATCH = int(os.environ.get("SALES_NOTIFY_DUE_BATCH", "500"))
MAX_ATTEMPTS = int(os.environ.get("SALES_NOTIFY_MAX_ATTEMPTS", str(model.MAX_ATTEMPTS)))
TICK_BUDGET_S = 5.0  # one timer tick drains batches for at most this long


def rate_limits_from_env() -> RateLimits:
    return RateLimits(
        wecom_member_per_window=int(os.environ.get("SALES_WECOM_MEMBER_LIMIT_PER_MIN", "30")),
        robot_per_window=int(os.environ.get("SALES_ROBOT_LIMIT_PER_MIN", "20")),
        window=timedelta(seconds=float(os.environ.get("SALES_NOTIFY_RATE_WINDOW_S", "61"))),
    )


class Sending(DependencyProvider):
    """The providers (one WeCom and one DingTalk client per process, so their token caches
    are shared), the rate limiter, and a green pool that sends due deliveries side by side
    so that one slow provider call does not hold up the rest."""

    def setup(self) -> None:
        s = Settings("notify")
        self.sender = ProviderSender(
            WeComClient(s.wecom_base_url, s.wecom_corp_id, s.wecom_corp_secret, s.wecom_agent_id),
            DingTalkClient(
                s.dingtalk_base_url, s.dingtalk_app_key, s.dingtalk_app_secret, s.dingtalk_agent_id
            ),
        )
        self.limits = rate_limits_from_env()
        self.wecom_app_id = f"{s.wecom_corp_id}:{s.wecom_agent_id}"
        self.health = ChannelHealth()
        self.pool = eventlet.GreenPool(SEND_CONCURRENCY)

    def get_dependency(self, worker_ctx) -> Sending:
        return self


class NotifyService(OutboxRelayMixin):
    name = "notify"
    kernel = Kernel("notify", INDEXES, MongoNotifyRepository)
    sending = Sending()

    def _dispatcher(self) -> Dispatcher:
        s = self.sending
        return Dispatcher(
            self.kernel.uow, s.sender, MongoRateLimiter(self.kernel.db), s.limits,
            s.wecom_app_id, s.health, time.perf_counter, max_attempts=MAX_ATTEMPTS,
        )  # fmt: skip

    def _attempt(self, dispatcher: Dispatcher, delivery_id: str) -> None:
        try:
            attempt = dispatcher.attempt(delivery_id)
        except Exception:  # the database hiccuped: the claim expires and the timer retries
            log.exception("delivery attempt failed", extra={"delivery_id": delivery_id})
            return
        if attempt is None:
            return
        m.observe(attempt)
        if attempt.outcome in ("failed", "dead_lettered"):
            d = attempt.delivery
            log.warning(
                "delivery not sent",
                extra={"delivery_id": d.delivery_id, "status": d.status.value, "error": d.error},
            )

    def _attempt_all(self, delivery_ids: list[str], pool: eventlet.GreenPool | None = None) -> None:
        """Side by side: the timer through its bounded pool; an event's own few deliveries
        (rep, supervisor, robots) each in their own green thread, so a new lead never waits
        behind a batch of retries."""
        dispatcher = self._dispatcher()
        if pool is None:
            threads = [eventlet.spawn(self._attempt, dispatcher, i) for i in delivery_ids]
            for thread in threads:
                thread.wait()
            return
        for delivery_id in delivery_ids:
            pool.spawn_n(self._attempt, dispatcher, delivery_id)
        pool.waitall()

    # -- gRPC --------------------------------------------------------------------------------

    @grpc
    def ListDeliveries(self, request: pb.ListDeliveriesRequest, context):
        found, token = delivery_log.list_deliveries(
            self.kernel.uow,
            request.tenant_id,
            request.recipient_id,
            request.source_event_id,
            request.page.page_size,
            request.page.page_token,
            STATUS_FROM_PB.get(request.status, ""),
        )
        return pb.ListDeliveriesResponse(
            deliveries=[delivery_to_pb(d) for d in found], next_page_token=token
        )

    @grpc
    def ListDeadLetters(self, request: pb.ListDeadLettersRequest, context):
        found, token = delivery_log.list_dead_letters(
            self.kernel.uow, request.tenant_id, request.page.page_size, request.page.page_token
        )
        return pb.ListDeadLettersResponse(
            deliveries=[delivery_to_pb(d) for d in found], next_page_token=token
        )

    @grpc
    def ReplayDeadLetters(self, request: pb.ReplayDeadLettersRequest, context):
        replayed = delivery_log.replay_dead_letters(
            self.kernel.uow,
            request.tenant_id,
            list(request.delivery_ids),
            request.all,
            request.actor_id,
            self.kernel.clock.now(),
        )
        m.REPLAYED.labels(request.tenant_id).inc(len(replayed))
        log.info(
            "dead letters replayed",
            extra={"tenant_id": request.tenant_id, "actor": request.actor_id, "n": len(replayed)},
        )
        return pb.ReplayDeadLettersResponse(replayed=len(replayed), delivery_ids=replayed)

    @grpc
    def UpsertRoute(self, request: pb.UpsertRouteRequest, context):
        saved = routes.upsert_route(
            self.kernel.uow, route_from_pb(request.route), self.kernel.clock.now()
        )
        return route_to_pb(saved)

    @grpc
    def ListRoutes(self, request: pb.ListRoutesRequest, context):
        found = routes.list_routes(self.kernel.uow, request.tenant_id)
        return pb.ListRoutesResponse(routes=[route_to_pb(r) for r in found])

    # -- events ------------------------------------------------------------------------------

    def _person_upserted(
        self, payload: org_events_pb2.PersonUpserted, event: envelopes.Envelope
    ) -> Outcome:
        contact = contact_from_person(payload.person)
        now = self.kernel.clock.now()
        revived = deliveries.record_contact(self.kernel.uow, contact, event.id, now)
        if revived:
            log.info(
                "deliveries sent now that the person is in the directory",
                extra={"person_id": contact.person_id, "n": len(revived)},
            )
            self._attempt_all(revived)
        # handled either way: a redelivery still looks for what waited for the person
        return Outcome.OK

    def _notice(self, payload: ProtoMessage, event: envelopes.Envelope) -> Outcome:
        notice = notice_from_event(event, payload)
        ready = deliveries.plan_notice(self.kernel.uow, notice, self.kernel.clock.now())
        if ready:
            self._attempt_all(ready)
        return consumed(ready)  # [] (every recipient failed) is handled, None a duplicate

    def _malformed(self, event: envelopes.Envelope, error: Exception) -> Outcome:
        reason = str(error) if isinstance(error, MalformedEvent) else f"事件内容无法解析:{error}"
        log.warning(
            "malformed event logged as a failed delivery",
            extra={"event_id": event.id, "type": event.type, "error": reason},
        )
        m.NOTIFICATIONS.labels("none", event.type, "failed").inc()
        now = self.kernel.clock.now()
        recorded = deliveries.record_malformed(
            self.kernel.uow, event.id or f"no-id-{int(now.timestamp() * 1000)}",
            event.type, event.tenant_id, reason, now,
        )  # fmt: skip
        return consumed(recorded)

    HANDLERS = {
        "org.person.upserted": _person_upserted,
        **dict.fromkeys(TRANSLATIONS, _notice),
    }

    @handles_events("notify", HANDLERS)
    def on_event(self, event: envelopes.Envelope) -> Outcome:
        try:
            return dispatch(self.HANDLERS, self, event)
        except (ValueError, DecodeError) as error:
            # A notice whose payload does not unpack as its type registers (dispatch), or
            # lacks what notify needs (MalformedEvent): a failed delivery in the log, and
            # acknowledged (ADR 012). Anything else is retried by the consumer.
            if event.type not in TRANSLATIONS:
                raise
            return self._malformed(event, error)

    # -- timers ------------------------------------------------------------------------------

    @timer(interval=1.0)
    def send_due(self) -> None:
        """Retries after backoff, rate-limit waits that are over, replays, and whatever a
        crash left pending; batch after batch, for a bounded time per tick."""
        repo = self.kernel.uow.repository()
        started = time.monotonic()
        while time.monotonic() - started < TICK_BUDGET_S:
            due = repo.due(self.kernel.clock.now(), limit=DUE_BATCH)
            if due:
                self._attempt_all(due, self.sending.pool)
            if len(due) < DUE_BATCH:
                break
        m.PENDING.set(repo.count_pending())
        m.DEAD_LETTERS.set(repo.count_dead_lettered())
