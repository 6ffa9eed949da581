"""Reused-photo detection (SPEC M3, issue 9) on the labelled set devstack/reuse_samples.py
builds: recall per kind of copy and false-flag rate per kind of new shot, for the detector
(band index -> ranking -> verification, ADR 028) beside the textbook rule (one pHash of the
whole frame within 10 bits) on the same set. Bar: recall >= 99 % at <= 1 % false flags.

Every original is indexed first (bands in a dict: the keys MongoDB's bucket documents hold,
found exactly when stored, tests/unit/test_media_band_buckets.py); every copy and every
negative is then looked up against all of them, so a negative counts as a false flag if it
is taken for a copy of ANY stored photo, not only its own scene.
"""

from __future__ import annotations

import argparse
import io
import time
from collections import defaultdict

import numpy as np
from PIL import Image

from bench.common import percentiles, progress, report
from devstack import reuse_samples as samples
from services.media.domain import reuse

RECALL_BAR, FALSE_FLAG_BAR, TEXTBOOK_BITS = 0.99, 0.01, 10


class Indexed:
    def __init__(self, originals: list[samples.Sample]) -> None:
        self.bands: dict[str, set[str]] = defaultdict(set)
        self.fine: dict[str, dict[str, int]] = {}
        self.gray: dict[str, np.ndarray] = {}
        self.textbook: dict[str, np.ndarray] = {}
        for sample in originals:
            rgb = _rgb(sample.data)
            small = reuse.luma(rgb, reuse.HASH_SIDE)
            fp = reuse.fingerprint(small)
            for key in fp.band_keys():
                self.bands[key].add(sample.name)
            self.fine[sample.name] = fp.fine
            self.gray[sample.name] = reuse.luma(rgb, reuse.VERIFY_SIDE)
            self.textbook[sample.name] = small

    def lookup(self, data: bytes) -> tuple[str | None, int]:
        """(the stored photo it copies or None, candidates the bands returned)."""
        rgb = _rgb(data)
        windows = reuse.probe(reuse.luma(rgb, reuse.HASH_SIDE))
        hits = set().union(*(self.bands.get(k, set()) for k in reuse.probe_keys(windows)))
        ranked = sorted(
            ((reuse.closest(windows, self.fine[n]), n) for n in hits), key=lambda r: r[0][0]
        )
        query = reuse.luma(rgb, reuse.VERIFY_SIDE)
        for (distance, window), name in ranked[: reuse.VERIFY_AT_MOST]:
            if distance > reuse.FINE_LIMIT:
                break
            hint = reuse.placement_of(window, query.shape, self.gray[name].shape)
            if reuse.verify(query, self.gray[name], hint).copy:
                return name, len(hits)
        return None, len(hits)

    def textbook_match(self, data: bytes) -> set[str]:
        small = reuse.luma(_rgb(data), reuse.HASH_SIDE)
        return {
            name
            for name, other in self.textbook.items()
            if reuse.textbook_distance(small, other) <= TEXTBOOK_BITS
        }


def _rgb(data: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(data)).convert("RGB"))


def rate(hits: list[bool]) -> float:
    return round(sum(hits) / len(hits), 4) if hits else 0.0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--stores", type=int, default=40)
    parser.add_argument("--new-visits", type=int, default=3)
    args = parser.parse_args()
    started = time.perf_counter()
    labelled = samples.build(stores=args.stores, new_visits=args.new_visits)
    index = Indexed(labelled.originals)
    built_s = time.perf_counter() - started
    ours: dict[str, list[bool]] = defaultdict(list)
    textbook: dict[str, list[bool]] = defaultdict(list)
    candidates, lookup_ms = [], []
    queries = labelled.positives + labelled.negatives
    for i, sample in enumerate(queries, 1):
        t0 = time.perf_counter()
        found, hits = index.lookup(sample.data)
        lookup_ms.append((time.perf_counter() - t0) * 1000)
        candidates.append(hits)
        near = index.textbook_match(sample.data)
        if sample.kind in samples.KINDS:
            ours[sample.kind].append(found == sample.original)
            textbook[sample.kind].append(sample.original in near)
        else:
            ours[sample.kind].append(found is not None)
            textbook[sample.kind].append(bool(near))
        progress("looked up", i, len(queries))
    _report(labelled, ours, textbook, candidates, lookup_ms, built_s)


def _report(labelled, ours, textbook, candidates, lookup_ms, built_s) -> None:
    positives = [hit for kind in samples.KINDS for hit in ours[kind]]
    negatives = [hit for kind in samples.NEGATIVE_KINDS for hit in ours[kind]]
    t_pos = [hit for kind in samples.KINDS for hit in textbook[kind]]
    t_neg = [hit for kind in samples.NEGATIVE_KINDS for hit in textbook[kind]]
    recall, false_flags = rate(positives), rate(negatives)
    report(
        "photo_reuse",
        {
            "set": {
                "originals": len(labelled.originals),
                "copies": len(labelled.positives),
                "new_shots": len(labelled.negatives),
                "built_s": round(built_s, 1),
            },
            "detector": {
                "recall": recall,
                "false_flag_rate": false_flags,
                "recall_per_kind": {k: rate(ours[k]) for k in samples.KINDS},
                "false_flags_per_kind": {k: rate(ours[k]) for k in samples.NEGATIVE_KINDS},
                "negatives_per_kind": {k: len(ours[k]) for k in samples.NEGATIVE_KINDS},
            },
            "textbook_phash_le_10": {
                "recall": rate(t_pos),
                "false_flag_rate": rate(t_neg),
                "recall_per_kind": {k: rate(textbook[k]) for k in samples.KINDS},
                "false_flags_per_kind": {k: rate(textbook[k]) for k in samples.NEGATIVE_KINDS},
            },
            "band_candidates_per_photo": {
                "p50": int(np.percentile(candidates, 50)),
                "max": int(max(candidates)),
            },
            "check_ms_per_photo": percentiles(lookup_ms),
            "bar": {"recall": RECALL_BAR, "false_flag_rate": FALSE_FLAG_BAR},
            "meets_bar": recall >= RECALL_BAR and false_flags <= FALSE_FLAG_BAR,
        },
    )


if __name__ == "__main__":
    main()
