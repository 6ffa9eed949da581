import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from sales.common.v1 import types_pb2 as _types_pb2
from sales.events.v1 import store_events_pb2 as _store_events_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class PhotoRef(_message.Message):
    __slots__ = ("photo_id", "slot")
    PHOTO_ID_FIELD_NUMBER: _ClassVar[int]
    SLOT_FIELD_NUMBER: _ClassVar[int]
    photo_id: str
    slot: str
    def __init__(self, photo_id: _Optional[str] = ..., slot: _Optional[str] = ...) -> None: ...

class SkuLine(_message.Message):
    __slots__ = ("sku", "quantity")
    SKU_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_FIELD_NUMBER: _ClassVar[int]
    sku: str
    quantity: int
    def __init__(self, sku: _Optional[str] = ..., quantity: _Optional[int] = ...) -> None: ...

class ReturnLine(_message.Message):
    __slots__ = ("sku", "quantity", "reason")
    SKU_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    sku: str
    quantity: int
    reason: str
    def __init__(self, sku: _Optional[str] = ..., quantity: _Optional[int] = ..., reason: _Optional[str] = ...) -> None: ...

class PriceLine(_message.Message):
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

class VisitSubmitted(_message.Message):
    __slots__ = ("visit_id", "rep_id", "lead_id", "store_id", "checked_in_at", "checked_out_at", "submitted_at", "check_in_location", "core_demand", "photo_ids", "commitment_ids", "special_price_requested", "store_name", "region_code", "customer_class", "supervisor_id", "plan_item_id", "plan_date", "check_out_location", "distance_to_store_m", "distance_known", "received_at", "submit_delay_seconds", "missing_items", "photos", "samples", "returns", "price_lines", "plausibility_flags", "implied_speed_kmh", "first_visit_of_store", "store_registered_at", "store_owner_rep_id", "approval_id", "team_id")
    VISIT_ID_FIELD_NUMBER: _ClassVar[int]
    REP_ID_FIELD_NUMBER: _ClassVar[int]
    LEAD_ID_FIELD_NUMBER: _ClassVar[int]
    STORE_ID_FIELD_NUMBER: _ClassVar[int]
    CHECKED_IN_AT_FIELD_NUMBER: _ClassVar[int]
    CHECKED_OUT_AT_FIELD_NUMBER: _ClassVar[int]
    SUBMITTED_AT_FIELD_NUMBER: _ClassVar[int]
    CHECK_IN_LOCATION_FIELD_NUMBER: _ClassVar[int]
    CORE_DEMAND_FIELD_NUMBER: _ClassVar[int]
    PHOTO_IDS_FIELD_NUMBER: _ClassVar[int]
    COMMITMENT_IDS_FIELD_NUMBER: _ClassVar[int]
    SPECIAL_PRICE_REQUESTED_FIELD_NUMBER: _ClassVar[int]
    STORE_NAME_FIELD_NUMBER: _ClassVar[int]
    REGION_CODE_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_CLASS_FIELD_NUMBER: _ClassVar[int]
    SUPERVISOR_ID_FIELD_NUMBER: _ClassVar[int]
    PLAN_ITEM_ID_FIELD_NUMBER: _ClassVar[int]
    PLAN_DATE_FIELD_NUMBER: _ClassVar[int]
    CHECK_OUT_LOCATION_FIELD_NUMBER: _ClassVar[int]
    DISTANCE_TO_STORE_M_FIELD_NUMBER: _ClassVar[int]
    DISTANCE_KNOWN_FIELD_NUMBER: _ClassVar[int]
    RECEIVED_AT_FIELD_NUMBER: _ClassVar[int]
    SUBMIT_DELAY_SECONDS_FIELD_NUMBER: _ClassVar[int]
    MISSING_ITEMS_FIELD_NUMBER: _ClassVar[int]
    PHOTOS_FIELD_NUMBER: _ClassVar[int]
    SAMPLES_FIELD_NUMBER: _ClassVar[int]
    RETURNS_FIELD_NUMBER: _ClassVar[int]
    PRICE_LINES_FIELD_NUMBER: _ClassVar[int]
    PLAUSIBILITY_FLAGS_FIELD_NUMBER: _ClassVar[int]
    IMPLIED_SPEED_KMH_FIELD_NUMBER: _ClassVar[int]
    FIRST_VISIT_OF_STORE_FIELD_NUMBER: _ClassVar[int]
    STORE_REGISTERED_AT_FIELD_NUMBER: _ClassVar[int]
    STORE_OWNER_REP_ID_FIELD_NUMBER: _ClassVar[int]
    APPROVAL_ID_FIELD_NUMBER: _ClassVar[int]
    TEAM_ID_FIELD_NUMBER: _ClassVar[int]
    visit_id: str
    rep_id: str
    lead_id: str
    store_id: str
    checked_in_at: _timestamp_pb2.Timestamp
    checked_out_at: _timestamp_pb2.Timestamp
    submitted_at: _timestamp_pb2.Timestamp
    check_in_location: _types_pb2.GeoPoint
    core_demand: str
    photo_ids: _containers.RepeatedScalarFieldContainer[str]
    commitment_ids: _containers.RepeatedScalarFieldContainer[str]
    special_price_requested: bool
    store_name: str
    region_code: str
    customer_class: _types_pb2.CustomerType
    supervisor_id: str
    plan_item_id: str
    plan_date: str
    check_out_location: _types_pb2.GeoPoint
    distance_to_store_m: float
    distance_known: bool
    received_at: _timestamp_pb2.Timestamp
    submit_delay_seconds: int
    missing_items: _containers.RepeatedScalarFieldContainer[str]
    photos: _containers.RepeatedCompositeFieldContainer[PhotoRef]
    samples: _containers.RepeatedCompositeFieldContainer[SkuLine]
    returns: _containers.RepeatedCompositeFieldContainer[ReturnLine]
    price_lines: _containers.RepeatedCompositeFieldContainer[PriceLine]
    plausibility_flags: _containers.RepeatedScalarFieldContainer[str]
    implied_speed_kmh: float
    first_visit_of_store: bool
    store_registered_at: _timestamp_pb2.Timestamp
    store_owner_rep_id: str
    approval_id: str
    team_id: str
    def __init__(self, visit_id: _Optional[str] = ..., rep_id: _Optional[str] = ..., lead_id: _Optional[str] = ..., store_id: _Optional[str] = ..., checked_in_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., checked_out_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., submitted_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., check_in_location: _Optional[_Union[_types_pb2.GeoPoint, _Mapping]] = ..., core_demand: _Optional[str] = ..., photo_ids: _Optional[_Iterable[str]] = ..., commitment_ids: _Optional[_Iterable[str]] = ..., special_price_requested: _Optional[bool] = ..., store_name: _Optional[str] = ..., region_code: _Optional[str] = ..., customer_class: _Optional[_Union[_types_pb2.CustomerType, str]] = ..., supervisor_id: _Optional[str] = ..., plan_item_id: _Optional[str] = ..., plan_date: _Optional[str] = ..., check_out_location: _Optional[_Union[_types_pb2.GeoPoint, _Mapping]] = ..., distance_to_store_m: _Optional[float] = ..., distance_known: _Optional[bool] = ..., received_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., submit_delay_seconds: _Optional[int] = ..., missing_items: _Optional[_Iterable[str]] = ..., photos: _Optional[_Iterable[_Union[PhotoRef, _Mapping]]] = ..., samples: _Optional[_Iterable[_Union[SkuLine, _Mapping]]] = ..., returns: _Optional[_Iterable[_Union[ReturnLine, _Mapping]]] = ..., price_lines: _Optional[_Iterable[_Union[PriceLine, _Mapping]]] = ..., plausibility_flags: _Optional[_Iterable[str]] = ..., implied_speed_kmh: _Optional[float] = ..., first_visit_of_store: _Optional[bool] = ..., store_registered_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., store_owner_rep_id: _Optional[str] = ..., approval_id: _Optional[str] = ..., team_id: _Optional[str] = ...) -> None: ...

