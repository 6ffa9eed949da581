"""Finding a store by what a person types into a search box.

A Chinese store name is one "word" to a word-based matcher, and people type a part of it,
often skipping the brackets and the branch suffix: 联华 finds 世纪联华(学院路店), 联华学院
finds it too, 华联 does not. The rule: after normalising both (full-width to
half-width, case, no spaces or punctuation), the query's characters appear in the name in
the same order. A prefix is the strictest case of it.

Each stored name keeps the set of its characters, so a search reads only the stores that
hold the query's most telling character (an index on that set) and checks the order here.
"""

from __future__ import annotations

import unicodedata

MAX_QUERY = 30
# Characters nearly every outlet name has: a poor first cut, so the search leads with any
# other character of the query.
GENERIC = frozenset("店超市便利商行部场司公限有家号分路中心")


def normalise(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).casefold()
    return "".join(ch for ch in folded if unicodedata.category(ch)[0] in ("L", "N"))


def name_chars(name: str) -> list[str]:
    """The characters a name is indexed by: all but the generic ones, which would cost an
    index entry in nearly every store and never lead a search (each entry costs inserts)."""
    return sorted(set(normalise(name)) - GENERIC)


def lead_char(query: str) -> str | None:
    """The character of the (normalised) query to look up first; None when the query has
    only generic characters (便利店), which nearly every name matches anyway."""
    return next((ch for ch in query if ch not in GENERIC), None)


def matches(name: str, query: str) -> bool:
    """The query's characters (already normalised) appear in the normalised name, in
    order."""
    remaining = iter(normalise(name))
    return all(ch in remaining for ch in query)
