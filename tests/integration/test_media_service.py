"""The media service as a real process (SPEC M1), driven over gRPC as a front end would.

Runs `python -m services.media` against the running MongoDB-wire server, moto's S3 server and
RabbitMQ, with a unique database prefix and bucket, and a plain (non-aio) grpcio client.
"""

from __future__ import annotations

import hashlib
import io
import os
import random
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
from PIL import Image
from pymongo import MongoClient

from devstack.probes import free_port, port_open
from sales.common.v1 import types_pb2
from sales.events.v1 import media_events_pb2
from sales.media.v1 import media_pb2 as pb
from sales.media.v1.media_pb2_grpc import MediaStub
from services.common import envelope as envelopes
from services.common.config import Settings
from services.common.grpc_status import violations_from_status

ROOT = Path(__file__).resolve().parents[2]
CHUNK = 64 * 1024
MAX_BYTES = 3 * 1024 * 1024  # small limit for this process: the 2 MB photo fits, 4 MB does not
TENANT = "t-media-it"


def _jpeg(size_at_least: int, seed: int) -> bytes:
    """A real JPEG of noise, large enough (noise does not compress)."""
    rng = random.Random(seed)
    side = 900
    while True:
        image = Image.frombytes("RGB", (side, side), rng.randbytes(side * side * 3))
        buffer = io.BytesIO()
        image.save(buffer, format="JPEG", quality=95)
        if buffer.tell() >= size_at_least:
            return buffer.getvalue()
        side += 200


def _meta(photo_id: str | None = None, **changes) -> pb.PhotoMeta:
    meta = pb.PhotoMeta(
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
            meta.ClearField(key)
        elif isinstance(value, types_pb2.GeoPoint):
            getattr(meta, key).CopyFrom(value)
        else:
            setattr(meta, key, value)
    return meta


def _requests(meta: pb.PhotoMeta | None, data: bytes) -> Iterator[pb.UploadPhotoRequest]:
    if meta is not None:
        yield pb.UploadPhotoRequest(meta=meta)
    for start in range(0, len(data), CHUNK):
        yield pb.UploadPhotoRequest(chunk=data[start : start + CHUNK])


def _rpc_error(call, *args, **kwargs) -> grpc.RpcError:
    with pytest.raises(grpc.RpcError) as caught:
        call(*args, timeout=30, **kwargs)
    return caught.value


def _fields(error: grpc.RpcError) -> set[str]:
    status = rpc_status.from_call(error)
    assert status is not None, "the error carries no google.rpc.Status details"
    return {v.field for v in violations_from_status(status)}


class MediaProcess:
    def __init__(self, log_dir: Path) -> None:
        suffix = uuid.uuid4().hex[:10]
        self.db_prefix = f"it_media_{suffix}_"
        self.bucket = f"it-media-{suffix}"
        self.grpc_port = free_port()
        self.metrics_port = free_port()
        self.env = {
            **os.environ,
            "SALES_DB_PREFIX": self.db_prefix,
            "SALES_MEDIA_GRPC_PORT": str(self.grpc_port),
            "SALES_MEDIA_METRICS_PORT": str(self.metrics_port),
            "SALES_S3_BUCKET": self.bucket,
            "SALES_MEDIA_MAX_BYTES": str(MAX_BYTES),
        }
        self.log = open(log_dir / "media.log", "w+b")  # noqa: SIM115
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "services.media"],
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def wait_ready(self, timeout: float = 30.0) -> None:
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
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        return time.monotonic() - started


@pytest.fixture(scope="module")
def media(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MediaProcess]:
    process = MediaProcess(tmp_path_factory.mktemp("media"))
    try:
        process.wait_ready()
        yield process
    finally:
        if process.proc.poll() is None:
            process.stop()
        process.log.close()
        MongoClient(Settings("media").mongo_uri).drop_database(f"{process.db_prefix}media")
        _remove_bucket(process.bucket)


@pytest.fixture(scope="module")
def stub(media: MediaProcess) -> Iterator[MediaStub]:
    with grpc.insecure_channel(f"127.0.0.1:{media.grpc_port}") as channel:
        grpc.channel_ready_future(channel).result(timeout=10)
        yield MediaStub(channel)


def _s3() -> Minio:
    s = Settings("media")
    return Minio(
        s.s3_endpoint,
        access_key=s.s3_access_key,
        secret_key=s.s3_secret_key,
        secure=s.s3_secure,
        region=s.s3_region,
    )


def _remove_bucket(bucket: str) -> None:
    client = _s3()
    try:
        for item in client.list_objects(bucket, recursive=True):
            client.remove_object(bucket, item.object_name)
        client.remove_bucket(bucket)
    except S3Error:
        pass


