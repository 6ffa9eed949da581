"""The one way visits imports a sheet (stores, products): idempotent by each row's key,
chunk by chunk, with a result per row.

Every row is read on its own first (a bad row is reported, the others go on). Then, per
chunk of CHUNK rows: one read of the keys already stored, and in one transaction the new
items are inserted together, the changed ones rewritten, the unchanged left alone (a file
imported twice reports every row "unchanged" and writes nothing). Each chunk commits on its
own: an import cut short (a restart) is simply run again. The same key twice in one sheet is
reported "duplicate" at its second row.

CHUNK is sized by the embedded server (measured: an `$in` read of 100 keys took 25-40 ms,
200 about 0.1 s, 500 keys 0.7-0.8 s); see bench/store_import.py.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from services.common.errors import AlreadyExists, DomainError, FieldViolation
from services.common.unit_of_work import Transaction, UnitOfWork
from services.visits.application.ports import VisitsRepository
from services.visits.domain.sheet_rows import Row, RowResult

CHUNK = 100
P = TypeVar("P")  # a parsed row
I = TypeVar("I")  # noqa: E741  (an item as stored: a Store, a Product)
Tx = Transaction[VisitsRepository]


@dataclass(frozen=True)
class Parsed(Generic[P]):
    row: int
    key: str
    value: P


class Importer(Protocol[P, I]):
    def existing(self, tx: Tx, keys: list[str]) -> dict[str, I]: ...
    def build(self, parsed: P) -> I:
        """A new item from its row; raises a DomainError naming what is wrong."""
        ...

    def change(self, current: I, parsed: P) -> I | None:
        """The row's new version of `current`, or None if the row changes nothing."""
        ...

    def add(self, tx: Tx, items: list[I]) -> list[I]: ...
    def save(self, tx: Tx, changes: list[tuple[I, I]]) -> None: ...
    def publish(self, tx: Tx, added: list[I], changes: list[tuple[I, I]]) -> None:
        """The chunk's events, once its writes are done (same transaction)."""
        ...

    def ident(self, item: I) -> str: ...


def _failed(row: int, key: str, error: DomainError) -> RowResult:
    return RowResult(
        row, "failed", key, errors=error.violations or [FieldViolation("row", error.message)]
    )


def parse_rows(
    rows: Iterable[Row], parse: Callable[[Row], Parsed[P]], key_field: str
) -> tuple[list[Parsed[P]], list[RowResult]]:
    """The good rows (first of each key) and the results of the others."""
    good: list[Parsed[P]] = []
    reported: list[RowResult] = []
    first: dict[str, int] = {}
    for row in rows:
        if row.blank:
            continue  # a blank line is not an item, and keeps the numbering true
        try:
            parsed = parse(row)
        except DomainError as error:
            reported.append(_failed(row.number, row.cell(key_field), error))
            continue
        if parsed.key in first:
            again = FieldViolation(key_field, f"与第 {first[parsed.key]} 行重复")
            reported.append(RowResult(row.number, "duplicate", parsed.key, errors=[again]))
            continue
        first[parsed.key] = row.number
        good.append(parsed)
    return good, reported


def import_rows(
    uow: UnitOfWork[VisitsRepository],
    rows: Iterable[Row],
    parse: Callable[[Row], Parsed[P]],
    key_field: str,
    importer: Importer[P, I],
) -> list[RowResult]:
    good, results = parse_rows(rows, parse, key_field)
    for start in range(0, len(good), CHUNK):
        results.extend(_import_chunk(uow, good[start : start + CHUNK], importer))
    return sorted(results, key=lambda r: r.row)


def _import_chunk(
    uow: UnitOfWork[VisitsRepository], chunk: list[Parsed[P]], importer: Importer[P, I]
) -> list[RowResult]:
    def work(tx: Tx) -> list[RowResult]:
        stored = importer.existing(tx, [p.key for p in chunk])
        results: list[RowResult] = []
        new: list[tuple[Parsed[P], I]] = []
        changes: list[tuple[I, I]] = []
        for parsed in chunk:
            try:
                if parsed.key not in stored:
                    new.append((parsed, importer.build(parsed.value)))
                    continue
                current = stored[parsed.key]
                changed = importer.change(current, parsed.value)
            except DomainError as error:
                results.append(_failed(parsed.row, parsed.key, error))
                continue
            status = "unchanged" if changed is None else "updated"
            results.append(RowResult(parsed.row, status, parsed.key, importer.ident(current)))
            if changed is not None:
                changes.append((current, changed))
        added = importer.add(tx, [item for _, item in new])
        results += [RowResult(p.row, "created", p.key, importer.ident(i)) for (p, _), i in zip(new, added, strict=True)]  # fmt: skip
        importer.save(tx, changes)
        importer.publish(tx, added, changes)
        return results

    try:
        return uow.run(work)
    except AlreadyExists:
        # Another import stored some of these keys meanwhile: read them again, once.
        return uow.run(work)
