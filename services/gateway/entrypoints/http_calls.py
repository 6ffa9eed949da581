"""One Gateway call made over HTTP: the JSON body parsed with protobuf's own JSON mapping,
then the servicer's own method called in-process, exactly as grpc.aio calls it, with a
context that carries the caller's credentials and turns the method's `abort` into an
answer. Authentication, the request-shape checks, role and scope checks, error mapping,
metrics: all happen inside the method (the `rpc` decorator, calls.py), so the HTTP face has
no checks of its own to keep in step with the gRPC ones (ADR 033).

A body that is not JSON, or JSON protobuf refuses, reaches the method as the same
`Undecodable` a gRPC request that protobuf could not parse becomes (registration.py), so it
too is refused by the method, after authentication, as INVALID_ARGUMENT naming the field.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

import grpc
from google.protobuf import json_format, message_factory
from google.protobuf.descriptor import MethodDescriptor
from google.protobuf.message import Message

from services.gateway.entrypoints.http_status import HTTP_OF, code_of, error_body, retry_after_s
from services.gateway.entrypoints.registration import Undecodable

_FIELD_IN_ERROR = re.compile(r'(?:field named "|Failed to parse )([A-Za-z0-9_]+)')
BAD_JSON = "请求正文不是有效的 JSON 对象"


class Aborted(Exception):
    def __init__(self, code: grpc.StatusCode, details: str, trailers) -> None:
        super().__init__(details)
        self.code, self.details, self.trailers = code, details, tuple(trailers or ())


class HttpContext:
    """The part of grpc.aio.ServicerContext the Gateway's methods use: the metadata the
    caller sent, and abort (which, as in grpc.aio, never returns)."""

    def __init__(self, metadata: tuple[tuple[str, str], ...]) -> None:
        self._metadata = metadata

    def invocation_metadata(self) -> tuple[tuple[str, str], ...]:
        return self._metadata

    async def abort(self, code, details: str = "", trailing_metadata=()) -> None:
        raise Aborted(code if isinstance(code, grpc.StatusCode) else code_of(code), details,
                      trailing_metadata)  # fmt: skip


@dataclass(frozen=True)
class Answer:
    http_status: int
    body: dict
    headers: dict[str, str]


def parse_request(method: MethodDescriptor, text: str | None) -> Message | Undecodable:
    """The request message from a JSON body (an empty body is the empty request)."""
    message = message_factory.GetMessageClass(method.input_type)()
    if text is None:
        return Undecodable("request", "文字必须是有效的 UTF-8 编码")
    if not text.strip():
        return message
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        return Undecodable("request", BAD_JSON)
    if not isinstance(value, dict):
        return Undecodable("request", BAD_JSON)
    try:
        json_format.ParseDict(value, message, ignore_unknown_fields=False)
    except (json_format.ParseError, ValueError, TypeError, RecursionError) as error:
        found = _FIELD_IN_ERROR.search(str(error))
        field = found.group(1) if found else "request"
        return Undecodable(field, f"字段 {field} 的值不符合接口定义")
    return message


async def invoke(servicer, method: MethodDescriptor, text: str | None, metadata) -> Answer:
    """Call the servicer's method for `method` and answer as the HTTP face does."""
    request = parse_request(method, text)
    handler = getattr(servicer, method.name)
    try:
        response = await handler(request, HttpContext(metadata))
    except Aborted as aborted:
        headers = {}
        if (retry := retry_after_s(aborted.trailers)) is not None:
            headers["Retry-After"] = retry
        return Answer(
            HTTP_OF.get(aborted.code, 500),
            error_body(aborted.code, aborted.details, aborted.trailers),
            headers,
        )
    return Answer(200, to_json(response), {})


def to_json(message: Message) -> dict:
    """protobuf's JSON mapping (lowerCamelCase names, int64 as strings, enums by name),
    with every field present so a page never guesses a missing zero."""
    return json_format.MessageToDict(message, always_print_fields_with_no_presence=True)
