import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from sales.common.v1 import types_pb2 as _types_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class StoreMatchOutcome(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    STORE_MATCH_OUTCOME_UNSPECIFIED: _ClassVar[StoreMatchOutcome]
    STORE_MATCH_OUTCOME_CONFIRMED: _ClassVar[StoreMatchOutcome]
    STORE_MATCH_OUTCOME_MATCHED: _ClassVar[StoreMatchOutcome]
    STORE_MATCH_OUTCOME_MISMATCH: _ClassVar[StoreMatchOutcome]
    STORE_MATCH_OUTCOME_PROPOSED: _ClassVar[StoreMatchOutcome]
    STORE_MATCH_OUTCOME_UNREADABLE: _ClassVar[StoreMatchOutcome]
STORE_MATCH_OUTCOME_UNSPECIFIED: StoreMatchOutcome
STORE_MATCH_OUTCOME_CONFIRMED: StoreMatchOutcome
STORE_MATCH_OUTCOME_MATCHED: StoreMatchOutcome
STORE_MATCH_OUTCOME_MISMATCH: StoreMatchOutcome
STORE_MATCH_OUTCOME_PROPOSED: StoreMatchOutcome
STORE_MATCH_OUTCOME_UNREADABLE: StoreMatchOutcome

class PhotoStored(_message.Message):
    __slots__ = ("photo_id", "rep_id", "visit_id", "kind", "content_type", "size_bytes", "sha256", "object_key", "device_location", "stored_at", "store_id")
    PHOTO_ID_FIELD_NUMBER: _ClassVar[int]
    REP_ID_FIELD_NUMBER: _ClassVar[int]
    VISIT_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    CONTENT_TYPE_FIELD_NUMBER: _ClassVar[int]
    SIZE_BYTES_FIELD_NUMBER: _ClassVar[int]
    SHA256_FIELD_NUMBER: _ClassVar[int]
    OBJECT_KEY_FIELD_NUMBER: _ClassVar[int]
    DEVICE_LOCATION_FIELD_NUMBER: _ClassVar[int]
    STORED_AT_FIELD_NUMBER: _ClassVar[int]
    STORE_ID_FIELD_NUMBER: _ClassVar[int]
    photo_id: str
    rep_id: str
    visit_id: str
    kind: str
    content_type: str
    size_bytes: int
    sha256: str
    object_key: str
    device_location: _types_pb2.GeoPoint
    stored_at: _timestamp_pb2.Timestamp
    store_id: str
    def __init__(self, photo_id: _Optional[str] = ..., rep_id: _Optional[str] = ..., visit_id: _Optional[str] = ..., kind: _Optional[str] = ..., content_type: _Optional[str] = ..., size_bytes: _Optional[int] = ..., sha256: _Optional[str] = ..., object_key: _Optional[str] = ..., device_location: _Optional[_Union[_types_pb2.GeoPoint, _Mapping]] = ..., stored_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., store_id: _Optional[str] = ...) -> None: ...

class ExifFacts(_message.Message):
    __slots__ = ("has_exif", "has_location", "location", "taken_at", "distance_to_device_m", "minutes_before_capture", "unreadable")
    HAS_EXIF_FIELD_NUMBER: _ClassVar[int]
    HAS_LOCATION_FIELD_NUMBER: _ClassVar[int]
    LOCATION_FIELD_NUMBER: _ClassVar[int]
    TAKEN_AT_FIELD_NUMBER: _ClassVar[int]
    DISTANCE_TO_DEVICE_M_FIELD_NUMBER: _ClassVar[int]
    MINUTES_BEFORE_CAPTURE_FIELD_NUMBER: _ClassVar[int]
    UNREADABLE_FIELD_NUMBER: _ClassVar[int]
    has_exif: bool
    has_location: bool
    location: _types_pb2.GeoPoint
    taken_at: _timestamp_pb2.Timestamp
    distance_to_device_m: float
    minutes_before_capture: float
    unreadable: bool
    def __init__(self, has_exif: _Optional[bool] = ..., has_location: _Optional[bool] = ..., location: _Optional[_Union[_types_pb2.GeoPoint, _Mapping]] = ..., taken_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., distance_to_device_m: _Optional[float] = ..., minutes_before_capture: _Optional[float] = ..., unreadable: _Optional[bool] = ...) -> None: ...

class ProposedStore(_message.Message):
    __slots__ = ("name", "location", "ocr_text")
    NAME_FIELD_NUMBER: _ClassVar[int]
    LOCATION_FIELD_NUMBER: _ClassVar[int]
    OCR_TEXT_FIELD_NUMBER: _ClassVar[int]
    name: str
    location: _types_pb2.GeoPoint
    ocr_text: str
    def __init__(self, name: _Optional[str] = ..., location: _Optional[_Union[_types_pb2.GeoPoint, _Mapping]] = ..., ocr_text: _Optional[str] = ...) -> None: ...

class StoreMatch(_message.Message):
    __slots__ = ("outcome", "ocr_text", "ocr_lines", "matched_store_id", "matched_store_name", "score", "proposed_registration", "candidates")
    OUTCOME_FIELD_NUMBER: _ClassVar[int]
    OCR_TEXT_FIELD_NUMBER: _ClassVar[int]
    OCR_LINES_FIELD_NUMBER: _ClassVar[int]
    MATCHED_STORE_ID_FIELD_NUMBER: _ClassVar[int]
    MATCHED_STORE_NAME_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    PROPOSED_REGISTRATION_FIELD_NUMBER: _ClassVar[int]
    CANDIDATES_FIELD_NUMBER: _ClassVar[int]
    outcome: StoreMatchOutcome
    ocr_text: str
    ocr_lines: _containers.RepeatedScalarFieldContainer[str]
    matched_store_id: str
    matched_store_name: str
    score: float
    proposed_registration: ProposedStore
    candidates: int
    def __init__(self, outcome: _Optional[_Union[StoreMatchOutcome, str]] = ..., ocr_text: _Optional[str] = ..., ocr_lines: _Optional[_Iterable[str]] = ..., matched_store_id: _Optional[str] = ..., matched_store_name: _Optional[str] = ..., score: _Optional[float] = ..., proposed_registration: _Optional[_Union[ProposedStore, _Mapping]] = ..., candidates: _Optional[int] = ...) -> None: ...

class PhotoAnalyzed(_message.Message):
    __slots__ = ("photo_id", "visit_id", "rep_id", "store_id", "kind", "perceptual_hashes", "exif", "store_match", "flag_reasons", "watermarked_object_key", "thumbnail_object_key", "analyzed_at", "analysis_seconds")
    class PerceptualHashesEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    PHOTO_ID_FIELD_NUMBER: _ClassVar[int]
    VISIT_ID_FIELD_NUMBER: _ClassVar[int]
    REP_ID_FIELD_NUMBER: _ClassVar[int]
    STORE_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    PERCEPTUAL_HASHES_FIELD_NUMBER: _ClassVar[int]
    EXIF_FIELD_NUMBER: _ClassVar[int]
    STORE_MATCH_FIELD_NUMBER: _ClassVar[int]
    FLAG_REASONS_FIELD_NUMBER: _ClassVar[int]
    WATERMARKED_OBJECT_KEY_FIELD_NUMBER: _ClassVar[int]
    THUMBNAIL_OBJECT_KEY_FIELD_NUMBER: _ClassVar[int]
    ANALYZED_AT_FIELD_NUMBER: _ClassVar[int]
    ANALYSIS_SECONDS_FIELD_NUMBER: _ClassVar[int]
    photo_id: str
    visit_id: str
    rep_id: str
    store_id: str
    kind: str
    perceptual_hashes: _containers.ScalarMap[str, str]
    exif: ExifFacts
    store_match: StoreMatch
    flag_reasons: _containers.RepeatedScalarFieldContainer[str]
    watermarked_object_key: str
    thumbnail_object_key: str
    analyzed_at: _timestamp_pb2.Timestamp
    analysis_seconds: float
    def __init__(self, photo_id: _Optional[str] = ..., visit_id: _Optional[str] = ..., rep_id: _Optional[str] = ..., store_id: _Optional[str] = ..., kind: _Optional[str] = ..., perceptual_hashes: _Optional[_Mapping[str, str]] = ..., exif: _Optional[_Union[ExifFacts, _Mapping]] = ..., store_match: _Optional[_Union[StoreMatch, _Mapping]] = ..., flag_reasons: _Optional[_Iterable[str]] = ..., watermarked_object_key: _Optional[str] = ..., thumbnail_object_key: _Optional[str] = ..., analyzed_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., analysis_seconds: _Optional[float] = ...) -> None: ...

class EarlierPhoto(_message.Message):
    __slots__ = ("photo_id", "visit_id", "rep_id", "stored_at")
    PHOTO_ID_FIELD_NUMBER: _ClassVar[int]
    VISIT_ID_FIELD_NUMBER: _ClassVar[int]
    REP_ID_FIELD_NUMBER: _ClassVar[int]
    STORED_AT_FIELD_NUMBER: _ClassVar[int]
    photo_id: str
    visit_id: str
    rep_id: str
    stored_at: _timestamp_pb2.Timestamp
    def __init__(self, photo_id: _Optional[str] = ..., visit_id: _Optional[str] = ..., rep_id: _Optional[str] = ..., stored_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class PhotoFlagged(_message.Message):
    __slots__ = ("photo_id", "visit_id", "rep_id", "store_id", "reason", "reason_label", "detail", "earlier", "flagged_at")
    PHOTO_ID_FIELD_NUMBER: _ClassVar[int]
    VISIT_ID_FIELD_NUMBER: _ClassVar[int]
    REP_ID_FIELD_NUMBER: _ClassVar[int]
    STORE_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    REASON_LABEL_FIELD_NUMBER: _ClassVar[int]
    DETAIL_FIELD_NUMBER: _ClassVar[int]
    EARLIER_FIELD_NUMBER: _ClassVar[int]
    FLAGGED_AT_FIELD_NUMBER: _ClassVar[int]
    photo_id: str
    visit_id: str
    rep_id: str
    store_id: str
    reason: str
    reason_label: str
    detail: str
    earlier: EarlierPhoto
    flagged_at: _timestamp_pb2.Timestamp
    def __init__(self, photo_id: _Optional[str] = ..., visit_id: _Optional[str] = ..., rep_id: _Optional[str] = ..., store_id: _Optional[str] = ..., reason: _Optional[str] = ..., reason_label: _Optional[str] = ..., detail: _Optional[str] = ..., earlier: _Optional[_Union[EarlierPhoto, _Mapping]] = ..., flagged_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...
