"""M4: the sign matched against registered stores near the check-in (fast: no OCR here; the
real OCR runs in tests/integration/test_media_ocr.py and bench/ocr_storefront.py)."""

from __future__ import annotations

import pytest

from services.media.domain.geo import from_wgs84, to_wgs84
from services.media.domain.model import GeoPoint
from services.media.domain.settings import FieldCheckSettings
from services.media.domain.storefront import (
    MatchOutcome,
    SignLine,
    match_storefront,
    name_similarity,
    normalise_name,
)
from services.media.domain.stores import StoreSighting

SETTINGS = FieldCheckSettings(tenant_id="t")
HERE_GCJ = GeoPoint(30.25912, 120.13021, "gcj02")
HERE_WGS = to_wgs84(HERE_GCJ)  # the phone's own fix


def _store(store_id: str, name: str, metres_east: float = 0.0) -> StoreSighting:
    point = GeoPoint(HERE_GCJ.latitude, HERE_GCJ.longitude + metres_east / 96_000, "gcj02")
    return StoreSighting("t", store_id, name, point)


def _sign(*texts: str, confidence: float = 0.98) -> list[SignLine]:
    return [SignLine(t, confidence, 200 - i * 50) for i, t in enumerate(texts)]


@pytest.mark.parametrize(
    ("name", "core"),
    [
        ("好又多便利店", "好又多"),
        ("联华超市(学院路店)", "联华"),
        ("百佳乐生活超市", "百佳乐"),
        ("ＡＢＣ 便利店", "abc"),
        ("张记粮油店", "张记粮油"),
        ("店", "店"),  # never stripped to nothing
    ],
)
def test_generic_parts_are_stripped_before_scoring(name: str, core: str) -> None:
    assert normalise_name(name) == core


def test_names_compare_by_characters_and_by_pinyin() -> None:
    assert name_similarity("张记粮油店", "章记粮油") == 100  # 张/章: same sound
    assert name_similarity("好又多便利店", "好又多超市") == 100  # only the generic part differs
    assert name_similarity("美宜佳", "好又多便利店") < 40
    assert name_similarity("喜士多", "美宜佳") < 40


def test_the_visits_store_on_the_sign_is_confirmed() -> None:
    own = _store("s-1", "好又多便利店")
    nearby = [own, _store("s-2", "美宜佳", 80)]
    match = match_storefront(_sign("好又多便利店", "24小时营业"), own, nearby, HERE_WGS, SETTINGS)
    assert match.outcome == MatchOutcome.CONFIRMED and match.store == own
    assert match.score == 100 and match.sign_text == "好又多便利店" and match.candidates == 2


def test_another_nearby_store_on_the_sign_is_a_mismatch() -> None:
    own, other = _store("s-1", "好又多便利店"), _store("s-2", "美宜佳", 80)
    match = match_storefront(_sign("美宜佳"), own, [own, other], HERE_WGS, SETTINGS)
    assert match.outcome == MatchOutcome.MISMATCH and match.store == other


def test_without_a_store_on_the_visit_the_sign_finds_the_nearby_one() -> None:
    nearby = [_store("s-1", "好又多便利店", 50), _store("s-2", "美宜佳", 120)]
    match = match_storefront(_sign("美宜佳便利店"), None, nearby, HERE_WGS, SETTINGS)
    assert match.outcome == MatchOutcome.MATCHED and match.store == nearby[1]


def test_two_branches_of_one_chain_are_told_apart_by_distance() -> None:
    far, near = (
        _store("s-far", "联华超市(文三路店)", 250),
        _store("s-near", "联华超市(学院路店)", 20),
    )
    match = match_storefront(_sign("联华超市"), None, [far, near], HERE_WGS, SETTINGS)
    assert match.store == near


def test_an_unregistered_store_gets_a_prefilled_registration() -> None:
    match = match_storefront(
        _sign("新开张百货商行"), None, [_store("s-1", "美宜佳")], HERE_GCJ, SETTINGS
    )
    assert match.outcome == MatchOutcome.PROPOSED and match.store is None
    assert match.proposal is not None and match.proposal.name == "新开张百货商行"
    assert match.proposal.location == HERE_GCJ  # with its datum, as reported


def test_nothing_readable_is_unreadable_not_a_mismatch() -> None:
    own = _store("s-1", "好又多便利店")
    for lines in ([], _sign("0571-8765", confidence=0.99), _sign("好又多", confidence=0.2)):
        match = match_storefront(lines, own, [own], HERE_WGS, SETTINGS)
        assert match.outcome == MatchOutcome.UNREADABLE


def test_the_tenants_threshold_decides() -> None:
    own = _store("s-1", "好又多便利店")
    sign = _sign("好又多多")  # one character off
    assert match_storefront(sign, own, [own], HERE_WGS, SETTINGS).outcome == MatchOutcome.CONFIRMED
    strict = FieldCheckSettings(tenant_id="t", store_match_min_score=95)
    assert match_storefront(sign, own, [own], HERE_WGS, strict).outcome == MatchOutcome.MISMATCH


def test_store_points_of_any_datum_sort_by_true_distance() -> None:
    near_bd09 = StoreSighting("t", "s-bd", "联华超市", from_wgs84(HERE_WGS, "bd09"))
    far_gcj = _store("s-gcj", "联华超市", 200)
    match = match_storefront(_sign("联华超市"), None, [far_gcj, near_bd09], HERE_WGS, SETTINGS)
    assert match.store == near_bd09


def test_a_nearby_store_that_fits_the_sign_clearly_better_wins_over_the_card() -> None:
    card, street = _store("s-1", "福满多便利店"), _store("s-2", "福满多粮油店", 30)
    match = match_storefront(_sign("福满多粮油店"), card, [card, street], HERE_WGS, SETTINGS)
    assert match.outcome == MatchOutcome.MISMATCH and match.store == street
