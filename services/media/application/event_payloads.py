"""Domain objects -> the `sales.events.v1` payloads this service publishes."""

from __future__ import annotations

from datetime import datetime

from sales.common.v1 import types_pb2
from sales.events.v1 import media_events_pb2 as pb
from services.common.proto_codes import DATUM_TO_PB
from services.media.domain.analysis import PhotoAnalysis
from services.media.domain.exif import ExifVerdict
from services.media.domain.flags import Flag
from services.media.domain.model import GeoPoint, Photo
from services.media.domain.storefront import MatchOutcome, StoreMatch

MATCH_OUTCOME_TO_PB = {
    MatchOutcome.CONFIRMED: pb.STORE_MATCH_OUTCOME_CONFIRMED,
    MatchOutcome.MATCHED: pb.STORE_MATCH_OUTCOME_MATCHED,
    MatchOutcome.MISMATCH: pb.STORE_MATCH_OUTCOME_MISMATCH,
    MatchOutcome.PROPOSED: pb.STORE_MATCH_OUTCOME_PROPOSED,
    MatchOutcome.UNREADABLE: pb.STORE_MATCH_OUTCOME_UNREADABLE,
}


def geo_point_to_pb(point: GeoPoint) -> types_pb2.GeoPoint:
    return types_pb2.GeoPoint(
        latitude=point.latitude,
        longitude=point.longitude,
        datum=DATUM_TO_PB.get(point.datum, types_pb2.DATUM_UNSPECIFIED),
        accuracy_m=point.accuracy_m,
    )


def photo_stored(photo: Photo) -> pb.PhotoStored:
    meta = photo.meta
    event = pb.PhotoStored(
        photo_id=meta.photo_id,
        rep_id=meta.rep_id,
        visit_id=meta.visit_id,
        kind=meta.kind.value if meta.kind else "",
        content_type=photo.content_type,
        size_bytes=photo.size_bytes,
        sha256=photo.sha256,
        object_key=photo.object_key,
        store_id=meta.store_id,
    )
    if meta.device_location is not None:
        event.device_location.CopyFrom(geo_point_to_pb(meta.device_location))
    event.stored_at.FromDatetime(photo.stored_at)
    return event


def exif_facts(verdict: ExifVerdict) -> pb.ExifFacts:
    facts = verdict.facts
    message = pb.ExifFacts(
        has_exif=facts.has_exif,
        has_location=facts.location is not None,
        unreadable=facts.unreadable,
    )
    if facts.location is not None:
        message.location.CopyFrom(geo_point_to_pb(facts.location))
    if facts.taken_at is not None:
        message.taken_at.FromDatetime(facts.taken_at)
    if verdict.distance_to_device_m is not None:
        message.distance_to_device_m = round(verdict.distance_to_device_m, 1)
    if verdict.minutes_before_capture is not None:
        message.minutes_before_capture = round(verdict.minutes_before_capture, 1)
    return message


def store_match(match: StoreMatch) -> pb.StoreMatch:
    message = pb.StoreMatch(
        outcome=MATCH_OUTCOME_TO_PB[match.outcome],
        ocr_text=match.sign_text,
        ocr_lines=list(match.lines),
        score=match.score,
        candidates=match.candidates,
    )
    if match.store is not None:
        message.matched_store_id = match.store.store_id
        message.matched_store_name = match.store.name
    if match.proposal is not None:
        proposal = message.proposed_registration
        proposal.name = match.proposal.name
        proposal.ocr_text = match.proposal.ocr_text
        if match.proposal.location is not None:
            proposal.location.CopyFrom(geo_point_to_pb(match.proposal.location))
    return message


def photo_analyzed(photo: Photo, analysis: PhotoAnalysis) -> pb.PhotoAnalyzed:
    meta = photo.meta
    event = pb.PhotoAnalyzed(
        photo_id=meta.photo_id,
        visit_id=meta.visit_id,
        rep_id=meta.rep_id,
        store_id=meta.store_id,
        kind=meta.kind.value if meta.kind else "",
        perceptual_hashes=analysis.hashes,
        exif=exif_facts(analysis.exif),
        flag_reasons=[flag.reason.value for flag in analysis.flags],
        watermarked_object_key=analysis.watermarked_key,
        thumbnail_object_key=analysis.thumbnail_key,
        analysis_seconds=analysis.seconds,
    )
    if analysis.store_match is not None:
        event.store_match.CopyFrom(store_match(analysis.store_match))
    if analysis.analyzed_at is not None:
        event.analyzed_at.FromDatetime(analysis.analyzed_at)
    return event


def photo_flagged(photo: Photo, flag: Flag, at: datetime | None) -> pb.PhotoFlagged:
    meta = photo.meta
    event = pb.PhotoFlagged(
        photo_id=meta.photo_id,
        visit_id=meta.visit_id,
        rep_id=meta.rep_id,
        store_id=meta.store_id,
        reason=flag.reason.value,
        reason_label=flag.label,
        detail=flag.detail,
    )
    if flag.earlier is not None:
        earlier = event.earlier
        earlier.photo_id = flag.earlier.photo_id
        earlier.visit_id = flag.earlier.visit_id
        earlier.rep_id = flag.earlier.rep_id
        if flag.earlier.stored_at is not None:
            earlier.stored_at.FromDatetime(flag.earlier.stored_at)
    if at is not None:
        event.flagged_at.FromDatetime(at)
    return event
