import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class OrderLine(_message.Message):
    __slots__ = ("sku", "quantity", "amount_fen")
    SKU_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FEN_FIELD_NUMBER: _ClassVar[int]
    sku: str
    quantity: int
    amount_fen: int
    def __init__(self, sku: _Optional[str] = ..., quantity: _Optional[int] = ..., amount_fen: _Optional[int] = ...) -> None: ...

class ErpOrderRecorded(_message.Message):
    __slots__ = ("order_id", "store_external_id", "lines", "ordered_at", "total_fen", "currency")
    ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    STORE_EXTERNAL_ID_FIELD_NUMBER: _ClassVar[int]
    LINES_FIELD_NUMBER: _ClassVar[int]
    ORDERED_AT_FIELD_NUMBER: _ClassVar[int]
    TOTAL_FEN_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_FIELD_NUMBER: _ClassVar[int]
    order_id: str
    store_external_id: str
    lines: _containers.RepeatedCompositeFieldContainer[OrderLine]
    ordered_at: _timestamp_pb2.Timestamp
    total_fen: int
    currency: str
    def __init__(self, order_id: _Optional[str] = ..., store_external_id: _Optional[str] = ..., lines: _Optional[_Iterable[_Union[OrderLine, _Mapping]]] = ..., ordered_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., total_fen: _Optional[int] = ..., currency: _Optional[str] = ...) -> None: ...
