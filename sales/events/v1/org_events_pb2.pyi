from sales.common.v1 import org_pb2 as _org_pb2
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class PersonUpserted(_message.Message):
    __slots__ = ("person",)
    PERSON_FIELD_NUMBER: _ClassVar[int]
    person: _org_pb2.Person
    def __init__(self, person: _Optional[_Union[_org_pb2.Person, _Mapping]] = ...) -> None: ...
