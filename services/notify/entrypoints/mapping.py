"""Contract messages <-> domain objects for notify: deliveries, routes and directory entries."""

from __future__ import annotations

from sales.common.v1 import org_pb2, types_pb2
from sales.notify.v1 import notify_pb2 as pb
from services.common.proto_codes import NOTIFY_CHANNEL_FROM_PB, ROLE_FROM_PB
from services.common.proto_time import to_timestamp
from services.notify.domain import routing
from services.notify.domain.model import Channel, Contact, Delivery, DeliveryStatus

# The contract's channel and role codes are the shared tables (services/common/proto_codes.py);
# notify's roles are those codes (routing.ROLES), and "admin" is in the directory only.
CHANNEL_TO_PB = {Channel(code): number for number, code in NOTIFY_CHANNEL_FROM_PB.items()}
ROLE_TO_PB = {code: number for number, code in ROLE_FROM_PB.items()}
STATUS_TO_PB = {
    DeliveryStatus.PENDING: pb.DELIVERY_STATUS_PENDING,
    DeliveryStatus.SENT: pb.DELIVERY_STATUS_SENT,
    DeliveryStatus.FAILED: pb.DELIVERY_STATUS_FAILED,
    DeliveryStatus.DEAD_LETTERED: pb.DELIVERY_STATUS_DEAD_LETTERED,
}
STATUS_FROM_PB = {v: k.value for k, v in STATUS_TO_PB.items()}
ROUTE_CHANNEL_FROM_PB = {
    pb.ROUTE_CHANNEL_WECOM: Channel.WECOM.value,
    pb.ROUTE_CHANNEL_DINGTALK: Channel.DINGTALK.value,
    pb.ROUTE_CHANNEL_PREFERRED: routing.PREFERRED,
}
ROUTE_CHANNEL_TO_PB = {v: k for k, v in ROUTE_CHANNEL_FROM_PB.items()}


def contact_from_person(p: org_pb2.Person) -> Contact:
    return Contact(
        tenant_id=p.tenant_id,
        person_id=p.person_id,
        name=p.name,
        supervisor_id=p.supervisor_id,
        wecom_userid=p.wecom_userid,
        dingtalk_userid=p.dingtalk_userid,
        preferred_channel=Channel(NOTIFY_CHANNEL_FROM_PB.get(p.preferred_channel, "wecom")),
        roles=tuple(ROLE_FROM_PB[r] for r in p.roles if r in ROLE_FROM_PB),
        region_codes=tuple(p.region_codes),
        team_id=p.team_id,
        active=p.status != types_pb2.PERSON_STATUS_INACTIVE,
    )


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
        next_attempt_at=to_timestamp(d.next_attempt_at if d.is_pending else None),
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
