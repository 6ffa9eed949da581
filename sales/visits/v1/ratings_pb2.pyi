import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class IssueRatingCodeRequest(_message.Message):
    __slots__ = ("tenant_id", "visit_id", "rep_id", "actor_id")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    VISIT_ID_FIELD_NUMBER: _ClassVar[int]
    REP_ID_FIELD_NUMBER: _ClassVar[int]
    ACTOR_ID_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    visit_id: str
    rep_id: str
    actor_id: str
    def __init__(self, tenant_id: _Optional[str] = ..., visit_id: _Optional[str] = ..., rep_id: _Optional[str] = ..., actor_id: _Optional[str] = ...) -> None: ...

class RatingCode(_message.Message):
    __slots__ = ("visit_id", "url", "token", "expires_at", "png")
    VISIT_ID_FIELD_NUMBER: _ClassVar[int]
    URL_FIELD_NUMBER: _ClassVar[int]
    TOKEN_FIELD_NUMBER: _ClassVar[int]
    EXPIRES_AT_FIELD_NUMBER: _ClassVar[int]
    PNG_FIELD_NUMBER: _ClassVar[int]
    visit_id: str
    url: str
    token: str
    expires_at: _timestamp_pb2.Timestamp
    png: bytes
    def __init__(self, visit_id: _Optional[str] = ..., url: _Optional[str] = ..., token: _Optional[str] = ..., expires_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., png: _Optional[bytes] = ...) -> None: ...

class RateVisitRequest(_message.Message):
    __slots__ = ("token", "stars", "comment")
    TOKEN_FIELD_NUMBER: _ClassVar[int]
    STARS_FIELD_NUMBER: _ClassVar[int]
    COMMENT_FIELD_NUMBER: _ClassVar[int]
    token: str
    stars: int
    comment: str
    def __init__(self, token: _Optional[str] = ..., stars: _Optional[int] = ..., comment: _Optional[str] = ...) -> None: ...

class RateVisitResponse(_message.Message):
    __slots__ = ("visit_id", "stars", "rated_at")
    VISIT_ID_FIELD_NUMBER: _ClassVar[int]
    STARS_FIELD_NUMBER: _ClassVar[int]
    RATED_AT_FIELD_NUMBER: _ClassVar[int]
    visit_id: str
    stars: int
    rated_at: _timestamp_pb2.Timestamp
    def __init__(self, visit_id: _Optional[str] = ..., stars: _Optional[int] = ..., rated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class GetRepSatisfactionRequest(_message.Message):
    __slots__ = ("tenant_id", "rep_id", "week")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    REP_ID_FIELD_NUMBER: _ClassVar[int]
    WEEK_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    rep_id: str
    week: str
    def __init__(self, tenant_id: _Optional[str] = ..., rep_id: _Optional[str] = ..., week: _Optional[str] = ...) -> None: ...

class RepSatisfaction(_message.Message):
    __slots__ = ("rep_id", "week", "ratings", "average_stars", "by_stars")
    REP_ID_FIELD_NUMBER: _ClassVar[int]
    WEEK_FIELD_NUMBER: _ClassVar[int]
    RATINGS_FIELD_NUMBER: _ClassVar[int]
    AVERAGE_STARS_FIELD_NUMBER: _ClassVar[int]
    BY_STARS_FIELD_NUMBER: _ClassVar[int]
    rep_id: str
    week: str
    ratings: int
    average_stars: float
    by_stars: _containers.RepeatedScalarFieldContainer[int]
    def __init__(self, rep_id: _Optional[str] = ..., week: _Optional[str] = ..., ratings: _Optional[int] = ..., average_stars: _Optional[float] = ..., by_stars: _Optional[_Iterable[int]] = ...) -> None: ...
