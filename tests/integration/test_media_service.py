"""The media service as a real process (SPEC M1-M5), driven over gRPC as a front end would.

Runs `python -m services.media` against the running MongoDB-wire server, the S3 server and
RabbitMQ, in a sandbox of its own (vhost, database prefix, bucket, ports), with a plain
(non-aio) grpcio client.
"""

from __future__ import annotations

import hashlib
import io
import os
import random
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import grpc
import pika
import pytest
import requests
from PIL import Image

from devstack import photo_samples
from devstack.probes import port_open
from devstack.sandbox import sandbox
from sales.common.v1 import org_pb2, types_pb2
from sales.events.v1 import media_events_pb2, org_events_pb2, store_events_pb2
from sales.media.v1 import media_pb2 as pb
from sales.media.v1.media_pb2_grpc import MediaStub
from services.common import envelope as envelopes
from services.media.domain.geo import to_wgs84
from services.media.domain.model import GeoPoint
from tests.integration.media_rig import (
    TENANT,
    EventTap,
    MediaProcess,
    descriptions,
    fields,
    s3_client,
)
from tests.integration.media_rig import (
    meta as _meta,
)
from tests.integration.media_rig import (
    requests_for as _requests,
)
from tests.integration.media_rig import (
    rpc_error as _rpc_error,
)

MAX_BYTES = 3 * 1024 * 1024  # small limit for this process: the 2 MB photo fits, 4 MB does not


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


@pytest.fixture(scope="module")
def media(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MediaProcess]:
    with sandbox("itmedia") as env:
        process = MediaProcess(
            tmp_path_factory.mktemp("media"), env, {"SALES_MEDIA_MAX_BYTES": str(MAX_BYTES)}
        )
        try:
            process.wait_ready()
            yield process
        finally:
            process.close()


@pytest.fixture(scope="module")
def stub(media: MediaProcess) -> Iterator[MediaStub]:
    with grpc.insecure_channel(f"127.0.0.1:{media.grpc_port}") as channel:
        grpc.channel_ready_future(channel).result(timeout=10)
        yield MediaStub(channel)


@pytest.fixture
def tap(media: MediaProcess) -> Iterator[EventTap]:
    events = EventTap(media.amqp_uri, ["photo.stored", "photo.analyzed", "photo.flagged"])
    try:
        yield events
    finally:
        events.close()


def _about(photo_id: str, event_type: str):
    def matches(envelope) -> bool:
        if envelope.type != event_type:
            return False
        payload_type = {
            "photo.stored": media_events_pb2.PhotoStored,
            "photo.analyzed": media_events_pb2.PhotoAnalyzed,
            "photo.flagged": media_events_pb2.PhotoFlagged,
        }[event_type]
        return envelopes.unpack(envelope, payload_type).photo_id == photo_id

    return matches


def _read(media: MediaProcess, key: str) -> bytes:
    response = s3_client(media.s3_endpoint).get_object(media.bucket, key)
    try:
        return response.read()
    finally:
        response.close()
        response.release_conn()


def test_upload_a_2mb_jpeg_in_64kb_chunks(media, stub, tap) -> None:
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
    assert photo.analysis_state == pb.ANALYSIS_STATE_PENDING  # analysed after the answer
    parts = photo.object_key.split("/")
    assert parts[0] == TENANT and parts[-1] == f"{photo_id}.jpg" and len(parts) == 5

    # The original is in S3, byte for byte, with its type and checksum.
    s3 = s3_client(media.s3_endpoint)
    assert _read(media, photo.object_key) == data
    stat = s3.stat_object(media.bucket, photo.object_key)
    assert stat.content_type == "image/jpeg"
    assert stat.size == len(data)
    assert {k.lower(): v for k, v in stat.metadata.items()}.get("x-amz-meta-sha256") == photo.sha256

    # Read back.
    fetched = stub.GetPhoto(pb.GetPhotoRequest(tenant_id=TENANT, photo_id=photo_id), timeout=10)
    fetched.ClearField("analysis_state")
    fetched.ClearField("analysis")
    photo_without_state = pb.Photo()
    photo_without_state.CopyFrom(photo)
    photo_without_state.ClearField("analysis_state")
    assert fetched == photo_without_state

    # The event reached RabbitMQ as a canonical-JSON envelope.
    envelope, properties = tap.wait_for(_about(photo_id, "photo.stored"))
    payload = envelopes.unpack(envelope, media_events_pb2.PhotoStored)
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
    assert again.sha256 == photo.sha256 and again.stored_at == photo.stored_at
    # The outbox relay may publish the first event once more if marking it sent lagged (its
    # consumers de-duplicate by id); what must not appear is a new event.
    stored = [e for e in tap.drain() if _about(photo_id, "photo.stored")(e)]
    assert {e.id for e in stored} == {envelope.id}, "a retried upload must not emit a second"

    # The same id with other bytes is refused, and the stored original is untouched.
    other = _jpeg(500_000, seed=2)
    error = _rpc_error(stub.UploadPhoto, _requests(meta, other))
    assert error.code() == grpc.StatusCode.ALREADY_EXISTS
    assert photo_id in error.details()
    assert _read(media, photo.object_key) == data


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


