from sales.visits.v1 import cards_pb2 as _cards_pb2
from sales.visits.v1 import commitments_pb2 as _commitments_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ItemOutcome(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ITEM_OUTCOME_UNSPECIFIED: _ClassVar[ItemOutcome]
    ITEM_OUTCOME_APPLIED: _ClassVar[ItemOutcome]
    ITEM_OUTCOME_ALREADY_APPLIED: _ClassVar[ItemOutcome]
    ITEM_OUTCOME_CONFLICT: _ClassVar[ItemOutcome]
    ITEM_OUTCOME_INVALID: _ClassVar[ItemOutcome]
ITEM_OUTCOME_UNSPECIFIED: ItemOutcome
ITEM_OUTCOME_APPLIED: ItemOutcome
ITEM_OUTCOME_ALREADY_APPLIED: ItemOutcome
ITEM_OUTCOME_CONFLICT: ItemOutcome
ITEM_OUTCOME_INVALID: ItemOutcome

class CommitmentUpdateItem(_message.Message):
    __slots__ = ("request_id", "commitment_id", "status", "note")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    COMMITMENT_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    commitment_id: str
    status: _commitments_pb2.CommitmentStatus
    note: str
    def __init__(self, request_id: _Optional[str] = ..., commitment_id: _Optional[str] = ..., status: _Optional[_Union[_commitments_pb2.CommitmentStatus, str]] = ..., note: _Optional[str] = ...) -> None: ...

class StoreRegistrationItem(_message.Message):
    __slots__ = ("store_id", "store", "lead_id")
    STORE_ID_FIELD_NUMBER: _ClassVar[int]
    STORE_FIELD_NUMBER: _ClassVar[int]
    LEAD_ID_FIELD_NUMBER: _ClassVar[int]
    store_id: str
    store: _cards_pb2.NewStore
    lead_id: str
    def __init__(self, store_id: _Optional[str] = ..., store: _Optional[_Union[_cards_pb2.NewStore, _Mapping]] = ..., lead_id: _Optional[str] = ...) -> None: ...

class BatchItem(_message.Message):
    __slots__ = ("card", "commitment_update", "store_registration")
    CARD_FIELD_NUMBER: _ClassVar[int]
    COMMITMENT_UPDATE_FIELD_NUMBER: _ClassVar[int]
    STORE_REGISTRATION_FIELD_NUMBER: _ClassVar[int]
    card: _cards_pb2.SubmitVisitRequest
    commitment_update: CommitmentUpdateItem
    store_registration: StoreRegistrationItem
    def __init__(self, card: _Optional[_Union[_cards_pb2.SubmitVisitRequest, _Mapping]] = ..., commitment_update: _Optional[_Union[CommitmentUpdateItem, _Mapping]] = ..., store_registration: _Optional[_Union[StoreRegistrationItem, _Mapping]] = ...) -> None: ...

class SyncBatchRequest(_message.Message):
    __slots__ = ("tenant_id", "rep_id", "items")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    REP_ID_FIELD_NUMBER: _ClassVar[int]
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    rep_id: str
    items: _containers.RepeatedCompositeFieldContainer[BatchItem]
    def __init__(self, tenant_id: _Optional[str] = ..., rep_id: _Optional[str] = ..., items: _Optional[_Iterable[_Union[BatchItem, _Mapping]]] = ...) -> None: ...

class ItemViolation(_message.Message):
    __slots__ = ("field", "description")
    FIELD_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    field: str
    description: str
    def __init__(self, field: _Optional[str] = ..., description: _Optional[str] = ...) -> None: ...

class BatchItemResult(_message.Message):
    __slots__ = ("client_id", "index", "outcome", "message", "violations", "visit", "commitment", "store")
    CLIENT_ID_FIELD_NUMBER: _ClassVar[int]
    INDEX_FIELD_NUMBER: _ClassVar[int]
    OUTCOME_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    VIOLATIONS_FIELD_NUMBER: _ClassVar[int]
    VISIT_FIELD_NUMBER: _ClassVar[int]
    COMMITMENT_FIELD_NUMBER: _ClassVar[int]
    STORE_FIELD_NUMBER: _ClassVar[int]
    client_id: str
    index: int
    outcome: ItemOutcome
    message: str
    violations: _containers.RepeatedCompositeFieldContainer[ItemViolation]
    visit: _cards_pb2.Visit
    commitment: _commitments_pb2.Commitment
    store: _cards_pb2.StoreFacts
    def __init__(self, client_id: _Optional[str] = ..., index: _Optional[int] = ..., outcome: _Optional[_Union[ItemOutcome, str]] = ..., message: _Optional[str] = ..., violations: _Optional[_Iterable[_Union[ItemViolation, _Mapping]]] = ..., visit: _Optional[_Union[_cards_pb2.Visit, _Mapping]] = ..., commitment: _Optional[_Union[_commitments_pb2.Commitment, _Mapping]] = ..., store: _Optional[_Union[_cards_pb2.StoreFacts, _Mapping]] = ...) -> None: ...

class SyncBatchResponse(_message.Message):
    __slots__ = ("results",)
    RESULTS_FIELD_NUMBER: _ClassVar[int]
    results: _containers.RepeatedCompositeFieldContainer[BatchItemResult]
    def __init__(self, results: _Optional[_Iterable[_Union[BatchItemResult, _Mapping]]] = ...) -> None: ...
