import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class GetRepStatsRequest(_message.Message):
    __slots__ = ("tenant_id", "rep_id")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    REP_ID_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    rep_id: str
    def __init__(self, tenant_id: _Optional[str] = ..., rep_id: _Optional[str] = ...) -> None: ...

class RepStats(_message.Message):
    __slots__ = ("rep_id", "leads_assigned", "visits_total", "commitments_total", "commitments_open", "commitments_done", "last_visit_at", "updated_at")
    REP_ID_FIELD_NUMBER: _ClassVar[int]
    LEADS_ASSIGNED_FIELD_NUMBER: _ClassVar[int]
    VISITS_TOTAL_FIELD_NUMBER: _ClassVar[int]
    COMMITMENTS_TOTAL_FIELD_NUMBER: _ClassVar[int]
    COMMITMENTS_OPEN_FIELD_NUMBER: _ClassVar[int]
    COMMITMENTS_DONE_FIELD_NUMBER: _ClassVar[int]
    LAST_VISIT_AT_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    rep_id: str
    leads_assigned: int
    visits_total: int
    commitments_total: int
    commitments_open: int
    commitments_done: int
    last_visit_at: _timestamp_pb2.Timestamp
    updated_at: _timestamp_pb2.Timestamp
    def __init__(self, rep_id: _Optional[str] = ..., leads_assigned: _Optional[int] = ..., visits_total: _Optional[int] = ..., commitments_total: _Optional[int] = ..., commitments_open: _Optional[int] = ..., commitments_done: _Optional[int] = ..., last_visit_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., updated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...
