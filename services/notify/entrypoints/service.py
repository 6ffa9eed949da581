"""The notify service's public surface: the delivery log, dead letters and routes over gRPC,
the events it fans out, and the timer that sends what is due (retries, rate-limit waits, and
whatever a crash left pending)."""

from __future__ import annotations

import logging
import os
import time
from datetime import timedelta

import eventlet
from nameko.extensions import DependencyProvider
from nameko.timer import timer

from sales.common.v1 import types_pb2
from sales.events.v1 import org_events_pb2
from sales.notify.v1 import notify_pb2 as pb
from sales.notify.v1.notify_pb2_grpc import NotifyStub
from services.common import envelope as envelopes
from services.common.config import Settings
from services.common.handling import Outcome
from services.common.nameko_support.base_service import OutboxRelayMixin
from services.common.nameko_support.dependencies import Kernel
from services.common.nameko_support.event_consumer import handles_events
from services.common.nameko_support.grpc_entrypoint import grpc_method
from services.common.proto_time import to_timestamp
from services.notify.adapters.providers import DingTalkClient, ProviderSender, WeComClient
from services.notify.adapters.rate_limiter import MongoRateLimiter
from services.notify.adapters.repository import INDEXES, MongoNotifyRepository
from services.notify.application import deliveries, routes
from services.notify.application.deliveries import Attempt, ChannelHealth, Dispatcher
from services.notify.domain import model, routing
from services.notify.domain.model import Channel, Contact, Delivery, DeliveryStatus, RateLimits
from services.notify.domain.notices import MalformedEvent
from services.notify.entrypoints import metrics as m
from services.notify.entrypoints.event_notices import TRANSLATIONS, notice_from_event

log = logging.getLogger(__name__)
grpc = grpc_method(NotifyStub)

CHANNEL_FROM_PB = {types_pb2.NOTIFY_CHANNEL_DINGTALK: Channel.DINGTALK}
CHANNEL_TO_PB = {
    Channel.WECOM: types_pb2.NOTIFY_CHANNEL_WECOM,
    Channel.DINGTALK: types_pb2.NOTIFY_CHANNEL_DINGTALK,
}
STATUS_TO_PB = {
    DeliveryStatus.PENDING: pb.DELIVERY_STATUS_PENDING,
    DeliveryStatus.SENT: pb.DELIVERY_STATUS_SENT,
    DeliveryStatus.FAILED: pb.DELIVERY_STATUS_FAILED,
    DeliveryStatus.DEAD_LETTERED: pb.DELIVERY_STATUS_DEAD_LETTERED,
}
STATUS_FROM_PB = {v: k.value for k, v in STATUS_TO_PB.items()}
ROLE_FROM_PB = {
    types_pb2.ROLE_REP: routing.REP,
    types_pb2.ROLE_SUPERVISOR: routing.SUPERVISOR,
    types_pb2.ROLE_DIRECTOR: "director",
    types_pb2.ROLE_FINANCE: routing.FINANCE,
    types_pb2.ROLE_ADMIN: "admin",
}
ROLE_TO_PB = {v: k for k, v in ROLE_FROM_PB.items()}
ROUTE_CHANNEL_FROM_PB = {
    pb.ROUTE_CHANNEL_WECOM: Channel.WECOM.value,
    pb.ROUTE_CHANNEL_DINGTALK: Channel.DINGTALK.value,
    pb.ROUTE_CHANNEL_PREFERRED: routing.PREFERRED,
}
ROUTE_CHANNEL_TO_PB = {v: k for k, v in ROUTE_CHANNEL_FROM_PB.items()}

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


