import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from sales.common.v1 import types_pb2 as _types_pb2
from sales.events.v1 import erp_events_pb2 as _erp_events_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class OrderOutcome(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ORDER_OUTCOME_UNSPECIFIED: _ClassVar[OrderOutcome]
    ORDER_OUTCOME_RECORDED: _ClassVar[OrderOutcome]
    ORDER_OUTCOME_PENDING_STORE: _ClassVar[OrderOutcome]
    ORDER_OUTCOME_ALREADY_RECORDED: _ClassVar[OrderOutcome]
    ORDER_OUTCOME_INVALID: _ClassVar[OrderOutcome]

class ForecastMode(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    FORECAST_MODE_UNSPECIFIED: _ClassVar[ForecastMode]
    FORECAST_MODE_FROM_HISTORY: _ClassVar[ForecastMode]
    FORECAST_MODE_FROM_INPUTS: _ClassVar[ForecastMode]
ORDER_OUTCOME_UNSPECIFIED: OrderOutcome
ORDER_OUTCOME_RECORDED: OrderOutcome
ORDER_OUTCOME_PENDING_STORE: OrderOutcome
ORDER_OUTCOME_ALREADY_RECORDED: OrderOutcome
ORDER_OUTCOME_INVALID: OrderOutcome
FORECAST_MODE_UNSPECIFIED: ForecastMode
FORECAST_MODE_FROM_HISTORY: ForecastMode
FORECAST_MODE_FROM_INPUTS: ForecastMode

class RecordOrdersRequest(_message.Message):
    __slots__ = ("tenant_id", "orders")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    ORDERS_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    orders: _containers.RepeatedCompositeFieldContainer[_erp_events_pb2.ErpOrderRecorded]
    def __init__(self, tenant_id: _Optional[str] = ..., orders: _Optional[_Iterable[_Union[_erp_events_pb2.ErpOrderRecorded, _Mapping]]] = ...) -> None: ...

class OrderRowResult(_message.Message):
    __slots__ = ("index", "order_id", "outcome", "message", "fields")
    INDEX_FIELD_NUMBER: _ClassVar[int]
    ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    OUTCOME_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    FIELDS_FIELD_NUMBER: _ClassVar[int]
    index: int
    order_id: str
    outcome: OrderOutcome
    message: str
    fields: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, index: _Optional[int] = ..., order_id: _Optional[str] = ..., outcome: _Optional[_Union[OrderOutcome, str]] = ..., message: _Optional[str] = ..., fields: _Optional[_Iterable[str]] = ...) -> None: ...

class RecordOrdersResponse(_message.Message):
    __slots__ = ("results", "recorded", "pending_store", "already_recorded", "invalid", "summary")
    RESULTS_FIELD_NUMBER: _ClassVar[int]
    RECORDED_FIELD_NUMBER: _ClassVar[int]
    PENDING_STORE_FIELD_NUMBER: _ClassVar[int]
    ALREADY_RECORDED_FIELD_NUMBER: _ClassVar[int]
    INVALID_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    results: _containers.RepeatedCompositeFieldContainer[OrderRowResult]
    recorded: int
    pending_store: int
    already_recorded: int
    invalid: int
    summary: str
    def __init__(self, results: _Optional[_Iterable[_Union[OrderRowResult, _Mapping]]] = ..., recorded: _Optional[int] = ..., pending_store: _Optional[int] = ..., already_recorded: _Optional[int] = ..., invalid: _Optional[int] = ..., summary: _Optional[str] = ...) -> None: ...

class ExplainRegionRevenueRequest(_message.Message):
    __slots__ = ("tenant_id", "region_code", "first_day", "last_day", "page", "rep_ids")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    REGION_CODE_FIELD_NUMBER: _ClassVar[int]
    FIRST_DAY_FIELD_NUMBER: _ClassVar[int]
    LAST_DAY_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    REP_IDS_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    region_code: str
    first_day: str
    last_day: str
    page: _types_pb2.PageRequest
    rep_ids: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, tenant_id: _Optional[str] = ..., region_code: _Optional[str] = ..., first_day: _Optional[str] = ..., last_day: _Optional[str] = ..., page: _Optional[_Union[_types_pb2.PageRequest, _Mapping]] = ..., rep_ids: _Optional[_Iterable[str]] = ...) -> None: ...

