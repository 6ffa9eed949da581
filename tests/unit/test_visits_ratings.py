"""SPEC V8 on the in-memory fakes with the real token signer and QR renderer: a submitted
visit issues a QR code whose PNG holds the rating URL; the store rates once; forged,
replayed and expired tokens are each refused with their own status; bad stars spend
nothing; visit.rated carries the week; weekly satisfaction per rep."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

import jwt
import pytest
import zxingcpp
from PIL import Image

from services.common import events
from services.common.errors import (
    AlreadyExists,
    FailedPrecondition,
    InvalidArgument,
    NotFound,
    Unauthenticated,
)
from services.visits.adapters.qr_codes import PngQrCodes
from services.visits.adapters.rating_tokens import AUDIENCE, JwtRatingTokens
from services.visits.application import ratings
from services.visits.domain.people import Person
from services.visits.domain.ratings import RatingClaims
from tests.fakes.visits import FakeCard, FakeCards, fake_uow

NOW = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)  # Tuesday of 2026-W49 in Shanghai
TENANT, SECRET = "t1", "a-test-secret-of-enough-length-0123456789"
TOKENS = JwtRatingTokens(SECRET, "https://rate.example.cn/r")


def world():
    uow = fake_uow()
    # cards as b2 reads them (the CardView of application/ports.py); b1's cards fake holds
    # whole cards, which these tests do not need
    uow.repo.cards = FakeCards()
    uow.repo.people.upsert(Person(TENANT, "sup-1", "王主管", frozenset({"supervisor"})))
    uow.repo.people.upsert(
        Person(TENANT, "rep-1", "李业务", frozenset({"rep"}), supervisor_id="sup-1")
    )
    for i in range(3):
        uow.repo.cards.add(FakeCard(TENANT, f"v{i}", "rep-1", "s1", "好又多", "330106", NOW))
    return uow


def issue(uow, visit_id="v0", rep_id="rep-1", at=NOW):
    return ratings.issue_code(uow, TOKENS, PngQrCodes(), TENANT, visit_id, rep_id, rep_id, at)


def rate(uow, token, stars=5, comment="服务很好", at=NOW + timedelta(hours=1)):
    return ratings.rate_visit(uow, TOKENS, token, stars, comment, at)


def test_the_qr_png_holds_the_rating_url_with_its_token():
    code = issue(world())
    assert code.png.startswith(b"\x89PNG")
    decoded = zxingcpp.read_barcodes(Image.open(io.BytesIO(code.png)))
    assert [d.text for d in decoded] == [code.url]
    assert code.url == f"https://rate.example.cn/r?t={code.token}"
    assert code.expires_at == NOW + timedelta(days=7)


def test_the_store_rates_once_and_visit_rated_feeds_the_week():
    uow = world()
    rating = rate(uow, issue(uow).token, stars=4)
    assert (rating.rep_id, rating.stars, rating.week, rating.supervisor_id) == (
        "rep-1",
        4,
        "2026-W49",
        "sup-1",
    )
    rated = events.payload(uow.published[-1])
    assert uow.published[-1].type == "visit.rated"
    assert (rated.visit_id, rated.stars, rated.week, rated.comment) == (
        "v0",
        4,
        "2026-W49",
        "服务很好",
    )
    rate(uow, issue(uow, "v1").token, stars=2)
    week = ratings.weekly_satisfaction(uow, TENANT, "rep-1", "2026-W49")
    assert (week.ratings, week.average, week.by_stars) == (2, 3.0, (0, 1, 0, 1, 0))


def test_a_forged_token_is_unauthenticated():
    uow = world()
    good = issue(uow).token
    other_key = JwtRatingTokens("another-secret-of-enough-length-0123456789", "x")
    forged = other_key.sign(RatingClaims(TENANT, "v0", "n-1", NOW + timedelta(days=1)))
    tampered = good[:-3] + ("AAA" if not good.endswith("AAA") else "BBB")
    for token in (forged, tampered, "not-a-token", "", "x" * 5000):
        with pytest.raises(Unauthenticated):
            rate(uow, token)
    # signed with our key but never issued by us (a leaked key, or a test): still forged
    unissued = TOKENS.sign(RatingClaims(TENANT, "v0", "never-issued", NOW + timedelta(days=1)))
    with pytest.raises(Unauthenticated):
        rate(uow, unissued)
    assert uow.repo.ratings.ratings == {}


def test_a_replayed_token_is_already_exists_and_changes_nothing():
    uow = world()
    token = issue(uow).token
    rate(uow, token, stars=5)
    with pytest.raises(AlreadyExists):
        rate(uow, token, stars=1)
    with pytest.raises(FailedPrecondition):  # rated: no new code for it either
        issue(uow)
    assert uow.repo.ratings.of_visit(TENANT, "v0").stars == 5
    assert uow.published_types().count("visit.rated") == 1


def test_an_expired_token_is_failed_precondition():
    uow = world()
    code = issue(uow)
    with pytest.raises(FailedPrecondition) as raised:
        rate(uow, code.token, at=code.expires_at)
    assert "过期" in raised.value.message
    rate(uow, code.token, at=code.expires_at - timedelta(seconds=1))  # still good just before


def test_bad_stars_or_comment_are_invalid_and_spend_nothing():
    uow = world()
    token = issue(uow).token
    for stars, comment, field in ((0, "", "stars"), (6, "", "stars"), (3, "好" * 301, "comment")):
        with pytest.raises(InvalidArgument) as raised:
            rate(uow, token, stars=stars, comment=comment)
        assert [v.field for v in raised.value.violations] == [field]
    assert rate(uow, token, stars=3).stars == 3


def test_a_rep_issues_codes_only_for_their_own_submitted_visits():
    uow = world()
    with pytest.raises(NotFound):
        issue(uow, "v0", rep_id="rep-2")
    with pytest.raises(NotFound):
        issue(uow, "no-such-visit")


def test_tokens_carry_tenant_visit_expiry_and_nonce():
    code = issue(world())
    body = jwt.decode(code.token, SECRET, algorithms=["HS256"], audience=AUDIENCE)
    assert body["tid"] == TENANT and body["vid"] == "v0" and body["jti"]
    assert body["exp"] == int((NOW + timedelta(days=7)).timestamp())
