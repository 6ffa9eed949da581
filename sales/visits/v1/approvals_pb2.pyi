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

class ApprovalStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    APPROVAL_STATUS_UNSPECIFIED: _ClassVar[ApprovalStatus]
    APPROVAL_STATUS_AWAITING_REVIEW: _ClassVar[ApprovalStatus]
    APPROVAL_STATUS_AWAITING_DECISION: _ClassVar[ApprovalStatus]
    APPROVAL_STATUS_APPROVED: _ClassVar[ApprovalStatus]
    APPROVAL_STATUS_REJECTED: _ClassVar[ApprovalStatus]

class ApprovalDecision(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    APPROVAL_DECISION_UNSPECIFIED: _ClassVar[ApprovalDecision]
    APPROVAL_DECISION_APPROVE: _ClassVar[ApprovalDecision]
    APPROVAL_DECISION_REJECT: _ClassVar[ApprovalDecision]
APPROVAL_STATUS_UNSPECIFIED: ApprovalStatus
APPROVAL_STATUS_AWAITING_REVIEW: ApprovalStatus
APPROVAL_STATUS_AWAITING_DECISION: ApprovalStatus
APPROVAL_STATUS_APPROVED: ApprovalStatus
APPROVAL_STATUS_REJECTED: ApprovalStatus
APPROVAL_DECISION_UNSPECIFIED: ApprovalDecision
APPROVAL_DECISION_APPROVE: ApprovalDecision
APPROVAL_DECISION_REJECT: ApprovalDecision

class ApprovalPriceLine(_message.Message):
    __slots__ = ("sku", "list_price_fen", "requested_price_fen", "quantity")
    SKU_FIELD_NUMBER: _ClassVar[int]
    LIST_PRICE_FEN_FIELD_NUMBER: _ClassVar[int]
    REQUESTED_PRICE_FEN_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_FIELD_NUMBER: _ClassVar[int]
    sku: str
    list_price_fen: int
    requested_price_fen: int
    quantity: int
    def __init__(self, sku: _Optional[str] = ..., list_price_fen: _Optional[int] = ..., requested_price_fen: _Optional[int] = ..., quantity: _Optional[int] = ...) -> None: ...

class ApprovalStep(_message.Message):
    __slots__ = ("at", "actor_id", "action", "action_label", "comment")
    AT_FIELD_NUMBER: _ClassVar[int]
    ACTOR_ID_FIELD_NUMBER: _ClassVar[int]
    ACTION_FIELD_NUMBER: _ClassVar[int]
    ACTION_LABEL_FIELD_NUMBER: _ClassVar[int]
    COMMENT_FIELD_NUMBER: _ClassVar[int]
    at: _timestamp_pb2.Timestamp
    actor_id: str
    action: str
    action_label: str
    comment: str
    def __init__(self, at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., actor_id: _Optional[str] = ..., action: _Optional[str] = ..., action_label: _Optional[str] = ..., comment: _Optional[str] = ...) -> None: ...

class Approval(_message.Message):
    __slots__ = ("approval_id", "visit_id", "rep_id", "store_id", "store_name", "region_code", "lines", "discount_fen", "requested_at", "status", "status_label", "fast_lane", "auto_approved", "reviewed_by", "decided_by", "decided_at", "comment", "audit", "finance_ids", "supervisor_id", "rep_name")
    APPROVAL_ID_FIELD_NUMBER: _ClassVar[int]
    VISIT_ID_FIELD_NUMBER: _ClassVar[int]
    REP_ID_FIELD_NUMBER: _ClassVar[int]
    STORE_ID_FIELD_NUMBER: _ClassVar[int]
    STORE_NAME_FIELD_NUMBER: _ClassVar[int]
    REGION_CODE_FIELD_NUMBER: _ClassVar[int]
    LINES_FIELD_NUMBER: _ClassVar[int]
    DISCOUNT_FEN_FIELD_NUMBER: _ClassVar[int]
    REQUESTED_AT_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    STATUS_LABEL_FIELD_NUMBER: _ClassVar[int]
    FAST_LANE_FIELD_NUMBER: _ClassVar[int]
    AUTO_APPROVED_FIELD_NUMBER: _ClassVar[int]
    REVIEWED_BY_FIELD_NUMBER: _ClassVar[int]
    DECIDED_BY_FIELD_NUMBER: _ClassVar[int]
    DECIDED_AT_FIELD_NUMBER: _ClassVar[int]
    COMMENT_FIELD_NUMBER: _ClassVar[int]
    AUDIT_FIELD_NUMBER: _ClassVar[int]
    FINANCE_IDS_FIELD_NUMBER: _ClassVar[int]
    SUPERVISOR_ID_FIELD_NUMBER: _ClassVar[int]
    REP_NAME_FIELD_NUMBER: _ClassVar[int]
    approval_id: str
    visit_id: str
    rep_id: str
    store_id: str
    store_name: str
    region_code: str
    lines: _containers.RepeatedCompositeFieldContainer[ApprovalPriceLine]
    discount_fen: int
    requested_at: _timestamp_pb2.Timestamp
    status: ApprovalStatus
    status_label: str
    fast_lane: bool
    auto_approved: bool
    reviewed_by: str
    decided_by: str
    decided_at: _timestamp_pb2.Timestamp
    comment: str
    audit: _containers.RepeatedCompositeFieldContainer[ApprovalStep]
    finance_ids: _containers.RepeatedScalarFieldContainer[str]
    supervisor_id: str
    rep_name: str
    def __init__(self, approval_id: _Optional[str] = ..., visit_id: _Optional[str] = ..., rep_id: _Optional[str] = ..., store_id: _Optional[str] = ..., store_name: _Optional[str] = ..., region_code: _Optional[str] = ..., lines: _Optional[_Iterable[_Union[ApprovalPriceLine, _Mapping]]] = ..., discount_fen: _Optional[int] = ..., requested_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., status: _Optional[_Union[ApprovalStatus, str]] = ..., status_label: _Optional[str] = ..., fast_lane: _Optional[bool] = ..., auto_approved: _Optional[bool] = ..., reviewed_by: _Optional[str] = ..., decided_by: _Optional[str] = ..., decided_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., comment: _Optional[str] = ..., audit: _Optional[_Iterable[_Union[ApprovalStep, _Mapping]]] = ..., finance_ids: _Optional[_Iterable[str]] = ..., supervisor_id: _Optional[str] = ..., rep_name: _Optional[str] = ...) -> None: ...

class ListApprovalQueueRequest(_message.Message):
    __slots__ = ("tenant_id", "region_codes", "all_regions", "page")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    REGION_CODES_FIELD_NUMBER: _ClassVar[int]
    ALL_REGIONS_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    region_codes: _containers.RepeatedScalarFieldContainer[str]
    all_regions: bool
    page: _types_pb2.PageRequest
    def __init__(self, tenant_id: _Optional[str] = ..., region_codes: _Optional[_Iterable[str]] = ..., all_regions: _Optional[bool] = ..., page: _Optional[_Union[_types_pb2.PageRequest, _Mapping]] = ...) -> None: ...

class ListRepApprovalsRequest(_message.Message):
    __slots__ = ("tenant_id", "rep_id", "page")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    REP_ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    rep_id: str
    page: _types_pb2.PageRequest
    def __init__(self, tenant_id: _Optional[str] = ..., rep_id: _Optional[str] = ..., page: _Optional[_Union[_types_pb2.PageRequest, _Mapping]] = ...) -> None: ...

class ListApprovalsResponse(_message.Message):
    __slots__ = ("approvals", "next_page_token")
    APPROVALS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    approvals: _containers.RepeatedCompositeFieldContainer[Approval]
    next_page_token: str
    def __init__(self, approvals: _Optional[_Iterable[_Union[Approval, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class GetApprovalRequest(_message.Message):
    __slots__ = ("tenant_id", "approval_id")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    APPROVAL_ID_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    approval_id: str
    def __init__(self, tenant_id: _Optional[str] = ..., approval_id: _Optional[str] = ...) -> None: ...

class ReviewApprovalRequest(_message.Message):
    __slots__ = ("tenant_id", "approval_id", "actor_id", "actor_region_codes", "comment")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    APPROVAL_ID_FIELD_NUMBER: _ClassVar[int]
    ACTOR_ID_FIELD_NUMBER: _ClassVar[int]
    ACTOR_REGION_CODES_FIELD_NUMBER: _ClassVar[int]
    COMMENT_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    approval_id: str
    actor_id: str
    actor_region_codes: _containers.RepeatedScalarFieldContainer[str]
    comment: str
    def __init__(self, tenant_id: _Optional[str] = ..., approval_id: _Optional[str] = ..., actor_id: _Optional[str] = ..., actor_region_codes: _Optional[_Iterable[str]] = ..., comment: _Optional[str] = ...) -> None: ...

class DecideApprovalRequest(_message.Message):
    __slots__ = ("tenant_id", "approval_id", "actor_id", "actor_region_codes", "decision", "comment")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    APPROVAL_ID_FIELD_NUMBER: _ClassVar[int]
    ACTOR_ID_FIELD_NUMBER: _ClassVar[int]
    ACTOR_REGION_CODES_FIELD_NUMBER: _ClassVar[int]
    DECISION_FIELD_NUMBER: _ClassVar[int]
    COMMENT_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    approval_id: str
    actor_id: str
    actor_region_codes: _containers.RepeatedScalarFieldContainer[str]
    decision: ApprovalDecision
    comment: str
    def __init__(self, tenant_id: _Optional[str] = ..., approval_id: _Optional[str] = ..., actor_id: _Optional[str] = ..., actor_region_codes: _Optional[_Iterable[str]] = ..., decision: _Optional[_Union[ApprovalDecision, str]] = ..., comment: _Optional[str] = ...) -> None: ...
