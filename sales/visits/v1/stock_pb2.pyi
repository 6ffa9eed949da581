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

class StockLocationKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    STOCK_LOCATION_KIND_UNSPECIFIED: _ClassVar[StockLocationKind]
    STOCK_LOCATION_KIND_WAREHOUSE: _ClassVar[StockLocationKind]
    STOCK_LOCATION_KIND_REP: _ClassVar[StockLocationKind]
STOCK_LOCATION_KIND_UNSPECIFIED: StockLocationKind
STOCK_LOCATION_KIND_WAREHOUSE: StockLocationKind
STOCK_LOCATION_KIND_REP: StockLocationKind

class StockLocation(_message.Message):
    __slots__ = ("kind", "owner_id")
    KIND_FIELD_NUMBER: _ClassVar[int]
    OWNER_ID_FIELD_NUMBER: _ClassVar[int]
    kind: StockLocationKind
    owner_id: str
    def __init__(self, kind: _Optional[_Union[StockLocationKind, str]] = ..., owner_id: _Optional[str] = ...) -> None: ...

class StockLevel(_message.Message):
    __slots__ = ("location", "sku", "product_name", "unit", "balance", "updated_at")
    LOCATION_FIELD_NUMBER: _ClassVar[int]
    SKU_FIELD_NUMBER: _ClassVar[int]
    PRODUCT_NAME_FIELD_NUMBER: _ClassVar[int]
    UNIT_FIELD_NUMBER: _ClassVar[int]
    BALANCE_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    location: StockLocation
    sku: str
    product_name: str
    unit: str
    balance: int
    updated_at: _timestamp_pb2.Timestamp
    def __init__(self, location: _Optional[_Union[StockLocation, _Mapping]] = ..., sku: _Optional[str] = ..., product_name: _Optional[str] = ..., unit: _Optional[str] = ..., balance: _Optional[int] = ..., updated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class StockMovement(_message.Message):
    __slots__ = ("movement_id", "location", "sku", "delta", "balance_after", "reason", "reason_label", "at", "actor_id", "visit_id", "transfer_id", "operation_id", "note")
    MOVEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    LOCATION_FIELD_NUMBER: _ClassVar[int]
    SKU_FIELD_NUMBER: _ClassVar[int]
    DELTA_FIELD_NUMBER: _ClassVar[int]
    BALANCE_AFTER_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    REASON_LABEL_FIELD_NUMBER: _ClassVar[int]
    AT_FIELD_NUMBER: _ClassVar[int]
    ACTOR_ID_FIELD_NUMBER: _ClassVar[int]
    VISIT_ID_FIELD_NUMBER: _ClassVar[int]
    TRANSFER_ID_FIELD_NUMBER: _ClassVar[int]
    OPERATION_ID_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    movement_id: str
    location: StockLocation
    sku: str
    delta: int
    balance_after: int
    reason: str
    reason_label: str
    at: _timestamp_pb2.Timestamp
    actor_id: str
    visit_id: str
    transfer_id: str
    operation_id: str
    note: str
    def __init__(self, movement_id: _Optional[str] = ..., location: _Optional[_Union[StockLocation, _Mapping]] = ..., sku: _Optional[str] = ..., delta: _Optional[int] = ..., balance_after: _Optional[int] = ..., reason: _Optional[str] = ..., reason_label: _Optional[str] = ..., at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., actor_id: _Optional[str] = ..., visit_id: _Optional[str] = ..., transfer_id: _Optional[str] = ..., operation_id: _Optional[str] = ..., note: _Optional[str] = ...) -> None: ...

class StockLine(_message.Message):
    __slots__ = ("sku", "quantity")
    SKU_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_FIELD_NUMBER: _ClassVar[int]
    sku: str
    quantity: int
    def __init__(self, sku: _Optional[str] = ..., quantity: _Optional[int] = ...) -> None: ...

class ReceiveStockRequest(_message.Message):
    __slots__ = ("tenant_id", "operation_id", "warehouse_id", "lines", "note", "actor_id")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    OPERATION_ID_FIELD_NUMBER: _ClassVar[int]
    WAREHOUSE_ID_FIELD_NUMBER: _ClassVar[int]
    LINES_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    ACTOR_ID_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    operation_id: str
    warehouse_id: str
    lines: _containers.RepeatedCompositeFieldContainer[StockLine]
    note: str
    actor_id: str
    def __init__(self, tenant_id: _Optional[str] = ..., operation_id: _Optional[str] = ..., warehouse_id: _Optional[str] = ..., lines: _Optional[_Iterable[_Union[StockLine, _Mapping]]] = ..., note: _Optional[str] = ..., actor_id: _Optional[str] = ...) -> None: ...

class AdjustStockRequest(_message.Message):
    __slots__ = ("tenant_id", "operation_id", "location", "lines", "note", "actor_id")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    OPERATION_ID_FIELD_NUMBER: _ClassVar[int]
    LOCATION_FIELD_NUMBER: _ClassVar[int]
    LINES_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    ACTOR_ID_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    operation_id: str
    location: StockLocation
    lines: _containers.RepeatedCompositeFieldContainer[StockLine]
    note: str
    actor_id: str
    def __init__(self, tenant_id: _Optional[str] = ..., operation_id: _Optional[str] = ..., location: _Optional[_Union[StockLocation, _Mapping]] = ..., lines: _Optional[_Iterable[_Union[StockLine, _Mapping]]] = ..., note: _Optional[str] = ..., actor_id: _Optional[str] = ...) -> None: ...

class TransferStockRequest(_message.Message):
    __slots__ = ("tenant_id", "operation_id", "to", "lines", "note", "actor_id")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    OPERATION_ID_FIELD_NUMBER: _ClassVar[int]
    FROM_FIELD_NUMBER: _ClassVar[int]
    TO_FIELD_NUMBER: _ClassVar[int]
    LINES_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    ACTOR_ID_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    operation_id: str
    to: StockLocation
    lines: _containers.RepeatedCompositeFieldContainer[StockLine]
    note: str
    actor_id: str
    def __init__(self, tenant_id: _Optional[str] = ..., operation_id: _Optional[str] = ..., to: _Optional[_Union[StockLocation, _Mapping]] = ..., lines: _Optional[_Iterable[_Union[StockLine, _Mapping]]] = ..., note: _Optional[str] = ..., actor_id: _Optional[str] = ..., **kwargs) -> None: ...

class StockOperationResult(_message.Message):
    __slots__ = ("operation_id", "kind", "movements")
    OPERATION_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    MOVEMENTS_FIELD_NUMBER: _ClassVar[int]
    operation_id: str
    kind: str
    movements: _containers.RepeatedCompositeFieldContainer[StockMovement]
    def __init__(self, operation_id: _Optional[str] = ..., kind: _Optional[str] = ..., movements: _Optional[_Iterable[_Union[StockMovement, _Mapping]]] = ...) -> None: ...

class ListStockRequest(_message.Message):
    __slots__ = ("tenant_id", "location", "page")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    LOCATION_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    location: StockLocation
    page: _types_pb2.PageRequest
    def __init__(self, tenant_id: _Optional[str] = ..., location: _Optional[_Union[StockLocation, _Mapping]] = ..., page: _Optional[_Union[_types_pb2.PageRequest, _Mapping]] = ...) -> None: ...

class ListStockResponse(_message.Message):
    __slots__ = ("levels", "next_page_token")
    LEVELS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    levels: _containers.RepeatedCompositeFieldContainer[StockLevel]
    next_page_token: str
    def __init__(self, levels: _Optional[_Iterable[_Union[StockLevel, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class ListStockMovementsRequest(_message.Message):
    __slots__ = ("tenant_id", "location", "sku", "page")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    LOCATION_FIELD_NUMBER: _ClassVar[int]
    SKU_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    location: StockLocation
    sku: str
    page: _types_pb2.PageRequest
    def __init__(self, tenant_id: _Optional[str] = ..., location: _Optional[_Union[StockLocation, _Mapping]] = ..., sku: _Optional[str] = ..., page: _Optional[_Union[_types_pb2.PageRequest, _Mapping]] = ...) -> None: ...

class ListStockMovementsResponse(_message.Message):
    __slots__ = ("movements", "next_page_token")
    MOVEMENTS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    movements: _containers.RepeatedCompositeFieldContainer[StockMovement]
    next_page_token: str
    def __init__(self, movements: _Optional[_Iterable[_Union[StockMovement, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...
