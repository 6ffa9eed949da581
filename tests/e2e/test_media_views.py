"""Photos through the gateway (SPEC M2, M5): analysed after the upload's answer, viewed through
short-lived URLs that only the photo's rep, their supervisor and the tenant's directors and
admins receive; the field-check thresholds are the admin's."""

from __future__ import annotations

import io
import uuid
from datetime import UTC, datetime

import grpc
import pytest
import requests
from PIL import Image

from devstack import photo_samples
from devstack.frontend import CHUNK, Frontend, call
from sales.common.v1 import types_pb2 as t
from sales.media.v1 import media_pb2 as m
from services.media.domain.geo import to_wgs84
from services.media.domain.model import GeoPoint
from tests.e2e.conftest import wait_until

STORE = GeoPoint(30.25912, 120.13021, "gcj02")


def _upload_far_photo(rep: Frontend, rep_id: str) -> m.Photo:
    """A shelf photo whose EXIF puts it 2 km north of where the phone says it is."""
    now = datetime.now(UTC)
    far = to_wgs84(GeoPoint(STORE.latitude + 2_000 / 111_320, STORE.longitude, "gcj02"))
    data = photo_samples.jpeg(
        photo_samples.scene(1024, 768),
        exif=photo_samples.exif_block(far.latitude, far.longitude, now),
    )
    meta = m.PhotoMeta(
        photo_id=str(uuid.uuid4()), rep_id=rep_id, visit_id=str(uuid.uuid4()),
        kind=m.PHOTO_KIND_SHELF, filename="shelf.jpg",
        device_location=t.GeoPoint(latitude=STORE.latitude, longitude=STORE.longitude,
                                   datum=t.DATUM_GCJ02, accuracy_m=30),
    )  # fmt: skip
    meta.taken_at.FromDatetime(now)

    def parts():
        yield m.UploadPhotoRequest(meta=meta)
        for i in range(0, len(data), CHUNK):
            yield m.UploadPhotoRequest(chunk=data[i : i + CHUNK])

    return rep.stub.UploadPhoto(parts(), metadata=rep.metadata, timeout=30)


def _code(front: Frontend, method: str, request) -> grpc.StatusCode:
    with pytest.raises(grpc.RpcError) as caught:
        call(front, method, request)
    return caught.value.code()


def test_photo_views_follow_the_callers_scope(platform, tenant, org):
    target = platform.gateway_target
    rep = Frontend(target, tenant, org["rep"], ["rep"])
    supervisor = Frontend(target, tenant, org["supervisor"], ["supervisor"])
    other_rep = Frontend(target, tenant, org["other_rep"], ["rep"])
    director = Frontend(target, tenant, "dir-1", ["director"])
    photo = _upload_far_photo(rep, org["rep"])
    get = m.GetPhotoRequest(photo_id=photo.photo_id)

    done = wait_until(
        lambda: (p := call(rep, "GetPhoto", get)).analysis_state == m.ANALYSIS_STATE_DONE and p
    )
    assert list(done.analysis.flag_reasons) == ["exif_far"]
    assert 1_950 < done.analysis.exif.distance_to_device_m < 2_050

    urls_request = m.GetPhotoUrlsRequest(photo_id=photo.photo_id, expires_in_seconds=120)
    for viewer in (rep, supervisor, director):
        urls = call(viewer, "GetPhotoUrls", urls_request)
        marked = requests.get(urls.watermarked_url, timeout=10)
        assert marked.status_code == 200 and Image.open(io.BytesIO(marked.content)).size == (
            1024,
            768,
        )
        assert requests.get(urls.thumbnail_url, timeout=10).status_code == 200
    # Another team's rep learns nothing, not even that the photo exists.
    assert _code(other_rep, "GetPhotoUrls", urls_request) == grpc.StatusCode.NOT_FOUND
    assert _code(other_rep, "GetPhoto", get) == grpc.StatusCode.NOT_FOUND
    # A rep cannot upload in another rep's name.
    assert _code_upload(other_rep, org["rep"]) == grpc.StatusCode.PERMISSION_DENIED


def _code_upload(front: Frontend, rep_id: str) -> grpc.StatusCode:
    with pytest.raises(grpc.RpcError) as caught:
        _upload_far_photo(front, rep_id)
    return caught.value.code()


def test_field_check_thresholds_are_read_by_directors_and_set_by_admins(platform, tenant, org):
    target = platform.gateway_target
    admin = Frontend(target, tenant, "admin", ["admin"])
    director = Frontend(target, tenant, "dir-1", ["director"])
    supervisor = Frontend(target, tenant, org["supervisor"], ["supervisor"])
    read = m.GetFieldCheckSettingsRequest()

    settings = call(director, "GetFieldCheckSettings", read)
    assert settings.tenant_id == tenant and settings.exif_max_distance_m == 500
    settings.exif_max_distance_m = 1_000
    settings.tenant_id = "someone-else"  # ignored: the tenant comes from the token
    assert (
        _code(director, "UpdateFieldCheckSettings", settings) == grpc.StatusCode.PERMISSION_DENIED
    )
    assert _code(supervisor, "GetFieldCheckSettings", read) == grpc.StatusCode.PERMISSION_DENIED
    saved = call(admin, "UpdateFieldCheckSettings", settings)
    assert saved.tenant_id == tenant and saved.updated_by == "admin"
    assert call(director, "GetFieldCheckSettings", read).exif_max_distance_m == 1_000
    settings.exif_max_age_minutes = -5
    with pytest.raises(grpc.RpcError) as caught:
        call(admin, "UpdateFieldCheckSettings", settings)
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
