from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Datum(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    DATUM_UNSPECIFIED: _ClassVar[Datum]
    DATUM_WGS84: _ClassVar[Datum]
    DATUM_GCJ02: _ClassVar[Datum]
    DATUM_BD09: _ClassVar[Datum]

class CustomerType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CUSTOMER_TYPE_UNSPECIFIED: _ClassVar[CustomerType]
    CUSTOMER_TYPE_KA: _ClassVar[CustomerType]
    CUSTOMER_TYPE_BC: _ClassVar[CustomerType]
    CUSTOMER_TYPE_CONVENIENCE: _ClassVar[CustomerType]

class Urgency(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    URGENCY_UNSPECIFIED: _ClassVar[Urgency]
    URGENCY_RED: _ClassVar[Urgency]
    URGENCY_YELLOW: _ClassVar[Urgency]
    URGENCY_BLUE: _ClassVar[Urgency]

class Role(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ROLE_UNSPECIFIED: _ClassVar[Role]
    ROLE_REP: _ClassVar[Role]
    ROLE_SUPERVISOR: _ClassVar[Role]
    ROLE_DIRECTOR: _ClassVar[Role]
    ROLE_FINANCE: _ClassVar[Role]
    ROLE_ADMIN: _ClassVar[Role]

class PersonStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    PERSON_STATUS_UNSPECIFIED: _ClassVar[PersonStatus]
    PERSON_STATUS_ACTIVE: _ClassVar[PersonStatus]
    PERSON_STATUS_ON_LEAVE: _ClassVar[PersonStatus]
    PERSON_STATUS_INACTIVE: _ClassVar[PersonStatus]

class NotifyChannel(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    NOTIFY_CHANNEL_UNSPECIFIED: _ClassVar[NotifyChannel]
    NOTIFY_CHANNEL_WECOM: _ClassVar[NotifyChannel]
    NOTIFY_CHANNEL_DINGTALK: _ClassVar[NotifyChannel]
DATUM_UNSPECIFIED: Datum
DATUM_WGS84: Datum
DATUM_GCJ02: Datum
DATUM_BD09: Datum
CUSTOMER_TYPE_UNSPECIFIED: CustomerType
CUSTOMER_TYPE_KA: CustomerType
CUSTOMER_TYPE_BC: CustomerType
CUSTOMER_TYPE_CONVENIENCE: CustomerType
URGENCY_UNSPECIFIED: Urgency
URGENCY_RED: Urgency
URGENCY_YELLOW: Urgency
URGENCY_BLUE: Urgency
ROLE_UNSPECIFIED: Role
ROLE_REP: Role
ROLE_SUPERVISOR: Role
ROLE_DIRECTOR: Role
ROLE_FINANCE: Role
ROLE_ADMIN: Role
PERSON_STATUS_UNSPECIFIED: PersonStatus
PERSON_STATUS_ACTIVE: PersonStatus
PERSON_STATUS_ON_LEAVE: PersonStatus
PERSON_STATUS_INACTIVE: PersonStatus
NOTIFY_CHANNEL_UNSPECIFIED: NotifyChannel
NOTIFY_CHANNEL_WECOM: NotifyChannel
NOTIFY_CHANNEL_DINGTALK: NotifyChannel

class GeoPoint(_message.Message):
    __slots__ = ("latitude", "longitude", "datum", "accuracy_m")
    LATITUDE_FIELD_NUMBER: _ClassVar[int]
    LONGITUDE_FIELD_NUMBER: _ClassVar[int]
    DATUM_FIELD_NUMBER: _ClassVar[int]
    ACCURACY_M_FIELD_NUMBER: _ClassVar[int]
    latitude: float
    longitude: float
    datum: Datum
    accuracy_m: float
    def __init__(self, latitude: _Optional[float] = ..., longitude: _Optional[float] = ..., datum: _Optional[_Union[Datum, str]] = ..., accuracy_m: _Optional[float] = ...) -> None: ...

class PageRequest(_message.Message):
    __slots__ = ("page_size", "page_token")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...
