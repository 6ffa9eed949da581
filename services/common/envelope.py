"""The event envelope (proto `sales.events.v1.Envelope`) and its canonical JSON form."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import TypeVar

from google.protobuf import json_format
from google.protobuf.message import Message

from sales.events.v1 import envelope_pb2

# The registry imports every payload module, which registers its types, so Any payloads
# parse from JSON.
from services.common import events  # noqa: F401
from services.common.ids import new_id

Envelope = envelope_pb2.Envelope
M = TypeVar("M", bound=Message)
EXCHANGE = "sales.events"


def new_envelope(
    event_type: str,
    payload: Message,
    *,
    tenant_id: str,
    producer: str,
    correlation_id: str = "",
    version: int = 1,
    occurred_at: datetime | None = None,
) -> envelope_pb2.Envelope:
    envelope = Envelope(
        id=new_id(),  # time-ordered, so logs and pages sort by age
        type=event_type,
        version=version,
        tenant_id=tenant_id,
        producer=producer,
        correlation_id=correlation_id,
    )
    envelope.occurred_at.FromDatetime(occurred_at or datetime.now(UTC))
    envelope.payload.Pack(payload)
    return envelope


def to_json(envelope: envelope_pb2.Envelope) -> str:
    return json_format.MessageToJson(envelope, indent=None, ensure_ascii=False)


def from_json(body: str | bytes | dict) -> envelope_pb2.Envelope:
    data = json.loads(body) if isinstance(body, str | bytes) else body
    # Unknown fields are skipped so an older consumer survives a newer producer; but a body
    # without an id, a type or a typed payload is not an envelope at all.
    envelope = json_format.ParseDict(data, Envelope(), ignore_unknown_fields=True)
    missing = [name for name, value in (("id", envelope.id), ("type", envelope.type),
               ("payload", envelope.payload.type_url)) if not value]  # fmt: skip
    if missing:
        raise ValueError(f"not an event envelope: missing {', '.join(missing)}")
    return envelope


def unpack(envelope: envelope_pb2.Envelope, payload_type: type[M]) -> M:
    payload = payload_type()
    if not envelope.payload.Unpack(payload):
        raise ValueError(
            f"event {envelope.id} carries {envelope.payload.TypeName()}, "
            f"not {payload_type.DESCRIPTOR.full_name}"
        )
    return payload