def delivery_to_pb(d: Delivery) -> pb.Delivery:
    return pb.Delivery(
        delivery_id=d.delivery_id,
        tenant_id=d.tenant_id,
        source_event_id=d.source_event_id,
        source_event_type=d.source_event_type,
        recipient_id=d.recipient_id,
        recipient_role=d.recipient_role,
        channel=CHANNEL_TO_PB[d.channel],
        status=STATUS_TO_PB[d.status],
        provider_message_id=d.provider_message_id,
        attempts=d.attempts,
        error=d.error,
        text=d.message.text,
        created_at=to_timestamp(d.created_at),
        sent_at=to_timestamp(d.sent_at),
        via=d.via.value,
        message_kind=d.message.kind,
        title=d.message.title,
        next_attempt_at=to_timestamp(
            d.next_attempt_at if d.status == DeliveryStatus.PENDING else None
        ),
        replays=d.replays,
        replayed_by=d.replayed_by,
        replayed_at=to_timestamp(d.replayed_at),
    )


def route_to_pb(route: routing.Route) -> pb.Route:
    return pb.Route(
        tenant_id=route.tenant_id,
        event_type=route.event_type,
        roles=[ROLE_TO_PB[r] for r in route.roles if r in ROLE_TO_PB],
        channel=ROUTE_CHANNEL_TO_PB.get(route.channel, pb.ROUTE_CHANNEL_UNSPECIFIED),
        muted=route.muted,
        wecom_robot_key=route.wecom_robot_key,
        dingtalk_robot_access_token=route.dingtalk_robot_access_token,
        # write-only: a caller sees that a secret is set, never the secret
        dingtalk_robot_secret="******" if route.dingtalk_robot_secret else "",
        is_default=route.is_default,
        version=route.version,
        updated_by=route.updated_by,
        updated_at=to_timestamp(route.updated_at),
    )


def route_from_pb(route: pb.Route) -> routing.Route:
    return routing.Route(
        event_type=route.event_type,
        roles=tuple(ROLE_FROM_PB.get(r, f"未知角色({r})") for r in route.roles),
        channel=ROUTE_CHANNEL_FROM_PB.get(route.channel, ""),
        tenant_id=route.tenant_id,
        muted=route.muted,
        wecom_robot_key=route.wecom_robot_key.strip(),
        dingtalk_robot_access_token=route.dingtalk_robot_access_token.strip(),
        dingtalk_robot_secret=route.dingtalk_robot_secret.strip(),
        is_default=False,
        updated_by=route.updated_by,
    )


def observe(outcome: Attempt) -> None:
    d = outcome.delivery
    channel = f"{d.channel.value}_robot" if d.via.value == "robot" else d.channel.value
    m.NOTIFICATIONS.labels(channel, d.source_event_type, outcome.outcome).inc()
    if outcome.outcome != "rate_limited" or outcome.provider_seconds:
        m.PROVIDER_LATENCY.labels(channel).observe(outcome.provider_seconds)
    if outcome.outcome == "sent":
        if d.event_at and d.sent_at:
            m.EVENT_TO_PROVIDER.labels(channel, d.source_event_type).observe(
                (d.sent_at - d.event_at).total_seconds()
            )
        is_lead_push = d.source_event_type == routing.LEAD_ASSIGNED and d.recipient_role == "rep"
        if is_lead_push and d.origin_at and d.sent_at:
            m.LEAD_TO_PUSH.observe((d.sent_at - d.origin_at).total_seconds())
    elif outcome.outcome in ("failed", "dead_lettered"):
        log.warning(
            "delivery not sent",
            extra={"delivery_id": d.delivery_id, "status": d.status.value, "error": d.error},
        )


