"""P5: one distributor of the source's size, generated deterministically.

The source: 浙江某食品分销企业, 年营收 4.2 亿元, 终端网点 1.8 万家, 200 人. So: 200 reps in
teams of 10 across Zhejiang's cities and counties (real GB/T 2260 codes), 90 stores each,
and 90 days of leads, visits (about 6.7 a rep-day: 120,000), commitments (some closed late,
some left overdue), photos, ratings and ERP orders (about 0.07 a store-day at about 1,000
元: 4.2 亿 a year), with a weekly rhythm (Sundays quiet), the season (stocking up before
中秋/国庆, the holiday lull, 双十一) and a visit's lift on the store's orders. One county
(义乌) is planted with a spike: three reps' visits to a dozen stores, and those stores'
orders jump in the last two weeks; the attribution call must name them.

Pure: the same (size, seed, last day) gives the same data, byte for byte. Nothing here
talks to a service (load.py does).
"""

from __future__ import annotations

import math
import random
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

import numpy as np

from devstack.demo_data.zhejiang import CITIES, SPIKE_COUNTY, county_city, county_name
from services.common.clock import SHANGHAI

NAMESPACE = uuid.UUID("6f1c2b1e-5d0a-4c55-9a43-2f8e7c1d0b90")
TYPES = ("KA", "BC类", "便利店")
TYPE_MIX = (0.10, 0.30, 0.60)
ORDER_RATE = {"KA": 0.25, "BC类": 0.09, "便利店": 0.045}  # orders a store-day, on average
ORDER_FEN = {"KA": 200_000, "BC类": 70_000, "便利店": 28_000}  # mean order
VISIT_WEIGHT = {"KA": 3.0, "BC类": 2.0, "便利店": 1.0}
CHAINS = {
    "KA": ["世纪联华", "华润万家", "永辉超市", "物美", "大润发"],
    "BC类": ["好又多", "三江购物", "家家福", "联华快客", "供销超市"],
    "便利店": ["全家", "罗森", "美宜佳", "便利蜂", "好德", "十足"],
}
STREETS = ["人民路", "解放路", "中山路", "建设路", "新华路", "文化路", "胜利路", "江滨路"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华玉兰萍红建国志斌"
SKUS = [f"SKU-{n:04d}" for n in range(1, 41)]
DEMANDS = ["price_objection", "delivery_timeliness", "display_support", "product_quality",
           "new_product", "other"]  # fmt: skip
PROMISES = ["下周送达端架陈列方案", "核对账期并回复店长", "申请新品试吃物料", "跟进破损退换",
            "确认中秋备货量", "安排堆头位置"]  # fmt: skip
# Cities in the order teams are given them: the spike's city first, so every size has it.
CITY_ORDER = ["330700", "330100", "330200", "330300", "330400", "330600", "331000", "330500",
              "330800", "331100", "330900"]  # fmt: skip
SPIKE_REPS, SPIKE_STORES_PER_REP = 3, 4


@dataclass(frozen=True)
class Size:
    name: str
    reps: int
    stores_per_rep: int
    days: int
    visits_per_rep_day: float
    team_size: int = 10
    spike_days: int = 14
    cities: tuple[str, ...] = tuple(CITY_ORDER)  # the teams' cities, in turn
    spike_county: str = SPIKE_COUNTY  # the first team's first reps work here
    photos: tuple[int, ...] = (0, 1, 2, 3, 4, 0, 1, 2)  # rendered images; repeats are reuses


SIZES = {
    "tiny": Size("tiny", 6, 15, 14, 1.5, team_size=3, spike_days=7),
    "small": Size("small", 20, 90, 28, 8.3),
    "full": Size("full", 200, 90, 90, 8.3),
    # `make run`'s slice (devstack/demo_data/demo_tenant.py): the demo organisation's two
    # cities, its spike in 余杭区, fewer stores and visits (4.5 a rep-day) and two real
    # photos (one reused), so that it loads in about a minute (ADR 047).
    "demo": Size(
        "demo",
        20,
        30,
        30,
        5.5,
        spike_days=10,
        cities=("330100", "330200"),
        spike_county="330110",
        photos=(0, 0),
    ),
}


@dataclass(frozen=True)
class Person:
    person_id: str
    name: str
    role: str  # director | supervisor | rep
    supervisor_id: str = ""
    region_codes: tuple[str, ...] = ()
    customer_types: tuple[str, ...] = ()


@dataclass(frozen=True)
class Store:
    external_id: str
    name: str
    address: str
    latitude: float  # GCJ-02
    longitude: float
    region_code: str
    customer_type: str
    owner_rep_id: str
    contact: str
    phone: str
    registered: date
    lead_external_id: str = ""  # stores that came in as leads


@dataclass(frozen=True)
class Commitment:
    commitment_id: str
    description: str
    due_date: date
    closed_at: datetime | None  # None: left open (overdue once past due)
    done: bool = True


@dataclass(frozen=True)
class Visit:
    visit_id: str
    rep_id: str
    store_external_id: str
    check_in: datetime
    check_out: datetime
    completed_at: datetime  # the device's completion time (late ones > 2 h after check-out)
    core_demand: str
    photo_ids: tuple[str, str, str]  # storefront, shelf, meeting
    commitment: Commitment | None = None
    stars: int = 0  # the store's rating through the QR code; 0 = not rated
    lead_external_id: str = ""


@dataclass(frozen=True)
class Order:
    order_id: str
    store_external_id: str
    ordered_at: datetime
    lines: tuple[tuple[str, int, int], ...]  # sku, quantity, amount (fen)

    @property
    def total_fen(self) -> int:
        return sum(line[2] for line in self.lines)


@dataclass(frozen=True)
class Lead:
    external_id: str
    store_external_id: str
    channel: str
    urgency: str
    day: date


@dataclass(frozen=True)
class RealPhoto:
    visit_id: str
    photo_id: str
    image: int  # which rendered image; equal numbers on two visits = a reused photo


@dataclass(frozen=True)
class Spike:
    county: str
    reps: tuple[str, ...]
    stores: tuple[str, ...]  # external ids
    first_day: date
    last_day: date


@dataclass
class Distributor:
    size: Size
    seed: int
    first_day: date
    last_day: date
    people: list[Person] = field(default_factory=list)
    stores: list[Store] = field(default_factory=list)
    leads: list[Lead] = field(default_factory=list)
    visits: list[Visit] = field(default_factory=list)
    orders: list[Order] = field(default_factory=list)
    photos: list[RealPhoto] = field(default_factory=list)
    spike: Spike | None = None

    @property
    def reps(self) -> list[Person]:
        return [p for p in self.people if p.role == "rep"]

    def days(self) -> list[date]:
        return [
            self.first_day + timedelta(days=i)
            for i in range((self.last_day - self.first_day).days + 1)
        ]


def SHANGHAI_DAY(at: datetime) -> date:  # noqa: N802  (reads as a conversion)
    return at.astimezone(SHANGHAI).date()


def ids(seed: int, kind: str, n: int) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{seed}:{kind}:{n}"))


def generate(
    size: Size | str = "small", seed: int = 2025, last_day: date | None = None
) -> Distributor:
    """The whole distributor; `last_day` defaults to a fixed day so that tests agree
    (load.py passes yesterday, Asia/Shanghai)."""
    size = SIZES[size] if isinstance(size, str) else size
    last = last_day or date(2026, 11, 30)
    found = Distributor(size, seed, last - timedelta(days=size.days - 1), last)
    rng = random.Random(seed)
    found.people, counties = _org(size)
    found.stores, found.leads = _stores(found, counties, rng)
    found.spike = _spike(found)
    found.visits = _visits(found, rng)
    found.orders = _orders(found)
    found.photos = _real_photos(found)
    return found


def visit_factor(day: date) -> float:
    """Sundays are quiet, the 国庆 holiday nearly empty."""
    weekly = (1.1, 1.05, 1.05, 1.05, 1.0, 0.7, 0.15)[day.weekday()]
    holiday = 0.3 if (day.month, day.day) >= (10, 1) and (day.month, day.day) <= (10, 7) else 1.0
    return weekly * holiday


def order_factor(day: date, first: date, days: int) -> float:
    """Week (Monday restocking, quiet Sundays) x season (stocking before 中秋/国庆, the
    holiday lull, 双十一) x a mild upward trend into winter."""
    weekly = (1.15, 1.05, 1.0, 1.0, 1.05, 0.8, 0.45)[day.weekday()]
    md = (day.month, day.day)
    season = 1.0
    if (9, 15) <= md <= (9, 30):
        season = 1.35
    elif (10, 1) <= md <= (10, 7):
        season = 0.6
    elif (11, 1) <= md <= (11, 11):
        season = 1.15
    trend = 1.0 + 0.1 * (day - first).days / max(days, 1)
    return weekly * season * trend


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.randint(1, 2)))


