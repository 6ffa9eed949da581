"""The people port: the same cases on the fake and on MongoDB."""

from __future__ import annotations

from services.visits.domain.people import Person
from tests.fakes.visits_data import TENANT, person
from tests.integration.visits_repos import uow  # noqa: F401  (the fixture)


def load(repo, *people: Person) -> None:
    for p in people:
        repo.people.upsert(p)


def test_people_answers(uow) -> None:  # noqa: F811
    repo = uow.repository()
    load(
        repo,
        person("rep-1", "rep", supervisor_id="sup-1", region_codes=("330106",)),
        person("rep-2", "rep", supervisor_id="sup-1", active=False),
        person("rep-3", "rep", supervisor_id="sup-9", tenant="t-other"),
        person("sup-1", "supervisor", supervisor_id="dir-1"),
        person("dir-1", "director", "admin"),
        person("fin-1", "finance", region_codes=("330100",)),
        person("fin-2", "finance", region_codes=("320100",)),
    )
    assert repo.people.get(TENANT, "rep-1").region_codes == ("330106",)
    assert repo.people.get(TENANT, "rep-1").roles == frozenset({"rep"})
    assert repo.people.get(TENANT, "nobody") is None
    assert repo.people.get("t-other", "rep-1") is None  # tenants apart
    assert repo.people.supervisor_of(TENANT, "rep-1").person_id == "sup-1"
    assert repo.people.director_over(TENANT, "rep-1").person_id == "dir-1"
    assert [p.person_id for p in repo.people.team(TENANT, "sup-1")] == ["rep-1", "rep-2"]
    assert [p.person_id for p in repo.people.finance_covering(TENANT, "330106")] == ["fin-1"]
    reps = [(p.tenant_id, p.person_id) for p in repo.people.active_reps()]
    assert reps == [(TENANT, "rep-1"), ("t-other", "rep-3")]
    assert [p.person_id for p in repo.people.active_reps(TENANT)] == ["rep-1"]
    # one read for a page of rows: known names only, the tenant's own, repeats harmless
    names = repo.people.names(TENANT, ["rep-1", "sup-1", "rep-1", "rep-3", "nobody"])
    assert names == {"rep-1": "员工rep-1", "sup-1": "员工sup-1"}
    assert repo.people.names(TENANT, []) == {}
    load(repo, person("rep-1", "rep", supervisor_id="sup-2"))  # upsert replaces
    assert repo.people.get(TENANT, "rep-1").supervisor_id == "sup-2"
