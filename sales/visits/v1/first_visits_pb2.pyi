import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class FirstVisitStatsRequest(_message.Message):
    __slots__ = ("tenant_id", "from_date", "to_date", "owner_rep_ids", "region_digits")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    FROM_DATE_FIELD_NUMBER: _ClassVar[int]
    TO_DATE_FIELD_NUMBER: _ClassVar[int]
    OWNER_REP_IDS_FIELD_NUMBER: _ClassVar[int]
    REGION_DIGITS_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    from_date: str
    to_date: str
    owner_rep_ids: _containers.RepeatedScalarFieldContainer[str]
    region_digits: int
    def __init__(self, tenant_id: _Optional[str] = ..., from_date: _Optional[str] = ..., to_date: _Optional[str] = ..., owner_rep_ids: _Optional[_Iterable[str]] = ..., region_digits: _Optional[int] = ...) -> None: ...

class FirstVisitFigures(_message.Message):
    __slots__ = ("key", "stores", "visited", "waiting", "overdue", "median_hours", "p90_hours")
    KEY_FIELD_NUMBER: _ClassVar[int]
    STORES_FIELD_NUMBER: _ClassVar[int]
    VISITED_FIELD_NUMBER: _ClassVar[int]
    WAITING_FIELD_NUMBER: _ClassVar[int]
    OVERDUE_FIELD_NUMBER: _ClassVar[int]
    MEDIAN_HOURS_FIELD_NUMBER: _ClassVar[int]
    P90_HOURS_FIELD_NUMBER: _ClassVar[int]
    key: str
    stores: int
    visited: int
    waiting: int
    overdue: int
    median_hours: float
    p90_hours: float
    def __init__(self, key: _Optional[str] = ..., stores: _Optional[int] = ..., visited: _Optional[int] = ..., waiting: _Optional[int] = ..., overdue: _Optional[int] = ..., median_hours: _Optional[float] = ..., p90_hours: _Optional[float] = ...) -> None: ...

class FirstVisitStats(_message.Message):
    __slots__ = ("from_date", "to_date", "limit_days", "overall", "by_rep", "by_region", "as_of")
    FROM_DATE_FIELD_NUMBER: _ClassVar[int]
    TO_DATE_FIELD_NUMBER: _ClassVar[int]
    LIMIT_DAYS_FIELD_NUMBER: _ClassVar[int]
    OVERALL_FIELD_NUMBER: _ClassVar[int]
    BY_REP_FIELD_NUMBER: _ClassVar[int]
    BY_REGION_FIELD_NUMBER: _ClassVar[int]
    AS_OF_FIELD_NUMBER: _ClassVar[int]
    from_date: str
    to_date: str
    limit_days: int
    overall: FirstVisitFigures
    by_rep: _containers.RepeatedCompositeFieldContainer[FirstVisitFigures]
    by_region: _containers.RepeatedCompositeFieldContainer[FirstVisitFigures]
    as_of: _timestamp_pb2.Timestamp
    def __init__(self, from_date: _Optional[str] = ..., to_date: _Optional[str] = ..., limit_days: _Optional[int] = ..., overall: _Optional[_Union[FirstVisitFigures, _Mapping]] = ..., by_rep: _Optional[_Iterable[_Union[FirstVisitFigures, _Mapping]]] = ..., by_region: _Optional[_Iterable[_Union[FirstVisitFigures, _Mapping]]] = ..., as_of: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...
