import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from sales.common.v1 import types_pb2 as _types_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class LeadCreated(_message.Message):
    __slots__ = ("lead_id", "external_id", "channel", "customer_type", "region_code", "urgency", "customer_name", "created_at")
    LEAD_ID_FIELD_NUMBER: _ClassVar[int]
    EXTERNAL_ID_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_TYPE_FIELD_NUMBER: _ClassVar[int]
    REGION_CODE_FIELD_NUMBER: _ClassVar[int]
    URGENCY_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_NAME_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    lead_id: str
    external_id: str
    channel: str
    customer_type: _types_pb2.CustomerType
    region_code: str
    urgency: _types_pb2.Urgency
    customer_name: str
    created_at: _timestamp_pb2.Timestamp
    def __init__(self, lead_id: _Optional[str] = ..., external_id: _Optional[str] = ..., channel: _Optional[str] = ..., customer_type: _Optional[_Union[_types_pb2.CustomerType, str]] = ..., region_code: _Optional[str] = ..., urgency: _Optional[_Union[_types_pb2.Urgency, str]] = ..., customer_name: _Optional[str] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class RankedCandidate(_message.Message):
    __slots__ = ("rep_id", "rank", "reason")
    REP_ID_FIELD_NUMBER: _ClassVar[int]
    RANK_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    rep_id: str
    rank: int
    reason: str
    def __init__(self, rep_id: _Optional[str] = ..., rank: _Optional[int] = ..., reason: _Optional[str] = ...) -> None: ...

class LeadAssigned(_message.Message):
    __slots__ = ("lead_id", "rep_id", "supervisor_id", "rule_id", "rule_version", "strategy", "reason", "candidates", "lead_created_at", "assigned_at", "customer_name", "region_code", "customer_type", "urgency", "address", "contact_name", "phone")
    LEAD_ID_FIELD_NUMBER: _ClassVar[int]
    REP_ID_FIELD_NUMBER: _ClassVar[int]
    SUPERVISOR_ID_FIELD_NUMBER: _ClassVar[int]
    RULE_ID_FIELD_NUMBER: _ClassVar[int]
    RULE_VERSION_FIELD_NUMBER: _ClassVar[int]
    STRATEGY_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    CANDIDATES_FIELD_NUMBER: _ClassVar[int]
    LEAD_CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    ASSIGNED_AT_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_NAME_FIELD_NUMBER: _ClassVar[int]
    REGION_CODE_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_TYPE_FIELD_NUMBER: _ClassVar[int]
    URGENCY_FIELD_NUMBER: _ClassVar[int]
    ADDRESS_FIELD_NUMBER: _ClassVar[int]
    CONTACT_NAME_FIELD_NUMBER: _ClassVar[int]
    PHONE_FIELD_NUMBER: _ClassVar[int]
    lead_id: str
    rep_id: str
    supervisor_id: str
    rule_id: str
    rule_version: int
    strategy: str
    reason: str
    candidates: _containers.RepeatedCompositeFieldContainer[RankedCandidate]
    lead_created_at: _timestamp_pb2.Timestamp
    assigned_at: _timestamp_pb2.Timestamp
    customer_name: str
    region_code: str
    customer_type: _types_pb2.CustomerType
    urgency: _types_pb2.Urgency
    address: str
    contact_name: str
    phone: str
    def __init__(self, lead_id: _Optional[str] = ..., rep_id: _Optional[str] = ..., supervisor_id: _Optional[str] = ..., rule_id: _Optional[str] = ..., rule_version: _Optional[int] = ..., strategy: _Optional[str] = ..., reason: _Optional[str] = ..., candidates: _Optional[_Iterable[_Union[RankedCandidate, _Mapping]]] = ..., lead_created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., assigned_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., customer_name: _Optional[str] = ..., region_code: _Optional[str] = ..., customer_type: _Optional[_Union[_types_pb2.CustomerType, str]] = ..., urgency: _Optional[_Union[_types_pb2.Urgency, str]] = ..., address: _Optional[str] = ..., contact_name: _Optional[str] = ..., phone: _Optional[str] = ...) -> None: ...

class LeadWaiting(_message.Message):
    __slots__ = ("lead_id", "reason", "region_code", "customer_type", "since")
    LEAD_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    REGION_CODE_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_TYPE_FIELD_NUMBER: _ClassVar[int]
    SINCE_FIELD_NUMBER: _ClassVar[int]
    lead_id: str
    reason: str
    region_code: str
    customer_type: _types_pb2.CustomerType
    since: _timestamp_pb2.Timestamp
    def __init__(self, lead_id: _Optional[str] = ..., reason: _Optional[str] = ..., region_code: _Optional[str] = ..., customer_type: _Optional[_Union[_types_pb2.CustomerType, str]] = ..., since: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...
