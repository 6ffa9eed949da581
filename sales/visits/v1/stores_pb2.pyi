import datetime

from google.protobuf import field_mask_pb2 as _field_mask_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from sales.common.v1 import types_pb2 as _types_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Store(_message.Message):
    __slots__ = ("tenant_id", "store_id", "external_id", "name", "address", "location", "region_code", "customer_class", "owner_rep_id", "visit_every_days", "lead_id", "registered_at", "source", "contact_name", "phone", "active", "version", "updated_at", "last_visited_at", "first_visited_at", "first_visit_tracked", "registered_by")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
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
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    CONTACT_NAME_FIELD_NUMBER: _ClassVar[int]
    PHONE_FIELD_NUMBER: _ClassVar[int]
    ACTIVE_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    LAST_VISITED_AT_FIELD_NUMBER: _ClassVar[int]
    FIRST_VISITED_AT_FIELD_NUMBER: _ClassVar[int]
    FIRST_VISIT_TRACKED_FIELD_NUMBER: _ClassVar[int]
    REGISTERED_BY_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
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
    source: str
    contact_name: str
    phone: str
    active: bool
    version: int
    updated_at: _timestamp_pb2.Timestamp
    last_visited_at: _timestamp_pb2.Timestamp
    first_visited_at: _timestamp_pb2.Timestamp
    first_visit_tracked: bool
    registered_by: str
    def __init__(self, tenant_id: _Optional[str] = ..., store_id: _Optional[str] = ..., external_id: _Optional[str] = ..., name: _Optional[str] = ..., address: _Optional[str] = ..., location: _Optional[_Union[_types_pb2.GeoPoint, _Mapping]] = ..., region_code: _Optional[str] = ..., customer_class: _Optional[_Union[_types_pb2.CustomerType, str]] = ..., owner_rep_id: _Optional[str] = ..., visit_every_days: _Optional[int] = ..., lead_id: _Optional[str] = ..., registered_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., source: _Optional[str] = ..., contact_name: _Optional[str] = ..., phone: _Optional[str] = ..., active: _Optional[bool] = ..., version: _Optional[int] = ..., updated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., last_visited_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., first_visited_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., first_visit_tracked: _Optional[bool] = ..., registered_by: _Optional[str] = ...) -> None: ...

class RegisterStoreRequest(_message.Message):
    __slots__ = ("tenant_id", "store", "registered_by")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    STORE_FIELD_NUMBER: _ClassVar[int]
    REGISTERED_BY_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    store: Store
    registered_by: str
    def __init__(self, tenant_id: _Optional[str] = ..., store: _Optional[_Union[Store, _Mapping]] = ..., registered_by: _Optional[str] = ...) -> None: ...

class UpdateStoreRequest(_message.Message):
    __slots__ = ("tenant_id", "store_id", "expected_version", "store", "update_mask", "updated_by")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    STORE_ID_FIELD_NUMBER: _ClassVar[int]
    EXPECTED_VERSION_FIELD_NUMBER: _ClassVar[int]
    STORE_FIELD_NUMBER: _ClassVar[int]
    UPDATE_MASK_FIELD_NUMBER: _ClassVar[int]
    UPDATED_BY_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    store_id: str
    expected_version: int
    store: Store
    update_mask: _field_mask_pb2.FieldMask
    updated_by: str
    def __init__(self, tenant_id: _Optional[str] = ..., store_id: _Optional[str] = ..., expected_version: _Optional[int] = ..., store: _Optional[_Union[Store, _Mapping]] = ..., update_mask: _Optional[_Union[_field_mask_pb2.FieldMask, _Mapping]] = ..., updated_by: _Optional[str] = ...) -> None: ...

class GetStoreRequest(_message.Message):
    __slots__ = ("tenant_id", "store_id")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    STORE_ID_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    store_id: str
    def __init__(self, tenant_id: _Optional[str] = ..., store_id: _Optional[str] = ...) -> None: ...

class ListStoresRequest(_message.Message):
    __slots__ = ("tenant_id", "name_query", "region_code", "owner_rep_ids", "customer_class", "include_inactive", "page")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_QUERY_FIELD_NUMBER: _ClassVar[int]
    REGION_CODE_FIELD_NUMBER: _ClassVar[int]
    OWNER_REP_IDS_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_CLASS_FIELD_NUMBER: _ClassVar[int]
    INCLUDE_INACTIVE_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    name_query: str
    region_code: str
    owner_rep_ids: _containers.RepeatedScalarFieldContainer[str]
    customer_class: _types_pb2.CustomerType
    include_inactive: bool
    page: _types_pb2.PageRequest
    def __init__(self, tenant_id: _Optional[str] = ..., name_query: _Optional[str] = ..., region_code: _Optional[str] = ..., owner_rep_ids: _Optional[_Iterable[str]] = ..., customer_class: _Optional[_Union[_types_pb2.CustomerType, str]] = ..., include_inactive: _Optional[bool] = ..., page: _Optional[_Union[_types_pb2.PageRequest, _Mapping]] = ...) -> None: ...

class ListStoresResponse(_message.Message):
    __slots__ = ("stores", "next_page_token")
    STORES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    stores: _containers.RepeatedCompositeFieldContainer[Store]
    next_page_token: str
    def __init__(self, stores: _Optional[_Iterable[_Union[Store, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...