def _org(size: Size) -> tuple[list[Person], dict[str, str]]:
    """A director, one supervisor a team of `team_size`, each team in one city, each rep
    one county of it (the spike's county for the first reps of the first team)."""
    rng = random.Random(f"org:{size.name}")
    people = [Person("dir-001", _name(rng), "director", region_codes=("330000",))]
    counties: dict[str, str] = {}
    teams = math.ceil(size.reps / size.team_size)
    for t in range(teams):
        city = size.cities[t % len(size.cities)]
        codes = sorted(CITIES[city][3], key=lambda c: (c != size.spike_county, c))
        supervisor = f"sup-{t + 1:03d}"
        people.append(Person(supervisor, _name(rng), "supervisor", "dir-001", (city,)))
        for j in range(size.team_size):
            n = t * size.team_size + j
            if n >= size.reps:
                break
            rep_id = f"rep-{n + 1:03d}"
            county = codes[0] if (t == 0 and j < SPIKE_REPS) else codes[j % len(codes)]
            counties[rep_id] = county
            people.append(Person(rep_id, _name(rng), "rep", supervisor, (county,), TYPES))
    return people, counties


def _county_centre(code: str) -> tuple[float, float]:
    _, lat, lon, names = CITIES[county_city(code)]
    index = sorted(names).index(code)
    angle = 2 * math.pi * index / len(names)
    radius = 0.03 if index == 0 else 0.18
    return lat + radius * math.sin(angle), lon + radius * math.cos(angle)


