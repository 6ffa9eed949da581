"""Visit card (SPEC V2, V3, G3): required fields at submit and the replay fingerprint."""

from __future__ import annotations

import copy
import dataclasses
import re
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

import pytest

from services.common.errors import InvalidArgument
from services.visits.domain.model import Commitment, GpsStamp, Visit
from services.visits.domain.validation import MAX_COMMITMENTS, validate_visit

CJK = re.compile(r"[\u4e00-\u9fff]")
# 09:00 on 2 May in Shanghai.
CHECK_IN_AT = datetime(2024, 5, 2, 1, 0, tzinfo=UTC)


def stamp(at: datetime | None = CHECK_IN_AT, **changes: object) -> GpsStamp:
    base = GpsStamp(latitude=30.27, longitude=120.13, datum="gcj02", accuracy_m=8.0, at=at)
    return dataclasses.replace(base, **changes)


def commitment(**changes: object) -> Commitment:
    base = Commitment(
        commitment_id="6f1c7a52-5b0e-4c38-9d0e-1f1f0a3c2b11",
        description="下周三前补齐端架陈列物料",
        due_date=date(2024, 5, 8),
    )
    return dataclasses.replace(base, **changes)


def good_visit() -> Visit:
    return Visit(
        visit_id="0190c2a4-6b1e-7cc0-8a55-6f5b8d0e4a21",
        tenant_id="t-hz",
        rep_id="rep-1",
        lead_id="lead-1",
        store_id="store-1",
        store_name="西湖区文三路便利店",
        check_in=stamp(),
        check_out=stamp(CHECK_IN_AT + timedelta(minutes=25)),
        core_demand="display_support",
        commitments=[commitment()],
        photo_ids=["ph-1", "ph-2", "ph-3"],
        special_price_requested=False,
        notes="店主希望增加冷柜陈列",
        submitted_at=CHECK_IN_AT + timedelta(minutes=30),
    )


def with_(**changes: object) -> Callable[[Visit], None]:
    def apply(visit: Visit) -> None:
        for name, value in changes.items():
            setattr(visit, name, value)

    return apply


def with_commitment(**changes: object) -> Callable[[Visit], None]:
    return with_(commitments=[commitment(**changes)])


def test_good_card_passes() -> None:
    validate_visit(good_visit())


def test_good_card_without_commitments_and_store_name_only_passes() -> None:
    visit = good_visit()
    visit.commitments = []
    visit.store_id = ""
    validate_visit(visit)


def test_due_date_on_visit_day_passes() -> None:
    visit = good_visit()
    visit.commitments = [commitment(due_date=date(2024, 5, 2))]
    validate_visit(visit)


BAD_CARDS: list[tuple[str, str, Callable[[Visit], None]]] = [
    ("visit_id not a UUID", "visit_id", with_(visit_id="visit-42")),
    ("visit_id empty", "visit_id", with_(visit_id="")),
    ("no rep", "rep_id", with_(rep_id="")),
    ("no store", "store_id", with_(store_id="", store_name="")),
    ("missing check_in", "check_in", with_(check_in=None)),
    ("missing check_out", "check_out", with_(check_out=None)),
    (
        "check_out before check_in",
        "check_out.at",
        with_(check_out=stamp(CHECK_IN_AT - timedelta(seconds=1))),
    ),
    ("check_in without time", "check_in.at", with_(check_in=stamp(None))),
    ("bad datum", "check_in.location.datum", with_(check_in=stamp(datum="utm"))),
    ("bad latitude", "check_out.location.latitude", with_(check_out=stamp(latitude=-91.0))),
    ("bad longitude", "check_in.location.longitude", with_(check_in=stamp(longitude=181.0))),
    ("no GPS fix", "check_in.location", with_(check_in=stamp(latitude=0.0, longitude=0.0))),
    ("unknown core demand", "core_demand", with_(core_demand="cheaper")),
    ("empty core demand", "core_demand", with_(core_demand="")),
    ("no photos", "photo_ids", with_(photo_ids=[])),
    (
        "commitment id not a UUID",
        "commitments[0].commitment_id",
        with_commitment(commitment_id="c-1"),
    ),
    ("empty commitment", "commitments[0].description", with_commitment(description="  ")),
    ("missing due date", "commitments[0].due_date", with_commitment(due_date=None)),
    ("past due date", "commitments[0].due_date", with_commitment(due_date=date(2024, 5, 1))),
    (
        "too many commitments",
        "commitments",
        with_(commitments=[commitment()] * (MAX_COMMITMENTS + 1)),
    ),
]


