"""Issue 7, "Lost photos": the embedded S3 server keeps what it acknowledged across a restart,
media recreates a bucket that went missing, and while the server is down an upload answers
UNAVAILABLE (which clients retry), leaving nothing behind.

The S3 server here is this test's own (devstack.infra on a free port with its own data
directory and run records), never the shared one on 9000.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import grpc
import pytest
import requests

from devstack import infra, photo_samples
from devstack.probes import free_port
from devstack.sandbox import sandbox
from sales.media.v1 import media_pb2 as pb
from sales.media.v1.media_pb2_grpc import MediaStub
from tests.integration.media_rig import (
    TENANT,
    MediaProcess,
    meta,
    remove_bucket,
    requests_for,
    rpc_error,
    s3_client,
)


@pytest.fixture
def own_s3(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    port = free_port()
    monkeypatch.setenv("SALES_INFRA_RUN_DIR", str(tmp_path / "infra"))
    monkeypatch.setenv("SALES_S3_PORT", str(port))
    monkeypatch.setenv("SALES_S3_DATA", str(tmp_path / "s3-data"))
    assert infra.up(["s3"]) == ["s3"]  # ours: nothing else listens on a fresh free port
    try:
        yield f"127.0.0.1:{port}"
    finally:
        infra.down(["s3"])


@pytest.fixture
def media(own_s3: str, tmp_path: Path) -> Iterator[MediaProcess]:
    with sandbox("its3") as env:
        process = MediaProcess(tmp_path, env, {"SALES_S3_ENDPOINT": own_s3})
        try:
            process.wait_ready()
            yield process
        finally:
            process.close()


def _upload(stub: MediaStub, data: bytes) -> pb.Photo:
    return stub.UploadPhoto(requests_for(meta(kind=pb.PHOTO_KIND_SHELF), data), timeout=30)


def _original(stub: MediaStub, photo_id: str) -> bytes:
    urls = stub.GetPhotoUrls(
        pb.GetPhotoUrlsRequest(tenant_id=TENANT, photo_id=photo_id), timeout=10
    )
    response = requests.get(urls.original_url, timeout=10)
    assert response.status_code == 200, response.text[:300]
    return response.content


def test_photos_survive_an_s3_restart_and_a_down_s3_is_unavailable(own_s3, media) -> None:
    with grpc.insecure_channel(f"127.0.0.1:{media.grpc_port}") as channel:
        stub = MediaStub(channel)
        photos = {}
        for seed in range(3):
            data = photo_samples.photo_of_size(300_000, seed=seed)
            photos[_upload(stub, data).photo_id] = hashlib.sha256(data).hexdigest()

        assert infra.down(["s3"]) == ["s3"]
        refused = meta(kind=pb.PHOTO_KIND_SHELF)
        error = rpc_error(
            stub.UploadPhoto, requests_for(refused, photo_samples.photo_of_size(100_000))
        )
        assert error.code() == grpc.StatusCode.UNAVAILABLE, error.details()
        assert "稍后重试" in error.details()
        assert media.metadata_doc(refused.photo_id) is None

        assert infra.up(["s3"]) == ["s3"]
        for photo_id, sha256 in photos.items():
            assert hashlib.sha256(_original(stub, photo_id)).hexdigest() == sha256
        # The acknowledged photo's user metadata is on disk too.
        stat = s3_client(own_s3).stat_object(
            media.bucket, media.metadata_doc(photo_id)["object_key"]
        )
        assert {k.lower(): v for k, v in stat.metadata.items()}["x-amz-meta-sha256"] == sha256

        # The retry of the refused upload now goes through.
        retried = stub.UploadPhoto(
            requests_for(refused, photo_samples.photo_of_size(100_000)), timeout=30
        )
        assert retried.photo_id == refused.photo_id


def test_a_bucket_that_went_missing_is_recreated_on_upload(own_s3, media) -> None:
    client = s3_client(own_s3)
    with grpc.insecure_channel(f"127.0.0.1:{media.grpc_port}") as channel:
        stub = MediaStub(channel)
        _upload(stub, photo_samples.photo_of_size(100_000, seed=1))
        remove_bucket(client, media.bucket)  # an operator emptied the store
        assert not client.bucket_exists(media.bucket)
        data = photo_samples.photo_of_size(100_000, seed=2)
        photo = _upload(stub, data)
        assert client.bucket_exists(media.bucket)
        assert _original(stub, photo.photo_id) == data


def test_the_embedded_server_keeps_its_data_per_port(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SALES_S3_PORT", "9000")
    monkeypatch.delenv("SALES_S3_DATA", raising=False)
    assert infra.s3_data_dir() == infra.ROOT / ".data" / "s3"
    monkeypatch.setenv("SALES_S3_PORT", "9123")
    assert infra.s3_data_dir() == infra.ROOT / ".data" / "s3-9123"
