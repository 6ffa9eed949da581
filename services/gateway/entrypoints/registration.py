"""Serve the Gateway service from its descriptor, with deserializers that never throw.

grpc.aio parses each request before any handler runs; when protobuf refuses the bytes (a
string field that is not UTF-8) it answers UNKNOWN with a Python traceback text. Here a
request that does not parse becomes an `Undecodable` naming the field, which the servicer
answers with INVALID_ARGUMENT like any other bad input. Every method of the descriptor is
registered, so a call added to gateway.proto is served this way without a line here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import grpc
from google.protobuf import message_factory
from google.protobuf.descriptor import Descriptor, ServiceDescriptor
from google.protobuf.message import DecodeError, Message

from services.common.proto_checks import bad_utf8_field


@dataclass(frozen=True)
class Undecodable:
    """What arrived instead of a request that protobuf could not parse."""

    field: str
    description: str


def tolerant_parser(descriptor: Descriptor) -> Callable[[bytes], Message | Undecodable]:
    message_class = message_factory.GetMessageClass(descriptor)

    def parse(data: bytes) -> Message | Undecodable:
        try:
            return message_class.FromString(data)
        except DecodeError:
            field = bad_utf8_field(descriptor, data)
            if field:
                return Undecodable(field, "文字必须是有效的 UTF-8 编码")
            return Undecodable("request", "请求无法解析,不是有效的 protobuf 消息")

    return parse


def add_service(servicer: object, service: ServiceDescriptor, server: grpc.aio.Server) -> None:
    handlers = {}
    for method in service.methods:
        kind = {
            (False, False): grpc.unary_unary_rpc_method_handler,
            (True, False): grpc.stream_unary_rpc_method_handler,
            (False, True): grpc.unary_stream_rpc_method_handler,
            (True, True): grpc.stream_stream_rpc_method_handler,
        }[(method.client_streaming, method.server_streaming)]
        response_class = message_factory.GetMessageClass(method.output_type)
        handlers[method.name] = kind(
            getattr(servicer, method.name),
            request_deserializer=tolerant_parser(method.input_type),
            response_serializer=response_class.SerializeToString,
        )
    server.add_generic_rpc_handlers(
        (grpc.method_handlers_generic_handler(service.full_name, handlers),)
    )
