"""ADR 041: on SecantusDB a read that names an index walks all of it, whatever the bounds
(1.7 s a find_one at 60,000 documents, 295 s a 492-key `$in`, against 2 ms and 2.9 s
unhinted). Updates by _id keep their hint (faster there); no read may carry one."""

from __future__ import annotations

import ast
from pathlib import Path

SERVICES = Path(__file__).resolve().parents[2] / "services"
READS = {"find", "find_one", "count_documents", "aggregate", "distinct"}


def _hinted_reads(tree: ast.AST) -> list[int]:
    lines = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        cursor_hint = node.func.attr == "hint"  # find(...).hint(...)
        named = node.func.attr in READS and any(k.arg == "hint" for k in node.keywords)
        if cursor_hint or named:
            lines.append(node.lineno)
    return lines


def test_no_repository_read_names_an_index():
    found = [
        f"{path.relative_to(SERVICES.parent)}:{line}"
        for path in sorted(SERVICES.rglob("*.py"))
        for line in _hinted_reads(ast.parse(path.read_text(encoding="utf-8")))
    ]
    assert not found, found


def test_the_check_sees_both_spellings():
    code = "c.find({}).hint('_id_')\nc.find_one({}, hint='x')\nc.update_one({}, {}, hint='_id_')"
    assert _hinted_reads(ast.parse(code)) == [1, 2]
