"""The same cases against scoring's in-memory fake (tests/fakes/scoring.py) and its MongoDB
repository on the real MongoDB-wire server: facts round-trip whole, inserts are once,
aggregates add up by increments, the latest credit month, lists page in key order."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from services.common.config import Settings
from services.common.mongo import ensure_indexes, mongo_client
from services.scoring.adapters.repository import INDEXES, MongoScoringRepository
from services.scoring.application.ports import Page, ScoringRepository
from services.scoring.domain import credit as c
from services.scoring.domain.directory import Person
from services.scoring.domain.facts import (
    CommitmentFact,
    LeadFact,
    LeadState,
    PlanFact,
    PlanItem,
    RatingFact,
)
from services.scoring.domain.heatmap import ScoringSettings
from services.scoring.domain.phi import Counters
from services.scoring.domain.recompute import MonthAggregate
from tests.fakes.scoring import FakeScoringRepository

URI = Settings("tests").mongo_uri
T = "t1"
AT = datetime(2026, 11, 30, 3, 4, 5, 123000, tzinfo=UTC)


@pytest.fixture(params=["fake", "mongo"])
def repo(request) -> Iterator[ScoringRepository]:
    if request.param == "fake":
        yield FakeScoringRepository()
        return
    client = mongo_client(URI)
    db = client[f"contract_{uuid.uuid4().hex[:8]}_scoring"]
    ensure_indexes(db, INDEXES)
    yield MongoScoringRepository(db, None)
    client.drop_database(db.name)


def person(pid: str, team: str = "hz", as_of: datetime = AT, **kw) -> Person:
    return Person(T, pid, f"名{pid}", "sup", team, ("330106",), True, True, as_of, **kw)


def test_the_directory_keeps_the_newest_and_finds_teams_and_regions(repo) -> None:
    assert repo.save_person(person("r1"))
    assert repo.save_person(person("r2", team="nb"))
    assert not repo.save_person(person("r1", team="old", as_of=AT - timedelta(hours=1)))
    assert repo.person(T, "r1").team_id == "hz"
    assert [p.person_id for p in repo.reps(T, team_id="hz")] == ["r1"]
    assert [p.person_id for p in repo.reps(T, region_code="330100")] == ["r1", "r2"]
    assert repo.reps(T, region_code="330200") == []


def test_facts_round_trip_whole(repo) -> None:
    lead = LeadFact(T, "l1", "r1", AT, LeadState.ON_TIME, "客户", "red", 90)
    plan = PlanFact(T, "r1", date(2026, 11, 30), 3, 2, 1, (PlanItem("i1", "s1", "pending", 0),))
    commitment = CommitmentFact(T, "c1", "r1", date(2026, 12, 1), "done", True, AT, "v1",
                                "s1", "联华", "补货", 2)  # fmt: skip
    repo.save_lead(lead)
    repo.save_plan(plan)
    repo.save_commitment(commitment)
    assert repo.lead(T, lead.key) == lead
    assert repo.plan(T, "r1", date(2026, 11, 30)) == plan
    assert list(repo.all_plans(T)) == [plan]
    assert [p.items for p in repo.all_plans(T, with_items=False)] == [()]
    assert repo.commitment(T, "c1") == commitment
    assert repo.lead(T, "nope") is None and repo.commitment("other", "c1") is None


def test_ratings_and_credit_facts_are_stored_once(repo) -> None:
    rating = RatingFact(T, "v1", "r1", "s1", 4, "好", AT, "2026-W49")
    assert repo.add_rating(rating) and not repo.add_rating(rating)
    visit = c.visit_fact(c.VisitFact(T, "v1", "r1", AT, "s1", "联华", ("core_demand",), 800.0,
                                     True, 9000))  # fmt: skip
    photo = c.photo_fact(c.PhotoFlagFact(T, "p1", "r1", AT, "v1", "p0", "重复"))
    assert repo.add_credit_fact(T, visit) and not repo.add_credit_fact(T, visit)
    assert repo.add_credit_fact(T, photo)
    assert list(repo.all_credit_facts(T)) == [photo, visit]
    assert repo.credit_facts(T, "r1", "2026-11", Page("photo:p1", 1)) == [photo]
    assert repo.ratings_of_week(T, "r1", "2026-W49", Page()) == [rating]


def test_months_add_by_increments_and_know_the_latest_credit(repo) -> None:
    repo.add_to_month(T, "r1", "2026-11", {30: Counters(1, 1)}, c.CreditPoints())
    repo.add_to_month(T, "r1", "2026-11", {30: Counters(0, 1), 29: Counters(plan_planned=3)},
                      c.CreditPoints(2, 0, 0, 1))  # fmt: skip
    repo.add_to_month(T, "r1", "2026-12", {1: Counters(commit_due=1)}, c.CreditPoints())
    nov = repo.months(T, ["r1"], ["2026-11"])[0]
    assert nov.days == {30: Counters(1, 2), 29: Counters(plan_planned=3)}
    assert nov.credit == c.CreditPoints(2, 0, 0, 1)
    assert repo.latest_credit_month(T, "r1").month == "2026-11"  # December lost no point
    assert [a.rep_id for a in repo.credit_months(T, "2026-11")] == ["r1"]
    repo.put_month(MonthAggregate(T, "r1", "2026-12", {2: Counters(1, 1)}))
    repo.delete_month(T, "r1", "2026-11")
    assert [(a.month, a.days) for a in repo.all_months(T)] == [("2026-12", {2: Counters(1, 1)})]
    assert repo.latest_credit_month(T, "r1") is None  # the month that lost points is gone
    repo.put_month(MonthAggregate(T, "r1", "2026-10", {}, c.CreditPoints(0, 5, 0, 1)))
    assert repo.latest_credit_month(T, "r1").month == "2026-10"


def test_lists_filter_and_page_in_key_order(repo) -> None:
    for i in range(3):
        due = date(2026, 11, 27 + i)
        repo.save_commitment(CommitmentFact(T, f"c{i}", "r1", due))
        repo.save_lead(LeadFact(T, f"l{i}", "r1", AT - timedelta(days=i), LeadState.PENDING))
    repo.save_commitment(CommitmentFact(T, "c9", "r1", date(2026, 11, 1), "done", True, AT))
    today = date(2026, 11, 29)
    assert [f.commitment_id for f in repo.overdue_commitments(T, "r1", today, Page("", 5))] == [
        "c0", "c1"
    ]  # fmt: skip
    assert repo.count_overdue(T, "r1", today) == 2
    first = repo.leads_between(T, "r1", date(2026, 11, 28), date(2026, 11, 30), Page("", 2))
    rest = repo.leads_between(
        T, "r1", date(2026, 11, 28), date(2026, 11, 30), Page(first[-1].key, 2)
    )
    assert [f.lead_id for f in first + rest] == ["l0", "l1", "l2"]
    due = repo.commitments_due_between(T, "r1", date(2026, 11, 28), date(2026, 11, 29), Page())
    assert [f.commitment_id for f in due] == ["c1", "c2"]


def test_settings_round_trip(repo) -> None:
    assert repo.settings(T) is None
    saved = ScoringSettings(T, version=1, updated_by="admin", updated_at=AT)
    repo.save_settings(saved)
    assert repo.settings(T) == saved


def test_many_facts_at_once_round_trip_and_add_up(repo: ScoringRepository) -> None:
    plan = PlanFact(T, "r1", date(2026, 11, 30), 2, 3, 1, (PlanItem("i1", "s1", "done", 0),))
    commitment = CommitmentFact(T, "c1", "r1", date(2026, 12, 2), description="补货")
    repo.save_plans([plan])
    repo.save_commitments([commitment])
    assert repo.plans_by_key(T, [plan.key, "r9:2026-11-30"]) == {plan.key: plan}
    assert repo.commitments_by_id(T, ["c1", "c9"]) == {"c1": commitment}
    rating = RatingFact(T, "v1", "r1", "s1", 5, "好", AT, "2026-W49")
    repo.insert_ratings([rating])
    assert repo.known_ratings(T, ["v1", "v2"]) == {"v1"}
    card = c.visit_fact(c.VisitFact(T, "v1", "r1", AT, distance_m=900.0, distance_known=True,
                                    grace_seconds=4 * 3600))  # fmt: skip
    repo.insert_credit_facts(T, [card])
    assert repo.known_credit_facts(T, [card.fact_id, "visit:v9"]) == {card.fact_id}
    assert list(repo.all_credit_facts(T)) == [card]
    points = c.CreditPoints(accuracy=5, deductions=1)
    day = {30: Counters(plan_completed=1, plan_planned=3)}
    repo.add_to_months([MonthAggregate(T, "r1", "2026-11", day, points),
                        MonthAggregate(T, "r1", "2026-10", {}, points)])  # fmt: skip
    repo.add_to_months([MonthAggregate(T, "r1", "2026-11", day, c.CreditPoints())])
    latest = repo.latest_credit_months(T, ["r1", "r2"])
    assert list(latest) == ["r1"] and latest["r1"].month == "2026-11"
    assert latest["r1"].days[30] == Counters(plan_completed=2, plan_planned=6)
    assert latest["r1"].credit == points
    repo.save_person(person("r1"))
    assert list(repo.people(T, ["r1", "r2"])) == ["r1"]


def test_the_facts_of_one_rep_month(repo: ScoringRepository) -> None:
    nov, dec = date(2026, 11, 30), date(2026, 12, 1)
    repo.save_plans([PlanFact(T, "r1", nov, 1, 2, 1, (PlanItem("i", "s", "done", 0),)),
                     PlanFact(T, "r1", dec, 1, 2, 1), PlanFact(T, "r2", nov, 1, 2, 1)])  # fmt: skip
    repo.save_commitments([CommitmentFact(T, "c1", "r1", nov), CommitmentFact(T, "c2", "r1", dec)])
    repo.save_lead(LeadFact(T, "l1", "r1", AT, LeadState.ON_TIME))
    card = c.visit_fact(c.VisitFact(T, "v1", "r1", AT, distance_m=900.0, distance_known=True))
    repo.insert_credit_facts(T, [card])
    found = repo.facts_of_month(T, "r1", "2026-11")
    assert [(p.rep_id, p.plan_date, p.items) for p in found.plans] == [("r1", nov, ())]
    assert [f.commitment_id for f in found.commitments] == ["c1"]
    assert [f.lead_id for f in found.leads] == ["l1"] and found.credit == [card]
    assert repo.facts_of_month(T, "r1", "2026-12").credit == []


def test_the_recompute_reads_every_fact_through_its_copy(repo: ScoringRepository) -> None:
    lead = LeadFact(T, "l.1", "r1", AT, LeadState.PENDING, customer_name="甲")
    repo.save_lead(lead)
    repo.save_lead(replace(lead, state=LeadState.ON_TIME))  # a rewrite replaces its entry
    repo.save_plan(PlanFact(T, "r1", date(2026, 11, 30), 1, 3, 1))
    repo.save_plans([PlanFact(T, "r1", date(2026, 11, 30), 2, 3, 2)])
    repo.save_commitments([CommitmentFact(T, "c1", "r1", date(2026, 12, 2), "done", True, AT),
                           CommitmentFact(T, "c2", "r1", None)])  # fmt: skip
    card = c.visit_fact(c.VisitFact(T, "v1", "r1", AT, missing_items=("core_demand",),
                                    submit_delay_seconds=9000, grace_seconds=3600))  # fmt: skip
    photo = c.photo_fact(c.PhotoFlagFact(T, "p1", "r1", AT))
    repo.add_credit_fact(T, card)
    repo.insert_credit_facts(T, [photo])
    repo.save_lead(LeadFact("t2", "l9", "r1", AT, LeadState.LATE))  # another tenant
    found = repo.recompute_facts(T)
    assert [(f.lead_id, f.state) for f in found.leads] == [("l.1", LeadState.ON_TIME)]
    assert [(f.version, f.completed, f.items) for f in found.plans] == [(2, 2, ())]
    assert [(f.commitment_id, f.status, f.on_time) for f in found.commitments] == [
        ("c1", "done", True)
    ]  # fmt: skip
    assert sorted(f.fact_id for f in found.credit) == ["photo:p1", "visit:v1"]
    assert {f.fact_id: f.deductions for f in found.credit} == {
        card.fact_id: card.deductions, photo.fact_id: photo.deductions
    }  # fmt: skip


def test_an_item_is_counted_for_the_rep_figures_once(repo: ScoringRepository) -> None:
    assert repo.first_counted(T, ["visit:v1", "visit:v2", "visit:v1"]) == {"visit:v1", "visit:v2"}
    assert repo.first_counted(T, ["visit:v2", "commitment:c1"]) == {"commitment:c1"}
    assert repo.first_counted("other-tenant", ["visit:v1"]) == {"visit:v1"}
    assert repo.first_counted(T, []) == set()