class RepContribution(_message.Message):
    __slots__ = ("rep_id", "current_fen", "previous_fen", "change_fen", "stores", "visits", "share_of_change", "rep_name")
    REP_ID_FIELD_NUMBER: _ClassVar[int]
    CURRENT_FEN_FIELD_NUMBER: _ClassVar[int]
    PREVIOUS_FEN_FIELD_NUMBER: _ClassVar[int]
    CHANGE_FEN_FIELD_NUMBER: _ClassVar[int]
    STORES_FIELD_NUMBER: _ClassVar[int]
    VISITS_FIELD_NUMBER: _ClassVar[int]
    SHARE_OF_CHANGE_FIELD_NUMBER: _ClassVar[int]
    REP_NAME_FIELD_NUMBER: _ClassVar[int]
    rep_id: str
    current_fen: int
    previous_fen: int
    change_fen: int
    stores: int
    visits: int
    share_of_change: float
    rep_name: str
    def __init__(self, rep_id: _Optional[str] = ..., current_fen: _Optional[int] = ..., previous_fen: _Optional[int] = ..., change_fen: _Optional[int] = ..., stores: _Optional[int] = ..., visits: _Optional[int] = ..., share_of_change: _Optional[float] = ..., rep_name: _Optional[str] = ...) -> None: ...

class StoreContribution(_message.Message):
    __slots__ = ("store_id", "external_id", "name", "owner_rep_id", "region_code", "current_fen", "previous_fen", "change_fen", "orders", "last_visit_id", "last_visit_at", "lead_id")
    STORE_ID_FIELD_NUMBER: _ClassVar[int]
    EXTERNAL_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    OWNER_REP_ID_FIELD_NUMBER: _ClassVar[int]
    REGION_CODE_FIELD_NUMBER: _ClassVar[int]
    CURRENT_FEN_FIELD_NUMBER: _ClassVar[int]
    PREVIOUS_FEN_FIELD_NUMBER: _ClassVar[int]
    CHANGE_FEN_FIELD_NUMBER: _ClassVar[int]
    ORDERS_FIELD_NUMBER: _ClassVar[int]
    LAST_VISIT_ID_FIELD_NUMBER: _ClassVar[int]
    LAST_VISIT_AT_FIELD_NUMBER: _ClassVar[int]
    LEAD_ID_FIELD_NUMBER: _ClassVar[int]
    store_id: str
    external_id: str
    name: str
    owner_rep_id: str
    region_code: str
    current_fen: int
    previous_fen: int
    change_fen: int
    orders: int
    last_visit_id: str
    last_visit_at: _timestamp_pb2.Timestamp
    lead_id: str
    def __init__(self, store_id: _Optional[str] = ..., external_id: _Optional[str] = ..., name: _Optional[str] = ..., owner_rep_id: _Optional[str] = ..., region_code: _Optional[str] = ..., current_fen: _Optional[int] = ..., previous_fen: _Optional[int] = ..., change_fen: _Optional[int] = ..., orders: _Optional[int] = ..., last_visit_id: _Optional[str] = ..., last_visit_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., lead_id: _Optional[str] = ...) -> None: ...

class VisitContribution(_message.Message):
    __slots__ = ("visit_id", "rep_id", "store_id", "visited_at", "revenue_fen", "orders")
    VISIT_ID_FIELD_NUMBER: _ClassVar[int]
    REP_ID_FIELD_NUMBER: _ClassVar[int]
    STORE_ID_FIELD_NUMBER: _ClassVar[int]
    VISITED_AT_FIELD_NUMBER: _ClassVar[int]
    REVENUE_FEN_FIELD_NUMBER: _ClassVar[int]
    ORDERS_FIELD_NUMBER: _ClassVar[int]
    visit_id: str
    rep_id: str
    store_id: str
    visited_at: _timestamp_pb2.Timestamp
    revenue_fen: int
    orders: int
    def __init__(self, visit_id: _Optional[str] = ..., rep_id: _Optional[str] = ..., store_id: _Optional[str] = ..., visited_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., revenue_fen: _Optional[int] = ..., orders: _Optional[int] = ...) -> None: ...

