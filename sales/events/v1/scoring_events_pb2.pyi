from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Optional as _Optional

DESCRIPTOR: _descriptor.FileDescriptor

class ScoreThresholdCrossed(_message.Message):
    __slots__ = ("rep_id", "supervisor_id", "score", "period", "previous", "current", "threshold", "direction")
    REP_ID_FIELD_NUMBER: _ClassVar[int]
    SUPERVISOR_ID_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    PREVIOUS_FIELD_NUMBER: _ClassVar[int]
    CURRENT_FIELD_NUMBER: _ClassVar[int]
    THRESHOLD_FIELD_NUMBER: _ClassVar[int]
    DIRECTION_FIELD_NUMBER: _ClassVar[int]
    rep_id: str
    supervisor_id: str
    score: str
    period: str
    previous: float
    current: float
    threshold: float
    direction: str
    def __init__(self, rep_id: _Optional[str] = ..., supervisor_id: _Optional[str] = ..., score: _Optional[str] = ..., period: _Optional[str] = ..., previous: _Optional[float] = ..., current: _Optional[float] = ..., threshold: _Optional[float] = ..., direction: _Optional[str] = ...) -> None: ...
