"""Contract messages <-> domain objects for media."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from sales.media.v1 import media_pb2 as pb
from services.common.proto_codes import DATUM_FROM_PB
from services.common.proto_time import from_timestamp, to_timestamp
from services.media.application.event_payloads import geo_point_to_pb
from services.media.application.photos import UploadPart
from services.media.domain.model import GeoPoint, Photo, PhotoKind, PhotoMeta

KIND_TO_PB = {
    PhotoKind.STOREFRONT: pb.PHOTO_KIND_STOREFRONT,
    PhotoKind.SHELF: pb.PHOTO_KIND_SHELF,
    PhotoKind.MEETING: pb.PHOTO_KIND_MEETING,
}
KIND_FROM_PB = {v: k for k, v in KIND_TO_PB.items()}


def meta_from_pb(meta: pb.PhotoMeta) -> PhotoMeta:
    location = None
    if meta.HasField("device_location"):
        loc = meta.device_location
        location = GeoPoint(
            latitude=loc.latitude,
            longitude=loc.longitude,
            datum=DATUM_FROM_PB.get(loc.datum, ""),
            accuracy_m=loc.accuracy_m,
        )
    return PhotoMeta(
        tenant_id=meta.tenant_id,
        photo_id=meta.photo_id,
        rep_id=meta.rep_id,
        visit_id=meta.visit_id,
        kind=KIND_FROM_PB.get(meta.kind),
        device_location=location,
        taken_at=from_timestamp(meta.taken_at),
        filename=meta.filename,
    )


def upload_parts(requests: Iterable[pb.UploadPhotoRequest]) -> Iterator[UploadPart]:
    """The request stream as the use case reads it: a PhotoMeta, then bytes chunks."""
    for request in requests:
        part = request.WhichOneof("part")
        if part == "meta":
            yield meta_from_pb(request.meta)
        elif part == "chunk":
            yield request.chunk
        else:
            yield None


def photo_to_pb(photo: Photo) -> pb.Photo:
    meta = photo.meta
    message = pb.Photo(
        photo_id=meta.photo_id,
        tenant_id=meta.tenant_id,
        rep_id=meta.rep_id,
        visit_id=meta.visit_id,
        kind=KIND_TO_PB[meta.kind] if meta.kind else pb.PHOTO_KIND_UNSPECIFIED,
        content_type=photo.content_type,
        size_bytes=photo.size_bytes,
        sha256=photo.sha256,
        object_key=photo.object_key,
        stored_at=to_timestamp(photo.stored_at),
    )
    if meta.device_location is not None:
        message.device_location.CopyFrom(geo_point_to_pb(meta.device_location))
    return message
