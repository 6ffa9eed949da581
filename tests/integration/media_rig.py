"""The media service as a real process for integration tests: its own RabbitMQ vhost,
database prefix and bucket (devstack.sandbox), a plain grpcio client, and helpers to stream
photos and read what it wrote."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import grpc
import pika
import pytest
from grpc_status import rpc_status
from minio import Minio
from minio.error import S3Error
from pymongo import MongoClient

from devstack.probes import port_open
from sales.common.v1 import types_pb2
from sales.media.v1 import media_pb2 as pb
from services.common import envelope as envelopes
from services.common.config import Settings
from services.common.grpc_status import violations_from_status

ROOT = Path(__file__).resolve().parents[2]
CHUNK = 64 * 1024
TENANT = "t-media-it"


def meta(photo_id: str | None = None, **changes) -> pb.PhotoMeta:
    message = pb.PhotoMeta(
        tenant_id=TENANT,
        photo_id=photo_id or str(uuid.uuid4()),
        rep_id="rep-7",
        visit_id="visit-42",
        kind=pb.PHOTO_KIND_STOREFRONT,
        device_location=types_pb2.GeoPoint(
            latitude=31.2304, longitude=121.4737, datum=types_pb2.DATUM_GCJ02, accuracy_m=8
        ),
        filename="storefront.jpg",
    )
    for key, value in changes.items():
        if value is None:
            message.ClearField(key)
        elif isinstance(value, types_pb2.GeoPoint):
            getattr(message, key).CopyFrom(value)
        else:
            setattr(message, key, value)
    return message


def requests_for(meta: pb.PhotoMeta | None, data: bytes) -> Iterator[pb.UploadPhotoRequest]:
    if meta is not None:
        yield pb.UploadPhotoRequest(meta=meta)
    for start in range(0, len(data), CHUNK):
        yield pb.UploadPhotoRequest(chunk=data[start : start + CHUNK])


def rpc_error(call, *args, **kwargs) -> grpc.RpcError:
    with pytest.raises(grpc.RpcError) as caught:
        call(*args, timeout=30, **kwargs)
    return caught.value


def fields(error: grpc.RpcError) -> set[str]:
    status = rpc_status.from_call(error)
    assert status is not None, "the error carries no google.rpc.Status details"
    return {v.field for v in violations_from_status(status)}


def descriptions(error: grpc.RpcError) -> list[str]:
    return [v.description for v in violations_from_status(rpc_status.from_call(error))]


def s3_client(endpoint: str | None = None) -> Minio:
    s = Settings("media")
    return Minio(
        endpoint or s.s3_endpoint,
        access_key=s.s3_access_key,
        secret_key=s.s3_secret_key,
        secure=s.s3_secure,
        region=s.s3_region,
    )


def remove_bucket(client: Minio, bucket: str) -> None:
    try:
        for item in client.list_objects(bucket, recursive=True):
            client.remove_object(bucket, item.object_name)
        client.remove_bucket(bucket)
    except S3Error:
        pass


class MediaProcess:
    def __init__(self, log_dir: Path, env: dict[str, str], extra: dict[str, str] | None = None):
        self.env = {**os.environ, **env, **(extra or {})}
        self.db_prefix = self.env["SALES_DB_PREFIX"]
        self.bucket = self.env["SALES_S3_BUCKET"]
        self.amqp_uri = self.env["SALES_AMQP_URI"]
        self.s3_endpoint = self.env.get("SALES_S3_ENDPOINT", Settings("media").s3_endpoint)
        self.grpc_port = int(self.env["SALES_MEDIA_GRPC_PORT"])
        self.metrics_port = int(self.env["SALES_MEDIA_METRICS_PORT"])
        self.log = open(log_dir / f"media-{self.grpc_port}.log", "w+b")  # noqa: SIM115
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "services.media"],
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def wait_ready(self, timeout: float = 120.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                pytest.fail(f"media exited with {self.proc.returncode}:\n{self.output()}")
            if port_open(self.grpc_port):
                return
            time.sleep(0.1)
        pytest.fail(f"media did not listen on {self.grpc_port} in {timeout} s:\n{self.output()}")

    def output(self) -> str:
        self.log.flush()
        self.log.seek(0)
        return self.log.read().decode(errors="replace")[-5000:]

    def stop(self) -> float:
        """SIGTERM, and the seconds it took to exit (escalates to SIGKILL after 15 s)."""
        started = time.monotonic()
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        return time.monotonic() - started

    def database(self):
        return MongoClient(Settings("media").mongo_uri)[f"{self.db_prefix}media"]

    def metadata_doc(self, photo_id: str) -> dict | None:
        return self.database()["photos"].find_one({"_id": photo_id})

    def objects_for(self, photo_id: str) -> list[str]:
        client = s3_client(self.s3_endpoint)
        try:
            names = [o.object_name for o in client.list_objects(self.bucket, recursive=True)]
        except S3Error:
            return []
        return [n for n in names if photo_id in n]

    def close(self) -> None:
        self.stop()
        self.log.close()
        remove_bucket(s3_client(self.s3_endpoint), self.bucket)


class EventTap:
    """An exclusive queue bound to some event types in the process's vhost."""

    def __init__(self, amqp_uri: str, types: list[str]) -> None:
        self.connection = pika.BlockingConnection(pika.URLParameters(amqp_uri))
        self.channel = self.connection.channel()
        self.channel.exchange_declare(envelopes.EXCHANGE, exchange_type="topic", durable=True)
        self.queue = self.channel.queue_declare("", exclusive=True).method.queue
        for event_type in types:
            self.channel.queue_bind(self.queue, envelopes.EXCHANGE, routing_key=event_type)
        self.seen: list[tuple[object, object, object]] = []

    def wait_for(self, predicate, timeout: float = 60.0):
        """The first (envelope, properties) seen so far or arriving that matches."""
        for envelope, properties in self.seen:
            if predicate(envelope):
                return envelope, properties
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            method, properties, body = self.channel.basic_get(self.queue, auto_ack=True)
            if method is None:
                time.sleep(0.05)
                continue
            envelope = envelopes.from_json(body)
            self.seen.append((envelope, properties))
            if predicate(envelope):
                return envelope, properties
        pytest.fail(f"no matching event within {timeout} s; saw {[e.type for e, _ in self.seen]}")

    def drain(self, settle_s: float = 0.5) -> list:
        time.sleep(settle_s)
        while (got := self.channel.basic_get(self.queue, auto_ack=True))[0] is not None:
            self.seen.append((envelopes.from_json(got[2]), got[1]))
        return [e for e, _ in self.seen]

    def close(self) -> None:
        self.connection.close()
