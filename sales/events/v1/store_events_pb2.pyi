import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from sales.common.v1 import types_pb2 as _types_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class StoreSnapshot(_message.Message):
    __slots__ = ("store_id", "external_id", "name", "address", "location", "region_code", "customer_class", "owner_rep_id", "visit_every_days", "lead_id", "registered_at", "active", "version")
    STORE_ID_FIELD_NUMBER: _ClassVar[int]
    EXTERNAL_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    ADDRESS_FIELD_NUMBER: _ClassVar[int]
    LOCATION_FIELD_NUMBER: _ClassVar[int]
    REGION_CODE_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_CLASS_FIELD_NUMBER: _ClassVar[int]
    OWNER_REP_ID_FIELD_NUMBER: _ClassVar[int]
    VISIT_EVERY_DAYS_FIELD_NUMBER: _ClassVar[int]
    LEAD_ID_FIELD_NUMBER: _ClassVar[int]
    REGISTERED_AT_FIELD_NUMBER: _ClassVar[int]
    ACTIVE_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    store_id: str
    external_id: str
    name: str
    address: str
    location: _types_pb2.GeoPoint
    region_code: str
    customer_class: _types_pb2.CustomerType
    owner_rep_id: str
    visit_every_days: int
    lead_id: str
    registered_at: _timestamp_pb2.Timestamp
    active: bool
    version: int
    def __init__(self, store_id: _Optional[str] = ..., external_id: _Optional[str] = ..., name: _Optional[str] = ..., address: _Optional[str] = ..., location: _Optional[_Union[_types_pb2.GeoPoint, _Mapping]] = ..., region_code: _Optional[str] = ..., customer_class: _Optional[_Union[_types_pb2.CustomerType, str]] = ..., owner_rep_id: _Optional[str] = ..., visit_every_days: _Optional[int] = ..., lead_id: _Optional[str] = ..., registered_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., active: _Optional[bool] = ..., version: _Optional[int] = ...) -> None: ...

class StoreRegistered(_message.Message):
    __slots__ = ("store", "source", "registered_by")
    STORE_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    REGISTERED_BY_FIELD_NUMBER: _ClassVar[int]
    store: StoreSnapshot
    source: str
    registered_by: str
    def __init__(self, store: _Optional[_Union[StoreSnapshot, _Mapping]] = ..., source: _Optional[str] = ..., registered_by: _Optional[str] = ...) -> None: ...

class StoreUpdated(_message.Message):
    __slots__ = ("store", "changed_fields", "updated_by")
    STORE_FIELD_NUMBER: _ClassVar[int]
    CHANGED_FIELDS_FIELD_NUMBER: _ClassVar[int]
    UPDATED_BY_FIELD_NUMBER: _ClassVar[int]
    store: StoreSnapshot
    changed_fields: _containers.RepeatedScalarFieldContainer[str]
    updated_by: str
    def __init__(self, store: _Optional[_Union[StoreSnapshot, _Mapping]] = ..., changed_fields: _Optional[_Iterable[str]] = ..., updated_by: _Optional[str] = ...) -> None: ...

class ImportedStore(_message.Message):
    __slots__ = ("store", "registered", "changed_fields")
    STORE_FIELD_NUMBER: _ClassVar[int]
    REGISTERED_FIELD_NUMBER: _ClassVar[int]
    CHANGED_FIELDS_FIELD_NUMBER: _ClassVar[int]
    store: StoreSnapshot
    registered: bool
    changed_fields: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, store: _Optional[_Union[StoreSnapshot, _Mapping]] = ..., registered: _Optional[bool] = ..., changed_fields: _Optional[_Iterable[str]] = ...) -> None: ...

class StoreImported(_message.Message):
    __slots__ = ("stores", "imported_by", "source")
    STORES_FIELD_NUMBER: _ClassVar[int]
    IMPORTED_BY_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    stores: _containers.RepeatedCompositeFieldContainer[ImportedStore]
    imported_by: str
    source: str
    def __init__(self, stores: _Optional[_Iterable[_Union[ImportedStore, _Mapping]]] = ..., imported_by: _Optional[str] = ..., source: _Optional[str] = ...) -> None: ...

class StoreFirstVisitOverdue(_message.Message):
    __slots__ = ("store_id", "store_name", "owner_rep_id", "supervisor_id", "region_code", "registered_at", "days_waiting", "limit_days")
    STORE_ID_FIELD_NUMBER: _ClassVar[int]
    STORE_NAME_FIELD_NUMBER: _ClassVar[int]
    OWNER_REP_ID_FIELD_NUMBER: _ClassVar[int]
    SUPERVISOR_ID_FIELD_NUMBER: _ClassVar[int]
    REGION_CODE_FIELD_NUMBER: _ClassVar[int]
    REGISTERED_AT_FIELD_NUMBER: _ClassVar[int]
    DAYS_WAITING_FIELD_NUMBER: _ClassVar[int]
    LIMIT_DAYS_FIELD_NUMBER: _ClassVar[int]
    store_id: str
    store_name: str
    owner_rep_id: str
    supervisor_id: str
    region_code: str
    registered_at: _timestamp_pb2.Timestamp
    days_waiting: int
    limit_days: int
    def __init__(self, store_id: _Optional[str] = ..., store_name: _Optional[str] = ..., owner_rep_id: _Optional[str] = ..., supervisor_id: _Optional[str] = ..., region_code: _Optional[str] = ..., registered_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., days_waiting: _Optional[int] = ..., limit_days: _Optional[int] = ...) -> None: ...

class PlanItemState(_message.Message):
    __slots__ = ("item_id", "store_id", "status", "position", "visit_id", "reason")
    ITEM_ID_FIELD_NUMBER: _ClassVar[int]
    STORE_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    POSITION_FIELD_NUMBER: _ClassVar[int]
    VISIT_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    item_id: str
    store_id: str
    status: str
    position: int
    visit_id: str
    reason: str
    def __init__(self, item_id: _Optional[str] = ..., store_id: _Optional[str] = ..., status: _Optional[str] = ..., position: _Optional[int] = ..., visit_id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class PlanDayChanged(_message.Message):
    __slots__ = ("rep_id", "plan_date", "planned", "completed", "items", "version", "change", "supervisor_id", "team_id", "unplanned_visit_ids")
    REP_ID_FIELD_NUMBER: _ClassVar[int]
    PLAN_DATE_FIELD_NUMBER: _ClassVar[int]
    PLANNED_FIELD_NUMBER: _ClassVar[int]
    COMPLETED_FIELD_NUMBER: _ClassVar[int]
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    CHANGE_FIELD_NUMBER: _ClassVar[int]
    SUPERVISOR_ID_FIELD_NUMBER: _ClassVar[int]
    TEAM_ID_FIELD_NUMBER: _ClassVar[int]
    UNPLANNED_VISIT_IDS_FIELD_NUMBER: _ClassVar[int]
    rep_id: str
    plan_date: str
    planned: int
    completed: int
    items: _containers.RepeatedCompositeFieldContainer[PlanItemState]
    version: int
    change: str
    supervisor_id: str
    team_id: str
    unplanned_visit_ids: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, rep_id: _Optional[str] = ..., plan_date: _Optional[str] = ..., planned: _Optional[int] = ..., completed: _Optional[int] = ..., items: _Optional[_Iterable[_Union[PlanItemState, _Mapping]]] = ..., version: _Optional[int] = ..., change: _Optional[str] = ..., supervisor_id: _Optional[str] = ..., team_id: _Optional[str] = ..., unplanned_visit_ids: _Optional[_Iterable[str]] = ...) -> None: ...