def _stores(found: Distributor, counties: dict[str, str], rng: random.Random):
    stores, leads = [], []
    for rep_id, county in counties.items():
        lat0, lon0 = _county_centre(county)
        district = county_name(county)
        for _ in range(found.size.stores_per_rep):
            n = len(stores) + 1
            kind = rng.choices(TYPES, TYPE_MIX)[0]
            street = rng.choice(STREETS)
            new = rng.random() < 0.15
            registered = (
                found.first_day + timedelta(days=rng.randrange(found.size.days))
                if new else found.first_day - timedelta(days=rng.randint(30, 700))
            )  # fmt: skip
            lead = f"L-{n:06d}" if new else ""
            stores.append(Store(
                external_id=f"ERP-{n:06d}", name=f"{rng.choice(CHAINS[kind])}({district[3:]}{street}{n}店)",
                address=f"浙江省{district}{street}{rng.randint(1, 899)}号",
                latitude=round(lat0 + rng.uniform(-0.02, 0.02), 6),
                longitude=round(lon0 + rng.uniform(-0.02, 0.02), 6),
                region_code=county, customer_type=kind, owner_rep_id=rep_id,
                contact=f"{rng.choice(SURNAMES)}{'经理' if kind != '便利店' else '店长'}",
                phone=f"1{rng.choice('3578')}{rng.randint(0, 999_999_999):09d}",
                registered=registered, lead_external_id=lead,
            ))  # fmt: skip
            if new:
                day = max(found.first_day, registered - timedelta(days=rng.randint(0, 2)))
                leads.append(Lead(lead, f"ERP-{n:06d}", rng.choice(["ecommerce", "exhibition", "referral"]),
                                  rng.choice(["红", "黄", "蓝"]), day))  # fmt: skip
    return stores, leads


def _spike(found: Distributor) -> Spike:
    county = found.size.spike_county
    reps = tuple(p.person_id for p in found.reps if p.region_codes == (county,))[:SPIKE_REPS]
    chosen: list[str] = []
    for rep_id in reps:
        own = [
            s for s in found.stores if s.owner_rep_id == rep_id and s.registered < found.first_day
        ]
        chosen += [s.external_id for s in own[:SPIKE_STORES_PER_REP]]
    first = found.last_day - timedelta(days=found.size.spike_days - 1)
    return Spike(county, reps, tuple(chosen), first, found.last_day)


def _at(day: date, minutes: float) -> datetime:
    """Minutes after midnight of a Shanghai day, as a UTC instant (whole seconds)."""
    local = datetime.combine(day, time(0), SHANGHAI) + timedelta(minutes=minutes)
    return local.astimezone(UTC).replace(microsecond=0)


