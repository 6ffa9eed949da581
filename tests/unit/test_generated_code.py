"""The committed generated code under sales/ must match proto/: stale code fails the run."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HINT = "generated code under sales/ is stale: run `make proto` and commit the result"


def _generate(out: Path) -> None:
    spec = importlib.util.spec_from_file_location("gen_proto", ROOT / "scripts" / "gen_proto.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.generate(out)


def _files(base: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(base)): path.read_bytes()
        for path in sorted(base.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }


def test_committed_generated_code_matches_proto(tmp_path: Path) -> None:
    _generate(tmp_path)
    fresh = _files(tmp_path / "sales")
    committed = _files(ROOT / "sales")
    assert fresh, "gen_proto produced nothing"

    missing = sorted(set(fresh) - set(committed))
    extra = sorted(set(committed) - set(fresh))
    differ = sorted(name for name in set(fresh) & set(committed) if fresh[name] != committed[name])
    assert not missing, f"{HINT}; missing from sales/: {missing}"
    assert not extra, f"{HINT}; in sales/ but not generated from proto/: {extra}"
    assert not differ, f"{HINT}; differs from proto/: {differ}"
