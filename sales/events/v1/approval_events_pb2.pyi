import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from sales.events.v1 import visit_events_pb2 as _visit_events_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ApprovalPending(_message.Message):
    __slots__ = ("approval_id", "visit_id", "rep_id", "store_name", "region_code", "summary", "requested_at", "store_id", "lines", "stage", "fast_lane", "supervisor_id", "finance_ids", "discount_fen")
    APPROVAL_ID_FIELD_NUMBER: _ClassVar[int]
    VISIT_ID_FIELD_NUMBER: _ClassVar[int]
    REP_ID_FIELD_NUMBER: _ClassVar[int]
    STORE_NAME_FIELD_NUMBER: _ClassVar[int]
    REGION_CODE_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    REQUESTED_AT_FIELD_NUMBER: _ClassVar[int]
    STORE_ID_FIELD_NUMBER: _ClassVar[int]
    LINES_FIELD_NUMBER: _ClassVar[int]
    STAGE_FIELD_NUMBER: _ClassVar[int]
    FAST_LANE_FIELD_NUMBER: _ClassVar[int]
    SUPERVISOR_ID_FIELD_NUMBER: _ClassVar[int]
    FINANCE_IDS_FIELD_NUMBER: _ClassVar[int]
    DISCOUNT_FEN_FIELD_NUMBER: _ClassVar[int]
    approval_id: str
    visit_id: str
    rep_id: str
    store_name: str
    region_code: str
    summary: str
    requested_at: _timestamp_pb2.Timestamp
    store_id: str
    lines: _containers.RepeatedCompositeFieldContainer[_visit_events_pb2.PriceLine]
    stage: str
    fast_lane: bool
    supervisor_id: str
    finance_ids: _containers.RepeatedScalarFieldContainer[str]
    discount_fen: int
    def __init__(self, approval_id: _Optional[str] = ..., visit_id: _Optional[str] = ..., rep_id: _Optional[str] = ..., store_name: _Optional[str] = ..., region_code: _Optional[str] = ..., summary: _Optional[str] = ..., requested_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., store_id: _Optional[str] = ..., lines: _Optional[_Iterable[_Union[_visit_events_pb2.PriceLine, _Mapping]]] = ..., stage: _Optional[str] = ..., fast_lane: _Optional[bool] = ..., supervisor_id: _Optional[str] = ..., finance_ids: _Optional[_Iterable[str]] = ..., discount_fen: _Optional[int] = ...) -> None: ...

class ApprovalReviewed(_message.Message):
    __slots__ = ("approval_id", "visit_id", "rep_id", "reviewed_by", "comment", "reviewed_at", "region_code", "store_name", "finance_ids")
    APPROVAL_ID_FIELD_NUMBER: _ClassVar[int]
    VISIT_ID_FIELD_NUMBER: _ClassVar[int]
    REP_ID_FIELD_NUMBER: _ClassVar[int]
    REVIEWED_BY_FIELD_NUMBER: _ClassVar[int]
    COMMENT_FIELD_NUMBER: _ClassVar[int]
    REVIEWED_AT_FIELD_NUMBER: _ClassVar[int]
    REGION_CODE_FIELD_NUMBER: _ClassVar[int]
    STORE_NAME_FIELD_NUMBER: _ClassVar[int]
    FINANCE_IDS_FIELD_NUMBER: _ClassVar[int]
    approval_id: str
    visit_id: str
    rep_id: str
    reviewed_by: str
    comment: str
    reviewed_at: _timestamp_pb2.Timestamp
    region_code: str
    store_name: str
    finance_ids: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, approval_id: _Optional[str] = ..., visit_id: _Optional[str] = ..., rep_id: _Optional[str] = ..., reviewed_by: _Optional[str] = ..., comment: _Optional[str] = ..., reviewed_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., region_code: _Optional[str] = ..., store_name: _Optional[str] = ..., finance_ids: _Optional[_Iterable[str]] = ...) -> None: ...

