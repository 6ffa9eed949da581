from sales.assignment.v1 import assignment_pb2 as _assignment_pb2
from sales.common.v1 import org_pb2 as _org_pb2
from sales.media.v1 import media_pb2 as _media_pb2
from sales.notify.v1 import notify_pb2 as _notify_pb2
from sales.scoring.v1 import scoring_pb2 as _scoring_pb2
from sales.scoring.v1 import orders_pb2 as _orders_pb2
from sales.visits.v1 import batches_pb2 as _batches_pb2
from sales.visits.v1 import cards_pb2 as _cards_pb2
from sales.visits.v1 import catalogue_pb2 as _catalogue_pb2
from sales.visits.v1 import commitments_pb2 as _commitments_pb2
from sales.visits.v1 import first_visits_pb2 as _first_visits_pb2
from sales.visits.v1 import history_pb2 as _history_pb2
from sales.visits.v1 import plans_pb2 as _plans_pb2
from sales.visits.v1 import settings_pb2 as _settings_pb2
from sales.visits.v1 import sheets_pb2 as _sheets_pb2
from sales.visits.v1 import stores_pb2 as _stores_pb2
from sales.visits.v1 import approvals_pb2 as _approvals_pb2
from sales.visits.v1 import ratings_pb2 as _ratings_pb2
from sales.visits.v1 import returns_pb2 as _returns_pb2
from sales.visits.v1 import stock_pb2 as _stock_pb2
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class UpsertPersonRequest(_message.Message):
    __slots__ = ("person",)
    PERSON_FIELD_NUMBER: _ClassVar[int]
    person: _org_pb2.Person
    def __init__(self, person: _Optional[_Union[_org_pb2.Person, _Mapping]] = ...) -> None: ...

class GetPersonRequest(_message.Message):
    __slots__ = ("person_id",)
    PERSON_ID_FIELD_NUMBER: _ClassVar[int]
    person_id: str
    def __init__(self, person_id: _Optional[str] = ...) -> None: ...

class WhoAmIRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...
