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

class PlanItemStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    PLAN_ITEM_STATUS_UNSPECIFIED: _ClassVar[PlanItemStatus]
    PLAN_ITEM_STATUS_PENDING: _ClassVar[PlanItemStatus]
    PLAN_ITEM_STATUS_DONE: _ClassVar[PlanItemStatus]
    PLAN_ITEM_STATUS_DROPPED: _ClassVar[PlanItemStatus]
PLAN_ITEM_STATUS_UNSPECIFIED: PlanItemStatus
PLAN_ITEM_STATUS_PENDING: PlanItemStatus
PLAN_ITEM_STATUS_DONE: PlanItemStatus
PLAN_ITEM_STATUS_DROPPED: PlanItemStatus

class PlanItem(_message.Message):
    __slots__ = ("item_id", "store_id", "store_name", "customer_class", "address", "position", "status", "origin", "overdue_days", "last_visited_on", "visit_id", "reason", "location")
    ITEM_ID_FIELD_NUMBER: _ClassVar[int]
    STORE_ID_FIELD_NUMBER: _ClassVar[int]
    STORE_NAME_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_CLASS_FIELD_NUMBER: _ClassVar[int]
    ADDRESS_FIELD_NUMBER: _ClassVar[int]
    POSITION_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    ORIGIN_FIELD_NUMBER: _ClassVar[int]
    OVERDUE_DAYS_FIELD_NUMBER: _ClassVar[int]
    LAST_VISITED_ON_FIELD_NUMBER: _ClassVar[int]
    VISIT_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    LOCATION_FIELD_NUMBER: _ClassVar[int]
    item_id: str
    store_id: str
    store_name: str
    customer_class: _types_pb2.CustomerType
    address: str
    position: int
    status: PlanItemStatus
    origin: str
    overdue_days: int
    last_visited_on: str
    visit_id: str
    reason: str
    location: _types_pb2.GeoPoint
    def __init__(self, item_id: _Optional[str] = ..., store_id: _Optional[str] = ..., store_name: _Optional[str] = ..., customer_class: _Optional[_Union[_types_pb2.CustomerType, str]] = ..., address: _Optional[str] = ..., position: _Optional[int] = ..., status: _Optional[_Union[PlanItemStatus, str]] = ..., origin: _Optional[str] = ..., overdue_days: _Optional[int] = ..., last_visited_on: _Optional[str] = ..., visit_id: _Optional[str] = ..., reason: _Optional[str] = ..., location: _Optional[_Union[_types_pb2.GeoPoint, _Mapping]] = ...) -> None: ...

class PlanEdit(_message.Message):
    __slots__ = ("at", "by", "change", "item_id", "store_id", "reason", "text")
    AT_FIELD_NUMBER: _ClassVar[int]
    BY_FIELD_NUMBER: _ClassVar[int]
    CHANGE_FIELD_NUMBER: _ClassVar[int]
    ITEM_ID_FIELD_NUMBER: _ClassVar[int]
    STORE_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    at: _timestamp_pb2.Timestamp
    by: str
    change: str
    item_id: str
    store_id: str
    reason: str
    text: str
    def __init__(self, at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., by: _Optional[str] = ..., change: _Optional[str] = ..., item_id: _Optional[str] = ..., store_id: _Optional[str] = ..., reason: _Optional[str] = ..., text: _Optional[str] = ...) -> None: ...

class Plan(_message.Message):
    __slots__ = ("tenant_id", "rep_id", "plan_date", "items", "planned", "completed", "version", "history", "unplanned_visit_ids", "generated_at", "stored")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    REP_ID_FIELD_NUMBER: _ClassVar[int]
    PLAN_DATE_FIELD_NUMBER: _ClassVar[int]
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    PLANNED_FIELD_NUMBER: _ClassVar[int]
    COMPLETED_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    HISTORY_FIELD_NUMBER: _ClassVar[int]
    UNPLANNED_VISIT_IDS_FIELD_NUMBER: _ClassVar[int]
    GENERATED_AT_FIELD_NUMBER: _ClassVar[int]
    STORED_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    rep_id: str
    plan_date: str
    items: _containers.RepeatedCompositeFieldContainer[PlanItem]
    planned: int
    completed: int
    version: int
    history: _containers.RepeatedCompositeFieldContainer[PlanEdit]
    unplanned_visit_ids: _containers.RepeatedScalarFieldContainer[str]
    generated_at: _timestamp_pb2.Timestamp
    stored: bool
    def __init__(self, tenant_id: _Optional[str] = ..., rep_id: _Optional[str] = ..., plan_date: _Optional[str] = ..., items: _Optional[_Iterable[_Union[PlanItem, _Mapping]]] = ..., planned: _Optional[int] = ..., completed: _Optional[int] = ..., version: _Optional[int] = ..., history: _Optional[_Iterable[_Union[PlanEdit, _Mapping]]] = ..., unplanned_visit_ids: _Optional[_Iterable[str]] = ..., generated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., stored: _Optional[bool] = ...) -> None: ...

