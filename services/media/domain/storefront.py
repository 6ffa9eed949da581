"""Storefront recognition (M4): the sign's text matched against the registered stores near the
check-in. Names are compared by characters (a word-based scorer sees a Chinese name as one
word) and by pinyin (张记 and 章记 are one shop to a rep typing fast), after the generic part
of a name (便利店, 超市, 店, a branch in brackets) is taken off."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from pypinyin import lazy_pinyin
from rapidfuzz import fuzz

from services.media.domain.geo import distance_m
from services.media.domain.model import GeoPoint
from services.media.domain.settings import FieldCheckSettings
from services.media.domain.stores import StoreSighting

# Longest first, so 生活超市 goes before 超市 and 超市 before 店.
GENERIC_SUFFIXES = (
    "生活超市", "便利超市", "连锁超市", "购物中心", "购物广场", "便利店", "专卖店", "小卖部",
    "生鲜", "超市", "商店", "商行", "百货", "士多", "门店", "店",
)  # fmt: skip
BRANCH = re.compile(r"[((\[【<《].*?[))\]】>》]")
NOT_NAME = re.compile(r"[^\w]|_", re.UNICODE)
CJK = re.compile(r"[\u4e00-\u9fff]")
MIN_LINE_CONFIDENCE = 0.5
# The card's store is confirmed only if no other nearby store fits the sign clearly better:
# 福满多便利店 on the card, 福满多粮油店 on the sign and in the street, is the other shop.
CLEARLY_BETTER = 10.0


class MatchOutcome(StrEnum):
    CONFIRMED = "confirmed"
    MATCHED = "matched"
    MISMATCH = "mismatch"
    PROPOSED = "proposed"
    UNREADABLE = "unreadable"


MATCH_LABELS = {
    MatchOutcome.CONFIRMED: "门头与拜访门店一致",
    MatchOutcome.MATCHED: "识别出附近已登记的门店",
    MatchOutcome.MISMATCH: "门头与拜访门店不符",
    MatchOutcome.PROPOSED: "未找到已登记门店,建议登记新门店",
    MatchOutcome.UNREADABLE: "未能识别门头文字",
}


@dataclass(frozen=True)
class SignLine:
    """One line of text the OCR read: its confidence (0-1) and its height in pixels."""

    text: str
    confidence: float
    height: float


@dataclass(frozen=True)
class ProposedStore:
    name: str
    location: GeoPoint | None
    ocr_text: str


@dataclass(frozen=True)
class StoreMatch:
    outcome: MatchOutcome
    sign_text: str
    lines: tuple[str, ...]
    store: StoreSighting | None = None
    score: float = 0.0
    proposal: ProposedStore | None = None
    candidates: int = 0


def normalise_name(name: str) -> str:
    """The distinctive part of a store name: full-width folded, branch and punctuation
    removed, generic suffixes stripped (but never down to nothing)."""
    text = NOT_NAME.sub("", BRANCH.sub("", unicodedata.normalize("NFKC", name))).lower()
    core = text
    stripped = True
    while stripped:
        stripped = False
        for suffix in GENERIC_SUFFIXES:
            if core.endswith(suffix) and len(core) > len(suffix):
                core = core[: -len(suffix)]
                stripped = True
                break
    return core


def name_similarity(sign: str, registered: str) -> float:
    """0-100: the better of the characters and their pinyin; a sign line that holds the whole
    registered name (a slogan around it) counts nearly as much as an equal one."""
    a, b = normalise_name(sign), normalise_name(registered)
    if not a or not b:
        return 0.0
    plain = fuzz.ratio(a, b)
    spoken = fuzz.ratio(" ".join(lazy_pinyin(a)), " ".join(lazy_pinyin(b)))
    contained = 0.0
    if min(len(a), len(b)) >= 2:
        contained = fuzz.partial_ratio(a, b) * 0.9
    return max(plain, spoken, contained)


def readable_lines(lines: list[SignLine]) -> list[SignLine]:
    return [
        line
        for line in lines
        if line.confidence >= MIN_LINE_CONFIDENCE and CJK.search(line.text) is not None
    ]


def match_storefront(
    lines: list[SignLine],
    visit_store: StoreSighting | None,
    nearby: list[StoreSighting],
    check_in: GeoPoint | None,
    settings: FieldCheckSettings,
) -> StoreMatch:
    readable = readable_lines(lines)
    if not readable:
        return StoreMatch(MatchOutcome.UNREADABLE, "", tuple(line.text for line in lines))
    sign = max(readable, key=lambda line: line.height).text
    texts = tuple(line.text for line in readable)
    candidates = _candidates(visit_store, nearby)
    # Equal names (two branches of one chain) are told apart by which is nearer.
    scored = sorted(
        ((max(name_similarity(t, s.name) for t in texts), s) for s in candidates),
        key=lambda pair: (-pair[0], _distance(check_in, pair[1])),
    )
    base = StoreMatch(MatchOutcome.PROPOSED, sign, texts, candidates=len(nearby))
    return _decide(base, scored, visit_store, check_in, settings)


def _distance(check_in: GeoPoint | None, store: StoreSighting) -> float:
    if check_in is None or store.location is None:
        return float("inf")
    return distance_m(check_in, store.location)


def _candidates(
    visit_store: StoreSighting | None, nearby: list[StoreSighting]
) -> list[StoreSighting]:
    stores = {s.store_id: s for s in nearby}
    if visit_store is not None:
        stores.setdefault(visit_store.store_id, visit_store)
    return list(stores.values())


def _decide(
    base: StoreMatch,
    scored: list[tuple[float, StoreSighting]],
    visit_store: StoreSighting | None,
    check_in: GeoPoint | None,
    settings: FieldCheckSettings,
) -> StoreMatch:
    threshold = settings.store_match_min_score
    best_score, best = scored[0] if scored else (0.0, None)
    if visit_store is not None:
        own = next(score for score, s in scored if s.store_id == visit_store.store_id)
        if own >= threshold and own > best_score - CLEARLY_BETTER:
            return _with(base, MatchOutcome.CONFIRMED, visit_store, own)
        if best is not None and best_score >= threshold:
            return _with(base, MatchOutcome.MISMATCH, best, best_score)
        return _with(base, MatchOutcome.MISMATCH, None, own, _proposal(base, check_in))
    if best is not None and best_score >= threshold:
        return _with(base, MatchOutcome.MATCHED, best, best_score)
    return _with(base, MatchOutcome.PROPOSED, None, best_score, _proposal(base, check_in))


def _proposal(base: StoreMatch, check_in: GeoPoint | None) -> ProposedStore:
    name = unicodedata.normalize("NFKC", base.sign_text).strip()
    return ProposedStore(name=name, location=check_in, ocr_text=" ".join(base.lines))


def _with(
    base: StoreMatch,
    outcome: MatchOutcome,
    store: StoreSighting | None,
    score: float,
    proposal: ProposedStore | None = None,
) -> StoreMatch:
    return StoreMatch(
        outcome, base.sign_text, base.lines, store, round(score, 1), proposal, base.candidates
    )


def mismatch_detail(match: StoreMatch, visit_store: StoreSighting) -> str:
    read = f"门头识别为“{match.sign_text}”"
    if match.store is not None:
        return f"{read},对应附近门店“{match.store.name}”,而不是本次拜访的“{visit_store.name}”"
    return f"{read},与本次拜访的门店“{visit_store.name}”不符"
