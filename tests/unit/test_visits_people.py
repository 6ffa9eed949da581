"""visits' read model of the org directory: kept from org.person.upserted exactly once per
event, newest statement wins, and the questions other capabilities ask of it."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from services.visits.application.people import upsert_person
from tests.fakes.visits import fake_uow
from tests.fakes.visits_data import TENANT, person


def test_a_person_event_is_kept_once_and_older_news_is_ignored() -> None:
    uow = fake_uow()
    rep = person("rep-1", "rep", supervisor_id="sup-1")
    assert upsert_person(uow, rep, "e1") is True
    assert upsert_person(uow, rep, "e1") is None  # the same event again: already consumed
    moved = replace(rep, supervisor_id="sup-2", as_of=datetime(2026, 11, 2, tzinfo=UTC))
    assert upsert_person(uow, moved, "e2") is True
    stale = replace(rep, supervisor_id="sup-old", as_of=datetime(2026, 10, 1, tzinfo=UTC))
    assert upsert_person(uow, stale, "e3") is False  # a retried old event arrives late
    assert uow.repo.people.get(TENANT, "rep-1").supervisor_id == "sup-2"


def test_director_over_walks_up_and_survives_a_loop() -> None:
    uow = fake_uow()
    for p in (
        person("rep-1", "rep", supervisor_id="sup-1"),
        person("sup-1", "supervisor", supervisor_id="dir-1"),
        person("dir-1", "director"),
        person("a", "supervisor", supervisor_id="b"),
        person("b", "supervisor", supervisor_id="a"),
    ):
        uow.repo.people.upsert(p)
    people = uow.repo.people
    assert people.director_over(TENANT, "rep-1").person_id == "dir-1"
    assert people.supervisor_of(TENANT, "rep-1").person_id == "sup-1"
    assert people.director_over(TENANT, "a") is None  # a loop in the directory ends the walk


def test_finance_covering_reads_region_prefixes_and_skips_the_inactive() -> None:
    uow = fake_uow()
    uow.repo.people.upsert(person("fin-zj", "finance", region_codes=("330000",)))
    uow.repo.people.upsert(person("fin-hz", "finance", region_codes=("330100",)))
    uow.repo.people.upsert(person("fin-nb", "finance", region_codes=("330200",)))
    uow.repo.people.upsert(person("fin-gone", "finance", region_codes=("330100",), active=False))
    found = [p.person_id for p in uow.repo.people.finance_covering(TENANT, "330106")]
    assert found == ["fin-hz", "fin-zj"]
