"""`make run`'s history: the generator's demo slice worn by the demo organisation's logins,
so that 李明, 王建国 and 黄志远 open pages with weeks of figures behind them."""

from __future__ import annotations

from datetime import date

import pytest

from devstack.demo_data import demo_tenant, load
from devstack.demo_data.zhejiang import county_city
from devstack.demo_org import NAMES, PEOPLE

LAST = date(2026, 11, 30)
DEMO_REPS = {"rep-liming", "rep-zhangwei", "rep-liuyang", "rep-zhaolei", "rep-sunli", "rep-zhoujie"}


def test_every_demo_rep_owns_stores_and_visits_them_in_their_own_city():
    data = demo_tenant.slice_for(LAST)
    city_of = {p.person_id: p.region_codes[0] for p in PEOPLE if p.region_codes}
    for rep in DEMO_REPS:
        owned = [s for s in data.stores if s.owner_rep_id == rep]
        assert owned and {county_city(s.region_code) for s in owned} == {city_of[rep]}
        assert any(v.rep_id == rep for v in data.visits)


def test_no_generated_id_is_left_where_a_demo_login_took_its_place():
    data = demo_tenant.slice_for(LAST)
    replaced = set(demo_tenant.DEMO_IDS)
    people = {p.person_id for p in data.people}
    assert not people & replaced and set(demo_tenant.DEMO_IDS.values()) <= people
    assert {s.owner_rep_id for s in data.stores} <= people
    assert {v.rep_id for v in data.visits} <= people
    assert {p.supervisor_id for p in data.people if p.role == "rep"} == {"sup-hz", "sup-nb"}


def test_the_planted_spike_belongs_to_the_hangzhou_team_and_speaks_their_names():
    data = demo_tenant.slice_for(LAST)
    assert data.spike.county == "330110"  # 杭州市余杭区
    assert set(data.spike.reps) == {"rep-liming", "rep-zhangwei", "rep-liuyang"}
    names = {p.person_id: p.name for p in data.people}
    assert all(names[r] == NAMES[r] for r in demo_tenant.DEMO_IDS.values())
    assert "李明" in demo_tenant.g.describe(data)


def test_the_slice_is_about_twenty_reps_and_thirty_days():
    data = demo_tenant.slice_for(LAST)
    assert len(data.reps) == 20 and len(data.days()) == 30
    assert 2_000 < len(data.visits) < 5_000  # loads in well under a minute (ADR 047)
    assert [p.image for p in data.photos].count(0) == 2  # one reused photo


def test_demo_size_full_or_small_loads_that_size_as_generated_and_a_typo_is_refused():
    tiny = demo_tenant.history("tiny", LAST)
    assert "dir-001" in {p.person_id for p in tiny.people}  # generated people, not dressed
    assert demo_tenant.history("demo", LAST).spike.reps[0] == "rep-liming"
    with pytest.raises(ValueError, match="DEMO_SIZE"):
        demo_tenant.history("huge", LAST)


def test_each_tenant_gets_photo_ids_of_its_own_and_the_cards_name_the_uploaded_ones():
    # media keeps a photo by its id alone: a second make run must not reuse the first's ids
    data = demo_tenant.slice_for(LAST)
    first, again, other = (
        load.photo_ids_of_tenant(data, t) for t in ("demo-1", "demo-1", "demo-2")
    )
    ids = {p for v in first.visits for p in v.photo_ids}
    assert ids == {p for v in again.visits for p in v.photo_ids}  # a reload: the same ids
    assert not ids & {p for v in other.visits for p in v.photo_ids}
    assert not ids & {p for v in data.visits for p in v.photo_ids}
    cards = {v.visit_id: v.photo_ids[0] for v in first.visits}
    assert all(cards[p.visit_id] == p.photo_id for p in first.photos)
