"""A card's or an import's fingerprint decides whether a second submit is the same content
(idempotent) or ALREADY_EXISTS. Computed without asdict's copies, it must be the very value
stored before: otherwise every card and import stored earlier would refuse its own retry."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from datetime import timedelta

from services.common.fingerprints import content_fingerprint, plain
from services.visits.domain.cards import NewCommitment
from services.visits.domain.history import (
    Closure,
    HistoricalCard,
    HistoricalPlanDay,
    HistoricalRating,
    HistoryImport,
)
from tests.unit.visits_builders import CHECK_IN_AT, TENANT, draft, stamp, uid


def _as_before(content) -> str:
    text = json.dumps(content, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def _card(minutes: int):
    at = CHECK_IN_AT + timedelta(minutes=minutes)
    return draft(
        check_in=stamp(at), check_out=stamp(at + timedelta(minutes=25)),
        commitments=(NewCommitment(uid(), "下周三前补齐端架陈列物料", at.date()),),
    )  # fmt: skip


def test_a_card_keeps_the_fingerprint_it_was_stored_with():
    card = _card(0)
    assert card.fingerprint() == _as_before(asdict(card))


def test_an_import_keeps_its_fingerprint_and_changes_with_its_content():
    card = _card(0)
    closure = Closure(
        card.commitments[0].commitment_id, "done", CHECK_IN_AT + timedelta(days=2), "已完成"
    )
    request = HistoryImport(
        TENANT, "imp-1", 1, 1, (HistoricalCard(card, CHECK_IN_AT, (closure,)),),
        (HistoricalPlanDay("rep-1", "2026-11-03", ("store-1",)),),
        (HistoricalRating(card.visit_id, 5, "服务不错", CHECK_IN_AT),),
    )  # fmt: skip
    before = asdict(request)
    before.pop("wire")
    assert request.fingerprint() == _as_before(before)
    other = HistoryImport(TENANT, "imp-1", 1, 1, (HistoricalCard(_card(5), CHECK_IN_AT),))
    assert other.fingerprint() != request.fingerprint()


def test_nested_values_come_out_as_json_sees_them():
    assert plain({"a": (1, [2, {"b": (3,)}])}) == {"a": [1, [2, {"b": [3]}]]}
    assert content_fingerprint({"名": "李明"}) == content_fingerprint({"名": "李明"})
