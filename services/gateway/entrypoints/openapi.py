"""The HTTP face's OpenAPI 3 document, generated from the Gateway's descriptors: a path per
unary call (`POST /api/v1/<Method>`), a schema per message in protobuf's JSON mapping. A
call added to gateway.proto appears here without a line of code, and the document cannot
drift from what the face parses, because both read the same descriptors."""

from __future__ import annotations

from google.protobuf.descriptor import Descriptor, FieldDescriptor, ServiceDescriptor

from services.gateway.entrypoints.calls import UNAUTHENTICATED_CALLS
from services.gateway.entrypoints.http_status import HTTP_OF

API_PREFIX = "/api/v1/"
F = FieldDescriptor
_INT32 = {F.TYPE_INT32, F.TYPE_SINT32, F.TYPE_SFIXED32}
_UINT32 = {F.TYPE_UINT32, F.TYPE_FIXED32}
_INT64 = {F.TYPE_INT64, F.TYPE_SINT64, F.TYPE_SFIXED64}
_UINT64 = {F.TYPE_UINT64, F.TYPE_FIXED64}
# Well-known types have their own JSON forms (protobuf's JSON mapping).
_WELL_KNOWN = {
    "google.protobuf.Timestamp": {"type": "string", "format": "date-time"},
    "google.protobuf.Duration": {"type": "string", "pattern": r"^-?[0-9]+(\.[0-9]{1,9})?s$"},
    "google.protobuf.Empty": {"type": "object", "additionalProperties": False},
    "google.protobuf.Struct": {"type": "object"},
    "google.protobuf.Value": {},
    "google.protobuf.ListValue": {"type": "array"},
    "google.protobuf.FieldMask": {"type": "string"},
    "google.protobuf.Any": {"type": "object"},
}
ERROR_SCHEMA = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["status", "code", "message", "fields"],
            "properties": {
                "status": {"type": "string", "enum": [c.name for c in HTTP_OF]},
                "code": {"type": "integer"},
                "message": {"type": "string"},
                "fields": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {
                            "field": {"type": "string"},
                            "description": {"type": "string"},
                        },
                    },
                },
            },
        }
    },
}


def document(service: ServiceDescriptor, served: set[str]) -> dict:
    """The paths of the `served` calls (the ones the servicer implements)."""
    schemas: dict[str, dict] = {"Error": ERROR_SCHEMA}
    paths = {}
    for method in service.methods:
        if method.client_streaming or method.server_streaming or method.name not in served:
            continue  # streams (UploadPhoto) stay on gRPC: JSON has no chunked request here
        _collect(method.input_type, schemas)
        _collect(method.output_type, schemas)
        paths[API_PREFIX + method.name] = {"post": _operation(method)}
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "销售过程平台网关 HTTP 接口 / Gateway HTTP face",
            "version": "1",
            "description": "The Gateway's gRPC calls as JSON (protobuf JSON mapping); errors "
            "carry the gRPC status name, code, message and offending fields.",
        },
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": {
                "bearer": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"},
                "session": {"type": "apiKey", "in": "cookie", "name": "sales_session"},
            },
        },
    }


def _operation(method) -> dict:
    public = method.name in UNAUTHENTICATED_CALLS
    error = {"description": "gRPC 状态", "content": _json("#/components/schemas/Error")}
    # 415: a body that is not application/json, refused before any call (http_face.py)
    errors = {str(status): error for status in sorted({*HTTP_OF.values(), 415} - {200})}
    return {
        "operationId": method.name,
        "security": [] if public else [{"bearer": []}, {"session": []}],
        "requestBody": {
            "required": False,
            "content": _json(_ref(method.input_type)),
        },
        "responses": {
            "200": {"description": "OK", "content": _json(_ref(method.output_type))},
            **errors,
        },
    }


def _json(ref: str) -> dict:
    return {"application/json": {"schema": {"$ref": ref}}}


def _ref(descriptor: Descriptor) -> str:
    return f"#/components/schemas/{descriptor.full_name}"


def _collect(descriptor: Descriptor, schemas: dict[str, dict]) -> None:
    name = descriptor.full_name
    if name in schemas:
        return
    if name in _WELL_KNOWN:
        schemas[name] = _WELL_KNOWN[name]
        return
    schema: dict = {"type": "object", "properties": {}, "additionalProperties": False}
    schemas[name] = schema
    for field in descriptor.fields:
        schema["properties"][field.json_name] = _field_schema(field, schemas)


def _field_schema(field: FieldDescriptor, schemas: dict[str, dict]) -> dict:
    if field.message_type is not None and field.message_type.GetOptions().map_entry:
        value = field.message_type.fields_by_name["value"]
        return {"type": "object", "additionalProperties": _scalar(value, schemas)}
    one = _scalar(field, schemas)
    if field.is_repeated:
        return {"type": "array", "items": one}
    return one


def _scalar(field: FieldDescriptor, schemas: dict[str, dict]) -> dict:
    kind = field.type
    if kind == F.TYPE_MESSAGE:
        _collect(field.message_type, schemas)
        return {"$ref": _ref(field.message_type)}
    if kind == F.TYPE_ENUM:
        return {"type": "string", "enum": [v.name for v in field.enum_type.values]}
    if kind in _INT32:
        return {"type": "integer", "format": "int32"}
    if kind in _UINT32:
        return {"type": "integer", "minimum": 0, "maximum": 4294967295}
    if kind in _INT64 | _UINT64:
        # int64 travels as a decimal string (JSON numbers lose precision past 2^53)
        pattern = r"^[0-9]{1,19}$" if kind in _UINT64 else r"^-?[0-9]{1,18}$"
        return {"type": "string", "format": "int64", "pattern": pattern}
    if kind in (F.TYPE_DOUBLE, F.TYPE_FLOAT):
        return {"type": "number"}
    if kind == F.TYPE_BOOL:
        return {"type": "boolean"}
    if kind == F.TYPE_BYTES:
        return {"type": "string", "format": "byte"}
    return {"type": "string"}
