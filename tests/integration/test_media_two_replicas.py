"""Two replicas of media on one database, bucket and vhost: every stored photo is analysed and
announced exactly once (the claim on its job is a conditional update, and the commit re-checks
it), whichever replica took the upload."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import grpc
import pytest
import requests

from devstack import photo_samples
from devstack.probes import free_port
from devstack.sandbox import sandbox
from sales.events.v1 import media_events_pb2
from sales.media.v1 import media_pb2 as pb
from sales.media.v1.media_pb2_grpc import MediaStub
from services.common import envelope as envelopes
from tests.integration.media_rig import EventTap, MediaProcess, meta, requests_for

PHOTOS = 16


@pytest.fixture
def replicas(tmp_path: Path) -> Iterator[list[MediaProcess]]:
    with sandbox("it2media") as env:
        started = []
        try:
            for _ in range(2):
                own_ports = {
                    "SALES_MEDIA_GRPC_PORT": str(free_port()),
                    "SALES_MEDIA_METRICS_PORT": str(free_port()),
                }
                started.append(MediaProcess(tmp_path, env, own_ports))
            for process in started:
                process.wait_ready()
            yield started
        finally:
            for process in started:
                process.close()


def _analysed_here(process: MediaProcess) -> int:
    text = requests.get(f"http://127.0.0.1:{process.metrics_port}/metrics", timeout=5).text
    pattern = r'sales_photos_analysed_total\{kind="shelf",status="done"\} (\d+)'
    return int(float(re.search(pattern, text).group(1)))


def test_each_photo_is_analysed_exactly_once_by_two_replicas(replicas) -> None:
    tap = EventTap(replicas[0].amqp_uri, ["photo.analyzed"])
    try:
        channels = [grpc.insecure_channel(f"127.0.0.1:{r.grpc_port}") for r in replicas]
        stubs = [MediaStub(c) for c in channels]
        ids = []
        for i in range(PHOTOS):
            data = photo_samples.jpeg(photo_samples.scene(640, 480, seed=i))
            photo = stubs[i % 2].UploadPhoto(
                requests_for(meta(kind=pb.PHOTO_KIND_SHELF), data), timeout=30
            )
            ids.append(photo.photo_id)
        for photo_id in ids:
            tap.wait_for(lambda e, p=photo_id: _analysed(e) == p, timeout=120)
        # Delivery is at least once: the outbox relay may publish an event again under its
        # own id if marking it sent lagged. Twice analysed would be two different events.
        events = {e.id: _analysed(e) for e in tap.drain(settle_s=3.0)}
        counts = Counter(events.values())
        assert {photo_id: counts[photo_id] for photo_id in ids} == dict.fromkeys(ids, 1)
        per_replica = [_analysed_here(r) for r in replicas]
        print(f"photos analysed per replica: {per_replica}")
        assert sum(per_replica) == PHOTOS, per_replica
        for channel in channels:
            channel.close()
    finally:
        tap.close()


def _analysed(envelope) -> str:
    if envelope.type != "photo.analyzed":
        return ""
    return envelopes.unpack(envelope, media_events_pb2.PhotoAnalyzed).photo_id