def _visits(found: Distributor, rng: random.Random) -> list[Visit]:
    by_rep: dict[str, list[Store]] = {}
    for store in found.stores:
        by_rep.setdefault(store.owner_rep_id, []).append(store)
    planted = set(found.spike.stores) if found.spike else set()
    visits: list[Visit] = []
    first_seen: set[str] = set()
    for day in found.days():
        for rep in found.reps:
            open_stores = [s for s in by_rep[rep.person_id] if s.registered <= day]
            chosen = _day_stores(found, rep.person_id, open_stores, day, planted, rng)
            clock = 9 * 60 + rng.uniform(0, 40)
            for store in chosen:
                lead = store.lead_external_id if store.external_id not in first_seen else ""
                first_seen.add(store.external_id)
                visit, clock = _visit(
                    found, len(visits), rep.person_id, store, day, clock, lead, rng
                )
                visits.append(visit)
    return visits


def _day_stores(found, rep_id, stores, day, planted, rng) -> list[Store]:
    """The day's stores: a Poisson number of them weighted by class; new stores soon after
    they register; the spike's stores every other day in the spike."""
    n = _poisson(rng, found.size.visits_per_rep_day * visit_factor(day))
    chosen = (
        rng.choices(stores, [VISIT_WEIGHT[s.customer_type] for s in stores], k=n)
        if stores and n
        else []
    )
    chosen += [s for s in stores if s.registered == day - timedelta(days=2)]
    spike = found.spike
    if spike and rep_id in spike.reps and day >= spike.first_day and day.toordinal() % 2 == 0:
        chosen += [s for s in stores if s.external_id in planted]
    return list({s.external_id: s for s in chosen}.values())[:14]


def _poisson(rng: random.Random, mean: float) -> int:
    limit, k, p = math.exp(-mean), 0, rng.random()
    while p > limit:
        k += 1
        p *= rng.random()
    return k


def _visit(found, n, rep_id, store, day, clock, lead, rng) -> tuple[Visit, float]:
    start = clock
    end = start + rng.uniform(15, 45)
    check_in, check_out = _at(day, start), _at(day, end)
    late = rng.random() < 0.07
    done = check_out + (
        timedelta(hours=rng.uniform(2.2, 6)) if late else timedelta(minutes=rng.uniform(1, 25))
    )
    done = max(check_out, min(done, _at(day, 23 * 60 + 20)))  # a visit that ends late ends done
    photos = (
        ids(found.seed, "photo", 3 * n),
        ids(found.seed, "photo", 3 * n + 1),
        ids(found.seed, "photo", 3 * n + 2),
    )
    visit = Visit(
        visit_id=ids(found.seed, "visit", n), rep_id=rep_id, store_external_id=store.external_id,
        check_in=check_in, check_out=check_out, completed_at=done,
        core_demand=rng.choice(DEMANDS), photo_ids=photos,
        commitment=_commitment(found, n, day, rng) if rng.random() < 0.35 else None,
        stars=rng.choice([5, 5, 5, 4, 4, 4, 4, 3, 3, 2]) if rng.random() < 0.12 else 0,
        lead_external_id=lead,
    )  # fmt: skip
    return visit, end + rng.uniform(10, 35)


def _commitment(found: Distributor, n: int, day: date, rng: random.Random) -> Commitment:
    """70 % closed on time, 15 % closed late, 15 % left open (overdue once past due)."""
    due = day + timedelta(days=rng.randint(2, 7))
    roll = rng.random()
    closed: date | None = None
    if roll < 0.70:
        closed = day + timedelta(days=rng.randint(1, (due - day).days))
    elif roll < 0.85:
        closed = due + timedelta(days=rng.randint(1, 4))
    closed_at = (
        _at(closed, 15 * 60 + rng.uniform(0, 120)) if closed and closed <= found.last_day else None
    )
    return Commitment(
        ids(found.seed, "commitment", n), rng.choice(PROMISES), due, closed_at, done=roll < 0.95
    )


