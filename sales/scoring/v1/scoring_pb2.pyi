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

class PeriodKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    PERIOD_KIND_UNSPECIFIED: _ClassVar[PeriodKind]
    PERIOD_KIND_DAY: _ClassVar[PeriodKind]
    PERIOD_KIND_WEEK: _ClassVar[PeriodKind]
    PERIOD_KIND_MONTH: _ClassVar[PeriodKind]

class ScopeKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SCOPE_KIND_UNSPECIFIED: _ClassVar[ScopeKind]
    SCOPE_KIND_REP: _ClassVar[ScopeKind]
    SCOPE_KIND_TEAM: _ClassVar[ScopeKind]
    SCOPE_KIND_REGION: _ClassVar[ScopeKind]
PERIOD_KIND_UNSPECIFIED: PeriodKind
PERIOD_KIND_DAY: PeriodKind
PERIOD_KIND_WEEK: PeriodKind
PERIOD_KIND_MONTH: PeriodKind
SCOPE_KIND_UNSPECIFIED: ScopeKind
SCOPE_KIND_REP: ScopeKind
SCOPE_KIND_TEAM: ScopeKind
SCOPE_KIND_REGION: ScopeKind

class GetRepStatsRequest(_message.Message):
    __slots__ = ("tenant_id", "rep_id")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    REP_ID_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    rep_id: str
    def __init__(self, tenant_id: _Optional[str] = ..., rep_id: _Optional[str] = ...) -> None: ...

