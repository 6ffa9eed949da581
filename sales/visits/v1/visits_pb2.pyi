import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from sales.common.v1 import types_pb2 as _types_pb2
from sales.visits.v1 import catalogue_pb2 as _catalogue_pb2
from sales.visits.v1 import first_visits_pb2 as _first_visits_pb2
from sales.visits.v1 import plans_pb2 as _plans_pb2
from sales.visits.v1 import settings_pb2 as _settings_pb2
from sales.visits.v1 import sheets_pb2 as _sheets_pb2
from sales.visits.v1 import stores_pb2 as _stores_pb2
from sales.visits.v1 import approvals_pb2 as _approvals_pb2
from sales.visits.v1 import ratings_pb2 as _ratings_pb2
from sales.visits.v1 import returns_pb2 as _returns_pb2
from sales.visits.v1 import stock_pb2 as _stock_pb2
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

class GpsStamp(_message.Message):
    __slots__ = ("location", "at")
    LOCATION_FIELD_NUMBER: _ClassVar[int]
    AT_FIELD_NUMBER: _ClassVar[int]
    location: _types_pb2.GeoPoint
    at: _timestamp_pb2.Timestamp
    def __init__(self, location: _Optional[_Union[_types_pb2.GeoPoint, _Mapping]] = ..., at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class CommitmentInput(_message.Message):
    __slots__ = ("commitment_id", "description", "due_date")
    COMMITMENT_ID_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    DUE_DATE_FIELD_NUMBER: _ClassVar[int]
    commitment_id: str
    description: str
    due_date: str
    def __init__(self, commitment_id: _Optional[str] = ..., description: _Optional[str] = ..., due_date: _Optional[str] = ...) -> None: ...

class Commitment(_message.Message):
    __slots__ = ("commitment_id", "description", "due_date", "status")
    COMMITMENT_ID_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    DUE_DATE_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    commitment_id: str
    description: str
    due_date: str
    status: CommitmentStatus
    def __init__(self, commitment_id: _Optional[str] = ..., description: _Optional[str] = ..., due_date: _Optional[str] = ..., status: _Optional[_Union[CommitmentStatus, str]] = ...) -> None: ...

class SubmitVisitRequest(_message.Message):
    __slots__ = ("tenant_id", "visit_id", "rep_id", "lead_id", "store_id", "store_name", "check_in", "check_out", "core_demand", "commitments", "photo_ids", "special_price_requested", "notes")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    VISIT_ID_FIELD_NUMBER: _ClassVar[int]
    REP_ID_FIELD_NUMBER: _ClassVar[int]
    LEAD_ID_FIELD_NUMBER: _ClassVar[int]
    STORE_ID_FIELD_NUMBER: _ClassVar[int]
    STORE_NAME_FIELD_NUMBER: _ClassVar[int]
    CHECK_IN_FIELD_NUMBER: _ClassVar[int]
    CHECK_OUT_FIELD_NUMBER: _ClassVar[int]
    CORE_DEMAND_FIELD_NUMBER: _ClassVar[int]
    COMMITMENTS_FIELD_NUMBER: _ClassVar[int]
    PHOTO_IDS_FIELD_NUMBER: _ClassVar[int]
    SPECIAL_PRICE_REQUESTED_FIELD_NUMBER: _ClassVar[int]
    NOTES_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    visit_id: str
    rep_id: str
    lead_id: str
    store_id: str
    store_name: str
    check_in: GpsStamp
    check_out: GpsStamp
    core_demand: str
    commitments: _containers.RepeatedCompositeFieldContainer[CommitmentInput]
    photo_ids: _containers.RepeatedScalarFieldContainer[str]
    special_price_requested: bool
    notes: str
    def __init__(self, tenant_id: _Optional[str] = ..., visit_id: _Optional[str] = ..., rep_id: _Optional[str] = ..., lead_id: _Optional[str] = ..., store_id: _Optional[str] = ..., store_name: _Optional[str] = ..., check_in: _Optional[_Union[GpsStamp, _Mapping]] = ..., check_out: _Optional[_Union[GpsStamp, _Mapping]] = ..., core_demand: _Optional[str] = ..., commitments: _Optional[_Iterable[_Union[CommitmentInput, _Mapping]]] = ..., photo_ids: _Optional[_Iterable[str]] = ..., special_price_requested: _Optional[bool] = ..., notes: _Optional[str] = ...) -> None: ...

class Visit(_message.Message):
    __slots__ = ("visit_id", "tenant_id", "rep_id", "lead_id", "store_id", "store_name", "check_in", "check_out", "core_demand", "commitments", "photo_ids", "special_price_requested", "notes", "submitted_at")
    VISIT_ID_FIELD_NUMBER: _ClassVar[int]
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    REP_ID_FIELD_NUMBER: _ClassVar[int]
    LEAD_ID_FIELD_NUMBER: _ClassVar[int]
    STORE_ID_FIELD_NUMBER: _ClassVar[int]
    STORE_NAME_FIELD_NUMBER: _ClassVar[int]
    CHECK_IN_FIELD_NUMBER: _ClassVar[int]
    CHECK_OUT_FIELD_NUMBER: _ClassVar[int]
    CORE_DEMAND_FIELD_NUMBER: _ClassVar[int]
    COMMITMENTS_FIELD_NUMBER: _ClassVar[int]
    PHOTO_IDS_FIELD_NUMBER: _ClassVar[int]
    SPECIAL_PRICE_REQUESTED_FIELD_NUMBER: _ClassVar[int]
    NOTES_FIELD_NUMBER: _ClassVar[int]
    SUBMITTED_AT_FIELD_NUMBER: _ClassVar[int]
    visit_id: str
    tenant_id: str
    rep_id: str
    lead_id: str
    store_id: str
    store_name: str
    check_in: GpsStamp
    check_out: GpsStamp
    core_demand: str
    commitments: _containers.RepeatedCompositeFieldContainer[Commitment]
    photo_ids: _containers.RepeatedScalarFieldContainer[str]
    special_price_requested: bool
    notes: str
    submitted_at: _timestamp_pb2.Timestamp
    def __init__(self, visit_id: _Optional[str] = ..., tenant_id: _Optional[str] = ..., rep_id: _Optional[str] = ..., lead_id: _Optional[str] = ..., store_id: _Optional[str] = ..., store_name: _Optional[str] = ..., check_in: _Optional[_Union[GpsStamp, _Mapping]] = ..., check_out: _Optional[_Union[GpsStamp, _Mapping]] = ..., core_demand: _Optional[str] = ..., commitments: _Optional[_Iterable[_Union[Commitment, _Mapping]]] = ..., photo_ids: _Optional[_Iterable[str]] = ..., special_price_requested: _Optional[bool] = ..., notes: _Optional[str] = ..., submitted_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class GetVisitRequest(_message.Message):
    __slots__ = ("tenant_id", "visit_id")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    VISIT_ID_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    visit_id: str
    def __init__(self, tenant_id: _Optional[str] = ..., visit_id: _Optional[str] = ...) -> None: ...
