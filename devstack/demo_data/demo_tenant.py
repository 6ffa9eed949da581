"""`make run`'s history: the generator's "demo" slice (20 reps in 杭州 and 宁波, 30 days)
worn by the demo organisation of devstack/demo_org.py, so that every console login has
weeks of figures behind it.

The generator's director, two supervisors and the first three reps of each team become
the demo people (李明 is one of the three reps behind 余杭区's planted spike); their
directory records stay as demo_org.py wrote them. The other fourteen reps keep their
generated ids and names and join the demo teams.
"""

from __future__ import annotations

from dataclasses import replace

from devstack.demo_data import generate as g
from devstack.demo_data import load
from devstack.demo_org import NAMES

SIZE = "demo"
SEED = 2025
# generated id -> demo login; the order of the reps follows demo_org.py's cities
DEMO_IDS = {
    "dir-001": "dir-huang",
    "sup-001": "sup-hz",
    "sup-002": "sup-nb",
    "rep-001": "rep-liming",
    "rep-002": "rep-zhangwei",
    "rep-003": "rep-liuyang",
    "rep-011": "rep-zhaolei",
    "rep-012": "rep-sunli",
    "rep-013": "rep-zhoujie",
}


def _as_demo(person_id: str) -> str:
    return DEMO_IDS.get(person_id, person_id)


def dressed(data: g.Distributor) -> g.Distributor:
    """The same distributor with the demo logins in place of the generated ids."""
    people = [
        replace(p, person_id=_as_demo(p.person_id), supervisor_id=_as_demo(p.supervisor_id),
                name=NAMES.get(_as_demo(p.person_id), p.name))
        for p in data.people
    ]  # fmt: skip
    stores = [replace(s, owner_rep_id=_as_demo(s.owner_rep_id)) for s in data.stores]
    visits = [replace(v, rep_id=_as_demo(v.rep_id)) for v in data.visits]
    spike = data.spike and replace(data.spike, reps=tuple(map(_as_demo, data.spike.reps)))
    return replace(data, people=people, stores=stores, visits=visits, spike=spike)


def slice_for(last_day) -> g.Distributor:
    return dressed(g.generate(SIZE, SEED, last_day))


def history(size: str, last_day) -> g.Distributor:
    """`make run`'s history: the dressed slice, or (DEMO_SIZE=small/full) that size as
    generated, its people beside the demo organisation's."""
    if size not in g.SIZES:
        raise ValueError(f"DEMO_SIZE 须为 {'/'.join(g.SIZES)}")
    return slice_for(last_day) if size == SIZE else g.generate(size, SEED, last_day)


def load_history(data: g.Distributor, gateway: str, tenant: str) -> load.Loaded:
    """Through the services' own paths, with the load's progress lines; the demo people's
    directory records are left as demo_org.py wrote them."""
    return load.load(data, gateway, tenant, workers=4, known_people=frozenset(DEMO_IDS.values()))