class RepStats(_message.Message):
    __slots__ = ("rep_id", "leads_assigned", "visits_total", "commitments_total", "commitments_open", "commitments_done", "last_visit_at", "updated_at")
    REP_ID_FIELD_NUMBER: _ClassVar[int]
    LEADS_ASSIGNED_FIELD_NUMBER: _ClassVar[int]
    VISITS_TOTAL_FIELD_NUMBER: _ClassVar[int]
    COMMITMENTS_TOTAL_FIELD_NUMBER: _ClassVar[int]
    COMMITMENTS_OPEN_FIELD_NUMBER: _ClassVar[int]
    COMMITMENTS_DONE_FIELD_NUMBER: _ClassVar[int]
    LAST_VISIT_AT_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    rep_id: str
    leads_assigned: int
    visits_total: int
    commitments_total: int
    commitments_open: int
    commitments_done: int
    last_visit_at: _timestamp_pb2.Timestamp
    updated_at: _timestamp_pb2.Timestamp
    def __init__(self, rep_id: _Optional[str] = ..., leads_assigned: _Optional[int] = ..., visits_total: _Optional[int] = ..., commitments_total: _Optional[int] = ..., commitments_open: _Optional[int] = ..., commitments_done: _Optional[int] = ..., last_visit_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., updated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class PeriodRequest(_message.Message):
    __slots__ = ("kind", "date")
    KIND_FIELD_NUMBER: _ClassVar[int]
    DATE_FIELD_NUMBER: _ClassVar[int]
    kind: PeriodKind
    date: str
    def __init__(self, kind: _Optional[_Union[PeriodKind, str]] = ..., date: _Optional[str] = ...) -> None: ...

class PeriodInfo(_message.Message):
    __slots__ = ("kind", "label", "first_day", "last_day")
    KIND_FIELD_NUMBER: _ClassVar[int]
    LABEL_FIELD_NUMBER: _ClassVar[int]
    FIRST_DAY_FIELD_NUMBER: _ClassVar[int]
    LAST_DAY_FIELD_NUMBER: _ClassVar[int]
    kind: PeriodKind
    label: str
    first_day: str
    last_day: str
    def __init__(self, kind: _Optional[_Union[PeriodKind, str]] = ..., label: _Optional[str] = ..., first_day: _Optional[str] = ..., last_day: _Optional[str] = ...) -> None: ...

class Ratio(_message.Message):
    __slots__ = ("metric", "label", "numerator", "denominator", "has_value", "percent", "percent_text", "weight")
    METRIC_FIELD_NUMBER: _ClassVar[int]
    LABEL_FIELD_NUMBER: _ClassVar[int]
    NUMERATOR_FIELD_NUMBER: _ClassVar[int]
    DENOMINATOR_FIELD_NUMBER: _ClassVar[int]
    HAS_VALUE_FIELD_NUMBER: _ClassVar[int]
    PERCENT_FIELD_NUMBER: _ClassVar[int]
    PERCENT_TEXT_FIELD_NUMBER: _ClassVar[int]
    WEIGHT_FIELD_NUMBER: _ClassVar[int]
    metric: str
    label: str
    numerator: int
    denominator: int
    has_value: bool
    percent: float
    percent_text: str
    weight: str
    def __init__(self, metric: _Optional[str] = ..., label: _Optional[str] = ..., numerator: _Optional[int] = ..., denominator: _Optional[int] = ..., has_value: _Optional[bool] = ..., percent: _Optional[float] = ..., percent_text: _Optional[str] = ..., weight: _Optional[str] = ...) -> None: ...

class GetPhiRequest(_message.Message):
    __slots__ = ("tenant_id", "scope", "scope_id", "period")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    SCOPE_FIELD_NUMBER: _ClassVar[int]
    SCOPE_ID_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    scope: ScopeKind
    scope_id: str
    period: PeriodRequest
    def __init__(self, tenant_id: _Optional[str] = ..., scope: _Optional[_Union[ScopeKind, str]] = ..., scope_id: _Optional[str] = ..., period: _Optional[_Union[PeriodRequest, _Mapping]] = ...) -> None: ...

class Phi(_message.Message):
    __slots__ = ("scope", "scope_id", "period", "components", "has_value", "percent", "percent_text", "reps", "note")
    SCOPE_FIELD_NUMBER: _ClassVar[int]
    SCOPE_ID_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    COMPONENTS_FIELD_NUMBER: _ClassVar[int]
    HAS_VALUE_FIELD_NUMBER: _ClassVar[int]
    PERCENT_FIELD_NUMBER: _ClassVar[int]
    PERCENT_TEXT_FIELD_NUMBER: _ClassVar[int]
    REPS_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    scope: ScopeKind
    scope_id: str
    period: PeriodInfo
    components: _containers.RepeatedCompositeFieldContainer[Ratio]
    has_value: bool
    percent: float
    percent_text: str
    reps: int
    note: str
    def __init__(self, scope: _Optional[_Union[ScopeKind, str]] = ..., scope_id: _Optional[str] = ..., period: _Optional[_Union[PeriodInfo, _Mapping]] = ..., components: _Optional[_Iterable[_Union[Ratio, _Mapping]]] = ..., has_value: _Optional[bool] = ..., percent: _Optional[float] = ..., percent_text: _Optional[str] = ..., reps: _Optional[int] = ..., note: _Optional[str] = ...) -> None: ...

class GetPhiSeriesRequest(_message.Message):
    __slots__ = ("tenant_id", "scope", "scope_id", "granularity", "first_day", "last_day")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    SCOPE_FIELD_NUMBER: _ClassVar[int]
    SCOPE_ID_FIELD_NUMBER: _ClassVar[int]
    GRANULARITY_FIELD_NUMBER: _ClassVar[int]
    FIRST_DAY_FIELD_NUMBER: _ClassVar[int]
    LAST_DAY_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    scope: ScopeKind
    scope_id: str
    granularity: PeriodKind
    first_day: str
    last_day: str
    def __init__(self, tenant_id: _Optional[str] = ..., scope: _Optional[_Union[ScopeKind, str]] = ..., scope_id: _Optional[str] = ..., granularity: _Optional[_Union[PeriodKind, str]] = ..., first_day: _Optional[str] = ..., last_day: _Optional[str] = ...) -> None: ...

class PhiSeries(_message.Message):
    __slots__ = ("scope", "scope_id", "granularity", "points", "reps")
    SCOPE_FIELD_NUMBER: _ClassVar[int]
    SCOPE_ID_FIELD_NUMBER: _ClassVar[int]
    GRANULARITY_FIELD_NUMBER: _ClassVar[int]
    POINTS_FIELD_NUMBER: _ClassVar[int]
    REPS_FIELD_NUMBER: _ClassVar[int]
    scope: ScopeKind
    scope_id: str
    granularity: PeriodKind
    points: _containers.RepeatedCompositeFieldContainer[Phi]
    reps: int
    def __init__(self, scope: _Optional[_Union[ScopeKind, str]] = ..., scope_id: _Optional[str] = ..., granularity: _Optional[_Union[PeriodKind, str]] = ..., points: _Optional[_Iterable[_Union[Phi, _Mapping]]] = ..., reps: _Optional[int] = ...) -> None: ...

class GetDataCreditRequest(_message.Message):
    __slots__ = ("tenant_id", "rep_id", "month")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    REP_ID_FIELD_NUMBER: _ClassVar[int]
    MONTH_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    rep_id: str
    month: str
    def __init__(self, tenant_id: _Optional[str] = ..., rep_id: _Optional[str] = ..., month: _Optional[str] = ...) -> None: ...

class CreditDimension(_message.Message):
    __slots__ = ("dimension", "label", "score", "points_lost", "weight")
    DIMENSION_FIELD_NUMBER: _ClassVar[int]
    LABEL_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    POINTS_LOST_FIELD_NUMBER: _ClassVar[int]
    WEIGHT_FIELD_NUMBER: _ClassVar[int]
    dimension: str
    label: str
    score: int
    points_lost: int
    weight: str
    def __init__(self, dimension: _Optional[str] = ..., label: _Optional[str] = ..., score: _Optional[int] = ..., points_lost: _Optional[int] = ..., weight: _Optional[str] = ...) -> None: ...

class DataCredit(_message.Message):
    __slots__ = ("rep_id", "month", "score", "score_text", "dimensions", "deductions", "green_channel", "priority")
    REP_ID_FIELD_NUMBER: _ClassVar[int]
    MONTH_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    SCORE_TEXT_FIELD_NUMBER: _ClassVar[int]
    DIMENSIONS_FIELD_NUMBER: _ClassVar[int]
    DEDUCTIONS_FIELD_NUMBER: _ClassVar[int]
    GREEN_CHANNEL_FIELD_NUMBER: _ClassVar[int]
    PRIORITY_FIELD_NUMBER: _ClassVar[int]
    rep_id: str
    month: str
    score: float
    score_text: str
    dimensions: _containers.RepeatedCompositeFieldContainer[CreditDimension]
    deductions: int
    green_channel: bool
    priority: bool
    def __init__(self, rep_id: _Optional[str] = ..., month: _Optional[str] = ..., score: _Optional[float] = ..., score_text: _Optional[str] = ..., dimensions: _Optional[_Iterable[_Union[CreditDimension, _Mapping]]] = ..., deductions: _Optional[int] = ..., green_channel: _Optional[bool] = ..., priority: _Optional[bool] = ...) -> None: ...

class ListCreditDeductionsRequest(_message.Message):
    __slots__ = ("tenant_id", "rep_id", "month", "page")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    REP_ID_FIELD_NUMBER: _ClassVar[int]
    MONTH_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    rep_id: str
    month: str
    page: _types_pb2.PageRequest
    def __init__(self, tenant_id: _Optional[str] = ..., rep_id: _Optional[str] = ..., month: _Optional[str] = ..., page: _Optional[_Union[_types_pb2.PageRequest, _Mapping]] = ...) -> None: ...

class CreditDeduction(_message.Message):
    __slots__ = ("rule", "rule_label", "dimension", "points", "visit_id", "photo_id", "item", "detail", "occurred_at", "store_name")
    RULE_FIELD_NUMBER: _ClassVar[int]
    RULE_LABEL_FIELD_NUMBER: _ClassVar[int]
    DIMENSION_FIELD_NUMBER: _ClassVar[int]
    POINTS_FIELD_NUMBER: _ClassVar[int]
    VISIT_ID_FIELD_NUMBER: _ClassVar[int]
    PHOTO_ID_FIELD_NUMBER: _ClassVar[int]
    ITEM_FIELD_NUMBER: _ClassVar[int]
    DETAIL_FIELD_NUMBER: _ClassVar[int]
    OCCURRED_AT_FIELD_NUMBER: _ClassVar[int]
    STORE_NAME_FIELD_NUMBER: _ClassVar[int]
    rule: str
    rule_label: str
    dimension: str
    points: int
    visit_id: str
    photo_id: str
    item: str
    detail: str
    occurred_at: _timestamp_pb2.Timestamp
    store_name: str
    def __init__(self, rule: _Optional[str] = ..., rule_label: _Optional[str] = ..., dimension: _Optional[str] = ..., points: _Optional[int] = ..., visit_id: _Optional[str] = ..., photo_id: _Optional[str] = ..., item: _Optional[str] = ..., detail: _Optional[str] = ..., occurred_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., store_name: _Optional[str] = ...) -> None: ...

class ListCreditDeductionsResponse(_message.Message):
    __slots__ = ("deductions", "next_page_token")
    DEDUCTIONS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    deductions: _containers.RepeatedCompositeFieldContainer[CreditDeduction]
    next_page_token: str
    def __init__(self, deductions: _Optional[_Iterable[_Union[CreditDeduction, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class ListPriorityRepsRequest(_message.Message):
    __slots__ = ("tenant_id", "month", "team_id")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    MONTH_FIELD_NUMBER: _ClassVar[int]
    TEAM_ID_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    month: str
    team_id: str
    def __init__(self, tenant_id: _Optional[str] = ..., month: _Optional[str] = ..., team_id: _Optional[str] = ...) -> None: ...

class PriorityRep(_message.Message):
    __slots__ = ("rep_id", "name", "team_id", "score", "score_text")
    REP_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    TEAM_ID_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    SCORE_TEXT_FIELD_NUMBER: _ClassVar[int]
    rep_id: str
    name: str
    team_id: str
    score: float
    score_text: str
    def __init__(self, rep_id: _Optional[str] = ..., name: _Optional[str] = ..., team_id: _Optional[str] = ..., score: _Optional[float] = ..., score_text: _Optional[str] = ...) -> None: ...

class ListPriorityRepsResponse(_message.Message):
    __slots__ = ("month", "reps")
    MONTH_FIELD_NUMBER: _ClassVar[int]
    REPS_FIELD_NUMBER: _ClassVar[int]
    month: str
    reps: _containers.RepeatedCompositeFieldContainer[PriorityRep]
    def __init__(self, month: _Optional[str] = ..., reps: _Optional[_Iterable[_Union[PriorityRep, _Mapping]]] = ...) -> None: ...

class GetTeamHeatmapRequest(_message.Message):
    __slots__ = ("tenant_id", "team_id", "period")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    TEAM_ID_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    team_id: str
    period: PeriodRequest
    def __init__(self, tenant_id: _Optional[str] = ..., team_id: _Optional[str] = ..., period: _Optional[_Union[PeriodRequest, _Mapping]] = ...) -> None: ...

class HeatmapCell(_message.Message):
    __slots__ = ("ratio", "level", "level_label")
    RATIO_FIELD_NUMBER: _ClassVar[int]
    LEVEL_FIELD_NUMBER: _ClassVar[int]
    LEVEL_LABEL_FIELD_NUMBER: _ClassVar[int]
    ratio: Ratio
    level: str
    level_label: str
    def __init__(self, ratio: _Optional[_Union[Ratio, _Mapping]] = ..., level: _Optional[str] = ..., level_label: _Optional[str] = ...) -> None: ...

class HeatmapRow(_message.Message):
    __slots__ = ("rep_id", "name", "cells", "has_phi", "phi_percent")
    REP_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    CELLS_FIELD_NUMBER: _ClassVar[int]
    HAS_PHI_FIELD_NUMBER: _ClassVar[int]
    PHI_PERCENT_FIELD_NUMBER: _ClassVar[int]
    rep_id: str
    name: str
    cells: _containers.RepeatedCompositeFieldContainer[HeatmapCell]
    has_phi: bool
    phi_percent: float
    def __init__(self, rep_id: _Optional[str] = ..., name: _Optional[str] = ..., cells: _Optional[_Iterable[_Union[HeatmapCell, _Mapping]]] = ..., has_phi: _Optional[bool] = ..., phi_percent: _Optional[float] = ...) -> None: ...

class TeamHeatmap(_message.Message):
    __slots__ = ("team_id", "period", "metrics", "metric_labels", "rows")
    TEAM_ID_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    METRICS_FIELD_NUMBER: _ClassVar[int]
    METRIC_LABELS_FIELD_NUMBER: _ClassVar[int]
    ROWS_FIELD_NUMBER: _ClassVar[int]
    team_id: str
    period: PeriodInfo
    metrics: _containers.RepeatedScalarFieldContainer[str]
    metric_labels: _containers.RepeatedScalarFieldContainer[str]
    rows: _containers.RepeatedCompositeFieldContainer[HeatmapRow]
    def __init__(self, team_id: _Optional[str] = ..., period: _Optional[_Union[PeriodInfo, _Mapping]] = ..., metrics: _Optional[_Iterable[str]] = ..., metric_labels: _Optional[_Iterable[str]] = ..., rows: _Optional[_Iterable[_Union[HeatmapRow, _Mapping]]] = ...) -> None: ...

class GetRepDashboardRequest(_message.Message):
    __slots__ = ("tenant_id", "rep_id", "date")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    REP_ID_FIELD_NUMBER: _ClassVar[int]
    DATE_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    rep_id: str
    date: str
    def __init__(self, tenant_id: _Optional[str] = ..., rep_id: _Optional[str] = ..., date: _Optional[str] = ...) -> None: ...

class DashboardFigure(_message.Message):
    __slots__ = ("figure", "label", "count", "value_text")
    FIGURE_FIELD_NUMBER: _ClassVar[int]
    LABEL_FIELD_NUMBER: _ClassVar[int]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    VALUE_TEXT_FIELD_NUMBER: _ClassVar[int]
    figure: str
    label: str
    count: int
    value_text: str
    def __init__(self, figure: _Optional[str] = ..., label: _Optional[str] = ..., count: _Optional[int] = ..., value_text: _Optional[str] = ...) -> None: ...

class RepDashboard(_message.Message):
    __slots__ = ("rep_id", "date", "week", "figures", "satisfaction", "has_satisfaction", "week_components")
    REP_ID_FIELD_NUMBER: _ClassVar[int]
    DATE_FIELD_NUMBER: _ClassVar[int]
    WEEK_FIELD_NUMBER: _ClassVar[int]
    FIGURES_FIELD_NUMBER: _ClassVar[int]
    SATISFACTION_FIELD_NUMBER: _ClassVar[int]
    HAS_SATISFACTION_FIELD_NUMBER: _ClassVar[int]
    WEEK_COMPONENTS_FIELD_NUMBER: _ClassVar[int]
    rep_id: str
    date: str
    week: str
    figures: _containers.RepeatedCompositeFieldContainer[DashboardFigure]
    satisfaction: float
    has_satisfaction: bool
    week_components: _containers.RepeatedCompositeFieldContainer[Ratio]
    def __init__(self, rep_id: _Optional[str] = ..., date: _Optional[str] = ..., week: _Optional[str] = ..., figures: _Optional[_Iterable[_Union[DashboardFigure, _Mapping]]] = ..., satisfaction: _Optional[float] = ..., has_satisfaction: _Optional[bool] = ..., week_components: _Optional[_Iterable[_Union[Ratio, _Mapping]]] = ...) -> None: ...

class ListDashboardRecordsRequest(_message.Message):
    __slots__ = ("tenant_id", "rep_id", "figure", "date", "page")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    REP_ID_FIELD_NUMBER: _ClassVar[int]
    FIGURE_FIELD_NUMBER: _ClassVar[int]
    DATE_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    rep_id: str
    figure: str
    date: str
    page: _types_pb2.PageRequest
    def __init__(self, tenant_id: _Optional[str] = ..., rep_id: _Optional[str] = ..., figure: _Optional[str] = ..., date: _Optional[str] = ..., page: _Optional[_Union[_types_pb2.PageRequest, _Mapping]] = ...) -> None: ...

class DashboardRecord(_message.Message):
    __slots__ = ("record_id", "title", "status", "day", "at", "store_id", "visit_id", "detail", "value")
    RECORD_ID_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    DAY_FIELD_NUMBER: _ClassVar[int]
    AT_FIELD_NUMBER: _ClassVar[int]
    STORE_ID_FIELD_NUMBER: _ClassVar[int]
    VISIT_ID_FIELD_NUMBER: _ClassVar[int]
    DETAIL_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    record_id: str
    title: str
    status: str
    day: str
    at: _timestamp_pb2.Timestamp
    store_id: str
    visit_id: str
    detail: str
    value: int
    def __init__(self, record_id: _Optional[str] = ..., title: _Optional[str] = ..., status: _Optional[str] = ..., day: _Optional[str] = ..., at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., store_id: _Optional[str] = ..., visit_id: _Optional[str] = ..., detail: _Optional[str] = ..., value: _Optional[int] = ...) -> None: ...

class ListDashboardRecordsResponse(_message.Message):
    __slots__ = ("records", "next_page_token")
    RECORDS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    records: _containers.RepeatedCompositeFieldContainer[DashboardRecord]
    next_page_token: str
    def __init__(self, records: _Optional[_Iterable[_Union[DashboardRecord, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class RebuildScoresRequest(_message.Message):
    __slots__ = ("tenant_id",)
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    def __init__(self, tenant_id: _Optional[str] = ...) -> None: ...

class RebuildScoresResponse(_message.Message):
    __slots__ = ("facts", "months_checked", "months_repaired", "seconds")
    FACTS_FIELD_NUMBER: _ClassVar[int]
    MONTHS_CHECKED_FIELD_NUMBER: _ClassVar[int]
    MONTHS_REPAIRED_FIELD_NUMBER: _ClassVar[int]
    SECONDS_FIELD_NUMBER: _ClassVar[int]
    facts: int
    months_checked: int
    months_repaired: int
    seconds: float
    def __init__(self, facts: _Optional[int] = ..., months_checked: _Optional[int] = ..., months_repaired: _Optional[int] = ..., seconds: _Optional[float] = ...) -> None: ...

class GetScoringSettingsRequest(_message.Message):
    __slots__ = ("tenant_id",)
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    def __init__(self, tenant_id: _Optional[str] = ...) -> None: ...

class MetricThresholds(_message.Message):
    __slots__ = ("metric", "target_percent", "warning_percent")
    METRIC_FIELD_NUMBER: _ClassVar[int]
    TARGET_PERCENT_FIELD_NUMBER: _ClassVar[int]
    WARNING_PERCENT_FIELD_NUMBER: _ClassVar[int]
    metric: str
    target_percent: int
    warning_percent: int
    def __init__(self, metric: _Optional[str] = ..., target_percent: _Optional[int] = ..., warning_percent: _Optional[int] = ...) -> None: ...

class ScoringSettings(_message.Message):
    __slots__ = ("tenant_id", "thresholds", "version", "updated_by", "updated_at", "lateness_window_hours")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    THRESHOLDS_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    UPDATED_BY_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    LATENESS_WINDOW_HOURS_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    thresholds: _containers.RepeatedCompositeFieldContainer[MetricThresholds]
    version: int
    updated_by: str
    updated_at: _timestamp_pb2.Timestamp
    lateness_window_hours: float
    def __init__(self, tenant_id: _Optional[str] = ..., thresholds: _Optional[_Iterable[_Union[MetricThresholds, _Mapping]]] = ..., version: _Optional[int] = ..., updated_by: _Optional[str] = ..., updated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., lateness_window_hours: _Optional[float] = ...) -> None: ...

class UpdateScoringSettingsRequest(_message.Message):
    __slots__ = ("tenant_id", "thresholds", "expected_version", "actor_id", "lateness_window_hours")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    THRESHOLDS_FIELD_NUMBER: _ClassVar[int]
    EXPECTED_VERSION_FIELD_NUMBER: _ClassVar[int]
    ACTOR_ID_FIELD_NUMBER: _ClassVar[int]
    LATENESS_WINDOW_HOURS_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    thresholds: _containers.RepeatedCompositeFieldContainer[MetricThresholds]
    expected_version: int
    actor_id: str
    lateness_window_hours: float
    def __init__(self, tenant_id: _Optional[str] = ..., thresholds: _Optional[_Iterable[_Union[MetricThresholds, _Mapping]]] = ..., expected_version: _Optional[int] = ..., actor_id: _Optional[str] = ..., lateness_window_hours: _Optional[float] = ...) -> None: ...
