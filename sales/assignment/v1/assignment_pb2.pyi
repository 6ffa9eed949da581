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

class LeadStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    LEAD_STATUS_UNSPECIFIED: _ClassVar[LeadStatus]
    LEAD_STATUS_WAITING: _ClassVar[LeadStatus]
    LEAD_STATUS_ASSIGNED: _ClassVar[LeadStatus]
    LEAD_STATUS_ACCEPTED: _ClassVar[LeadStatus]
    LEAD_STATUS_VISITED: _ClassVar[LeadStatus]
    LEAD_STATUS_CLOSED: _ClassVar[LeadStatus]
LEAD_STATUS_UNSPECIFIED: LeadStatus
LEAD_STATUS_WAITING: LeadStatus
LEAD_STATUS_ASSIGNED: LeadStatus
LEAD_STATUS_ACCEPTED: LeadStatus
LEAD_STATUS_VISITED: LeadStatus
LEAD_STATUS_CLOSED: LeadStatus

class CreateLeadRequest(_message.Message):
    __slots__ = ("tenant_id", "external_id", "channel", "customer_type", "region_code", "urgency", "customer_name", "contact_name", "phone", "address", "location", "store_id")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    EXTERNAL_ID_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_TYPE_FIELD_NUMBER: _ClassVar[int]
    REGION_CODE_FIELD_NUMBER: _ClassVar[int]
    URGENCY_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_NAME_FIELD_NUMBER: _ClassVar[int]
    CONTACT_NAME_FIELD_NUMBER: _ClassVar[int]
    PHONE_FIELD_NUMBER: _ClassVar[int]
    ADDRESS_FIELD_NUMBER: _ClassVar[int]
    LOCATION_FIELD_NUMBER: _ClassVar[int]
    STORE_ID_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    external_id: str
    channel: str
    customer_type: _types_pb2.CustomerType
    region_code: str
    urgency: _types_pb2.Urgency
    customer_name: str
    contact_name: str
    phone: str
    address: str
    location: _types_pb2.GeoPoint
    store_id: str
    def __init__(self, tenant_id: _Optional[str] = ..., external_id: _Optional[str] = ..., channel: _Optional[str] = ..., customer_type: _Optional[_Union[_types_pb2.CustomerType, str]] = ..., region_code: _Optional[str] = ..., urgency: _Optional[_Union[_types_pb2.Urgency, str]] = ..., customer_name: _Optional[str] = ..., contact_name: _Optional[str] = ..., phone: _Optional[str] = ..., address: _Optional[str] = ..., location: _Optional[_Union[_types_pb2.GeoPoint, _Mapping]] = ..., store_id: _Optional[str] = ...) -> None: ...

class RankedCandidate(_message.Message):
    __slots__ = ("rep_id", "rank", "reason")
    REP_ID_FIELD_NUMBER: _ClassVar[int]
    RANK_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    rep_id: str
    rank: int
    reason: str
    def __init__(self, rep_id: _Optional[str] = ..., rank: _Optional[int] = ..., reason: _Optional[str] = ...) -> None: ...

class Decision(_message.Message):
    __slots__ = ("rule_id", "rule_version", "strategy", "reason", "candidates", "decided_at")
    RULE_ID_FIELD_NUMBER: _ClassVar[int]
    RULE_VERSION_FIELD_NUMBER: _ClassVar[int]
    STRATEGY_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    CANDIDATES_FIELD_NUMBER: _ClassVar[int]
    DECIDED_AT_FIELD_NUMBER: _ClassVar[int]
    rule_id: str
    rule_version: int
    strategy: str
    reason: str
    candidates: _containers.RepeatedCompositeFieldContainer[RankedCandidate]
    decided_at: _timestamp_pb2.Timestamp
    def __init__(self, rule_id: _Optional[str] = ..., rule_version: _Optional[int] = ..., strategy: _Optional[str] = ..., reason: _Optional[str] = ..., candidates: _Optional[_Iterable[_Union[RankedCandidate, _Mapping]]] = ..., decided_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class Lead(_message.Message):
    __slots__ = ("lead_id", "tenant_id", "external_id", "channel", "customer_type", "region_code", "urgency", "customer_name", "contact_name", "phone", "address", "location", "store_id", "status", "assigned_rep_id", "decision", "created_at", "assigned_at")
    LEAD_ID_FIELD_NUMBER: _ClassVar[int]
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    EXTERNAL_ID_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_TYPE_FIELD_NUMBER: _ClassVar[int]
    REGION_CODE_FIELD_NUMBER: _ClassVar[int]
    URGENCY_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_NAME_FIELD_NUMBER: _ClassVar[int]
    CONTACT_NAME_FIELD_NUMBER: _ClassVar[int]
    PHONE_FIELD_NUMBER: _ClassVar[int]
    ADDRESS_FIELD_NUMBER: _ClassVar[int]
    LOCATION_FIELD_NUMBER: _ClassVar[int]
    STORE_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    ASSIGNED_REP_ID_FIELD_NUMBER: _ClassVar[int]
    DECISION_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    ASSIGNED_AT_FIELD_NUMBER: _ClassVar[int]
    lead_id: str
    tenant_id: str
    external_id: str
    channel: str
    customer_type: _types_pb2.CustomerType
    region_code: str
    urgency: _types_pb2.Urgency
    customer_name: str
    contact_name: str
    phone: str
    address: str
    location: _types_pb2.GeoPoint
    store_id: str
    status: LeadStatus
    assigned_rep_id: str
    decision: Decision
    created_at: _timestamp_pb2.Timestamp
    assigned_at: _timestamp_pb2.Timestamp
    def __init__(self, lead_id: _Optional[str] = ..., tenant_id: _Optional[str] = ..., external_id: _Optional[str] = ..., channel: _Optional[str] = ..., customer_type: _Optional[_Union[_types_pb2.CustomerType, str]] = ..., region_code: _Optional[str] = ..., urgency: _Optional[_Union[_types_pb2.Urgency, str]] = ..., customer_name: _Optional[str] = ..., contact_name: _Optional[str] = ..., phone: _Optional[str] = ..., address: _Optional[str] = ..., location: _Optional[_Union[_types_pb2.GeoPoint, _Mapping]] = ..., store_id: _Optional[str] = ..., status: _Optional[_Union[LeadStatus, str]] = ..., assigned_rep_id: _Optional[str] = ..., decision: _Optional[_Union[Decision, _Mapping]] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., assigned_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class GetLeadRequest(_message.Message):
    __slots__ = ("tenant_id", "lead_id")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    LEAD_ID_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    lead_id: str
    def __init__(self, tenant_id: _Optional[str] = ..., lead_id: _Optional[str] = ...) -> None: ...

class ListLeadsRequest(_message.Message):
    __slots__ = ("tenant_id", "rep_id", "status", "page")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    REP_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    rep_id: str
    status: LeadStatus
    page: _types_pb2.PageRequest
    def __init__(self, tenant_id: _Optional[str] = ..., rep_id: _Optional[str] = ..., status: _Optional[_Union[LeadStatus, str]] = ..., page: _Optional[_Union[_types_pb2.PageRequest, _Mapping]] = ...) -> None: ...

class ListLeadsResponse(_message.Message):
    __slots__ = ("leads", "next_page_token")
    LEADS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    leads: _containers.RepeatedCompositeFieldContainer[Lead]
    next_page_token: str
    def __init__(self, leads: _Optional[_Iterable[_Union[Lead, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...