def _orders(found: Distributor) -> list[Order]:
    days = found.days()
    factors = np.array([order_factor(d, found.first_day, len(days)) for d in days])
    visited: dict[str, dict[int, datetime]] = {}
    for v in found.visits:
        index = (v.check_out.astimezone(SHANGHAI).date() - found.first_day).days
        visited.setdefault(v.store_external_id, {})[index] = v.check_out
    planted = set(found.spike.stores) if found.spike else set()
    spike_from = (found.spike.first_day - found.first_day).days if found.spike else len(days)
    orders: list[Order] = []
    for index, store in enumerate(found.stores):
        rng = np.random.default_rng([found.seed, index])
        seen = visited.get(store.external_id, {})
        orders += _store_orders(
            found, store, rng, factors, seen, store.external_id in planted, spike_from, len(orders)
        )
    return orders


def _store_orders(found, store, rng, factors, seen, planted, spike_from, numbered) -> list[Order]:
    days = len(factors)
    lift = np.ones(days)
    for i in seen:
        lift[i : i + 3] = 1.8  # a visit lifts the store's orders for three days
    rate = ORDER_RATE[store.customer_type] * rng.gamma(2.0, 0.5) * factors * lift
    mean = np.full(days, float(ORDER_FEN[store.customer_type]))
    if planted:  # suddenly ordering big: near daily, at least a large KA's order
        rate[spike_from:] = np.maximum(rate[spike_from:] * 4.0, 0.8)
        mean[spike_from:] = np.maximum(mean[spike_from:] * 3.0, 1.5 * ORDER_FEN["KA"])
    opened = (store.registered - found.first_day).days
    hits = (rng.random(days) < 1 - np.exp(-rate)) & (np.arange(days) >= opened)
    amounts = rng.lognormal(np.log(mean) - 0.18, 0.6)
    result = []
    for i in np.flatnonzero(hits):
        day = found.first_day + timedelta(days=int(i))
        at = (
            seen[i] + timedelta(minutes=float(rng.uniform(30, 180)))
            if i in seen
            else _at(day, float(rng.uniform(9 * 60, 19 * 60)))
        )
        lines = _lines(int(amounts[i]), rng)
        result.append(
            Order(f"SO-{found.seed}-{numbered + len(result) + 1:08d}", store.external_id, at, lines)
        )
    return result


def _lines(total: int, rng: np.random.Generator) -> tuple[tuple[str, int, int], ...]:
    """1-3 SKUs sharing the amount (whole fen; the last line takes the remainder)."""
    n = int(rng.integers(1, 4))
    skus = rng.choice(len(SKUS), size=n, replace=False)
    shares = rng.dirichlet(np.ones(n))
    amounts = [int(total * s) for s in shares[:-1]]
    amounts.append(max(total - sum(amounts), 1))
    return tuple((SKUS[k], int(rng.integers(1, 40)), a) for k, a in zip(skus, amounts, strict=True))


def _real_photos(found: Distributor) -> list[RealPhoto]:
    """The first visits get real storefront images (eight in the small and full sizes); a
    repeated image is a reused photo (media flags it, data credit loses points)."""
    images = found.size.photos
    chosen = found.visits[: len(images)]
    return [
        RealPhoto(v.visit_id, v.photo_ids[0], image)
        for v, image in zip(chosen, images, strict=False)
    ]


def describe(found: Distributor) -> str:
    """One Chinese paragraph: what was generated."""
    revenue = sum(o.total_fen for o in found.orders) / 100
    late = sum(1 for v in found.visits if (v.completed_at - v.check_out) > timedelta(hours=2))
    commitments = [v.commitment for v in found.visits if v.commitment]
    open_ = sum(1 for c in commitments if c.closed_at is None)
    spike = found.spike
    names = {p.person_id: p.name for p in found.people}
    planted = "、".join(names.get(r, r) for r in spike.reps) if spike else ""
    return (
        f"演示经销商({found.size.name}):业务员 {len(found.reps)} 人,门店 {len(found.stores)} 家,"
        f"{found.first_day}~{found.last_day} 共 {found.size.days} 天;线索 {len(found.leads)} 条,"
        f"拜访 {len(found.visits)} 次(超 2 小时提交 {late} 次),承诺 {len(commitments)} 项(未闭环 {open_} 项),"
        f"ERP 订单 {len(found.orders)} 笔、{revenue:,.0f} 元;"
        f"埋点:{county_name(spike.county) if spike else '无'} {spike.first_day if spike else ''} 起,"
        f"业务员 {planted} 的 {len(spike.stores) if spike else 0} 家门店订单激增"
    )
