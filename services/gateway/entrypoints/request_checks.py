"""What every request must satisfy before any call looks at it: it parsed, its enum numbers
have names, its timestamps are dates, and no string or list is absurdly long.

The ceilings are far above any real field (each service enforces its own limits); they keep
a 100 KB name or a 20,000-item list from reaching a service at all.
"""

from __future__ import annotations

from google.protobuf.message import Message

from services.common.errors import InvalidArgument
from services.common.proto_checks import contract_violations
from services.gateway.entrypoints.registration import Undecodable

MAX_CHARS = 4096
MAX_ITEMS = 1000


def refuse_malformed(request: Message | Undecodable) -> None:
    if isinstance(request, Undecodable):
        raise InvalidArgument.of_field(request.field, request.description)
    found = contract_violations(request, MAX_CHARS, MAX_ITEMS)
    if found:
        raise InvalidArgument.of(found)
