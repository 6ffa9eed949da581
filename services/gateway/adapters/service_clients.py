"""grpc.aio stubs to the five services, one channel each, opened once per process."""

from __future__ import annotations

from dataclasses import dataclass

import grpc

from sales.assignment.v1.assignment_pb2_grpc import AssignmentStub
from sales.media.v1.media_pb2_grpc import MediaStub
from sales.notify.v1.notify_pb2_grpc import NotifyStub
from sales.scoring.v1.orders_pb2_grpc import ScoringOrdersStub
from sales.scoring.v1.scoring_pb2_grpc import ScoringStub
from sales.visits.v1.visits_pb2_grpc import VisitsStub
from services.common.config import Settings

CHANNEL_OPTIONS = [
    ("grpc.keepalive_time_ms", 30_000),
    ("grpc.max_receive_message_length", 16 * 1024 * 1024),
]


@dataclass
class ServiceClients:
    assignment: AssignmentStub
    visits: VisitsStub
    media: MediaStub
    scoring: ScoringStub
    notify: NotifyStub
    scoring_orders: ScoringOrdersStub  # same process and port as scoring (ADR 031)
    channels: list[grpc.aio.Channel]

    @classmethod
    def connect(cls, settings: Settings) -> ServiceClients:
        channels = {
            name: grpc.aio.insecure_channel(settings.target(name), options=CHANNEL_OPTIONS)
            for name in ("assignment", "visits", "media", "scoring", "notify")
        }
        return cls(
            assignment=AssignmentStub(channels["assignment"]),
            visits=VisitsStub(channels["visits"]),
            media=MediaStub(channels["media"]),
            scoring=ScoringStub(channels["scoring"]),
            notify=NotifyStub(channels["notify"]),
            scoring_orders=ScoringOrdersStub(channels["scoring"]),
            channels=list(channels.values()),
        )

    async def close(self) -> None:
        for channel in self.channels:
            await channel.close()
