"""Domain objects <-> MongoDB documents for media's collections."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from services.common.clock import as_utc
from services.common.mongo import UNCLAIMED
from services.media.adapters.band_buckets import photo_ref
from services.media.domain.analysis import AnalysisJob, JobState, PhotoAnalysis
from services.media.domain.exif import ExifFacts, ExifVerdict
from services.media.domain.flags import EarlierPhoto, Flag, FlagReason
from services.media.domain.model import GeoPoint, Photo, PhotoKind, PhotoMeta
from services.media.domain.reuse import HashedPhoto
from services.media.domain.settings import FieldCheckSettings
from services.media.domain.storefront import MatchOutcome, ProposedStore, StoreMatch
from services.media.domain.stores import StoreSighting

Doc = dict[str, Any]


def _utc(value: Any) -> datetime | None:
    return as_utc(value) if value else None


def point_to_doc(point: GeoPoint | None) -> Doc | None:
    return vars(point).copy() if point else None


def point_from_doc(doc: Doc | None) -> GeoPoint | None:
    return GeoPoint(**doc) if doc else None


def photo_to_doc(photo: Photo) -> Doc:
    meta = photo.meta
    return {
        "_id": meta.photo_id,
        "tenant_id": meta.tenant_id,
        "rep_id": meta.rep_id,
        "visit_id": meta.visit_id,
        "store_id": meta.store_id,
        "kind": meta.kind.value if meta.kind else None,
        "device_location": point_to_doc(meta.device_location),
        "taken_at": meta.taken_at,
        "filename": meta.filename,
        "content_type": photo.content_type,
        "size_bytes": photo.size_bytes,
        "sha256": photo.sha256,
        "object_key": photo.object_key,
        "stored_at": photo.stored_at,
        "width": photo.width,
        "height": photo.height,
        "analysis_state": JobState.PENDING.value,
    }


def photo_from_doc(doc: Doc) -> Photo:
    return Photo(
        meta=PhotoMeta(
            tenant_id=doc["tenant_id"],
            photo_id=doc["_id"],
            rep_id=doc["rep_id"],
            visit_id=doc["visit_id"],
            kind=PhotoKind(doc["kind"]) if doc.get("kind") else None,
            device_location=point_from_doc(doc.get("device_location")),
            taken_at=_utc(doc.get("taken_at")),
            filename=doc.get("filename", ""),
            store_id=doc.get("store_id", ""),
        ),
        content_type=doc["content_type"],
        size_bytes=doc["size_bytes"],
        sha256=doc["sha256"],
        object_key=doc["object_key"],
        stored_at=as_utc(doc["stored_at"]),
        width=doc.get("width", 0),
        height=doc.get("height", 0),
    )


def job_to_doc(job: AnalysisJob) -> Doc:
    return {
        "tenant_id": job.tenant_id,
        "state": job.state.value,
        "due_at": job.due_at,
        "attempts": job.attempts,
        "claim": job.claim,
        "claimed_until": job.claimed_until or UNCLAIMED,
        "last_error": job.last_error,
    }


def job_from_doc(doc: Doc) -> AnalysisJob:
    return AnalysisJob(
        tenant_id=doc["tenant_id"],
        photo_id=doc["_id"],
        state=JobState(doc["state"]),
        due_at=as_utc(doc["due_at"]),
        attempts=doc.get("attempts", 0),
        claim=doc.get("claim", ""),
        claimed_until=_utc(doc.get("claimed_until")),
        last_error=doc.get("last_error", ""),
    )


def _exif_to_doc(verdict: ExifVerdict) -> Doc:
    facts = verdict.facts
    return {
        "has_exif": facts.has_exif,
        "unreadable": facts.unreadable,
        "location": point_to_doc(facts.location),
        "taken_at": facts.taken_at,
        "distance_to_device_m": verdict.distance_to_device_m,
        "minutes_before_capture": verdict.minutes_before_capture,
    }


def _exif_from_doc(doc: Doc, flags: tuple[Flag, ...]) -> ExifVerdict:
    facts = ExifFacts(
        has_exif=doc["has_exif"],
        location=point_from_doc(doc.get("location")),
        taken_at=_utc(doc.get("taken_at")),
        unreadable=doc.get("unreadable", False),
    )
    return ExifVerdict(
        facts, doc.get("distance_to_device_m"), doc.get("minutes_before_capture"), flags
    )


def store_to_doc(store: StoreSighting) -> Doc:
    return {
        "_id": f"{store.tenant_id}:{store.store_id}",
        "tenant_id": store.tenant_id,
        "store_id": store.store_id,
        "name": store.name,
        "location": point_to_doc(store.location),
        "region_code": store.region_code,
        "version": store.version,
        "active": store.active,
    }


def store_from_doc(doc: Doc) -> StoreSighting:
    return StoreSighting(
        tenant_id=doc["tenant_id"],
        store_id=doc["store_id"],
        name=doc["name"],
        location=point_from_doc(doc.get("location")),
        region_code=doc.get("region_code", ""),
        version=doc.get("version", 0),
        active=doc.get("active", True),
    )


def _match_to_doc(match: StoreMatch | None) -> Doc | None:
    if match is None:
        return None
    proposal = match.proposal
    return {
        "outcome": match.outcome.value,
        "sign_text": match.sign_text,
        "lines": list(match.lines),
        "store": store_to_doc(match.store) if match.store else None,
        "score": match.score,
        "proposal": {
            "name": proposal.name,
            "location": point_to_doc(proposal.location),
            "ocr_text": proposal.ocr_text,
        }
        if proposal
        else None,
        "candidates": match.candidates,
    }


def _match_from_doc(doc: Doc | None) -> StoreMatch | None:
    if doc is None:
        return None
    proposal = doc.get("proposal")
    return StoreMatch(
        outcome=MatchOutcome(doc["outcome"]),
        sign_text=doc["sign_text"],
        lines=tuple(doc.get("lines", [])),
        store=store_from_doc(doc["store"]) if doc.get("store") else None,
        score=doc.get("score", 0.0),
        proposal=ProposedStore(
            proposal["name"], point_from_doc(proposal.get("location")), proposal["ocr_text"]
        )
        if proposal
        else None,
        candidates=doc.get("candidates", 0),
    )


def _flag_to_doc(flag: Flag) -> Doc:
    earlier = flag.earlier
    return {
        "reason": flag.reason.value,
        "detail": flag.detail,
        "earlier": vars(earlier).copy() if earlier else None,
    }


def _flag_from_doc(doc: Doc) -> Flag:
    earlier = doc.get("earlier")
    return Flag(
        FlagReason(doc["reason"]),
        doc["detail"],
        EarlierPhoto(**{**earlier, "stored_at": _utc(earlier.get("stored_at"))})
        if earlier
        else None,
    )


def analysis_to_doc(analysis: PhotoAnalysis) -> Doc:
    return {
        "exif": _exif_to_doc(analysis.exif),
        "hashes": dict(analysis.hashes),
        "store_match": _match_to_doc(analysis.store_match),
        "flags": [_flag_to_doc(f) for f in analysis.flags],
        "watermarked_key": analysis.watermarked_key,
        "thumbnail_key": analysis.thumbnail_key,
        "analyzed_at": analysis.analyzed_at,
        "seconds": analysis.seconds,
    }


def analysis_from_doc(photo_id: str, doc: Doc) -> PhotoAnalysis:
    flags = tuple(_flag_from_doc(f) for f in doc.get("flags", []))
    exif_flags = tuple(f for f in flags if f.reason.value.startswith("exif_"))
    return PhotoAnalysis(
        photo_id=photo_id,
        exif=_exif_from_doc(doc["exif"], exif_flags),
        hashes=dict(doc.get("hashes", {})),
        store_match=_match_from_doc(doc.get("store_match")),
        flags=flags,
        watermarked_key=doc.get("watermarked_key", ""),
        thumbnail_key=doc.get("thumbnail_key", ""),
        analyzed_at=_utc(doc.get("analyzed_at")),
        seconds=doc.get("seconds", 0.0),
    )


def settings_to_doc(s: FieldCheckSettings) -> Doc:
    return {
        "exif_max_distance_m": s.exif_max_distance_m,
        "exif_max_age_minutes": s.exif_max_age_minutes,
        "flag_missing_exif": s.flag_missing_exif,
        "store_search_radius_m": s.store_search_radius_m,
        "store_match_min_score": s.store_match_min_score,
        "updated_by": s.updated_by,
        "updated_at": s.updated_at,
    }


def settings_from_doc(doc: Doc) -> FieldCheckSettings:
    fields = {k: v for k, v in doc.items() if k != "_id"}
    fields["updated_at"] = _utc(fields.get("updated_at"))
    return FieldCheckSettings(tenant_id=doc["_id"], **fields)


def hashed_to_doc(entry: HashedPhoto) -> dict[str, Any]:
    earlier = entry.earlier
    return {
        "_id": earlier.photo_id,
        "tenant_id": entry.tenant_id,
        "visit_id": earlier.visit_id,
        "rep_id": earlier.rep_id,
        "stored_at": earlier.stored_at,
        "object_key": entry.object_key,
        # 63-bit hashes fit a signed 64-bit BSON integer
        "fine": dict(entry.fine),
        # what the photo's bucket entries point at; its band keys live in photo_bands
        "ref": photo_ref(earlier.photo_id),
    }


def hashed_from_doc(doc: dict[str, Any]) -> HashedPhoto:
    stored_at = doc.get("stored_at")
    return HashedPhoto(
        tenant_id=doc["tenant_id"],
        earlier=EarlierPhoto(
            doc["_id"], doc["visit_id"], doc["rep_id"], as_utc(stored_at) if stored_at else None
        ),
        object_key=doc["object_key"],
        fine={view: int(value) for view, value in doc["fine"].items()},
        band_keys=(),  # kept in the buckets only: a lookup needs the fine hashes
        indexed_at=_utc(doc.get("indexed_at")),
    )