class ExplainRegionRevenueResponse(_message.Message):
    __slots__ = ("region_code", "first_day", "last_day", "previous_first_day", "previous_last_day", "current_fen", "previous_fen", "change_fen", "change_ratio", "unvisited_fen", "window_days", "reps", "stores", "visits", "next_page_token", "total_reps", "total_stores", "total_visits", "summary")
    REGION_CODE_FIELD_NUMBER: _ClassVar[int]
    FIRST_DAY_FIELD_NUMBER: _ClassVar[int]
    LAST_DAY_FIELD_NUMBER: _ClassVar[int]
    PREVIOUS_FIRST_DAY_FIELD_NUMBER: _ClassVar[int]
    PREVIOUS_LAST_DAY_FIELD_NUMBER: _ClassVar[int]
    CURRENT_FEN_FIELD_NUMBER: _ClassVar[int]
    PREVIOUS_FEN_FIELD_NUMBER: _ClassVar[int]
    CHANGE_FEN_FIELD_NUMBER: _ClassVar[int]
    CHANGE_RATIO_FIELD_NUMBER: _ClassVar[int]
    UNVISITED_FEN_FIELD_NUMBER: _ClassVar[int]
    WINDOW_DAYS_FIELD_NUMBER: _ClassVar[int]
    REPS_FIELD_NUMBER: _ClassVar[int]
    STORES_FIELD_NUMBER: _ClassVar[int]
    VISITS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_REPS_FIELD_NUMBER: _ClassVar[int]
    TOTAL_STORES_FIELD_NUMBER: _ClassVar[int]
    TOTAL_VISITS_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    region_code: str
    first_day: str
    last_day: str
    previous_first_day: str
    previous_last_day: str
    current_fen: int
    previous_fen: int
    change_fen: int
    change_ratio: float
    unvisited_fen: int
    window_days: int
    reps: _containers.RepeatedCompositeFieldContainer[RepContribution]
    stores: _containers.RepeatedCompositeFieldContainer[StoreContribution]
    visits: _containers.RepeatedCompositeFieldContainer[VisitContribution]
    next_page_token: str
    total_reps: int
    total_stores: int
    total_visits: int
    summary: str
    def __init__(self, region_code: _Optional[str] = ..., first_day: _Optional[str] = ..., last_day: _Optional[str] = ..., previous_first_day: _Optional[str] = ..., previous_last_day: _Optional[str] = ..., current_fen: _Optional[int] = ..., previous_fen: _Optional[int] = ..., change_fen: _Optional[int] = ..., change_ratio: _Optional[float] = ..., unvisited_fen: _Optional[int] = ..., window_days: _Optional[int] = ..., reps: _Optional[_Iterable[_Union[RepContribution, _Mapping]]] = ..., stores: _Optional[_Iterable[_Union[StoreContribution, _Mapping]]] = ..., visits: _Optional[_Iterable[_Union[VisitContribution, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total_reps: _Optional[int] = ..., total_stores: _Optional[int] = ..., total_visits: _Optional[int] = ..., summary: _Optional[str] = ...) -> None: ...

class ForecastInputs(_message.Message):
    __slots__ = ("new_customers_per_quarter", "first_order_fen", "repurchase_cycle_days", "yearly_churn")
    NEW_CUSTOMERS_PER_QUARTER_FIELD_NUMBER: _ClassVar[int]
    FIRST_ORDER_FEN_FIELD_NUMBER: _ClassVar[int]
    REPURCHASE_CYCLE_DAYS_FIELD_NUMBER: _ClassVar[int]
    YEARLY_CHURN_FIELD_NUMBER: _ClassVar[int]
    new_customers_per_quarter: int
    first_order_fen: int
    repurchase_cycle_days: float
    yearly_churn: float
    def __init__(self, new_customers_per_quarter: _Optional[int] = ..., first_order_fen: _Optional[int] = ..., repurchase_cycle_days: _Optional[float] = ..., yearly_churn: _Optional[float] = ...) -> None: ...

class ForecastRevenueRequest(_message.Message):
    __slots__ = ("tenant_id", "mode", "inputs", "as_of", "region_code", "horizon_months", "simulations", "seed")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    MODE_FIELD_NUMBER: _ClassVar[int]
    INPUTS_FIELD_NUMBER: _ClassVar[int]
    AS_OF_FIELD_NUMBER: _ClassVar[int]
    REGION_CODE_FIELD_NUMBER: _ClassVar[int]
    HORIZON_MONTHS_FIELD_NUMBER: _ClassVar[int]
    SIMULATIONS_FIELD_NUMBER: _ClassVar[int]
    SEED_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    mode: ForecastMode
    inputs: ForecastInputs
    as_of: str
    region_code: str
    horizon_months: int
    simulations: int
    seed: int
    def __init__(self, tenant_id: _Optional[str] = ..., mode: _Optional[_Union[ForecastMode, str]] = ..., inputs: _Optional[_Union[ForecastInputs, _Mapping]] = ..., as_of: _Optional[str] = ..., region_code: _Optional[str] = ..., horizon_months: _Optional[int] = ..., simulations: _Optional[int] = ..., seed: _Optional[int] = ...) -> None: ...

class MonthForecast(_message.Message):
    __slots__ = ("month", "p10_fen", "p50_fen", "p90_fen")
    MONTH_FIELD_NUMBER: _ClassVar[int]
    P10_FEN_FIELD_NUMBER: _ClassVar[int]
    P50_FEN_FIELD_NUMBER: _ClassVar[int]
    P90_FEN_FIELD_NUMBER: _ClassVar[int]
    month: str
    p10_fen: int
    p50_fen: int
    p90_fen: int
    def __init__(self, month: _Optional[str] = ..., p10_fen: _Optional[int] = ..., p50_fen: _Optional[int] = ..., p90_fen: _Optional[int] = ...) -> None: ...

class RevenueForecast(_message.Message):
    __slots__ = ("mode", "p10_fen", "p50_fen", "p90_fen", "months", "model", "parameters", "customers", "orders", "as_of", "note")
    class ParametersEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: float
        def __init__(self, key: _Optional[str] = ..., value: _Optional[float] = ...) -> None: ...
    MODE_FIELD_NUMBER: _ClassVar[int]
    P10_FEN_FIELD_NUMBER: _ClassVar[int]
    P50_FEN_FIELD_NUMBER: _ClassVar[int]
    P90_FEN_FIELD_NUMBER: _ClassVar[int]
    MONTHS_FIELD_NUMBER: _ClassVar[int]
    MODEL_FIELD_NUMBER: _ClassVar[int]
    PARAMETERS_FIELD_NUMBER: _ClassVar[int]
    CUSTOMERS_FIELD_NUMBER: _ClassVar[int]
    ORDERS_FIELD_NUMBER: _ClassVar[int]
    AS_OF_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    mode: ForecastMode
    p10_fen: int
    p50_fen: int
    p90_fen: int
    months: _containers.RepeatedCompositeFieldContainer[MonthForecast]
    model: str
    parameters: _containers.ScalarMap[str, float]
    customers: int
    orders: int
    as_of: str
    note: str
    def __init__(self, mode: _Optional[_Union[ForecastMode, str]] = ..., p10_fen: _Optional[int] = ..., p50_fen: _Optional[int] = ..., p90_fen: _Optional[int] = ..., months: _Optional[_Iterable[_Union[MonthForecast, _Mapping]]] = ..., model: _Optional[str] = ..., parameters: _Optional[_Mapping[str, float]] = ..., customers: _Optional[int] = ..., orders: _Optional[int] = ..., as_of: _Optional[str] = ..., note: _Optional[str] = ...) -> None: ...

class GetAttributionSettingsRequest(_message.Message):
    __slots__ = ("tenant_id",)
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    def __init__(self, tenant_id: _Optional[str] = ...) -> None: ...

class AttributionSettings(_message.Message):
    __slots__ = ("tenant_id", "window_days")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    WINDOW_DAYS_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    window_days: int
    def __init__(self, tenant_id: _Optional[str] = ..., window_days: _Optional[int] = ...) -> None: ...