class CommitmentCreated(_message.Message):
    __slots__ = ("commitment_id", "visit_id", "rep_id", "store_id", "description", "due_date", "created_at", "supervisor_id", "store_name", "team_id", "region_code")
    COMMITMENT_ID_FIELD_NUMBER: _ClassVar[int]
    VISIT_ID_FIELD_NUMBER: _ClassVar[int]
    REP_ID_FIELD_NUMBER: _ClassVar[int]
    STORE_ID_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    DUE_DATE_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    SUPERVISOR_ID_FIELD_NUMBER: _ClassVar[int]
    STORE_NAME_FIELD_NUMBER: _ClassVar[int]
    TEAM_ID_FIELD_NUMBER: _ClassVar[int]
    REGION_CODE_FIELD_NUMBER: _ClassVar[int]
    commitment_id: str
    visit_id: str
    rep_id: str
    store_id: str
    description: str
    due_date: str
    created_at: _timestamp_pb2.Timestamp
    supervisor_id: str
    store_name: str
    team_id: str
    region_code: str
    def __init__(self, commitment_id: _Optional[str] = ..., visit_id: _Optional[str] = ..., rep_id: _Optional[str] = ..., store_id: _Optional[str] = ..., description: _Optional[str] = ..., due_date: _Optional[str] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., supervisor_id: _Optional[str] = ..., store_name: _Optional[str] = ..., team_id: _Optional[str] = ..., region_code: _Optional[str] = ...) -> None: ...

