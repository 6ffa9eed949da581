"""Contract messages <-> domain objects for media."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from sales.common.v1 import org_pb2, types_pb2
from sales.events.v1 import store_events_pb2
from sales.media.v1 import media_pb2 as pb
from services.common.errors import Violations
from services.common.proto_codes import DATUM_FROM_PB
from services.common.proto_time import checked_timestamp, to_timestamp
from services.media.application import event_payloads
from services.media.application.photos import UploadPart
from services.media.application.views import PhotoUrls
from services.media.domain.analysis import JobState, PhotoAnalysis
from services.media.domain.model import GeoPoint, Photo, PhotoKind, PhotoMeta
from services.media.domain.rules import add_meta_violations
from services.media.domain.settings import FieldCheckSettings
from services.media.domain.stores import PersonName, StoreSighting

KIND_TO_PB = {
    PhotoKind.STOREFRONT: pb.PHOTO_KIND_STOREFRONT,
    PhotoKind.SHELF: pb.PHOTO_KIND_SHELF,
    PhotoKind.MEETING: pb.PHOTO_KIND_MEETING,
}
KIND_FROM_PB = {v: k for k, v in KIND_TO_PB.items()}
STATE_TO_PB = {
    JobState.PENDING.value: pb.ANALYSIS_STATE_PENDING,
    JobState.DONE.value: pb.ANALYSIS_STATE_DONE,
    JobState.FAILED.value: pb.ANALYSIS_STATE_FAILED,
}


def geo_point_from_pb(loc: types_pb2.GeoPoint) -> GeoPoint:
    return GeoPoint(
        latitude=loc.latitude,
        longitude=loc.longitude,
        datum=DATUM_FROM_PB.get(loc.datum, ""),
        accuracy_m=loc.accuracy_m,
    )


def meta_from_pb(meta: pb.PhotoMeta) -> PhotoMeta:
    """A timestamp protobuf cannot represent is reported with the other problems of the
    metadata, each under its contract field name."""
    violations = Violations()
    taken_at = checked_timestamp(meta.taken_at, "meta.taken_at", violations)
    result = PhotoMeta(
        tenant_id=meta.tenant_id,
        photo_id=meta.photo_id,
        rep_id=meta.rep_id,
        visit_id=meta.visit_id,
        kind=KIND_FROM_PB.get(meta.kind),
        device_location=geo_point_from_pb(meta.device_location)
        if meta.HasField("device_location")
        else None,
        taken_at=taken_at,
        filename=meta.filename,
        store_id=meta.store_id,
    )
    if violations.items:
        add_meta_violations(result, violations)
        violations.raise_if_any()
    return result


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


def photo_to_pb(photo: Photo, state: str = "", analysis: PhotoAnalysis | None = None) -> pb.Photo:
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
        store_id=meta.store_id,
        taken_at=to_timestamp(meta.taken_at),
        filename=meta.filename,
        width=photo.width,
        height=photo.height,
        analysis_state=STATE_TO_PB.get(state, pb.ANALYSIS_STATE_PENDING),
    )
    if meta.device_location is not None:
        message.device_location.CopyFrom(event_payloads.geo_point_to_pb(meta.device_location))
    if analysis is not None:
        message.analysis.CopyFrom(event_payloads.photo_analyzed(photo, analysis))
    return message


def urls_to_pb(urls: PhotoUrls) -> pb.PhotoUrls:
    return pb.PhotoUrls(
        photo_id=urls.photo_id,
        rep_id=urls.rep_id,
        original_url=urls.original,
        watermarked_url=urls.watermarked,
        thumbnail_url=urls.thumbnail,
        expires_at=to_timestamp(urls.expires_at),
    )


def settings_from_pb(message: pb.FieldCheckSettings) -> FieldCheckSettings:
    return FieldCheckSettings(
        tenant_id=message.tenant_id,
        exif_max_distance_m=message.exif_max_distance_m,
        exif_max_age_minutes=message.exif_max_age_minutes,
        flag_missing_exif=message.flag_missing_exif,
        store_search_radius_m=message.store_search_radius_m,
        store_match_min_score=message.store_match_min_score,
    )


def settings_to_pb(s: FieldCheckSettings) -> pb.FieldCheckSettings:
    return pb.FieldCheckSettings(
        tenant_id=s.tenant_id,
        exif_max_distance_m=s.exif_max_distance_m,
        exif_max_age_minutes=s.exif_max_age_minutes,
        flag_missing_exif=s.flag_missing_exif,
        store_search_radius_m=s.store_search_radius_m,
        store_match_min_score=s.store_match_min_score,
        updated_by=s.updated_by,
        updated_at=to_timestamp(s.updated_at),
    )


def person_name_from_pb(person: org_pb2.Person) -> PersonName:
    return PersonName(person.tenant_id, person.person_id, person.name)


def store_sighting_from_pb(tenant_id: str, store: store_events_pb2.StoreSnapshot) -> StoreSighting:
    location = None
    if store.HasField("location") and store.location.datum in DATUM_FROM_PB:
        location = geo_point_from_pb(store.location)
    return StoreSighting(
        tenant_id=tenant_id,
        store_id=store.store_id,
        name=store.name,
        location=location,
        region_code=store.region_code,
        version=store.version,
        active=store.active,
    )
