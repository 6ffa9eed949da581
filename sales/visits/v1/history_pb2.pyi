import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from sales.visits.v1 import cards_pb2 as _cards_pb2
from sales.visits.v1 import commitments_pb2 as _commitments_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class HistoricalClosure(_message.Message):
    __slots__ = ("commitment_id", "status", "closed_at", "note")
    COMMITMENT_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    CLOSED_AT_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    commitment_id: str
    status: _commitments_pb2.CommitmentStatus
    closed_at: _timestamp_pb2.Timestamp
    note: str
    def __init__(self, commitment_id: _Optional[str] = ..., status: _Optional[_Union[_commitments_pb2.CommitmentStatus, str]] = ..., closed_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., note: _Optional[str] = ...) -> None: ...

class HistoricalCard(_message.Message):
    __slots__ = ("card", "received_at", "closures")
    CARD_FIELD_NUMBER: _ClassVar[int]
    RECEIVED_AT_FIELD_NUMBER: _ClassVar[int]
    CLOSURES_FIELD_NUMBER: _ClassVar[int]
    card: _cards_pb2.SubmitVisitRequest
    received_at: _timestamp_pb2.Timestamp
    closures: _containers.RepeatedCompositeFieldContainer[HistoricalClosure]
    def __init__(self, card: _Optional[_Union[_cards_pb2.SubmitVisitRequest, _Mapping]] = ..., received_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., closures: _Optional[_Iterable[_Union[HistoricalClosure, _Mapping]]] = ...) -> None: ...

class HistoricalPlanDay(_message.Message):
    __slots__ = ("rep_id", "plan_date", "store_ids")
    REP_ID_FIELD_NUMBER: _ClassVar[int]
    PLAN_DATE_FIELD_NUMBER: _ClassVar[int]
    STORE_IDS_FIELD_NUMBER: _ClassVar[int]
    rep_id: str
    plan_date: str
    store_ids: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, rep_id: _Optional[str] = ..., plan_date: _Optional[str] = ..., store_ids: _Optional[_Iterable[str]] = ...) -> None: ...

class HistoricalRating(_message.Message):
    __slots__ = ("visit_id", "stars", "comment", "rated_at")
    VISIT_ID_FIELD_NUMBER: _ClassVar[int]
    STARS_FIELD_NUMBER: _ClassVar[int]
    COMMENT_FIELD_NUMBER: _ClassVar[int]
    RATED_AT_FIELD_NUMBER: _ClassVar[int]
    visit_id: str
    stars: int
    comment: str
    rated_at: _timestamp_pb2.Timestamp
    def __init__(self, visit_id: _Optional[str] = ..., stars: _Optional[int] = ..., comment: _Optional[str] = ..., rated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ImportVisitHistoryRequest(_message.Message):
    __slots__ = ("tenant_id", "import_id", "chunk", "chunks", "cards", "plan_days", "ratings", "imported_by")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    IMPORT_ID_FIELD_NUMBER: _ClassVar[int]
    CHUNK_FIELD_NUMBER: _ClassVar[int]
    CHUNKS_FIELD_NUMBER: _ClassVar[int]
    CARDS_FIELD_NUMBER: _ClassVar[int]
    PLAN_DAYS_FIELD_NUMBER: _ClassVar[int]
    RATINGS_FIELD_NUMBER: _ClassVar[int]
    IMPORTED_BY_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    import_id: str
    chunk: int
    chunks: int
    cards: _containers.RepeatedCompositeFieldContainer[HistoricalCard]
    plan_days: _containers.RepeatedCompositeFieldContainer[HistoricalPlanDay]
    ratings: _containers.RepeatedCompositeFieldContainer[HistoricalRating]
    imported_by: str
    def __init__(self, tenant_id: _Optional[str] = ..., import_id: _Optional[str] = ..., chunk: _Optional[int] = ..., chunks: _Optional[int] = ..., cards: _Optional[_Iterable[_Union[HistoricalCard, _Mapping]]] = ..., plan_days: _Optional[_Iterable[_Union[HistoricalPlanDay, _Mapping]]] = ..., ratings: _Optional[_Iterable[_Union[HistoricalRating, _Mapping]]] = ..., imported_by: _Optional[str] = ...) -> None: ...

class ImportVisitHistoryResponse(_message.Message):
    __slots__ = ("import_id", "visits", "commitments", "closures", "plan_days", "ratings", "pending_photos", "replayed")
    IMPORT_ID_FIELD_NUMBER: _ClassVar[int]
    VISITS_FIELD_NUMBER: _ClassVar[int]
    COMMITMENTS_FIELD_NUMBER: _ClassVar[int]
    CLOSURES_FIELD_NUMBER: _ClassVar[int]
    PLAN_DAYS_FIELD_NUMBER: _ClassVar[int]
    RATINGS_FIELD_NUMBER: _ClassVar[int]
    PENDING_PHOTOS_FIELD_NUMBER: _ClassVar[int]
    REPLAYED_FIELD_NUMBER: _ClassVar[int]
    import_id: str
    visits: int
    commitments: int
    closures: int
    plan_days: int
    ratings: int
    pending_photos: int
    replayed: bool
    def __init__(self, import_id: _Optional[str] = ..., visits: _Optional[int] = ..., commitments: _Optional[int] = ..., closures: _Optional[int] = ..., plan_days: _Optional[int] = ..., ratings: _Optional[int] = ..., pending_photos: _Optional[int] = ..., replayed: _Optional[bool] = ...) -> None: ...
