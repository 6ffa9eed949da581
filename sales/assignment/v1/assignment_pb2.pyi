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
    __slots__ = ("lead_id", "tenant_id", "external_id", "channel", "customer_type", "region_code", "urgency", "customer_name", "contact_name", "phone", "address", "location", "store_id", "status", "assigned_rep_id", "decision", "created_at", "assigned_at", "sla_due_at", "responded_at", "last_follow_up_at", "merged_external_ids", "declined_by", "merged")
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
    SLA_DUE_AT_FIELD_NUMBER: _ClassVar[int]
    RESPONDED_AT_FIELD_NUMBER: _ClassVar[int]
    LAST_FOLLOW_UP_AT_FIELD_NUMBER: _ClassVar[int]
    MERGED_EXTERNAL_IDS_FIELD_NUMBER: _ClassVar[int]
    DECLINED_BY_FIELD_NUMBER: _ClassVar[int]
    MERGED_FIELD_NUMBER: _ClassVar[int]
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
    sla_due_at: _timestamp_pb2.Timestamp
    responded_at: _timestamp_pb2.Timestamp
    last_follow_up_at: _timestamp_pb2.Timestamp
    merged_external_ids: _containers.RepeatedScalarFieldContainer[str]
    declined_by: _containers.RepeatedScalarFieldContainer[str]
    merged: bool
    def __init__(self, lead_id: _Optional[str] = ..., tenant_id: _Optional[str] = ..., external_id: _Optional[str] = ..., channel: _Optional[str] = ..., customer_type: _Optional[_Union[_types_pb2.CustomerType, str]] = ..., region_code: _Optional[str] = ..., urgency: _Optional[_Union[_types_pb2.Urgency, str]] = ..., customer_name: _Optional[str] = ..., contact_name: _Optional[str] = ..., phone: _Optional[str] = ..., address: _Optional[str] = ..., location: _Optional[_Union[_types_pb2.GeoPoint, _Mapping]] = ..., store_id: _Optional[str] = ..., status: _Optional[_Union[LeadStatus, str]] = ..., assigned_rep_id: _Optional[str] = ..., decision: _Optional[_Union[Decision, _Mapping]] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., assigned_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., sla_due_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., responded_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., last_follow_up_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., merged_external_ids: _Optional[_Iterable[str]] = ..., declined_by: _Optional[_Iterable[str]] = ..., merged: _Optional[bool] = ...) -> None: ...