class GetPlanRequest(_message.Message):
    __slots__ = ("tenant_id", "rep_id", "plan_date")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    REP_ID_FIELD_NUMBER: _ClassVar[int]
    PLAN_DATE_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    rep_id: str
    plan_date: str
    def __init__(self, tenant_id: _Optional[str] = ..., rep_id: _Optional[str] = ..., plan_date: _Optional[str] = ...) -> None: ...

class AddPlanItemRequest(_message.Message):
    __slots__ = ("tenant_id", "rep_id", "plan_date", "store_id", "position", "reason", "expected_version", "edited_by")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    REP_ID_FIELD_NUMBER: _ClassVar[int]
    PLAN_DATE_FIELD_NUMBER: _ClassVar[int]
    STORE_ID_FIELD_NUMBER: _ClassVar[int]
    POSITION_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    EXPECTED_VERSION_FIELD_NUMBER: _ClassVar[int]
    EDITED_BY_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    rep_id: str
    plan_date: str
    store_id: str
    position: int
    reason: str
    expected_version: int
    edited_by: str
    def __init__(self, tenant_id: _Optional[str] = ..., rep_id: _Optional[str] = ..., plan_date: _Optional[str] = ..., store_id: _Optional[str] = ..., position: _Optional[int] = ..., reason: _Optional[str] = ..., expected_version: _Optional[int] = ..., edited_by: _Optional[str] = ...) -> None: ...

class DropPlanItemRequest(_message.Message):
    __slots__ = ("tenant_id", "rep_id", "plan_date", "item_id", "reason", "expected_version", "edited_by")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    REP_ID_FIELD_NUMBER: _ClassVar[int]
    PLAN_DATE_FIELD_NUMBER: _ClassVar[int]
    ITEM_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    EXPECTED_VERSION_FIELD_NUMBER: _ClassVar[int]
    EDITED_BY_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    rep_id: str
    plan_date: str
    item_id: str
    reason: str
    expected_version: int
    edited_by: str
    def __init__(self, tenant_id: _Optional[str] = ..., rep_id: _Optional[str] = ..., plan_date: _Optional[str] = ..., item_id: _Optional[str] = ..., reason: _Optional[str] = ..., expected_version: _Optional[int] = ..., edited_by: _Optional[str] = ...) -> None: ...

class ReorderPlanRequest(_message.Message):
    __slots__ = ("tenant_id", "rep_id", "plan_date", "item_ids", "reason", "expected_version", "edited_by")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    REP_ID_FIELD_NUMBER: _ClassVar[int]
    PLAN_DATE_FIELD_NUMBER: _ClassVar[int]
    ITEM_IDS_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    EXPECTED_VERSION_FIELD_NUMBER: _ClassVar[int]
    EDITED_BY_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    rep_id: str
    plan_date: str
    item_ids: _containers.RepeatedScalarFieldContainer[str]
    reason: str
    expected_version: int
    edited_by: str
    def __init__(self, tenant_id: _Optional[str] = ..., rep_id: _Optional[str] = ..., plan_date: _Optional[str] = ..., item_ids: _Optional[_Iterable[str]] = ..., reason: _Optional[str] = ..., expected_version: _Optional[int] = ..., edited_by: _Optional[str] = ...) -> None: ...

class ListPendingVisitsRequest(_message.Message):
    __slots__ = ("tenant_id", "rep_id")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    REP_ID_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    rep_id: str
    def __init__(self, tenant_id: _Optional[str] = ..., rep_id: _Optional[str] = ...) -> None: ...

class PendingVisits(_message.Message):
    __slots__ = ("rep_id", "plan_date", "items", "planned", "completed")
    REP_ID_FIELD_NUMBER: _ClassVar[int]
    PLAN_DATE_FIELD_NUMBER: _ClassVar[int]
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    PLANNED_FIELD_NUMBER: _ClassVar[int]
    COMPLETED_FIELD_NUMBER: _ClassVar[int]
    rep_id: str
    plan_date: str
    items: _containers.RepeatedCompositeFieldContainer[PlanItem]
    planned: int
    completed: int
    def __init__(self, rep_id: _Optional[str] = ..., plan_date: _Optional[str] = ..., items: _Optional[_Iterable[_Union[PlanItem, _Mapping]]] = ..., planned: _Optional[int] = ..., completed: _Optional[int] = ...) -> None: ...
