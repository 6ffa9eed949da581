"""What every sheet import shares (stores, products): finding the columns by their Chinese or
English headers, reading a row's cells, and the per-row report a person reads to fix the
sheet. One row, one result; the codes and their labels live here once."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field

from services.common.errors import FieldViolation

# Row outcome code -> the label the report shows.
STATUSES: dict[str, str] = {
    "created": "新建",
    "updated": "已更新",
    "unchanged": "无变化",
    "duplicate": "重复",
    "failed": "失败",
}


@dataclass
class RowResult:
    row: int
    status: str  # a STATUSES code
    key: str = ""  # the row's external id / SKU
    id: str = ""  # what it wrote or matched
    errors: list[FieldViolation] = field(default_factory=list)

    @property
    def label(self) -> str:
        return STATUSES[self.status]


def _header_key(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).casefold()
    return "".join(ch for ch in folded if not ch.isspace())


def header_map(headers: list[str], aliases: Mapping[str, tuple[str, ...]]) -> dict[str, int]:
    """Column index of each known field (by any of its aliases; full-width brackets, case
    and spaces do not matter); unknown columns are ignored, the first of a repeat wins."""
    wanted = {_header_key(a): name for name, names in aliases.items() for a in names}
    found: dict[str, int] = {}
    for index, raw in enumerate(headers):
        name = wanted.get(_header_key(raw))
        if name is not None:
            found.setdefault(name, index)
    return found


def missing_columns(
    columns: dict[str, int], required: tuple[str, ...], aliases: Mapping[str, tuple[str, ...]]
) -> list[str]:
    """The Chinese header of each required field the sheet lacks."""
    return [aliases[name][0] for name in required if name not in columns]


@dataclass(frozen=True)
class Row:
    number: int
    values: list[str]
    columns: dict[str, int]

    def has(self, name: str) -> bool:
        return name in self.columns

    def cell(self, name: str) -> str:
        index = self.columns.get(name)
        return self.values[index].strip() if index is not None and index < len(self.values) else ""

    @property
    def blank(self) -> bool:
        return not any(v.strip() for v in self.values)


def summary(results: list[RowResult]) -> dict[str, int]:
    counts = dict.fromkeys(STATUSES, 0)
    for r in results:
        counts[r.status] += 1
    return counts


def summary_text(results: list[RowResult]) -> str:
    counts = summary(results)
    parts = ",".join(f"{STATUSES[code]} {n}" for code, n in counts.items())
    return f"共 {len(results)} 行:{parts}"
