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

class CommitmentStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    COMMITMENT_STATUS_UNSPECIFIED: _ClassVar[CommitmentStatus]
    COMMITMENT_STATUS_OPEN: _ClassVar[CommitmentStatus]
    COMMITMENT_STATUS_DONE: _ClassVar[CommitmentStatus]
    COMMITMENT_STATUS_CANCELLED: _ClassVar[CommitmentStatus]
COMMITMENT_STATUS_UNSPECIFIED: CommitmentStatus
COMMITMENT_STATUS_OPEN: CommitmentStatus
COMMITMENT_STATUS_DONE: CommitmentStatus
COMMITMENT_STATUS_CANCELLED: CommitmentStatus

class Commitment(_message.Message):
    __slots__ = ("commitment_id", "description", "due_date", "status", "visit_id", "rep_id", "store_id", "store_name", "note", "closed_at", "on_time", "closed_in_visit_id", "reminders_sent", "overdue", "created_at")
    COMMITMENT_ID_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    DUE_DATE_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    VISIT_ID_FIELD_NUMBER: _ClassVar[int]
    REP_ID_FIELD_NUMBER: _ClassVar[int]
    STORE_ID_FIELD_NUMBER: _ClassVar[int]
    STORE_NAME_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    CLOSED_AT_FIELD_NUMBER: _ClassVar[int]
    ON_TIME_FIELD_NUMBER: _ClassVar[int]
    CLOSED_IN_VISIT_ID_FIELD_NUMBER: _ClassVar[int]
    REMINDERS_SENT_FIELD_NUMBER: _ClassVar[int]
    OVERDUE_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    commitment_id: str
    description: str
    due_date: str
    status: CommitmentStatus
    visit_id: str
    rep_id: str
    store_id: str
    store_name: str
    note: str
    closed_at: _timestamp_pb2.Timestamp
    on_time: bool
    closed_in_visit_id: str
    reminders_sent: int
    overdue: bool
    created_at: _timestamp_pb2.Timestamp
    def __init__(self, commitment_id: _Optional[str] = ..., description: _Optional[str] = ..., due_date: _Optional[str] = ..., status: _Optional[_Union[CommitmentStatus, str]] = ..., visit_id: _Optional[str] = ..., rep_id: _Optional[str] = ..., store_id: _Optional[str] = ..., store_name: _Optional[str] = ..., note: _Optional[str] = ..., closed_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., on_time: _Optional[bool] = ..., closed_in_visit_id: _Optional[str] = ..., reminders_sent: _Optional[int] = ..., overdue: _Optional[bool] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class UpdateCommitmentRequest(_message.Message):
    __slots__ = ("tenant_id", "rep_id", "commitment_id", "status", "note", "request_id")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    REP_ID_FIELD_NUMBER: _ClassVar[int]
    COMMITMENT_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    rep_id: str
    commitment_id: str
    status: CommitmentStatus
    note: str
    request_id: str
    def __init__(self, tenant_id: _Optional[str] = ..., rep_id: _Optional[str] = ..., commitment_id: _Optional[str] = ..., status: _Optional[_Union[CommitmentStatus, str]] = ..., note: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class ListCommitmentsRequest(_message.Message):
    __slots__ = ("tenant_id", "rep_id", "only_overdue", "page")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    REP_ID_FIELD_NUMBER: _ClassVar[int]
    ONLY_OVERDUE_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    rep_id: str
    only_overdue: bool
    page: _types_pb2.PageRequest
    def __init__(self, tenant_id: _Optional[str] = ..., rep_id: _Optional[str] = ..., only_overdue: _Optional[bool] = ..., page: _Optional[_Union[_types_pb2.PageRequest, _Mapping]] = ...) -> None: ...

class ListCommitmentsResponse(_message.Message):
    __slots__ = ("commitments", "next_page_token")
    COMMITMENTS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    commitments: _containers.RepeatedCompositeFieldContainer[Commitment]
    next_page_token: str
    def __init__(self, commitments: _Optional[_Iterable[_Union[Commitment, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...
