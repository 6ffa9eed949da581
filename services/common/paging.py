"""Cursor pagination shared by every List call: page_size + opaque page_token."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable, Sequence
from typing import TypeVar

from services.common.errors import InvalidArgument

MAX_PAGE = 200
DEFAULT_PAGE = 50
T = TypeVar("T")


def decode(page_size: int, page_token: str) -> tuple[str, int]:
    """-> (the key to continue after, how many to return)."""
    if page_size < 0 or page_size > MAX_PAGE:
        raise InvalidArgument.of_field("page.page_size", f"每页条数必须在 1 到 {MAX_PAGE} 之间")
    try:
        after = (
            base64.b64decode(page_token, altchars=b"-_", validate=True).decode()
            if page_token
            else ""
        )
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise InvalidArgument.of_field("page.page_token", "分页标记无效") from None
    return after, page_size or DEFAULT_PAGE


def page(items: Sequence[T], limit: int, key: Callable[[T], str]) -> tuple[list[T], str]:
    """`items` was fetched with limit + 1: the extra one tells whether a next page exists."""
    if len(items) <= limit:
        return list(items), ""
    return list(items[:limit]), base64.urlsafe_b64encode(key(items[limit - 1]).encode()).decode()
