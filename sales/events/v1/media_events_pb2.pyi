import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from sales.common.v1 import types_pb2 as _types_pb2
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class PhotoStored(_message.Message):
    __slots__ = ("photo_id", "rep_id", "visit_id", "kind", "content_type", "size_bytes", "sha256", "object_key", "device_location", "stored_at")
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
    def __init__(self, photo_id: _Optional[str] = ..., rep_id: _Optional[str] = ..., visit_id: _Optional[str] = ..., kind: _Optional[str] = ..., content_type: _Optional[str] = ..., size_bytes: _Optional[int] = ..., sha256: _Optional[str] = ..., object_key: _Optional[str] = ..., device_location: _Optional[_Union[_types_pb2.GeoPoint, _Mapping]] = ..., stored_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...