class NotifyService(OutboxRelayMixin):
    name = "notify"
    kernel = Kernel("notify", INDEXES, MongoNotifyRepository)
    sending = Sending()

    @property
    def repo(self) -> MongoNotifyRepository:
        return MongoNotifyRepository(self.kernel.db, None)

    def _dispatcher(self) -> Dispatcher:
        s = self.sending
        return Dispatcher(
            self.repo, s.sender, MongoRateLimiter(self.kernel.db), self.kernel.clock.now,
            s.limits, s.wecom_app_id, s.health, time.perf_counter, max_attempts=MAX_ATTEMPTS,
        )  # fmt: skip

    def _attempt(self, dispatcher: Dispatcher, delivery_id: str) -> None:
        try:
            outcome = dispatcher.attempt(delivery_id)
        except Exception:  # the database hiccuped: the claim expires and the timer retries
            log.exception("delivery attempt failed", extra={"delivery_id": delivery_id})
            return
        if outcome is not None:
            observe(outcome)

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
        found, token = deliveries.list_deliveries(
            self.repo,
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
        found, token = deliveries.list_dead_letters(
            self.repo, request.tenant_id, request.page.page_size, request.page.page_token
        )
        return pb.ListDeadLettersResponse(
            deliveries=[delivery_to_pb(d) for d in found], next_page_token=token
        )

    @grpc
    def ReplayDeadLetters(self, request: pb.ReplayDeadLettersRequest, context):
        replayed = deliveries.replay_dead_letters(
            self.repo,
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
            self.repo, route_from_pb(request.route), self.kernel.clock.now()
        )
        return route_to_pb(saved)

    @grpc
    def ListRoutes(self, request: pb.ListRoutesRequest, context):
        found = routes.list_routes(self.repo, request.tenant_id)
        return pb.ListRoutesResponse(routes=[route_to_pb(r) for r in found])

    # -- events ------------------------------------------------------------------------------

    @handles_events("notify", ["org.person.upserted", *TRANSLATIONS])
    def on_event(self, event: envelopes.Envelope) -> Outcome:
        now = self.kernel.clock.now()
        if event.type == "org.person.upserted":
            p = envelopes.unpack(event, org_events_pb2.PersonUpserted).person
            contact = Contact(
                tenant_id=p.tenant_id,
                person_id=p.person_id,
                name=p.name,
                supervisor_id=p.supervisor_id,
                wecom_userid=p.wecom_userid,
                dingtalk_userid=p.dingtalk_userid,
                preferred_channel=CHANNEL_FROM_PB.get(p.preferred_channel, Channel.WECOM),
                roles=tuple(ROLE_FROM_PB[r] for r in p.roles if r in ROLE_FROM_PB),
                region_codes=tuple(p.region_codes),
                team_id=p.team_id,
                active=p.status != types_pb2.PERSON_STATUS_INACTIVE,
            )
            revived = deliveries.record_contact(self.kernel.uow, contact, event.id, now)
            if revived:
                log.info(
                    "deliveries sent now that the person is in the directory",
                    extra={"person_id": contact.person_id, "n": len(revived)},
                )
                self._attempt_all(revived)
            return Outcome.OK
        if event.type not in TRANSLATIONS:
            return Outcome.IGNORED
        try:
            notice = notice_from_event(event)
        except MalformedEvent as error:
            log.warning(
                "malformed event logged as a failed delivery",
                extra={"event_id": event.id, "type": event.type, "error": str(error)},
            )
            m.NOTIFICATIONS.labels("none", event.type, "failed").inc()
            recorded = deliveries.record_malformed(
                self.kernel.uow, event.id or f"no-id-{int(now.timestamp() * 1000)}",
                event.type, event.tenant_id, str(error), now,
            )  # fmt: skip
            return Outcome.OK if recorded else Outcome.DUPLICATE
        ready = deliveries.plan_notice(self.kernel.uow, notice, now)
        if ready is None:
            return Outcome.DUPLICATE
        if ready:
            self._attempt_all(ready)
        return Outcome.OK

    # -- timers ------------------------------------------------------------------------------

    @timer(interval=1.0)
    def send_due(self) -> None:
        """Retries after backoff, rate-limit waits that are over, replays, and whatever a
        crash left pending; batch after batch, for a bounded time per tick."""
        started = time.monotonic()
        while time.monotonic() - started < TICK_BUDGET_S:
            due = self.repo.due(self.kernel.clock.now(), limit=DUE_BATCH)
            if due:
                self._attempt_all(due, self.sending.pool)
            if len(due) < DUE_BATCH:
                break
        m.PENDING.set(self.repo.count_pending())
        m.DEAD_LETTERS.set(self.repo.count_dead_lettered())