class RespondToLeadRequest(_message.Message):
    __slots__ = ("tenant_id", "lead_id", "rep_id", "reason")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    LEAD_ID_FIELD_NUMBER: _ClassVar[int]
    REP_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    lead_id: str
    rep_id: str
    reason: str
    def __init__(self, tenant_id: _Optional[str] = ..., lead_id: _Optional[str] = ..., rep_id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class HistoryEntry(_message.Message):
    __slots__ = ("at", "kind", "rep_id", "text", "decision")
    AT_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    REP_ID_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    DECISION_FIELD_NUMBER: _ClassVar[int]
    at: _timestamp_pb2.Timestamp
    kind: str
    rep_id: str
    text: str
    decision: Decision
    def __init__(self, at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., kind: _Optional[str] = ..., rep_id: _Optional[str] = ..., text: _Optional[str] = ..., decision: _Optional[_Union[Decision, _Mapping]] = ...) -> None: ...

class LeadHistory(_message.Message):
    __slots__ = ("lead_id", "entries")
    LEAD_ID_FIELD_NUMBER: _ClassVar[int]
    ENTRIES_FIELD_NUMBER: _ClassVar[int]
    lead_id: str
    entries: _containers.RepeatedCompositeFieldContainer[HistoryEntry]
    def __init__(self, lead_id: _Optional[str] = ..., entries: _Optional[_Iterable[_Union[HistoryEntry, _Mapping]]] = ...) -> None: ...

class StaleLeadReportRequest(_message.Message):
    __slots__ = ("tenant_id", "min_idle_days", "rep_id")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    MIN_IDLE_DAYS_FIELD_NUMBER: _ClassVar[int]
    REP_ID_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    min_idle_days: int
    rep_id: str
    def __init__(self, tenant_id: _Optional[str] = ..., min_idle_days: _Optional[int] = ..., rep_id: _Optional[str] = ...) -> None: ...

class StaleLead(_message.Message):
    __slots__ = ("lead_id", "customer_name", "idle_days", "status")
    LEAD_ID_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_NAME_FIELD_NUMBER: _ClassVar[int]
    IDLE_DAYS_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    lead_id: str
    customer_name: str
    idle_days: int
    status: LeadStatus
    def __init__(self, lead_id: _Optional[str] = ..., customer_name: _Optional[str] = ..., idle_days: _Optional[int] = ..., status: _Optional[_Union[LeadStatus, str]] = ...) -> None: ...

class RepStaleLeads(_message.Message):
    __slots__ = ("rep_id", "leads", "reclaimed_total")
    REP_ID_FIELD_NUMBER: _ClassVar[int]
    LEADS_FIELD_NUMBER: _ClassVar[int]
    RECLAIMED_TOTAL_FIELD_NUMBER: _ClassVar[int]
    rep_id: str
    leads: _containers.RepeatedCompositeFieldContainer[StaleLead]
    reclaimed_total: int
    def __init__(self, rep_id: _Optional[str] = ..., leads: _Optional[_Iterable[_Union[StaleLead, _Mapping]]] = ..., reclaimed_total: _Optional[int] = ...) -> None: ...

class StaleLeadReportResponse(_message.Message):
    __slots__ = ("reps", "as_of")
    REPS_FIELD_NUMBER: _ClassVar[int]
    AS_OF_FIELD_NUMBER: _ClassVar[int]
    reps: _containers.RepeatedCompositeFieldContainer[RepStaleLeads]
    as_of: _timestamp_pb2.Timestamp
    def __init__(self, reps: _Optional[_Iterable[_Union[RepStaleLeads, _Mapping]]] = ..., as_of: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ImportLeadsRequest(_message.Message):
    __slots__ = ("tenant_id", "filename", "content")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    FILENAME_FIELD_NUMBER: _ClassVar[int]
    CONTENT_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    filename: str
    content: bytes
    def __init__(self, tenant_id: _Optional[str] = ..., filename: _Optional[str] = ..., content: _Optional[bytes] = ...) -> None: ...

class ImportRowError(_message.Message):
    __slots__ = ("field", "message")
    FIELD_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    field: str
    message: str
    def __init__(self, field: _Optional[str] = ..., message: _Optional[str] = ...) -> None: ...

class ImportRowResult(_message.Message):
    __slots__ = ("row", "status", "lead_id", "errors")
    ROW_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    LEAD_ID_FIELD_NUMBER: _ClassVar[int]
    ERRORS_FIELD_NUMBER: _ClassVar[int]
    row: int
    status: str
    lead_id: str
    errors: _containers.RepeatedCompositeFieldContainer[ImportRowError]
    def __init__(self, row: _Optional[int] = ..., status: _Optional[str] = ..., lead_id: _Optional[str] = ..., errors: _Optional[_Iterable[_Union[ImportRowError, _Mapping]]] = ...) -> None: ...

class ImportLeadsResponse(_message.Message):
    __slots__ = ("created", "merged", "duplicates", "failed", "rows")
    CREATED_FIELD_NUMBER: _ClassVar[int]
    MERGED_FIELD_NUMBER: _ClassVar[int]
    DUPLICATES_FIELD_NUMBER: _ClassVar[int]
    FAILED_FIELD_NUMBER: _ClassVar[int]
    ROWS_FIELD_NUMBER: _ClassVar[int]
    created: int
    merged: int
    duplicates: int
    failed: int
    rows: _containers.RepeatedCompositeFieldContainer[ImportRowResult]
    def __init__(self, created: _Optional[int] = ..., merged: _Optional[int] = ..., duplicates: _Optional[int] = ..., failed: _Optional[int] = ..., rows: _Optional[_Iterable[_Union[ImportRowResult, _Mapping]]] = ...) -> None: ...

class RuleMatch(_message.Message):
    __slots__ = ("region_codes", "customer_types", "channels", "urgencies")
    REGION_CODES_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_TYPES_FIELD_NUMBER: _ClassVar[int]
    CHANNELS_FIELD_NUMBER: _ClassVar[int]
    URGENCIES_FIELD_NUMBER: _ClassVar[int]
    region_codes: _containers.RepeatedScalarFieldContainer[str]
    customer_types: _containers.RepeatedScalarFieldContainer[_types_pb2.CustomerType]
    channels: _containers.RepeatedScalarFieldContainer[str]
    urgencies: _containers.RepeatedScalarFieldContainer[_types_pb2.Urgency]
    def __init__(self, region_codes: _Optional[_Iterable[str]] = ..., customer_types: _Optional[_Iterable[_Union[_types_pb2.CustomerType, str]]] = ..., channels: _Optional[_Iterable[str]] = ..., urgencies: _Optional[_Iterable[_Union[_types_pb2.Urgency, str]]] = ...) -> None: ...

class Rule(_message.Message):
    __slots__ = ("tenant_id", "rule_id", "version", "priority", "name", "enabled", "match", "strategy", "daily_quota_per_capacity_unit", "updated_at", "updated_by")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    RULE_ID_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    PRIORITY_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    ENABLED_FIELD_NUMBER: _ClassVar[int]
    MATCH_FIELD_NUMBER: _ClassVar[int]
    STRATEGY_FIELD_NUMBER: _ClassVar[int]
    DAILY_QUOTA_PER_CAPACITY_UNIT_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    UPDATED_BY_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    rule_id: str
    version: int
    priority: int
    name: str
    enabled: bool
    match: RuleMatch
    strategy: str
    daily_quota_per_capacity_unit: int
    updated_at: _timestamp_pb2.Timestamp
    updated_by: str
    def __init__(self, tenant_id: _Optional[str] = ..., rule_id: _Optional[str] = ..., version: _Optional[int] = ..., priority: _Optional[int] = ..., name: _Optional[str] = ..., enabled: _Optional[bool] = ..., match: _Optional[_Union[RuleMatch, _Mapping]] = ..., strategy: _Optional[str] = ..., daily_quota_per_capacity_unit: _Optional[int] = ..., updated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., updated_by: _Optional[str] = ...) -> None: ...

class UpsertRuleRequest(_message.Message):
    __slots__ = ("rule", "expected_version")
    RULE_FIELD_NUMBER: _ClassVar[int]
    EXPECTED_VERSION_FIELD_NUMBER: _ClassVar[int]
    rule: Rule
    expected_version: int
    def __init__(self, rule: _Optional[_Union[Rule, _Mapping]] = ..., expected_version: _Optional[int] = ...) -> None: ...

class ListRulesRequest(_message.Message):
    __slots__ = ("tenant_id",)
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    def __init__(self, tenant_id: _Optional[str] = ...) -> None: ...

class ListRulesResponse(_message.Message):
    __slots__ = ("rules",)
    RULES_FIELD_NUMBER: _ClassVar[int]
    rules: _containers.RepeatedCompositeFieldContainer[Rule]
    def __init__(self, rules: _Optional[_Iterable[_Union[Rule, _Mapping]]] = ...) -> None: ...

class DeleteRuleRequest(_message.Message):
    __slots__ = ("tenant_id", "rule_id", "expected_version", "deleted_by")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    RULE_ID_FIELD_NUMBER: _ClassVar[int]
    EXPECTED_VERSION_FIELD_NUMBER: _ClassVar[int]
    DELETED_BY_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    rule_id: str
    expected_version: int
    deleted_by: str
    def __init__(self, tenant_id: _Optional[str] = ..., rule_id: _Optional[str] = ..., expected_version: _Optional[int] = ..., deleted_by: _Optional[str] = ...) -> None: ...

class GetSettingsRequest(_message.Message):
    __slots__ = ("tenant_id",)
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    def __init__(self, tenant_id: _Optional[str] = ...) -> None: ...

class AssignmentSettings(_message.Message):
    __slots__ = ("tenant_id", "sla_red_seconds", "sla_yellow_seconds", "sla_blue_seconds", "waiting_alert_seconds", "stale_days")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    SLA_RED_SECONDS_FIELD_NUMBER: _ClassVar[int]
    SLA_YELLOW_SECONDS_FIELD_NUMBER: _ClassVar[int]
    SLA_BLUE_SECONDS_FIELD_NUMBER: _ClassVar[int]
    WAITING_ALERT_SECONDS_FIELD_NUMBER: _ClassVar[int]
    STALE_DAYS_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    sla_red_seconds: int
    sla_yellow_seconds: int
    sla_blue_seconds: int
    waiting_alert_seconds: int
    stale_days: int
    def __init__(self, tenant_id: _Optional[str] = ..., sla_red_seconds: _Optional[int] = ..., sla_yellow_seconds: _Optional[int] = ..., sla_blue_seconds: _Optional[int] = ..., waiting_alert_seconds: _Optional[int] = ..., stale_days: _Optional[int] = ...) -> None: ...

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
