"""How a service handles the events it consumes: a table from event type to handler, and the
outcome each handler reports, which the consumer counts (sales_events_consumed_total).

A handler's return value says what happened to the event, nothing else: "duplicate" only
when the inbox already held it, so a notice whose deliveries all failed still counts as
handled, and a type the service does not act on is "ignored".
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from enum import StrEnum
from typing import Any

from google.protobuf.message import Message

from services.common import events
from services.common.envelope import Envelope


class Outcome(StrEnum):
    OK = "ok"
    DUPLICATE = "duplicate"
    IGNORED = "ignored"


def consumed(result: object | None) -> Outcome:
    """The outcome of a `run_consuming` result: None means the event was already consumed."""
    return Outcome.DUPLICATE if result is None else Outcome.OK


# handler(service, payload, envelope): `service` is the nameko service instance (its
# dependencies), the payload is already unpacked as the registry's message for the type.
Handler = Callable[[Any, Message, Envelope], Outcome]


def dispatch(handlers: Mapping[str, Handler], service: Any, envelope: Envelope) -> Outcome:
    handler = handlers.get(envelope.type)
    if handler is None:
        return Outcome.IGNORED
    return handler(service, events.payload(envelope), envelope)
