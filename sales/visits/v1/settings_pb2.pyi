import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class VisitFrequency(_message.Message):
    __slots__ = ("ka_days", "bc_days", "convenience_days")
    KA_DAYS_FIELD_NUMBER: _ClassVar[int]
    BC_DAYS_FIELD_NUMBER: _ClassVar[int]
    CONVENIENCE_DAYS_FIELD_NUMBER: _ClassVar[int]
    ka_days: int
    bc_days: int
    convenience_days: int
    def __init__(self, ka_days: _Optional[int] = ..., bc_days: _Optional[int] = ..., convenience_days: _Optional[int] = ...) -> None: ...

class StoreSettings(_message.Message):
    __slots__ = ("visit_every_days", "first_visit_limit_days", "max_plan_items")
    VISIT_EVERY_DAYS_FIELD_NUMBER: _ClassVar[int]
    FIRST_VISIT_LIMIT_DAYS_FIELD_NUMBER: _ClassVar[int]
    MAX_PLAN_ITEMS_FIELD_NUMBER: _ClassVar[int]
    visit_every_days: VisitFrequency
    first_visit_limit_days: int
    max_plan_items: int
    def __init__(self, visit_every_days: _Optional[_Union[VisitFrequency, _Mapping]] = ..., first_visit_limit_days: _Optional[int] = ..., max_plan_items: _Optional[int] = ...) -> None: ...

class ApprovalSettings(_message.Message):
    __slots__ = ("green_channel_max_discount_percent", "green_channel_max_discount_fen", "rating_code_days")
    GREEN_CHANNEL_MAX_DISCOUNT_PERCENT_FIELD_NUMBER: _ClassVar[int]
    GREEN_CHANNEL_MAX_DISCOUNT_FEN_FIELD_NUMBER: _ClassVar[int]
    RATING_CODE_DAYS_FIELD_NUMBER: _ClassVar[int]
    green_channel_max_discount_percent: int
    green_channel_max_discount_fen: int
    rating_code_days: int
    def __init__(self, green_channel_max_discount_percent: _Optional[int] = ..., green_channel_max_discount_fen: _Optional[int] = ..., rating_code_days: _Optional[int] = ...) -> None: ...

class EscalationStep(_message.Message):
    __slots__ = ("days_after_due", "copy_director")
    DAYS_AFTER_DUE_FIELD_NUMBER: _ClassVar[int]
    COPY_DIRECTOR_FIELD_NUMBER: _ClassVar[int]
    days_after_due: int
    copy_director: bool
    def __init__(self, days_after_due: _Optional[int] = ..., copy_director: _Optional[bool] = ...) -> None: ...

class CoreDemand(_message.Message):
    __slots__ = ("code", "label")
    CODE_FIELD_NUMBER: _ClassVar[int]
    LABEL_FIELD_NUMBER: _ClassVar[int]
    code: str
    label: str
    def __init__(self, code: _Optional[str] = ..., label: _Optional[str] = ...) -> None: ...

class CardSettings(_message.Message):
    __slots__ = ("core_demands", "escalation", "impossible_speed_kmh", "position_cache_s", "lateness_window_hours", "max_gps_accuracy_m")
    CORE_DEMANDS_FIELD_NUMBER: _ClassVar[int]
    ESCALATION_FIELD_NUMBER: _ClassVar[int]
    IMPOSSIBLE_SPEED_KMH_FIELD_NUMBER: _ClassVar[int]
    POSITION_CACHE_S_FIELD_NUMBER: _ClassVar[int]
    LATENESS_WINDOW_HOURS_FIELD_NUMBER: _ClassVar[int]
    MAX_GPS_ACCURACY_M_FIELD_NUMBER: _ClassVar[int]
    core_demands: _containers.RepeatedCompositeFieldContainer[CoreDemand]
    escalation: _containers.RepeatedCompositeFieldContainer[EscalationStep]
    impossible_speed_kmh: float
    position_cache_s: int
    lateness_window_hours: float
    max_gps_accuracy_m: float
    def __init__(self, core_demands: _Optional[_Iterable[_Union[CoreDemand, _Mapping]]] = ..., escalation: _Optional[_Iterable[_Union[EscalationStep, _Mapping]]] = ..., impossible_speed_kmh: _Optional[float] = ..., position_cache_s: _Optional[int] = ..., lateness_window_hours: _Optional[float] = ..., max_gps_accuracy_m: _Optional[float] = ...) -> None: ...

class VisitsSettings(_message.Message):
    __slots__ = ("tenant_id", "version", "updated_at", "updated_by", "stores", "cards", "approvals")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    UPDATED_BY_FIELD_NUMBER: _ClassVar[int]
    STORES_FIELD_NUMBER: _ClassVar[int]
    CARDS_FIELD_NUMBER: _ClassVar[int]
    APPROVALS_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    version: int
    updated_at: _timestamp_pb2.Timestamp
    updated_by: str
    stores: StoreSettings
    cards: CardSettings
    approvals: ApprovalSettings
    def __init__(self, tenant_id: _Optional[str] = ..., version: _Optional[int] = ..., updated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., updated_by: _Optional[str] = ..., stores: _Optional[_Union[StoreSettings, _Mapping]] = ..., cards: _Optional[_Union[CardSettings, _Mapping]] = ..., approvals: _Optional[_Union[ApprovalSettings, _Mapping]] = ...) -> None: ...

class GetSettingsRequest(_message.Message):
    __slots__ = ("tenant_id",)
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    def __init__(self, tenant_id: _Optional[str] = ...) -> None: ...

class UpdateSettingsRequest(_message.Message):
    __slots__ = ("settings", "expected_version", "updated_by")
    SETTINGS_FIELD_NUMBER: _ClassVar[int]
    EXPECTED_VERSION_FIELD_NUMBER: _ClassVar[int]
    UPDATED_BY_FIELD_NUMBER: _ClassVar[int]
    settings: VisitsSettings
    expected_version: int
    updated_by: str
    def __init__(self, settings: _Optional[_Union[VisitsSettings, _Mapping]] = ..., expected_version: _Optional[int] = ..., updated_by: _Optional[str] = ...) -> None: ...