class CommitmentClosed(_message.Message):
    __slots__ = ("commitment_id", "visit_id", "rep_id", "store_id", "status", "note", "due_date", "closed_at", "on_time", "closed_in_visit_id", "supervisor_id")
    COMMITMENT_ID_FIELD_NUMBER: _ClassVar[int]
    VISIT_ID_FIELD_NUMBER: _ClassVar[int]
    REP_ID_FIELD_NUMBER: _ClassVar[int]
    STORE_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    DUE_DATE_FIELD_NUMBER: _ClassVar[int]
    CLOSED_AT_FIELD_NUMBER: _ClassVar[int]
    ON_TIME_FIELD_NUMBER: _ClassVar[int]
    CLOSED_IN_VISIT_ID_FIELD_NUMBER: _ClassVar[int]
    SUPERVISOR_ID_FIELD_NUMBER: _ClassVar[int]
    commitment_id: str
    visit_id: str
    rep_id: str
    store_id: str
    status: str
    note: str
    due_date: str
    closed_at: _timestamp_pb2.Timestamp
    on_time: bool
    closed_in_visit_id: str
    supervisor_id: str
    def __init__(self, commitment_id: _Optional[str] = ..., visit_id: _Optional[str] = ..., rep_id: _Optional[str] = ..., store_id: _Optional[str] = ..., status: _Optional[str] = ..., note: _Optional[str] = ..., due_date: _Optional[str] = ..., closed_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., on_time: _Optional[bool] = ..., closed_in_visit_id: _Optional[str] = ..., supervisor_id: _Optional[str] = ...) -> None: ...

class CommitmentOverdue(_message.Message):
    __slots__ = ("commitment_id", "visit_id", "rep_id", "supervisor_id", "store_id", "store_name", "description", "due_date", "days_overdue", "reminder_count", "director_id")
    COMMITMENT_ID_FIELD_NUMBER: _ClassVar[int]
    VISIT_ID_FIELD_NUMBER: _ClassVar[int]
    REP_ID_FIELD_NUMBER: _ClassVar[int]
    SUPERVISOR_ID_FIELD_NUMBER: _ClassVar[int]
    STORE_ID_FIELD_NUMBER: _ClassVar[int]
    STORE_NAME_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    DUE_DATE_FIELD_NUMBER: _ClassVar[int]
    DAYS_OVERDUE_FIELD_NUMBER: _ClassVar[int]
    REMINDER_COUNT_FIELD_NUMBER: _ClassVar[int]
    DIRECTOR_ID_FIELD_NUMBER: _ClassVar[int]
    commitment_id: str
    visit_id: str
    rep_id: str
    supervisor_id: str
    store_id: str
    store_name: str
    description: str
    due_date: str
    days_overdue: int
    reminder_count: int
    director_id: str
    def __init__(self, commitment_id: _Optional[str] = ..., visit_id: _Optional[str] = ..., rep_id: _Optional[str] = ..., supervisor_id: _Optional[str] = ..., store_id: _Optional[str] = ..., store_name: _Optional[str] = ..., description: _Optional[str] = ..., due_date: _Optional[str] = ..., days_overdue: _Optional[int] = ..., reminder_count: _Optional[int] = ..., director_id: _Optional[str] = ...) -> None: ...