def _objects_for(bucket: str, photo_id: str) -> list[str]:
    names = [o.object_name for o in _s3().list_objects(bucket, prefix=f"{TENANT}/", recursive=True)]
    return [n for n in names if photo_id in n]


def _metadata_doc(media: MediaProcess, photo_id: str) -> dict | None:
    db = MongoClient(Settings("media").mongo_uri)[f"{media.db_prefix}media"]
    return db["photos"].find_one({"_id": photo_id})


@pytest.fixture
def photo_stored_queue() -> Iterator[tuple[pika.channel.Channel, str]]:
    connection = pika.BlockingConnection(pika.URLParameters(Settings("media").amqp_uri))
    channel = connection.channel()
    channel.exchange_declare(envelopes.EXCHANGE, exchange_type="topic", durable=True)
    queue = channel.queue_declare("", exclusive=True, auto_delete=True).method.queue
    channel.queue_bind(queue, envelopes.EXCHANGE, routing_key="photo.stored")
    try:
        yield channel, queue
    finally:
        connection.close()


def _next_event_for(channel, queue: str, photo_id: str, timeout: float = 30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        method, properties, body = channel.basic_get(queue, auto_ack=True)
        if method is None:
            time.sleep(0.05)
            continue
        envelope = envelopes.from_json(body)
        payload = envelopes.unpack(envelope, media_events_pb2.PhotoStored)
        if payload.photo_id == photo_id:
            return envelope, payload, properties
    pytest.fail(f"no photo.stored event for {photo_id} within {timeout} s")


def test_upload_a_2mb_jpeg_in_64kb_chunks(media, stub, photo_stored_queue) -> None:
    channel, queue = photo_stored_queue
    data = _jpeg(2_000_000, seed=1)
    assert data[:3] == b"\xff\xd8\xff" and len(data) >= 2_000_000
    photo_id = str(uuid.uuid4())
    # The client claims a PNG name: the type comes from the bytes regardless.
    meta = _meta(photo_id, filename="lies.png")

    photo = stub.UploadPhoto(_requests(meta, data), timeout=30)

    assert photo.sha256 == hashlib.sha256(data).hexdigest()
    assert photo.size_bytes == len(data)
    assert photo.content_type == "image/jpeg"
    assert photo.photo_id == photo_id and photo.tenant_id == TENANT
    assert photo.kind == pb.PHOTO_KIND_STOREFRONT
    assert photo.device_location.datum == types_pb2.DATUM_GCJ02
    assert photo.stored_at.seconds > 0
    parts = photo.object_key.split("/")
    assert parts[0] == TENANT and parts[-1] == f"{photo_id}.jpg" and len(parts) == 5

    # The original is in S3, byte for byte, with its type and checksum.
    s3 = _s3()
    response = s3.get_object(media.bucket, photo.object_key)
    try:
        stored = response.read()
    finally:
        response.close()
        response.release_conn()
    assert stored == data
    stat = s3.stat_object(media.bucket, photo.object_key)
    assert stat.content_type == "image/jpeg"
    assert stat.size == len(data)
    assert {k.lower(): v for k, v in stat.metadata.items()}.get("x-amz-meta-sha256") == photo.sha256

    # Read back.
    fetched = stub.GetPhoto(pb.GetPhotoRequest(tenant_id=TENANT, photo_id=photo_id), timeout=10)
    assert fetched == photo

    # The event reached RabbitMQ as a canonical-JSON envelope.
    envelope, payload, properties = _next_event_for(channel, queue, photo_id)
    assert envelope.type == "photo.stored" and envelope.version == 1
    assert envelope.tenant_id == TENANT and envelope.producer == "media"
    assert envelope.correlation_id == photo_id
    assert payload.sha256 == photo.sha256 and payload.object_key == photo.object_key
    assert payload.size_bytes == len(data) and payload.content_type == "image/jpeg"
    assert payload.kind == "storefront" and payload.rep_id == "rep-7"
    assert payload.visit_id == "visit-42"
    assert properties.content_type == "application/json"

    # Idempotent: the same id and bytes return the stored photo, and publish nothing new.
    again = stub.UploadPhoto(_requests(meta, data), timeout=30)
    assert again == photo
    time.sleep(0.5)
    # The outbox relay may publish the first event once more if marking it sent lagged (its
    # consumers de-duplicate by id); what must not appear is a new event.
    while (got := channel.basic_get(queue, auto_ack=True))[0] is not None:
        assert envelopes.from_json(got[2]).id == envelope.id, (
            "a retried upload must not emit a second photo.stored"
        )

    # The same id with other bytes is refused, and the stored original is untouched.
    other = _jpeg(500_000, seed=2)
    error = _rpc_error(stub.UploadPhoto, _requests(meta, other))
    assert error.code() == grpc.StatusCode.ALREADY_EXISTS
    assert photo_id in error.details()
    response = s3.get_object(media.bucket, photo.object_key)
    try:
        assert response.read() == data
    finally:
        response.close()
        response.release_conn()


@pytest.mark.parametrize(
    ("fmt", "content_type", "extension"),
    [("PNG", "image/png", "png"), ("WEBP", "image/webp", "webp")],
)
def test_other_supported_types_are_sniffed(stub, fmt, content_type, extension) -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (10, 120, 200)).save(buffer, format=fmt)
    photo_id = str(uuid.uuid4())
    photo = stub.UploadPhoto(_requests(_meta(photo_id), buffer.getvalue()), timeout=30)
    assert photo.content_type == content_type
    assert photo.object_key.endswith(f"/{photo_id}.{extension}")


