from sales.common.v1 import types_pb2 as _types_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Person(_message.Message):
    __slots__ = ("tenant_id", "person_id", "name", "roles", "supervisor_id", "team_id", "region_codes", "customer_types", "capacity", "status", "phone", "wecom_userid", "dingtalk_userid", "preferred_channel")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    PERSON_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    ROLES_FIELD_NUMBER: _ClassVar[int]
    SUPERVISOR_ID_FIELD_NUMBER: _ClassVar[int]
    TEAM_ID_FIELD_NUMBER: _ClassVar[int]
    REGION_CODES_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_TYPES_FIELD_NUMBER: _ClassVar[int]
    CAPACITY_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    PHONE_FIELD_NUMBER: _ClassVar[int]
    WECOM_USERID_FIELD_NUMBER: _ClassVar[int]
    DINGTALK_USERID_FIELD_NUMBER: _ClassVar[int]
    PREFERRED_CHANNEL_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    person_id: str
    name: str
    roles: _containers.RepeatedScalarFieldContainer[_types_pb2.Role]
    supervisor_id: str
    team_id: str
    region_codes: _containers.RepeatedScalarFieldContainer[str]
    customer_types: _containers.RepeatedScalarFieldContainer[_types_pb2.CustomerType]
    capacity: int
    status: _types_pb2.PersonStatus
    phone: str
    wecom_userid: str
    dingtalk_userid: str
    preferred_channel: _types_pb2.NotifyChannel
    def __init__(self, tenant_id: _Optional[str] = ..., person_id: _Optional[str] = ..., name: _Optional[str] = ..., roles: _Optional[_Iterable[_Union[_types_pb2.Role, str]]] = ..., supervisor_id: _Optional[str] = ..., team_id: _Optional[str] = ..., region_codes: _Optional[_Iterable[str]] = ..., customer_types: _Optional[_Iterable[_Union[_types_pb2.CustomerType, str]]] = ..., capacity: _Optional[int] = ..., status: _Optional[_Union[_types_pb2.PersonStatus, str]] = ..., phone: _Optional[str] = ..., wecom_userid: _Optional[str] = ..., dingtalk_userid: _Optional[str] = ..., preferred_channel: _Optional[_Union[_types_pb2.NotifyChannel, str]] = ...) -> None: ...
