"""The notify service's public surface: the delivery log over gRPC, the events it fans out,
and the timer that retries what a provider could not take yet."""

from __future__ import annotations

import logging
import time

from nameko.extensions import DependencyProvider
from nameko.timer import timer

from sales.common.v1 import types_pb2
from sales.events.v1 import lead_events_pb2, org_events_pb2
from sales.notify.v1 import notify_pb2 as pb
from sales.notify.v1.notify_pb2_grpc import NotifyStub
from services.common import envelope as envelopes
from services.common.config import Settings
from services.common.nameko_support.base_service import OutboxRelayMixin
from services.common.nameko_support.dependencies import Kernel
from services.common.nameko_support.event_consumer import handles_events
from services.common.nameko_support.grpc_entrypoint import grpc_method
from services.common.proto_time import from_timestamp, to_timestamp
from services.notify.adapters.providers import DingTalkClient, ProviderSender, WeComClient
from services.notify.adapters.repository import INDEXES, MongoNotifyRepository
from services.notify.application import deliveries
from services.notify.domain.model import Channel, Contact, Delivery, DeliveryStatus
from services.notify.domain.templates import LeadAssignedFacts
from services.notify.entrypoints.metrics import LEAD_TO_PUSH, NOTIFICATIONS, PROVIDER_LATENCY

log = logging.getLogger(__name__)
grpc = grpc_method(NotifyStub)

CUSTOMER_TYPE = {
    types_pb2.CUSTOMER_TYPE_KA: "KA",
    types_pb2.CUSTOMER_TYPE_BC: "BC",
    types_pb2.CUSTOMER_TYPE_CONVENIENCE: "CONVENIENCE",
}
URGENCY = {
    types_pb2.URGENCY_RED: "red",
    types_pb2.URGENCY_YELLOW: "yellow",
    types_pb2.URGENCY_BLUE: "blue",
}
CHANNEL_FROM_PB = {types_pb2.NOTIFY_CHANNEL_DINGTALK: Channel.DINGTALK}
CHANNEL_TO_PB = {
    Channel.WECOM: types_pb2.NOTIFY_CHANNEL_WECOM,
    Channel.DINGTALK: types_pb2.NOTIFY_CHANNEL_DINGTALK,
}
STATUS_TO_PB = {
    DeliveryStatus.PENDING: pb.DELIVERY_STATUS_PENDING,
    DeliveryStatus.SENT: pb.DELIVERY_STATUS_SENT,
    DeliveryStatus.FAILED: pb.DELIVERY_STATUS_FAILED,
}


class Providers(DependencyProvider):
    """WeCom and DingTalk clients, one per process so their token caches are shared."""

    def setup(self) -> None:
        s = Settings("notify")
        self.sender = ProviderSender(
            WeComClient(s.wecom_base_url, s.wecom_corp_id, s.wecom_corp_secret, s.wecom_agent_id),
            DingTalkClient(
                s.dingtalk_base_url, s.dingtalk_app_key, s.dingtalk_app_secret, s.dingtalk_agent_id
            ),
        )

    def get_dependency(self, worker_ctx) -> ProviderSender:
        return self.sender


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
    )


class NotifyService(OutboxRelayMixin):
    name = "notify"
    kernel = Kernel("notify", INDEXES, MongoNotifyRepository)
    sender = Providers()

    @property
    def repo(self) -> MongoNotifyRepository:
        return MongoNotifyRepository(self.kernel.db, None)

    def _attempt(self, delivery_id: str) -> None:
        started = time.perf_counter()
        d = deliveries.attempt(self.repo, self.sender, delivery_id, self.kernel.clock.now)
        if d is None:
            return
        PROVIDER_LATENCY.labels(d.channel.value).observe(time.perf_counter() - started)
        outcome = {"sent": "sent", "failed": "failed"}.get(d.status.value, "retried")
        NOTIFICATIONS.labels(d.channel.value, d.source_event_type, outcome).inc()
        if d.status == DeliveryStatus.SENT and d.recipient_role == "rep" and d.origin_at:
            LEAD_TO_PUSH.observe((d.sent_at - d.origin_at).total_seconds())
        if d.status != DeliveryStatus.SENT:
            log.warning(
                "delivery not sent",
                extra={"delivery_id": d.delivery_id, "status": d.status.value, "error": d.error},
            )

    @grpc
    def ListDeliveries(self, request: pb.ListDeliveriesRequest, context):
        found, token = deliveries.list_deliveries(
            self.repo,
            request.tenant_id,
            request.recipient_id,
            request.source_event_id,
            request.page.page_size,
            request.page.page_token,
        )
        return pb.ListDeliveriesResponse(
            deliveries=[delivery_to_pb(d) for d in found], next_page_token=token
        )

    @handles_events("notify", ["org.person.upserted", "lead.assigned"])
    def on_event(self, event: envelopes.Envelope) -> bool:
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
            )
            return deliveries.record_contact(self.kernel.uow, contact, event.id)
        if event.type == "lead.assigned":
            a = envelopes.unpack(event, lead_events_pb2.LeadAssigned)

            def facts_for(rep_name: str) -> LeadAssignedFacts:
                return LeadAssignedFacts(
                    lead_id=a.lead_id,
                    customer_name=a.customer_name,
                    customer_type=CUSTOMER_TYPE.get(a.customer_type, ""),
                    region_code=a.region_code,
                    urgency=URGENCY.get(a.urgency, ""),
                    address=a.address,
                    contact_name=a.contact_name,
                    phone=a.phone,
                    reason=a.reason,
                    rep_name=rep_name,
                )

            ready = deliveries.plan_lead_assigned(
                self.kernel.uow,
                event.id,
                event.tenant_id,
                a.rep_id,
                a.supervisor_id,
                facts_for,
                from_timestamp(a.lead_created_at) or now,
                now,
            )
            for delivery_id in ready:
                self._attempt(delivery_id)
            return bool(ready)
        return False

    @timer(interval=1.0)
    def send_due(self) -> None:
        """Retries after backoff, and sends whatever a crash left pending."""
        for delivery_id in self.repo.due(self.kernel.clock.now(), limit=200):
            self._attempt(delivery_id)
