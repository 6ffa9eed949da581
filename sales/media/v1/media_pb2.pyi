import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from sales.common.v1 import types_pb2 as _types_pb2
from sales.events.v1 import media_events_pb2 as _media_events_pb2
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class PhotoKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    PHOTO_KIND_UNSPECIFIED: _ClassVar[PhotoKind]
    PHOTO_KIND_STOREFRONT: _ClassVar[PhotoKind]
    PHOTO_KIND_SHELF: _ClassVar[PhotoKind]
    PHOTO_KIND_MEETING: _ClassVar[PhotoKind]

class AnalysisState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ANALYSIS_STATE_UNSPECIFIED: _ClassVar[AnalysisState]
    ANALYSIS_STATE_PENDING: _ClassVar[AnalysisState]
    ANALYSIS_STATE_DONE: _ClassVar[AnalysisState]
    ANALYSIS_STATE_FAILED: _ClassVar[AnalysisState]
PHOTO_KIND_UNSPECIFIED: PhotoKind
PHOTO_KIND_STOREFRONT: PhotoKind
PHOTO_KIND_SHELF: PhotoKind
PHOTO_KIND_MEETING: PhotoKind
ANALYSIS_STATE_UNSPECIFIED: AnalysisState
ANALYSIS_STATE_PENDING: AnalysisState
ANALYSIS_STATE_DONE: AnalysisState
ANALYSIS_STATE_FAILED: AnalysisState

class PhotoMeta(_message.Message):
    __slots__ = ("tenant_id", "photo_id", "rep_id", "visit_id", "kind", "device_location", "taken_at", "filename", "store_id")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    PHOTO_ID_FIELD_NUMBER: _ClassVar[int]
    REP_ID_FIELD_NUMBER: _ClassVar[int]
    VISIT_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    DEVICE_LOCATION_FIELD_NUMBER: _ClassVar[int]
    TAKEN_AT_FIELD_NUMBER: _ClassVar[int]
    FILENAME_FIELD_NUMBER: _ClassVar[int]
    STORE_ID_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    photo_id: str
    rep_id: str
    visit_id: str
    kind: PhotoKind
    device_location: _types_pb2.GeoPoint
    taken_at: _timestamp_pb2.Timestamp
    filename: str
    store_id: str
    def __init__(self, tenant_id: _Optional[str] = ..., photo_id: _Optional[str] = ..., rep_id: _Optional[str] = ..., visit_id: _Optional[str] = ..., kind: _Optional[_Union[PhotoKind, str]] = ..., device_location: _Optional[_Union[_types_pb2.GeoPoint, _Mapping]] = ..., taken_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., filename: _Optional[str] = ..., store_id: _Optional[str] = ...) -> None: ...

class UploadPhotoRequest(_message.Message):
    __slots__ = ("meta", "chunk")
    META_FIELD_NUMBER: _ClassVar[int]
    CHUNK_FIELD_NUMBER: _ClassVar[int]
    meta: PhotoMeta
    chunk: bytes
    def __init__(self, meta: _Optional[_Union[PhotoMeta, _Mapping]] = ..., chunk: _Optional[bytes] = ...) -> None: ...

class Photo(_message.Message):
    __slots__ = ("photo_id", "tenant_id", "rep_id", "visit_id", "kind", "content_type", "size_bytes", "sha256", "object_key", "device_location", "stored_at", "store_id", "taken_at", "filename", "width", "height", "analysis_state", "analysis")
    PHOTO_ID_FIELD_NUMBER: _ClassVar[int]
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
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
    TAKEN_AT_FIELD_NUMBER: _ClassVar[int]
    FILENAME_FIELD_NUMBER: _ClassVar[int]
    WIDTH_FIELD_NUMBER: _ClassVar[int]
    HEIGHT_FIELD_NUMBER: _ClassVar[int]
    ANALYSIS_STATE_FIELD_NUMBER: _ClassVar[int]
    ANALYSIS_FIELD_NUMBER: _ClassVar[int]
    photo_id: str
    tenant_id: str
    rep_id: str
    visit_id: str
    kind: PhotoKind
    content_type: str
    size_bytes: int
    sha256: str
    object_key: str
    device_location: _types_pb2.GeoPoint
    stored_at: _timestamp_pb2.Timestamp
    store_id: str
    taken_at: _timestamp_pb2.Timestamp
    filename: str
    width: int
    height: int
    analysis_state: AnalysisState
    analysis: _media_events_pb2.PhotoAnalyzed
    def __init__(self, photo_id: _Optional[str] = ..., tenant_id: _Optional[str] = ..., rep_id: _Optional[str] = ..., visit_id: _Optional[str] = ..., kind: _Optional[_Union[PhotoKind, str]] = ..., content_type: _Optional[str] = ..., size_bytes: _Optional[int] = ..., sha256: _Optional[str] = ..., object_key: _Optional[str] = ..., device_location: _Optional[_Union[_types_pb2.GeoPoint, _Mapping]] = ..., stored_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., store_id: _Optional[str] = ..., taken_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., filename: _Optional[str] = ..., width: _Optional[int] = ..., height: _Optional[int] = ..., analysis_state: _Optional[_Union[AnalysisState, str]] = ..., analysis: _Optional[_Union[_media_events_pb2.PhotoAnalyzed, _Mapping]] = ...) -> None: ...

