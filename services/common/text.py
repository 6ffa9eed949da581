"""Rules for text that comes from outside: how much of it an answer may quote, and digits
that are digits.

Python's `\\d` and `str.isdigit()` accept every Unicode digit (full-width １３９, Arabic-Indic
٣, ...), which no phone network, region table or database index expects: checks of numbers
use `ascii_digits` instead.
"""

from __future__ import annotations

import re
from functools import cache

QUOTE_LIMIT = 64  # characters of someone's input an error message repeats


def bounded(text: str, limit: int = QUOTE_LIMIT) -> str:
    """`text` as an error message may quote it: at most `limit` characters, and the reader
    is told how long the whole was (a 100 KB id echoed back once overflowed the trailer)."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}…(共 {len(text)} 字)"


@cache
def _digits(count: int | None) -> re.Pattern[str]:
    return re.compile(r"[0-9]+" if count is None else rf"[0-9]{{{count}}}")


def ascii_digits(text: str, count: int | None = None) -> bool:
    """Only 0-9 (and exactly `count` of them, if given)."""
    return bool(_digits(count).fullmatch(text))


@cache
def _token(extra: str, limit: int) -> re.Pattern[str]:
    return re.compile(rf"[A-Za-z0-9{re.escape(extra)}]{{1,{limit}}}")


def ascii_token(text: str, extra: str = "-", limit: int = 128) -> bool:
    """A key or token as providers issue them: ASCII letters, digits and `extra`, 1 to
    `limit` of them (`str.isalnum()` also takes Chinese characters and full-width digits)."""
    return bool(_token(extra, limit).fullmatch(text))
