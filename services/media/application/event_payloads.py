"""Domain objects -> the `sales.events.v1` payloads this service publishes."""

from __future__ import annotations

from sales.common.v1 import types_pb2
from sales.events.v1 import media_events_pb2
from services.common.proto_codes import DATUM_TO_PB
from services.media.domain.model import GeoPoint, Photo


def geo_point_to_pb(point: GeoPoint) -> types_pb2.GeoPoint:
    return types_pb2.GeoPoint(
        latitude=point.latitude,
        longitude=point.longitude,
        datum=DATUM_TO_PB.get(point.datum, types_pb2.DATUM_UNSPECIFIED),
        accuracy_m=point.accuracy_m,
    )


def photo_stored(photo: Photo) -> media_events_pb2.PhotoStored:
    meta = photo.meta
    event = media_events_pb2.PhotoStored(
        photo_id=meta.photo_id,
        rep_id=meta.rep_id,
        visit_id=meta.visit_id,
        kind=meta.kind.value if meta.kind else "",
        content_type=photo.content_type,
        size_bytes=photo.size_bytes,
        sha256=photo.sha256,
        object_key=photo.object_key,
    )
    if meta.device_location is not None:
        event.device_location.CopyFrom(geo_point_to_pb(meta.device_location))
    event.stored_at.FromDatetime(photo.stored_at)
    return event
