"""Paging through a tenant's register (stores, products) by the number each entry gets when
it is stored, in bounded windows of numbers.

Why (measured here, ADR 023): the embedded MongoDB-wire server materialises every document an
index range yields before it sorts and limits, and a filter field outside the index turns the
query into a collection scan. `{tenant_id, _id > cursor}.sort().limit(51)` over 18,000 stores
read all 18,000 and took 0.9-1.8 s a page; the same page as `number in (after, after + 51]`
took 4 ms. So each query names exactly an index's fields (equalities, then a window on
`number`), the other filters are checked here, and the window doubles until the page is
full or the register ends.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from pymongo.client_session import ClientSession
from pymongo.collection import Collection

FIRST_WINDOW, MAX_WINDOW = 64, 4096
Doc = dict[str, Any]


def numbered(
    collection: Collection,
    session: ClientSession | None,
    base: Doc,
    after: int,
    last: int,
    limit: int,
) -> Iterator[Doc]:
    """Documents matching `base` (an index's equality fields) numbered after `after`, in
    number order, read window by window up to `last` (the register's highest number)."""
    low, span = after, max(FIRST_WINDOW, limit)
    while low < last:
        high = min(low + span, last)
        query = {**base, "number": {"$gt": low, "$lte": high}}
        yield from collection.find(query, sort=[("number", 1)], session=session)
        low, span = high, min(span * 2, MAX_WINDOW)


def page(docs: Iterator[Doc], keep: Callable[[Doc], bool], limit: int) -> list[Doc]:
    found: list[Doc] = []
    for doc in docs:
        if keep(doc):
            found.append(doc)
            if len(found) >= limit:
                break
    return found


class Counters:
    """One counter document per tenant and register: `reserve(n)` hands out the next n
    numbers. Inside a transaction two writers of one tenant conflict on it and one retries,
    so numbers are never handed out twice."""

    def __init__(self, collection: Collection, session: ClientSession | None, kind: str) -> None:
        self._counters = collection
        self._s = session
        self._kind = kind

    def reserve(self, tenant_id: str, count: int) -> int:
        """The first of `count` new numbers."""
        key = f"{tenant_id}:{self._kind}"
        self._counters.update_one(
            {"_id": key}, {"$inc": {"value": count}}, upsert=True, session=self._s
        )
        doc = self._counters.find_one({"_id": key}, session=self._s)
        assert doc is not None  # just written
        return int(doc["value"]) - count + 1

    def last(self, tenant_id: str) -> int:
        doc = self._counters.find_one({"_id": f"{tenant_id}:{self._kind}"}, session=self._s)
        return int(doc["value"]) if doc else 0