class VisitRated(_message.Message):
    __slots__ = ("visit_id", "rep_id", "store_id", "stars", "comment", "rated_at", "visited_at", "supervisor_id", "week")
    VISIT_ID_FIELD_NUMBER: _ClassVar[int]
    REP_ID_FIELD_NUMBER: _ClassVar[int]
    STORE_ID_FIELD_NUMBER: _ClassVar[int]
    STARS_FIELD_NUMBER: _ClassVar[int]
    COMMENT_FIELD_NUMBER: _ClassVar[int]
    RATED_AT_FIELD_NUMBER: _ClassVar[int]
    VISITED_AT_FIELD_NUMBER: _ClassVar[int]
    SUPERVISOR_ID_FIELD_NUMBER: _ClassVar[int]
    WEEK_FIELD_NUMBER: _ClassVar[int]
    visit_id: str
    rep_id: str
    store_id: str
    stars: int
    comment: str
    rated_at: _timestamp_pb2.Timestamp
    visited_at: _timestamp_pb2.Timestamp
    supervisor_id: str
    week: str
    def __init__(self, visit_id: _Optional[str] = ..., rep_id: _Optional[str] = ..., store_id: _Optional[str] = ..., stars: _Optional[int] = ..., comment: _Optional[str] = ..., rated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., visited_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., supervisor_id: _Optional[str] = ..., week: _Optional[str] = ...) -> None: ...

class VisitHistoryImported(_message.Message):
    __slots__ = ("import_id", "chunk", "chunks", "visits", "commitments_created", "commitments_closed", "plans", "ratings")
    IMPORT_ID_FIELD_NUMBER: _ClassVar[int]
    CHUNK_FIELD_NUMBER: _ClassVar[int]
    CHUNKS_FIELD_NUMBER: _ClassVar[int]
    VISITS_FIELD_NUMBER: _ClassVar[int]
    COMMITMENTS_CREATED_FIELD_NUMBER: _ClassVar[int]
    COMMITMENTS_CLOSED_FIELD_NUMBER: _ClassVar[int]
    PLANS_FIELD_NUMBER: _ClassVar[int]
    RATINGS_FIELD_NUMBER: _ClassVar[int]
    import_id: str
    chunk: int
    chunks: int
    visits: _containers.RepeatedCompositeFieldContainer[VisitSubmitted]
    commitments_created: _containers.RepeatedCompositeFieldContainer[CommitmentCreated]
    commitments_closed: _containers.RepeatedCompositeFieldContainer[CommitmentClosed]
    plans: _containers.RepeatedCompositeFieldContainer[_store_events_pb2.PlanDayChanged]
    ratings: _containers.RepeatedCompositeFieldContainer[VisitRated]
    def __init__(self, import_id: _Optional[str] = ..., chunk: _Optional[int] = ..., chunks: _Optional[int] = ..., visits: _Optional[_Iterable[_Union[VisitSubmitted, _Mapping]]] = ..., commitments_created: _Optional[_Iterable[_Union[CommitmentCreated, _Mapping]]] = ..., commitments_closed: _Optional[_Iterable[_Union[CommitmentClosed, _Mapping]]] = ..., plans: _Optional[_Iterable[_Union[_store_events_pb2.PlanDayChanged, _Mapping]]] = ..., ratings: _Optional[_Iterable[_Union[VisitRated, _Mapping]]] = ...) -> None: ...
