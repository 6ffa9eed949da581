"""GB/T 2260 administrative division codes: six digits, province-city-county pairs.

One table for every service that takes a region code (the gateway's directory, assignment's
leads and rules). Digits are ASCII only: `\\d` would also take full-width ３３０１００.
"""

from __future__ import annotations

import re

# First two digits of every province-level division in GB/T 2260.
PROVINCE_PREFIXES = frozenset(
    {"11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36"}
    | {"37", "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62"}
    | {"63", "64", "65", "71", "81", "82"}
)
_CODE = re.compile(r"[0-9]{6}")


def is_valid_region_code(code: str) -> bool:
    return bool(_CODE.fullmatch(code)) and code[:2] in PROVINCE_PREFIXES


def covers(coverage_code: str, lead_code: str) -> bool:
    """A rep covering 330100 (a city) covers 330106 (a county in it); 330000 covers the
    province. Trailing "00" pairs are the wildcard."""
    prefix = coverage_code
    while prefix.endswith("00") and len(prefix) > 2:
        prefix = prefix[:-2]
    return lead_code.startswith(prefix)