def _assert_refused_and_nothing_written(media, stub, data: bytes, words: str) -> None:
    photo_id = str(uuid.uuid4())
    error = _rpc_error(stub.UploadPhoto, _requests(_meta(photo_id), data))
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert fields(error) == {"chunk"}
    assert words in descriptions(error)[0]
    assert media.metadata_doc(photo_id) is None
    assert media.database()["analysis_jobs"].find_one({"_id": photo_id}) is None
    assert media.objects_for(photo_id) == []


def test_non_image_bytes_are_refused_and_nothing_is_written(media, stub) -> None:
    data = b"%PDF-1.7\n" + os.urandom(300_000)
    _assert_refused_and_nothing_written(media, stub, data, "仅支持 JPEG、PNG、WebP 照片")


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"\xff\xd8\xff", "无法解码"),
        (photo_samples.photo_of_size(400_000)[:150_000], "无法解码"),
        (photo_samples.png_bomb(), "像素过多"),
        (b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 4000, "HEIC"),
    ],
    ids=["ff-d8-ff", "truncated-jpeg", "png-bomb", "heic"],
)
def test_bad_images_get_a_clear_status_and_nothing_is_stored(media, stub, data, words) -> None:
    _assert_refused_and_nothing_written(media, stub, data, words)


def test_over_size_upload_is_refused_and_nothing_is_written(media, stub) -> None:
    photo_id = str(uuid.uuid4())
    data = b"\xff\xd8\xff\xe0" + os.urandom(MAX_BYTES + 64 * 1024)  # looks like a JPEG, too big
    error = _rpc_error(stub.UploadPhoto, _requests(_meta(photo_id), data))
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert fields(error) == {"chunk"}
    assert "3 MB" in descriptions(error)[0]
    assert media.metadata_doc(photo_id) is None
    assert media.objects_for(photo_id) == []
    not_found = _rpc_error(stub.GetPhoto, pb.GetPhotoRequest(tenant_id=TENANT, photo_id=photo_id))
    assert not_found.code() == grpc.StatusCode.NOT_FOUND


def test_bad_meta_names_every_field(media, stub) -> None:
    meta = _meta(
        photo_id="not-a-uuid",
        rep_id="",
        visit_id="",
        kind=pb.PHOTO_KIND_UNSPECIFIED,
        device_location=types_pb2.GeoPoint(latitude=31.2, longitude=121.4),  # no datum
        filename="../../etc/passwd",
    )
    meta.taken_at.seconds, meta.taken_at.nanos = 253_402_300_800, 0  # year 10000
    error = _rpc_error(stub.UploadPhoto, _requests(meta, _jpeg(10_000, seed=3)))
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert fields(error) == {
        "meta.photo_id",
        "meta.rep_id",
        "meta.visit_id",
        "meta.kind",
        "meta.device_location.datum",
        "meta.filename",
        "meta.taken_at",
    }
    assert "输入有误" in error.details()


def test_negative_nanos_name_the_field(stub) -> None:
    meta = _meta()
    meta.taken_at.seconds, meta.taken_at.nanos = 1_700_000_000, -1
    error = _rpc_error(stub.UploadPhoto, _requests(meta, _jpeg(10_000, seed=3)))
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert fields(error) == {"meta.taken_at"}


def test_first_message_must_be_meta(stub) -> None:
    error = _rpc_error(stub.UploadPhoto, _requests(None, _jpeg(10_000, seed=4)))
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert fields(error) == {"meta"}


def test_empty_upload_is_refused(stub) -> None:
    error = _rpc_error(stub.UploadPhoto, _requests(_meta(), b""))
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert fields(error) == {"chunk"}
    error = _rpc_error(stub.UploadPhoto, iter(()))
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert fields(error) == {"meta"}