class GetPhotoRequest(_message.Message):
    __slots__ = ("tenant_id", "photo_id")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    PHOTO_ID_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    photo_id: str
    def __init__(self, tenant_id: _Optional[str] = ..., photo_id: _Optional[str] = ...) -> None: ...

class GetPhotoUrlsRequest(_message.Message):
    __slots__ = ("tenant_id", "photo_id", "expires_in_seconds")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    PHOTO_ID_FIELD_NUMBER: _ClassVar[int]
    EXPIRES_IN_SECONDS_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    photo_id: str
    expires_in_seconds: int
    def __init__(self, tenant_id: _Optional[str] = ..., photo_id: _Optional[str] = ..., expires_in_seconds: _Optional[int] = ...) -> None: ...

class PhotoUrls(_message.Message):
    __slots__ = ("photo_id", "rep_id", "original_url", "watermarked_url", "thumbnail_url", "expires_at")
    PHOTO_ID_FIELD_NUMBER: _ClassVar[int]
    REP_ID_FIELD_NUMBER: _ClassVar[int]
    ORIGINAL_URL_FIELD_NUMBER: _ClassVar[int]
    WATERMARKED_URL_FIELD_NUMBER: _ClassVar[int]
    THUMBNAIL_URL_FIELD_NUMBER: _ClassVar[int]
    EXPIRES_AT_FIELD_NUMBER: _ClassVar[int]
    photo_id: str
    rep_id: str
    original_url: str
    watermarked_url: str
    thumbnail_url: str
    expires_at: _timestamp_pb2.Timestamp
    def __init__(self, photo_id: _Optional[str] = ..., rep_id: _Optional[str] = ..., original_url: _Optional[str] = ..., watermarked_url: _Optional[str] = ..., thumbnail_url: _Optional[str] = ..., expires_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class GetFieldCheckSettingsRequest(_message.Message):
    __slots__ = ("tenant_id",)
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    def __init__(self, tenant_id: _Optional[str] = ...) -> None: ...

class FieldCheckSettings(_message.Message):
    __slots__ = ("tenant_id", "exif_max_distance_m", "exif_max_age_minutes", "flag_missing_exif", "store_search_radius_m", "store_match_min_score", "updated_by", "updated_at")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    EXIF_MAX_DISTANCE_M_FIELD_NUMBER: _ClassVar[int]
    EXIF_MAX_AGE_MINUTES_FIELD_NUMBER: _ClassVar[int]
    FLAG_MISSING_EXIF_FIELD_NUMBER: _ClassVar[int]
    STORE_SEARCH_RADIUS_M_FIELD_NUMBER: _ClassVar[int]
    STORE_MATCH_MIN_SCORE_FIELD_NUMBER: _ClassVar[int]
    UPDATED_BY_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    exif_max_distance_m: float
    exif_max_age_minutes: int
    flag_missing_exif: bool
    store_search_radius_m: float
    store_match_min_score: float
    updated_by: str
    updated_at: _timestamp_pb2.Timestamp
    def __init__(self, tenant_id: _Optional[str] = ..., exif_max_distance_m: _Optional[float] = ..., exif_max_age_minutes: _Optional[int] = ..., flag_missing_exif: _Optional[bool] = ..., store_search_radius_m: _Optional[float] = ..., store_match_min_score: _Optional[float] = ..., updated_by: _Optional[str] = ..., updated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...
