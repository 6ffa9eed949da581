"""A content fingerprint of a dataclass value: the SHA-256 of its canonical JSON.

`dataclasses.asdict` deep-copies every leaf on the way, which made fingerprints a third of
ImportVisitHistory's CPU (py-spy, 500 cards a call). `plain` builds the same structure
without copying, so a fingerprint stored before it is the one computed now."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from typing import Any


def plain(value: Any) -> Any:
    """What `dataclasses.asdict` gives for the value, as far as JSON can tell: dataclasses
    as dicts of their fields, lists and tuples as lists, dicts by value."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {plain(k): plain(v) for k, v in value.items()}
    return value


def content_fingerprint(content: Any) -> str:
    """Keys sorted, anything JSON does not know by its str(), Chinese kept as it is."""
    text = json.dumps(content, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()