def test_get_photo_of_another_tenant_is_not_found(stub) -> None:
    photo_id = str(uuid.uuid4())
    stub.UploadPhoto(_requests(_meta(photo_id), _jpeg(10_000, seed=5)), timeout=30)
    error = _rpc_error(stub.GetPhoto, pb.GetPhotoRequest(tenant_id="t-other", photo_id=photo_id))
    assert error.code() == grpc.StatusCode.NOT_FOUND
    error = _rpc_error(
        stub.GetPhotoUrls, pb.GetPhotoUrlsRequest(tenant_id="t-other", photo_id=photo_id)
    )
    assert error.code() == grpc.StatusCode.NOT_FOUND


STORE_GCJ02 = GeoPoint(30.25912, 120.13021, "gcj02")
DEVICE = types_pb2.GeoPoint(latitude=30.25912, longitude=120.13021, datum=types_pb2.DATUM_GCJ02)


def _exif_photo(north_m: float, taken_at: datetime, seed: int) -> bytes:
    wgs = to_wgs84(
        GeoPoint(STORE_GCJ02.latitude + north_m / 111_320, STORE_GCJ02.longitude, "gcj02")
    )
    block = photo_samples.exif_block(wgs.latitude, wgs.longitude, taken_at)
    return photo_samples.jpeg(photo_samples.scene(1200, 900, seed), exif=block)


def test_a_far_photo_is_analysed_after_the_answer_flagged_and_viewable(media, stub, tap) -> None:
    now = datetime.now(UTC)
    photo_id = str(uuid.uuid4())
    data = _exif_photo(2_000, now, seed=6)
    meta = _meta(photo_id, kind=pb.PHOTO_KIND_SHELF, device_location=DEVICE)
    meta.taken_at.FromDatetime(now)
    stub.UploadPhoto(_requests(meta, data), timeout=30)

    envelope, _ = tap.wait_for(_about(photo_id, "photo.analyzed"))
    analyzed = envelopes.unpack(envelope, media_events_pb2.PhotoAnalyzed)
    assert analyzed.exif.has_exif and 1_950 < analyzed.exif.distance_to_device_m < 2_050
    assert analyzed.exif.location.datum == types_pb2.DATUM_WGS84
    assert list(analyzed.flag_reasons) == ["exif_far"]
    flagged_env, _ = tap.wait_for(_about(photo_id, "photo.flagged"))
    flagged = envelopes.unpack(flagged_env, media_events_pb2.PhotoFlagged)
    assert flagged.reason == "exif_far" and flagged.reason_label == "拍摄位置与定位不符"
    assert flagged.visit_id == "visit-42" and flagged.rep_id == "rep-7"

    photo = stub.GetPhoto(pb.GetPhotoRequest(tenant_id=TENANT, photo_id=photo_id), timeout=10)
    assert photo.analysis_state == pb.ANALYSIS_STATE_DONE
    assert list(photo.analysis.flag_reasons) == ["exif_far"]

    urls = stub.GetPhotoUrls(
        pb.GetPhotoUrlsRequest(tenant_id=TENANT, photo_id=photo_id, expires_in_seconds=60),
        timeout=10,
    )
    assert urls.rep_id == "rep-7"
    assert urls.expires_at.ToDatetime(tzinfo=UTC) <= datetime.now(UTC) + timedelta(seconds=61)
    assert requests.get(urls.original_url, timeout=10).content == data
    watermarked = Image.open(io.BytesIO(requests.get(urls.watermarked_url, timeout=10).content))
    assert watermarked.size == (1200, 900)
    thumbnail = Image.open(io.BytesIO(requests.get(urls.thumbnail_url, timeout=10).content))
    assert max(thumbnail.size) == 320


def test_corrupt_exif_is_stored_and_recorded_as_unreadable(media, stub, tap) -> None:
    photo_id = str(uuid.uuid4())
    stub.UploadPhoto(
        _requests(_meta(photo_id, kind=pb.PHOTO_KIND_MEETING), photo_samples.corrupt_exif_jpeg()),
        timeout=30,
    )
    envelope, _ = tap.wait_for(_about(photo_id, "photo.analyzed"))
    analyzed = envelopes.unpack(envelope, media_events_pb2.PhotoAnalyzed)
    assert analyzed.exif.has_exif and analyzed.exif.unreadable
    assert list(analyzed.flag_reasons) == []