def test_non_image_bytes_are_refused_and_nothing_is_written(media, stub) -> None:
    photo_id = str(uuid.uuid4())
    data = b"%PDF-1.7\n" + os.urandom(300_000)
    error = _rpc_error(stub.UploadPhoto, _requests(_meta(photo_id), data))
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    status = rpc_status.from_call(error)
    violations = violations_from_status(status)
    assert [v.field for v in violations] == ["chunk"]
    assert violations[0].description == "仅支持 JPEG、PNG、WebP、HEIC 照片"
    assert _metadata_doc(media, photo_id) is None
    assert _objects_for(media.bucket, photo_id) == []


def test_over_size_upload_is_refused_and_nothing_is_written(media, stub) -> None:
    photo_id = str(uuid.uuid4())
    data = b"\xff\xd8\xff\xe0" + os.urandom(MAX_BYTES + CHUNK)  # looks like a JPEG, too big
    error = _rpc_error(stub.UploadPhoto, _requests(_meta(photo_id), data))
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert _fields(error) == {"chunk"}
    assert "3 MB" in violations_from_status(rpc_status.from_call(error))[0].description
    assert _metadata_doc(media, photo_id) is None
    assert _objects_for(media.bucket, photo_id) == []
    not_found = _rpc_error(stub.GetPhoto, pb.GetPhotoRequest(tenant_id=TENANT, photo_id=photo_id))
    assert not_found.code() == grpc.StatusCode.NOT_FOUND


def test_bad_meta_names_every_field(media, stub) -> None:
    meta = _meta(
        photo_id="not-a-uuid",
        rep_id="",
        visit_id="",
        kind=pb.PHOTO_KIND_UNSPECIFIED,
        device_location=types_pb2.GeoPoint(latitude=31.2, longitude=121.4),  # no datum
    )
    error = _rpc_error(stub.UploadPhoto, _requests(meta, _jpeg(10_000, seed=3)))
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert _fields(error) == {
        "meta.photo_id",
        "meta.rep_id",
        "meta.visit_id",
        "meta.kind",
        "meta.device_location.datum",
    }
    assert "输入有误" in error.details()


def test_first_message_must_be_meta(stub) -> None:
    error = _rpc_error(stub.UploadPhoto, _requests(None, _jpeg(10_000, seed=4)))
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert _fields(error) == {"meta"}


def test_empty_upload_is_refused(stub) -> None:
    error = _rpc_error(stub.UploadPhoto, _requests(_meta(), b""))
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert _fields(error) == {"chunk"}
    error = _rpc_error(stub.UploadPhoto, iter(()))
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert _fields(error) == {"meta"}


def test_get_photo_of_another_tenant_is_not_found(stub) -> None:
    photo_id = str(uuid.uuid4())
    stub.UploadPhoto(_requests(_meta(photo_id), _jpeg(10_000, seed=5)), timeout=30)
    error = _rpc_error(stub.GetPhoto, pb.GetPhotoRequest(tenant_id="t-other", photo_id=photo_id))
    assert error.code() == grpc.StatusCode.NOT_FOUND


def test_metrics_count_the_calls(media, stub) -> None:
    import requests

    text = requests.get(f"http://127.0.0.1:{media.metrics_port}/metrics", timeout=5).text
    assert 'sales_grpc_requests_total{code="OK",method="UploadPhoto",service="media"}' in text
    assert 'method="UploadPhoto",service="media"' in text and "INVALID_ARGUMENT" in text


def test_sigterm_stops_the_service_within_10_seconds(media, stub) -> None:
    # Runs last in this module: stop the process and check it goes, freeing its port.
    took = media.stop()
    assert media.proc.returncode is not None
    assert took < 10, f"media took {took:.1f} s to exit after SIGTERM:\n{media.output()}"
    assert not port_open(media.grpc_port)
