from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ReturnsGranularity(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    RETURNS_GRANULARITY_UNSPECIFIED: _ClassVar[ReturnsGranularity]
    RETURNS_GRANULARITY_DAY: _ClassVar[ReturnsGranularity]
    RETURNS_GRANULARITY_WEEK: _ClassVar[ReturnsGranularity]
    RETURNS_GRANULARITY_MONTH: _ClassVar[ReturnsGranularity]

class ReturnsRegionLevel(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    RETURNS_REGION_LEVEL_UNSPECIFIED: _ClassVar[ReturnsRegionLevel]
    RETURNS_REGION_LEVEL_COUNTY: _ClassVar[ReturnsRegionLevel]
    RETURNS_REGION_LEVEL_CITY: _ClassVar[ReturnsRegionLevel]
    RETURNS_REGION_LEVEL_PROVINCE: _ClassVar[ReturnsRegionLevel]
RETURNS_GRANULARITY_UNSPECIFIED: ReturnsGranularity
RETURNS_GRANULARITY_DAY: ReturnsGranularity
RETURNS_GRANULARITY_WEEK: ReturnsGranularity
RETURNS_GRANULARITY_MONTH: ReturnsGranularity
RETURNS_REGION_LEVEL_UNSPECIFIED: ReturnsRegionLevel
RETURNS_REGION_LEVEL_COUNTY: ReturnsRegionLevel
RETURNS_REGION_LEVEL_CITY: ReturnsRegionLevel
RETURNS_REGION_LEVEL_PROVINCE: ReturnsRegionLevel

class AnalyseReturnsRequest(_message.Message):
    __slots__ = ("tenant_id", "first_day", "last_day", "granularity", "region_level", "region_prefix", "sku", "reason", "rep_ids")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    FIRST_DAY_FIELD_NUMBER: _ClassVar[int]
    LAST_DAY_FIELD_NUMBER: _ClassVar[int]
    GRANULARITY_FIELD_NUMBER: _ClassVar[int]
    REGION_LEVEL_FIELD_NUMBER: _ClassVar[int]
    REGION_PREFIX_FIELD_NUMBER: _ClassVar[int]
    SKU_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    REP_IDS_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    first_day: str
    last_day: str
    granularity: ReturnsGranularity
    region_level: ReturnsRegionLevel
    region_prefix: str
    sku: str
    reason: str
    rep_ids: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, tenant_id: _Optional[str] = ..., first_day: _Optional[str] = ..., last_day: _Optional[str] = ..., granularity: _Optional[_Union[ReturnsGranularity, str]] = ..., region_level: _Optional[_Union[ReturnsRegionLevel, str]] = ..., region_prefix: _Optional[str] = ..., sku: _Optional[str] = ..., reason: _Optional[str] = ..., rep_ids: _Optional[_Iterable[str]] = ...) -> None: ...

class ReturnGroup(_message.Message):
    __slots__ = ("period", "region_code", "sku", "reason", "reason_label", "quantity", "count", "product_name")
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    REGION_CODE_FIELD_NUMBER: _ClassVar[int]
    SKU_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    REASON_LABEL_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_FIELD_NUMBER: _ClassVar[int]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    PRODUCT_NAME_FIELD_NUMBER: _ClassVar[int]
    period: str
    region_code: str
    sku: str
    reason: str
    reason_label: str
    quantity: int
    count: int
    product_name: str
    def __init__(self, period: _Optional[str] = ..., region_code: _Optional[str] = ..., sku: _Optional[str] = ..., reason: _Optional[str] = ..., reason_label: _Optional[str] = ..., quantity: _Optional[int] = ..., count: _Optional[int] = ..., product_name: _Optional[str] = ...) -> None: ...

class AnalyseReturnsResponse(_message.Message):
    __slots__ = ("groups", "total_quantity", "total_count")
    GROUPS_FIELD_NUMBER: _ClassVar[int]
    TOTAL_QUANTITY_FIELD_NUMBER: _ClassVar[int]
    TOTAL_COUNT_FIELD_NUMBER: _ClassVar[int]
    groups: _containers.RepeatedCompositeFieldContainer[ReturnGroup]
    total_quantity: int
    total_count: int
    def __init__(self, groups: _Optional[_Iterable[_Union[ReturnGroup, _Mapping]]] = ..., total_quantity: _Optional[int] = ..., total_count: _Optional[int] = ...) -> None: ...

class ExportReturnsResponse(_message.Message):
    __slots__ = ("filename", "content", "content_type")
    FILENAME_FIELD_NUMBER: _ClassVar[int]
    CONTENT_FIELD_NUMBER: _ClassVar[int]
    CONTENT_TYPE_FIELD_NUMBER: _ClassVar[int]
    filename: str
    content: bytes
    content_type: str
    def __init__(self, filename: _Optional[str] = ..., content: _Optional[bytes] = ..., content_type: _Optional[str] = ...) -> None: ...