class ApprovalDecided(_message.Message):
    __slots__ = ("approval_id", "visit_id", "rep_id", "store_id", "store_name", "region_code", "decision", "decided_by", "comment", "decided_at", "auto_approved", "lines", "supervisor_id")
    APPROVAL_ID_FIELD_NUMBER: _ClassVar[int]
    VISIT_ID_FIELD_NUMBER: _ClassVar[int]
    REP_ID_FIELD_NUMBER: _ClassVar[int]
    STORE_ID_FIELD_NUMBER: _ClassVar[int]
    STORE_NAME_FIELD_NUMBER: _ClassVar[int]
    REGION_CODE_FIELD_NUMBER: _ClassVar[int]
    DECISION_FIELD_NUMBER: _ClassVar[int]
    DECIDED_BY_FIELD_NUMBER: _ClassVar[int]
    COMMENT_FIELD_NUMBER: _ClassVar[int]
    DECIDED_AT_FIELD_NUMBER: _ClassVar[int]
    AUTO_APPROVED_FIELD_NUMBER: _ClassVar[int]
    LINES_FIELD_NUMBER: _ClassVar[int]
    SUPERVISOR_ID_FIELD_NUMBER: _ClassVar[int]
    approval_id: str
    visit_id: str
    rep_id: str
    store_id: str
    store_name: str
    region_code: str
    decision: str
    decided_by: str
    comment: str
    decided_at: _timestamp_pb2.Timestamp
    auto_approved: bool
    lines: _containers.RepeatedCompositeFieldContainer[_visit_events_pb2.PriceLine]
    supervisor_id: str
    def __init__(self, approval_id: _Optional[str] = ..., visit_id: _Optional[str] = ..., rep_id: _Optional[str] = ..., store_id: _Optional[str] = ..., store_name: _Optional[str] = ..., region_code: _Optional[str] = ..., decision: _Optional[str] = ..., decided_by: _Optional[str] = ..., comment: _Optional[str] = ..., decided_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., auto_approved: _Optional[bool] = ..., lines: _Optional[_Iterable[_Union[_visit_events_pb2.PriceLine, _Mapping]]] = ..., supervisor_id: _Optional[str] = ...) -> None: ...

class StockChanged(_message.Message):
    __slots__ = ("movement_id", "sku", "location", "delta", "balance_after", "reason", "visit_id", "transfer_id", "at", "actor_id", "operation_id", "note")
    MOVEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    SKU_FIELD_NUMBER: _ClassVar[int]
    LOCATION_FIELD_NUMBER: _ClassVar[int]
    DELTA_FIELD_NUMBER: _ClassVar[int]
    BALANCE_AFTER_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    VISIT_ID_FIELD_NUMBER: _ClassVar[int]
    TRANSFER_ID_FIELD_NUMBER: _ClassVar[int]
    AT_FIELD_NUMBER: _ClassVar[int]
    ACTOR_ID_FIELD_NUMBER: _ClassVar[int]
    OPERATION_ID_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    movement_id: str
    sku: str
    location: str
    delta: int
    balance_after: int
    reason: str
    visit_id: str
    transfer_id: str
    at: _timestamp_pb2.Timestamp
    actor_id: str
    operation_id: str
    note: str
    def __init__(self, movement_id: _Optional[str] = ..., sku: _Optional[str] = ..., location: _Optional[str] = ..., delta: _Optional[int] = ..., balance_after: _Optional[int] = ..., reason: _Optional[str] = ..., visit_id: _Optional[str] = ..., transfer_id: _Optional[str] = ..., at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., actor_id: _Optional[str] = ..., operation_id: _Optional[str] = ..., note: _Optional[str] = ...) -> None: ...

class ReturnRecorded(_message.Message):
    __slots__ = ("visit_id", "rep_id", "store_id", "region_code", "lines", "recorded_at")
    VISIT_ID_FIELD_NUMBER: _ClassVar[int]
    REP_ID_FIELD_NUMBER: _ClassVar[int]
    STORE_ID_FIELD_NUMBER: _ClassVar[int]
    REGION_CODE_FIELD_NUMBER: _ClassVar[int]
    LINES_FIELD_NUMBER: _ClassVar[int]
    RECORDED_AT_FIELD_NUMBER: _ClassVar[int]
    visit_id: str
    rep_id: str
    store_id: str
    region_code: str
    lines: _containers.RepeatedCompositeFieldContainer[_visit_events_pb2.ReturnLine]
    recorded_at: _timestamp_pb2.Timestamp
    def __init__(self, visit_id: _Optional[str] = ..., rep_id: _Optional[str] = ..., store_id: _Optional[str] = ..., region_code: _Optional[str] = ..., lines: _Optional[_Iterable[_Union[_visit_events_pb2.ReturnLine, _Mapping]]] = ..., recorded_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...
