"""An event as notify needs it: the facts the templates show and the people involved."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from services.notify.domain.templates import Facts


@dataclass(frozen=True)
class Notice:
    event_id: str
    event_type: str
    tenant_id: str
    facts: Facts
    # role -> person id as the event names them: rep, supervisor, and others a template
    # shows by name (next_rep).
    people: Mapping[str, str] = field(default_factory=dict)
    region_code: str = ""
    origin_at: datetime | None = None  # when the business fact happened (lead created)
    event_at: datetime | None = None  # the envelope's occurred_at
    # the finance people the event is routed to (an approval names those covering its
    # region when it was opened); none named: finance covering region_code in the directory
    finance_ids: tuple[str, ...] = ()


class MalformedEvent(ValueError):
    """The event cannot be turned into a notice: its payload does not unpack, or it lacks
    the ids notify needs. It is logged as a failed delivery, never retried."""
