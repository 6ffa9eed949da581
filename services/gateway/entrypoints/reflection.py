"""Server reflection under both names clients ask for (SPEC G2).

grpcio-reflection 1.85 serves only `grpc.reflection.v1alpha`; grpcurl, Postman and
@grpc/reflection try `grpc.reflection.v1` first. The two protocols are the same messages
under another package, byte for byte on the wire, so the v1 service is the v1alpha servicer
registered under the v1 name, and the v1 file is added to the descriptor pool (built from the
v1alpha one) so that reflection can describe itself under either name.
"""

from __future__ import annotations

import grpc
from google.protobuf import descriptor_pb2, descriptor_pool, message_factory
from grpc_reflection.v1alpha import reflection, reflection_pb2, reflection_pb2_grpc

V1_PACKAGE = "grpc.reflection.v1"
V1_SERVICE_NAME = f"{V1_PACKAGE}.ServerReflection"


def _v1_file() -> descriptor_pb2.FileDescriptorProto:
    v1 = descriptor_pb2.FileDescriptorProto()
    reflection_pb2.DESCRIPTOR.CopyToProto(v1)
    old, new = f".{v1.package}.", f".{V1_PACKAGE}."
    v1.name, v1.package = "grpc/reflection/v1/reflection.proto", V1_PACKAGE
    v1.options.Clear()  # v1alpha's java/go package options do not name v1's
    messages = list(v1.message_type)
    while messages:
        message = messages.pop()
        messages.extend(message.nested_type)
        for field in message.field:
            if field.type_name:  # assigning "" would mark scalar fields as typed
                field.type_name = field.type_name.replace(old, new, 1)
    for method in (m for service in v1.service for m in service.method):
        method.input_type = method.input_type.replace(old, new, 1)
        method.output_type = method.output_type.replace(old, new, 1)
    return v1


def _v1_descriptor():
    pool = descriptor_pool.Default()
    try:
        return pool.FindFileByName("grpc/reflection/v1/reflection.proto")
    except KeyError:
        return pool.Add(_v1_file())


V1_FILE = _v1_descriptor()
V1_REQUEST = message_factory.GetMessageClass(
    V1_FILE.message_types_by_name["ServerReflectionRequest"]
)
V1_RESPONSE = message_factory.GetMessageClass(
    V1_FILE.message_types_by_name["ServerReflectionResponse"]
)


def enable(server: grpc.aio.Server, service_names: tuple[str, ...]) -> None:
    """Reflection for `service_names` (plus both reflection services) under v1 and v1alpha."""
    names = (*service_names, reflection.SERVICE_NAME, V1_SERVICE_NAME)
    servicer = reflection.aio.ReflectionServicer(names)
    reflection_pb2_grpc.add_ServerReflectionServicer_to_server(servicer, server)
    v1_handler = grpc.stream_stream_rpc_method_handler(
        servicer.ServerReflectionInfo,
        request_deserializer=reflection_pb2.ServerReflectionRequest.FromString,
        response_serializer=reflection_pb2.ServerReflectionResponse.SerializeToString,
    )
    server.add_generic_rpc_handlers(
        (
            grpc.method_handlers_generic_handler(
                V1_SERVICE_NAME, {"ServerReflectionInfo": v1_handler}
            ),
        )
    )
