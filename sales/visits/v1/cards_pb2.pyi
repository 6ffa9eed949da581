import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from sales.common.v1 import types_pb2 as _types_pb2
from sales.visits.v1 import commitments_pb2 as _commitments_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class PhotoSlot(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    PHOTO_SLOT_UNSPECIFIED: _ClassVar[PhotoSlot]
    PHOTO_SLOT_STOREFRONT: _ClassVar[PhotoSlot]
    PHOTO_SLOT_SHELF: _ClassVar[PhotoSlot]
    PHOTO_SLOT_MEETING: _ClassVar[PhotoSlot]
PHOTO_SLOT_UNSPECIFIED: PhotoSlot
PHOTO_SLOT_STOREFRONT: PhotoSlot
PHOTO_SLOT_SHELF: PhotoSlot
PHOTO_SLOT_MEETING: PhotoSlot

class GpsStamp(_message.Message):
    __slots__ = ("location", "at", "mock_location")
    LOCATION_FIELD_NUMBER: _ClassVar[int]
    AT_FIELD_NUMBER: _ClassVar[int]
    MOCK_LOCATION_FIELD_NUMBER: _ClassVar[int]
    location: _types_pb2.GeoPoint
    at: _timestamp_pb2.Timestamp
    mock_location: bool
    def __init__(self, location: _Optional[_Union[_types_pb2.GeoPoint, _Mapping]] = ..., at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., mock_location: _Optional[bool] = ...) -> None: ...

class CardPhoto(_message.Message):
    __slots__ = ("photo_id", "slot")
    PHOTO_ID_FIELD_NUMBER: _ClassVar[int]
    SLOT_FIELD_NUMBER: _ClassVar[int]
    photo_id: str
    slot: PhotoSlot
    def __init__(self, photo_id: _Optional[str] = ..., slot: _Optional[_Union[PhotoSlot, str]] = ...) -> None: ...

class CommitmentInput(_message.Message):
    __slots__ = ("commitment_id", "description", "due_date")
    COMMITMENT_ID_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    DUE_DATE_FIELD_NUMBER: _ClassVar[int]
    commitment_id: str
    description: str
    due_date: str
    def __init__(self, commitment_id: _Optional[str] = ..., description: _Optional[str] = ..., due_date: _Optional[str] = ...) -> None: ...

class CommitmentUpdateInput(_message.Message):
    __slots__ = ("commitment_id", "status", "note")
    COMMITMENT_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    commitment_id: str
    status: _commitments_pb2.CommitmentStatus
    note: str
    def __init__(self, commitment_id: _Optional[str] = ..., status: _Optional[_Union[_commitments_pb2.CommitmentStatus, str]] = ..., note: _Optional[str] = ...) -> None: ...

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

class SampleLine(_message.Message):
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

class NewStore(_message.Message):
    __slots__ = ("name", "address", "location", "region_code", "customer_class", "contact_name", "phone")
    NAME_FIELD_NUMBER: _ClassVar[int]
    ADDRESS_FIELD_NUMBER: _ClassVar[int]
    LOCATION_FIELD_NUMBER: _ClassVar[int]
    REGION_CODE_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_CLASS_FIELD_NUMBER: _ClassVar[int]
    CONTACT_NAME_FIELD_NUMBER: _ClassVar[int]
    PHONE_FIELD_NUMBER: _ClassVar[int]
    name: str
    address: str
    location: _types_pb2.GeoPoint
    region_code: str
    customer_class: _types_pb2.CustomerType
    contact_name: str
    phone: str
    def __init__(self, name: _Optional[str] = ..., address: _Optional[str] = ..., location: _Optional[_Union[_types_pb2.GeoPoint, _Mapping]] = ..., region_code: _Optional[str] = ..., customer_class: _Optional[_Union[_types_pb2.CustomerType, str]] = ..., contact_name: _Optional[str] = ..., phone: _Optional[str] = ...) -> None: ...

class SubmitVisitRequest(_message.Message):
    __slots__ = ("tenant_id", "visit_id", "rep_id", "lead_id", "store_id", "check_in", "check_out", "core_demand", "commitments", "special_price_requested", "notes", "photos", "no_commitment", "commitment_updates", "price_lines", "samples", "returns", "new_store", "completed_at")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    VISIT_ID_FIELD_NUMBER: _ClassVar[int]
    REP_ID_FIELD_NUMBER: _ClassVar[int]
    LEAD_ID_FIELD_NUMBER: _ClassVar[int]
    STORE_ID_FIELD_NUMBER: _ClassVar[int]
    CHECK_IN_FIELD_NUMBER: _ClassVar[int]
    CHECK_OUT_FIELD_NUMBER: _ClassVar[int]
    CORE_DEMAND_FIELD_NUMBER: _ClassVar[int]
    COMMITMENTS_FIELD_NUMBER: _ClassVar[int]
    SPECIAL_PRICE_REQUESTED_FIELD_NUMBER: _ClassVar[int]
    NOTES_FIELD_NUMBER: _ClassVar[int]
    PHOTOS_FIELD_NUMBER: _ClassVar[int]
    NO_COMMITMENT_FIELD_NUMBER: _ClassVar[int]
    COMMITMENT_UPDATES_FIELD_NUMBER: _ClassVar[int]
    PRICE_LINES_FIELD_NUMBER: _ClassVar[int]
    SAMPLES_FIELD_NUMBER: _ClassVar[int]
    RETURNS_FIELD_NUMBER: _ClassVar[int]
    NEW_STORE_FIELD_NUMBER: _ClassVar[int]
    COMPLETED_AT_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    visit_id: str
    rep_id: str
    lead_id: str
    store_id: str
    check_in: GpsStamp
    check_out: GpsStamp
    core_demand: str
    commitments: _containers.RepeatedCompositeFieldContainer[CommitmentInput]
    special_price_requested: bool
    notes: str
    photos: _containers.RepeatedCompositeFieldContainer[CardPhoto]
    no_commitment: bool
    commitment_updates: _containers.RepeatedCompositeFieldContainer[CommitmentUpdateInput]
    price_lines: _containers.RepeatedCompositeFieldContainer[PriceLine]
    samples: _containers.RepeatedCompositeFieldContainer[SampleLine]
    returns: _containers.RepeatedCompositeFieldContainer[ReturnLine]
    new_store: NewStore
    completed_at: _timestamp_pb2.Timestamp
    def __init__(self, tenant_id: _Optional[str] = ..., visit_id: _Optional[str] = ..., rep_id: _Optional[str] = ..., lead_id: _Optional[str] = ..., store_id: _Optional[str] = ..., check_in: _Optional[_Union[GpsStamp, _Mapping]] = ..., check_out: _Optional[_Union[GpsStamp, _Mapping]] = ..., core_demand: _Optional[str] = ..., commitments: _Optional[_Iterable[_Union[CommitmentInput, _Mapping]]] = ..., special_price_requested: _Optional[bool] = ..., notes: _Optional[str] = ..., photos: _Optional[_Iterable[_Union[CardPhoto, _Mapping]]] = ..., no_commitment: _Optional[bool] = ..., commitment_updates: _Optional[_Iterable[_Union[CommitmentUpdateInput, _Mapping]]] = ..., price_lines: _Optional[_Iterable[_Union[PriceLine, _Mapping]]] = ..., samples: _Optional[_Iterable[_Union[SampleLine, _Mapping]]] = ..., returns: _Optional[_Iterable[_Union[ReturnLine, _Mapping]]] = ..., new_store: _Optional[_Union[NewStore, _Mapping]] = ..., completed_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class Choice(_message.Message):
    __slots__ = ("code", "label")
    CODE_FIELD_NUMBER: _ClassVar[int]
    LABEL_FIELD_NUMBER: _ClassVar[int]
    code: str
    label: str
    def __init__(self, code: _Optional[str] = ..., label: _Optional[str] = ...) -> None: ...

class Visit(_message.Message):
    __slots__ = ("visit_id", "tenant_id", "rep_id", "lead_id", "store_id", "store_name", "check_in", "check_out", "core_demand", "commitments", "photo_ids", "special_price_requested", "notes", "submitted_at", "photos", "no_commitment", "commitment_updates", "price_lines", "samples", "returns", "received_at", "completed_at", "submit_delay_seconds", "distance_to_store_m", "distance_known", "missing_items", "plausibility_flags", "implied_speed_kmh", "plan_item_id", "plan_date", "approval_id", "first_visit_of_store", "region_code", "store_registered_from_card", "pending_photo_ids")
    VISIT_ID_FIELD_NUMBER: _ClassVar[int]
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    REP_ID_FIELD_NUMBER: _ClassVar[int]
    LEAD_ID_FIELD_NUMBER: _ClassVar[int]
    STORE_ID_FIELD_NUMBER: _ClassVar[int]
    STORE_NAME_FIELD_NUMBER: _ClassVar[int]
    CHECK_IN_FIELD_NUMBER: _ClassVar[int]
    CHECK_OUT_FIELD_NUMBER: _ClassVar[int]
    CORE_DEMAND_FIELD_NUMBER: _ClassVar[int]
    COMMITMENTS_FIELD_NUMBER: _ClassVar[int]
    PHOTO_IDS_FIELD_NUMBER: _ClassVar[int]
    SPECIAL_PRICE_REQUESTED_FIELD_NUMBER: _ClassVar[int]
    NOTES_FIELD_NUMBER: _ClassVar[int]
    SUBMITTED_AT_FIELD_NUMBER: _ClassVar[int]
    PHOTOS_FIELD_NUMBER: _ClassVar[int]
    NO_COMMITMENT_FIELD_NUMBER: _ClassVar[int]
    COMMITMENT_UPDATES_FIELD_NUMBER: _ClassVar[int]
    PRICE_LINES_FIELD_NUMBER: _ClassVar[int]
    SAMPLES_FIELD_NUMBER: _ClassVar[int]
    RETURNS_FIELD_NUMBER: _ClassVar[int]
    RECEIVED_AT_FIELD_NUMBER: _ClassVar[int]
    COMPLETED_AT_FIELD_NUMBER: _ClassVar[int]
    SUBMIT_DELAY_SECONDS_FIELD_NUMBER: _ClassVar[int]
    DISTANCE_TO_STORE_M_FIELD_NUMBER: _ClassVar[int]
    DISTANCE_KNOWN_FIELD_NUMBER: _ClassVar[int]
    MISSING_ITEMS_FIELD_NUMBER: _ClassVar[int]
    PLAUSIBILITY_FLAGS_FIELD_NUMBER: _ClassVar[int]
    IMPLIED_SPEED_KMH_FIELD_NUMBER: _ClassVar[int]
    PLAN_ITEM_ID_FIELD_NUMBER: _ClassVar[int]
    PLAN_DATE_FIELD_NUMBER: _ClassVar[int]
    APPROVAL_ID_FIELD_NUMBER: _ClassVar[int]
    FIRST_VISIT_OF_STORE_FIELD_NUMBER: _ClassVar[int]
    REGION_CODE_FIELD_NUMBER: _ClassVar[int]
    STORE_REGISTERED_FROM_CARD_FIELD_NUMBER: _ClassVar[int]
    PENDING_PHOTO_IDS_FIELD_NUMBER: _ClassVar[int]
    visit_id: str
    tenant_id: str
    rep_id: str
    lead_id: str
    store_id: str
    store_name: str
    check_in: GpsStamp
    check_out: GpsStamp
    core_demand: str
    commitments: _containers.RepeatedCompositeFieldContainer[_commitments_pb2.Commitment]
    photo_ids: _containers.RepeatedScalarFieldContainer[str]
    special_price_requested: bool
    notes: str
    submitted_at: _timestamp_pb2.Timestamp
    photos: _containers.RepeatedCompositeFieldContainer[CardPhoto]
    no_commitment: bool
    commitment_updates: _containers.RepeatedCompositeFieldContainer[CommitmentUpdateInput]
    price_lines: _containers.RepeatedCompositeFieldContainer[PriceLine]
    samples: _containers.RepeatedCompositeFieldContainer[SampleLine]
    returns: _containers.RepeatedCompositeFieldContainer[ReturnLine]
    received_at: _timestamp_pb2.Timestamp
    completed_at: _timestamp_pb2.Timestamp
    submit_delay_seconds: int
    distance_to_store_m: float
    distance_known: bool
    missing_items: _containers.RepeatedCompositeFieldContainer[Choice]
    plausibility_flags: _containers.RepeatedCompositeFieldContainer[Choice]
    implied_speed_kmh: float
    plan_item_id: str
    plan_date: str
    approval_id: str
    first_visit_of_store: bool
    region_code: str
    store_registered_from_card: bool
    pending_photo_ids: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, visit_id: _Optional[str] = ..., tenant_id: _Optional[str] = ..., rep_id: _Optional[str] = ..., lead_id: _Optional[str] = ..., store_id: _Optional[str] = ..., store_name: _Optional[str] = ..., check_in: _Optional[_Union[GpsStamp, _Mapping]] = ..., check_out: _Optional[_Union[GpsStamp, _Mapping]] = ..., core_demand: _Optional[str] = ..., commitments: _Optional[_Iterable[_Union[_commitments_pb2.Commitment, _Mapping]]] = ..., photo_ids: _Optional[_Iterable[str]] = ..., special_price_requested: _Optional[bool] = ..., notes: _Optional[str] = ..., submitted_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., photos: _Optional[_Iterable[_Union[CardPhoto, _Mapping]]] = ..., no_commitment: _Optional[bool] = ..., commitment_updates: _Optional[_Iterable[_Union[CommitmentUpdateInput, _Mapping]]] = ..., price_lines: _Optional[_Iterable[_Union[PriceLine, _Mapping]]] = ..., samples: _Optional[_Iterable[_Union[SampleLine, _Mapping]]] = ..., returns: _Optional[_Iterable[_Union[ReturnLine, _Mapping]]] = ..., received_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., completed_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., submit_delay_seconds: _Optional[int] = ..., distance_to_store_m: _Optional[float] = ..., distance_known: _Optional[bool] = ..., missing_items: _Optional[_Iterable[_Union[Choice, _Mapping]]] = ..., plausibility_flags: _Optional[_Iterable[_Union[Choice, _Mapping]]] = ..., implied_speed_kmh: _Optional[float] = ..., plan_item_id: _Optional[str] = ..., plan_date: _Optional[str] = ..., approval_id: _Optional[str] = ..., first_visit_of_store: _Optional[bool] = ..., region_code: _Optional[str] = ..., store_registered_from_card: _Optional[bool] = ..., pending_photo_ids: _Optional[_Iterable[str]] = ...) -> None: ...

class GetVisitRequest(_message.Message):
    __slots__ = ("tenant_id", "visit_id")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    VISIT_ID_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    visit_id: str
    def __init__(self, tenant_id: _Optional[str] = ..., visit_id: _Optional[str] = ...) -> None: ...

class ListVisitsRequest(_message.Message):
    __slots__ = ("tenant_id", "rep_id", "page")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    REP_ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    rep_id: str
    page: _types_pb2.PageRequest
    def __init__(self, tenant_id: _Optional[str] = ..., rep_id: _Optional[str] = ..., page: _Optional[_Union[_types_pb2.PageRequest, _Mapping]] = ...) -> None: ...

class ListVisitsResponse(_message.Message):
    __slots__ = ("visits", "next_page_token")
    VISITS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    visits: _containers.RepeatedCompositeFieldContainer[Visit]
    next_page_token: str
    def __init__(self, visits: _Optional[_Iterable[_Union[Visit, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class StartVisitRequest(_message.Message):
    __slots__ = ("tenant_id", "rep_id", "store_id")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    REP_ID_FIELD_NUMBER: _ClassVar[int]
    STORE_ID_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    rep_id: str
    store_id: str
    def __init__(self, tenant_id: _Optional[str] = ..., rep_id: _Optional[str] = ..., store_id: _Optional[str] = ...) -> None: ...

class StoreFacts(_message.Message):
    __slots__ = ("store_id", "name", "address", "location", "region_code", "customer_class", "contact_name", "phone", "owner_rep_id")
    STORE_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    ADDRESS_FIELD_NUMBER: _ClassVar[int]
    LOCATION_FIELD_NUMBER: _ClassVar[int]
    REGION_CODE_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_CLASS_FIELD_NUMBER: _ClassVar[int]
    CONTACT_NAME_FIELD_NUMBER: _ClassVar[int]
    PHONE_FIELD_NUMBER: _ClassVar[int]
    OWNER_REP_ID_FIELD_NUMBER: _ClassVar[int]
    store_id: str
    name: str
    address: str
    location: _types_pb2.GeoPoint
    region_code: str
    customer_class: _types_pb2.CustomerType
    contact_name: str
    phone: str
    owner_rep_id: str
    def __init__(self, store_id: _Optional[str] = ..., name: _Optional[str] = ..., address: _Optional[str] = ..., location: _Optional[_Union[_types_pb2.GeoPoint, _Mapping]] = ..., region_code: _Optional[str] = ..., customer_class: _Optional[_Union[_types_pb2.CustomerType, str]] = ..., contact_name: _Optional[str] = ..., phone: _Optional[str] = ..., owner_rep_id: _Optional[str] = ...) -> None: ...

class VisitPrefill(_message.Message):
    __slots__ = ("store", "open_commitments", "plan_item_id", "visit_date", "core_demands", "photo_slots", "return_reasons", "missing_item_labels")
    STORE_FIELD_NUMBER: _ClassVar[int]
    OPEN_COMMITMENTS_FIELD_NUMBER: _ClassVar[int]
    PLAN_ITEM_ID_FIELD_NUMBER: _ClassVar[int]
    VISIT_DATE_FIELD_NUMBER: _ClassVar[int]
    CORE_DEMANDS_FIELD_NUMBER: _ClassVar[int]
    PHOTO_SLOTS_FIELD_NUMBER: _ClassVar[int]
    RETURN_REASONS_FIELD_NUMBER: _ClassVar[int]
    MISSING_ITEM_LABELS_FIELD_NUMBER: _ClassVar[int]
    store: StoreFacts
    open_commitments: _containers.RepeatedCompositeFieldContainer[_commitments_pb2.Commitment]
    plan_item_id: str
    visit_date: str
    core_demands: _containers.RepeatedCompositeFieldContainer[Choice]
    photo_slots: _containers.RepeatedCompositeFieldContainer[Choice]
    return_reasons: _containers.RepeatedCompositeFieldContainer[Choice]
    missing_item_labels: _containers.RepeatedCompositeFieldContainer[Choice]
    def __init__(self, store: _Optional[_Union[StoreFacts, _Mapping]] = ..., open_commitments: _Optional[_Iterable[_Union[_commitments_pb2.Commitment, _Mapping]]] = ..., plan_item_id: _Optional[str] = ..., visit_date: _Optional[str] = ..., core_demands: _Optional[_Iterable[_Union[Choice, _Mapping]]] = ..., photo_slots: _Optional[_Iterable[_Union[Choice, _Mapping]]] = ..., return_reasons: _Optional[_Iterable[_Union[Choice, _Mapping]]] = ..., missing_item_labels: _Optional[_Iterable[_Union[Choice, _Mapping]]] = ...) -> None: ...
