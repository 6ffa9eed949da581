"""Time-ordered ids (UUIDv7, RFC 9562) so that newest-first pagination is an index scan.

Ids made in the same millisecond by one process still come out in the order they were made
(RFC 9562 method 3, a counter in the random bits): a receipt and the adjustment right after
it once listed in either order, because two random tails of one millisecond compare at
random."""

from __future__ import annotations

import os
import threading
import time
import uuid

_RANDOM_BITS = 74  # 12 of rand_a and 62 of rand_b, around the version and variant bits
_lock = threading.Lock()
_last = (0, 0)  # (millisecond, random tail) of the newest id this process made


def _layout(ms: int, tail: int) -> int:
    rand_a, rand_b = tail >> 62, tail & ((1 << 62) - 1)
    return (ms & ((1 << 48) - 1)) << 80 | 0x7 << 76 | rand_a << 64 | 0b10 << 62 | rand_b


def _next(ms: int, tail: int) -> tuple[int, int]:
    """After the newest id in the same millisecond: its tail plus one (a random step would
    leave no room), carried into the next millisecond on overflow."""
    global _last
    with _lock:
        last_ms, last_tail = _last
        if ms == last_ms:
            tail = last_tail + 1
            if tail >> _RANDOM_BITS:
                ms, tail = ms + 1, 0
        _last = (ms, tail)
    return ms, tail


def new_id() -> str:
    ms = time.time_ns() // 1_000_000
    tail = int.from_bytes(os.urandom(10), "big") >> (80 - _RANDOM_BITS)
    return str(uuid.UUID(int=_layout(*_next(ms, tail))))
