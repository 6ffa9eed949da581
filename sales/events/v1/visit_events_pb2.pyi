import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from sales.common.v1 import types_pb2 as _types_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class VisitSubmitted(_message.Message):
    __slots__ = ("visit_id", "rep_id", "lead_id", "store_id", "checked_in_at", "checked_out_at", "submitted_at", "check_in_location", "core_demand", "photo_ids", "commitment_ids", "special_price_requested")
    VISIT_ID_FIELD_NUMBER: _ClassVar[int]
    REP_ID_FIELD_NUMBER: _ClassVar[int]
    LEAD_ID_FIELD_NUMBER: _ClassVar[int]
    STORE_ID_FIELD_NUMBER: _ClassVar[int]
    CHECKED_IN_AT_FIELD_NUMBER: _ClassVar[int]
    CHECKED_OUT_AT_FIELD_NUMBER: _ClassVar[int]
    SUBMITTED_AT_FIELD_NUMBER: _ClassVar[int]
    CHECK_IN_LOCATION_FIELD_NUMBER: _ClassVar[int]
    CORE_DEMAND_FIELD_NUMBER: _ClassVar[int]
    PHOTO_IDS_FIELD_NUMBER: _ClassVar[int]
    COMMITMENT_IDS_FIELD_NUMBER: _ClassVar[int]
    SPECIAL_PRICE_REQUESTED_FIELD_NUMBER: _ClassVar[int]
    visit_id: str
    rep_id: str
    lead_id: str
    store_id: str
    checked_in_at: _timestamp_pb2.Timestamp
    checked_out_at: _timestamp_pb2.Timestamp
    submitted_at: _timestamp_pb2.Timestamp
    check_in_location: _types_pb2.GeoPoint
    core_demand: str
    photo_ids: _containers.RepeatedScalarFieldContainer[str]
    commitment_ids: _containers.RepeatedScalarFieldContainer[str]
    special_price_requested: bool
    def __init__(self, visit_id: _Optional[str] = ..., rep_id: _Optional[str] = ..., lead_id: _Optional[str] = ..., store_id: _Optional[str] = ..., checked_in_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., checked_out_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., submitted_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., check_in_location: _Optional[_Union[_types_pb2.GeoPoint, _Mapping]] = ..., core_demand: _Optional[str] = ..., photo_ids: _Optional[_Iterable[str]] = ..., commitment_ids: _Optional[_Iterable[str]] = ..., special_price_requested: _Optional[bool] = ...) -> None: ...

class CommitmentCreated(_message.Message):
    __slots__ = ("commitment_id", "visit_id", "rep_id", "store_id", "description", "due_date", "created_at")
    COMMITMENT_ID_FIELD_NUMBER: _ClassVar[int]
    VISIT_ID_FIELD_NUMBER: _ClassVar[int]
    REP_ID_FIELD_NUMBER: _ClassVar[int]
    STORE_ID_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    DUE_DATE_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    commitment_id: str
    visit_id: str
    rep_id: str
    store_id: str
    description: str
    due_date: str
    created_at: _timestamp_pb2.Timestamp
    def __init__(self, commitment_id: _Optional[str] = ..., visit_id: _Optional[str] = ..., rep_id: _Optional[str] = ..., store_id: _Optional[str] = ..., description: _Optional[str] = ..., due_date: _Optional[str] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class CommitmentOverdue(_message.Message):
    __slots__ = ("commitment_id", "visit_id", "rep_id", "supervisor_id", "store_id", "store_name", "description", "due_date", "days_overdue", "reminder_count")
    COMMITMENT_ID_FIELD_NUMBER: _ClassVar[int]
    VISIT_ID_FIELD_NUMBER: _ClassVar[int]
    REP_ID_FIELD_NUMBER: _ClassVar[int]
    SUPERVISOR_ID_FIELD_NUMBER: _ClassVar[int]
    STORE_ID_FIELD_NUMBER: _ClassVar[int]
    STORE_NAME_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    DUE_DATE_FIELD_NUMBER: _ClassVar[int]
    DAYS_OVERDUE_FIELD_NUMBER: _ClassVar[int]
    REMINDER_COUNT_FIELD_NUMBER: _ClassVar[int]
    commitment_id: str
    visit_id: str
    rep_id: str
    supervisor_id: str
    store_id: str
    store_name: str
    description: str
    due_date: str
    days_overdue: int
    reminder_count: int
    def __init__(self, commitment_id: _Optional[str] = ..., visit_id: _Optional[str] = ..., rep_id: _Optional[str] = ..., supervisor_id: _Optional[str] = ..., store_id: _Optional[str] = ..., store_name: _Optional[str] = ..., description: _Optional[str] = ..., due_date: _Optional[str] = ..., days_overdue: _Optional[int] = ..., reminder_count: _Optional[int] = ...) -> None: ...

class ApprovalPending(_message.Message):
    __slots__ = ("approval_id", "visit_id", "rep_id", "store_name", "region_code", "summary", "requested_at")
    APPROVAL_ID_FIELD_NUMBER: _ClassVar[int]
    VISIT_ID_FIELD_NUMBER: _ClassVar[int]
    REP_ID_FIELD_NUMBER: _ClassVar[int]
    STORE_NAME_FIELD_NUMBER: _ClassVar[int]
    REGION_CODE_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    REQUESTED_AT_FIELD_NUMBER: _ClassVar[int]
    approval_id: str
    visit_id: str
    rep_id: str
    store_name: str
    region_code: str
    summary: str
    requested_at: _timestamp_pb2.Timestamp
    def __init__(self, approval_id: _Optional[str] = ..., visit_id: _Optional[str] = ..., rep_id: _Optional[str] = ..., store_name: _Optional[str] = ..., region_code: _Optional[str] = ..., summary: _Optional[str] = ..., requested_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...