def test_real_ocr_reads_an_unregistered_storefront_and_proposes_it(media, stub, tap) -> None:
    photo_id = str(uuid.uuid4())
    sign = photo_samples.storefront("好又多便利店", seed=11, size=(1280, 960))
    stub.UploadPhoto(_requests(_meta(photo_id, device_location=DEVICE), sign), timeout=30)
    envelope, _ = tap.wait_for(_about(photo_id, "photo.analyzed"), timeout=90)
    match = envelopes.unpack(envelope, media_events_pb2.PhotoAnalyzed).store_match
    assert match.outcome == media_events_pb2.STORE_MATCH_OUTCOME_PROPOSED
    assert match.ocr_text == "好又多便利店"
    assert match.proposed_registration.name == "好又多便利店"
    assert match.proposed_registration.location.datum == types_pb2.DATUM_GCJ02


def test_field_check_settings_read_and_update(stub) -> None:
    tenant = f"t-settings-{uuid.uuid4().hex[:6]}"
    defaults = stub.GetFieldCheckSettings(
        pb.GetFieldCheckSettingsRequest(tenant_id=tenant), timeout=10
    )
    assert (defaults.exif_max_distance_m, defaults.exif_max_age_minutes) == (500, 120)
    assert not defaults.flag_missing_exif
    defaults.exif_max_distance_m, defaults.updated_by = 800, "admin-1"
    saved = stub.UpdateFieldCheckSettings(defaults, timeout=10)
    assert saved.exif_max_distance_m == 800 and saved.updated_by == "admin-1"
    defaults.store_match_min_score = 101
    error = _rpc_error(stub.UpdateFieldCheckSettings, defaults)
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert fields(error) == {"store_match_min_score"}


def test_metrics_count_the_calls_and_the_analyses(media, stub) -> None:
    text = requests.get(f"http://127.0.0.1:{media.metrics_port}/metrics", timeout=5).text
    assert 'sales_grpc_requests_total{code="OK",method="UploadPhoto",service="media"}' in text
    assert 'method="UploadPhoto",service="media"' in text and "INVALID_ARGUMENT" in text
    assert 'sales_photos_flagged_total{reason="reused"} 0.0' in text  # zero, not missing
    assert 'sales_photos_analysed_total{kind="shelf",status="done"}' in text
    assert "sales_photo_analysis_seconds_bucket" in text


def _publish(media: MediaProcess, event_type: str, payload) -> None:
    envelope = envelopes.new_envelope(event_type, payload, tenant_id=TENANT, producer="visits")
    connection = pika.BlockingConnection(pika.URLParameters(media.amqp_uri))
    try:
        connection.channel().basic_publish(
            envelopes.EXCHANGE, event_type, envelopes.to_json(envelope).encode()
        )
    finally:
        connection.close()


def test_a_registered_store_is_confirmed_by_its_sign(media, stub, tap) -> None:
    store_id = f"s-{uuid.uuid4().hex[:6]}"
    snapshot = store_events_pb2.StoreSnapshot(
        store_id=store_id, name="张记粮油店", location=DEVICE, region_code="330106", version=1,
        active=True,
    )  # fmt: skip
    _publish(media, "store.registered", store_events_pb2.StoreRegistered(store=snapshot))
    person = org_pb2.Person(tenant_id=TENANT, person_id="rep-7", name="李业务")
    _publish(media, "org.person.upserted", org_events_pb2.PersonUpserted(person=person))
    db = media.database()
    assert _wait(lambda: db["stores"].find_one({"_id": f"{TENANT}:{store_id}"}))
    assert _wait(lambda: db["people"].find_one({"_id": f"{TENANT}:rep-7"}))

    photo_id = str(uuid.uuid4())
    sign = photo_samples.storefront("章记粮油", seed=12, size=(1280, 960))  # 章 for 张: pinyin
    meta = _meta(photo_id, device_location=DEVICE, store_id=store_id)
    stub.UploadPhoto(_requests(meta, sign), timeout=30)
    envelope, _ = tap.wait_for(_about(photo_id, "photo.analyzed"), timeout=90)
    match = envelopes.unpack(envelope, media_events_pb2.PhotoAnalyzed).store_match
    assert match.outcome == media_events_pb2.STORE_MATCH_OUTCOME_CONFIRMED
    assert (match.matched_store_id, match.matched_store_name) == (store_id, "张记粮油店")
    assert match.candidates == 1


def _wait(probe, timeout_s: float = 30.0):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if (found := probe()) is not None:
            return found
        time.sleep(0.1)
    return None


def test_sigterm_stops_the_service_within_10_seconds(media, stub) -> None:
    # Runs last in this module: stop the process and check it goes, freeing its port.
    took = media.stop()
    assert media.proc.returncode is not None
    assert took < 10, f"media took {took:.1f} s to exit after SIGTERM:\n{media.output()}"
    assert not port_open(media.grpc_port)
