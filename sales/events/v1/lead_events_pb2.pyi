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

class LeadResponded(_message.Message):
    __slots__ = ("lead_id", "rep_id", "accepted", "reason", "assigned_at", "responded_at", "first_response_seconds", "within_sla", "urgency")
    LEAD_ID_FIELD_NUMBER: _ClassVar[int]
    REP_ID_FIELD_NUMBER: _ClassVar[int]
    ACCEPTED_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    ASSIGNED_AT_FIELD_NUMBER: _ClassVar[int]
    RESPONDED_AT_FIELD_NUMBER: _ClassVar[int]
    FIRST_RESPONSE_SECONDS_FIELD_NUMBER: _ClassVar[int]
    WITHIN_SLA_FIELD_NUMBER: _ClassVar[int]
    URGENCY_FIELD_NUMBER: _ClassVar[int]
    lead_id: str
    rep_id: str
    accepted: bool
    reason: str
    assigned_at: _timestamp_pb2.Timestamp
    responded_at: _timestamp_pb2.Timestamp
    first_response_seconds: int
    within_sla: bool
    urgency: _types_pb2.Urgency
    def __init__(self, lead_id: _Optional[str] = ..., rep_id: _Optional[str] = ..., accepted: _Optional[bool] = ..., reason: _Optional[str] = ..., assigned_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., responded_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., first_response_seconds: _Optional[int] = ..., within_sla: _Optional[bool] = ..., urgency: _Optional[_Union[_types_pb2.Urgency, str]] = ...) -> None: ...

class LeadSlaBreached(_message.Message):
    __slots__ = ("lead_id", "rep_id", "supervisor_id", "urgency", "sla_seconds", "assigned_at", "breached_at", "next_rep_id", "customer_name")
    LEAD_ID_FIELD_NUMBER: _ClassVar[int]
    REP_ID_FIELD_NUMBER: _ClassVar[int]
    SUPERVISOR_ID_FIELD_NUMBER: _ClassVar[int]
    URGENCY_FIELD_NUMBER: _ClassVar[int]
    SLA_SECONDS_FIELD_NUMBER: _ClassVar[int]
    ASSIGNED_AT_FIELD_NUMBER: _ClassVar[int]
    BREACHED_AT_FIELD_NUMBER: _ClassVar[int]
    NEXT_REP_ID_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_NAME_FIELD_NUMBER: _ClassVar[int]
    lead_id: str
    rep_id: str
    supervisor_id: str
    urgency: _types_pb2.Urgency
    sla_seconds: int
    assigned_at: _timestamp_pb2.Timestamp
    breached_at: _timestamp_pb2.Timestamp
    next_rep_id: str
    customer_name: str
    def __init__(self, lead_id: _Optional[str] = ..., rep_id: _Optional[str] = ..., supervisor_id: _Optional[str] = ..., urgency: _Optional[_Union[_types_pb2.Urgency, str]] = ..., sla_seconds: _Optional[int] = ..., assigned_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., breached_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., next_rep_id: _Optional[str] = ..., customer_name: _Optional[str] = ...) -> None: ...

class LeadWaitingTooLong(_message.Message):
    __slots__ = ("lead_id", "supervisor_id", "region_code", "customer_type", "waiting_since", "waited_seconds", "customer_name")
    LEAD_ID_FIELD_NUMBER: _ClassVar[int]
    SUPERVISOR_ID_FIELD_NUMBER: _ClassVar[int]
    REGION_CODE_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_TYPE_FIELD_NUMBER: _ClassVar[int]
    WAITING_SINCE_FIELD_NUMBER: _ClassVar[int]
    WAITED_SECONDS_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_NAME_FIELD_NUMBER: _ClassVar[int]
    lead_id: str
    supervisor_id: str
    region_code: str
    customer_type: _types_pb2.CustomerType
    waiting_since: _timestamp_pb2.Timestamp
    waited_seconds: int
    customer_name: str
    def __init__(self, lead_id: _Optional[str] = ..., supervisor_id: _Optional[str] = ..., region_code: _Optional[str] = ..., customer_type: _Optional[_Union[_types_pb2.CustomerType, str]] = ..., waiting_since: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., waited_seconds: _Optional[int] = ..., customer_name: _Optional[str] = ...) -> None: ...

class LeadReclaimed(_message.Message):
    __slots__ = ("lead_id", "rep_id", "supervisor_id", "last_follow_up_at", "idle_days", "customer_name")
    LEAD_ID_FIELD_NUMBER: _ClassVar[int]
    REP_ID_FIELD_NUMBER: _ClassVar[int]
    SUPERVISOR_ID_FIELD_NUMBER: _ClassVar[int]
    LAST_FOLLOW_UP_AT_FIELD_NUMBER: _ClassVar[int]
    IDLE_DAYS_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_NAME_FIELD_NUMBER: _ClassVar[int]
    lead_id: str
    rep_id: str
    supervisor_id: str
    last_follow_up_at: _timestamp_pb2.Timestamp
    idle_days: int
    customer_name: str
    def __init__(self, lead_id: _Optional[str] = ..., rep_id: _Optional[str] = ..., supervisor_id: _Optional[str] = ..., last_follow_up_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., idle_days: _Optional[int] = ..., customer_name: _Optional[str] = ...) -> None: ...