@pytest.mark.parametrize(
    ("field", "spoil"), [c[1:] for c in BAD_CARDS], ids=[c[0] for c in BAD_CARDS]
)
def test_each_missing_or_bad_field_is_named(field: str, spoil: Callable[[Visit], None]) -> None:
    visit = good_visit()
    spoil(visit)
    with pytest.raises(InvalidArgument) as caught:
        validate_visit(visit)
    assert [v.field for v in caught.value.violations] == [field]
    assert CJK.search(caught.value.violations[0].description)


def test_second_commitment_is_indexed() -> None:
    visit = good_visit()
    visit.commitments = [commitment(), commitment(description="")]
    with pytest.raises(InvalidArgument) as caught:
        validate_visit(visit)
    assert [v.field for v in caught.value.violations] == ["commitments[1].description"]


def test_due_date_compares_with_the_shanghai_visit_day() -> None:
    # 17:30 UTC on 1 May is 01:30 on 2 May in Shanghai: a due date of 1 May is already past.
    at = datetime(2024, 5, 1, 17, 30, tzinfo=UTC)
    visit = good_visit()
    visit.check_in = stamp(at)
    visit.check_out = stamp(at + timedelta(minutes=20))
    visit.commitments = [commitment(due_date=date(2024, 5, 1))]
    with pytest.raises(InvalidArgument) as caught:
        validate_visit(visit)
    assert [v.field for v in caught.value.violations] == ["commitments[0].due_date"]
    visit.commitments = [commitment(due_date=date(2024, 5, 2))]
    validate_visit(visit)


def test_all_problems_reported_at_once() -> None:
    visit = good_visit()
    visit.visit_id = "x"
    visit.check_in = None
    visit.check_out = None
    visit.core_demand = "?"
    visit.photo_ids = []
    visit.commitments = [Commitment(commitment_id="c", description="", due_date=None)]
    with pytest.raises(InvalidArgument) as caught:
        validate_visit(visit)
    assert {v.field for v in caught.value.violations} == {
        "visit_id",
        "check_in",
        "check_out",
        "core_demand",
        "photo_ids",
        "commitments[0].commitment_id",
        "commitments[0].description",
        "commitments[0].due_date",
    }


# --- fingerprint ----------------------------------------------------------------------------


def test_fingerprint_ignores_submission_time() -> None:
    first = good_visit()
    replay = copy.deepcopy(first)
    replay.submitted_at = first.submitted_at + timedelta(hours=5)  # type: ignore[operator]
    assert first.fingerprint() == replay.fingerprint()
    replay.submitted_at = None
    assert first.fingerprint() == replay.fingerprint()
    assert re.fullmatch(r"[0-9a-f]{64}", first.fingerprint())


@pytest.mark.parametrize(
    "spoil",
    [
        with_(notes="改了备注"),
        with_(core_demand="price_objection"),
        with_(photo_ids=["ph-1", "ph-2"]),
        with_(special_price_requested=True),
        with_(check_in=stamp(CHECK_IN_AT + timedelta(seconds=1))),
        with_commitment(due_date=date(2024, 5, 9)),
        with_(store_id="store-2"),
    ],
    ids=["notes", "core_demand", "photos", "special_price", "check_in", "due_date", "store"],
)
def test_fingerprint_changes_with_content(spoil: Callable[[Visit], None]) -> None:
    visit = good_visit()
    other = good_visit()
    spoil(other)
    assert visit.fingerprint() != other.fingerprint()
