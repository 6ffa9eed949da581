"""The demo distributor: two regions (杭州, 宁波), a director, two supervisors, six reps, a
finance person and an administrator, and
three dozen stores whose owners send in leads. Deterministic, so every run tells the same
story."""

from __future__ import annotations

import random
from dataclasses import dataclass

from sales.common.v1 import org_pb2
from sales.common.v1 import types_pb2 as t

KA, BC, CVS = t.CUSTOMER_TYPE_KA, t.CUSTOMER_TYPE_BC, t.CUSTOMER_TYPE_CONVENIENCE
DISTRICTS = {
    "330106": ("杭州市西湖区", 30.259, 120.130),
    "330105": ("杭州市拱墅区", 30.319, 120.142),
    "330108": ("杭州市滨江区", 30.208, 120.211),
    "330203": ("宁波市海曙区", 29.859, 121.551),
    "330212": ("宁波市鄞州区", 29.817, 121.547),
}
CHAINS = {
    KA: ["世纪联华", "华润万家", "永辉超市", "物美"],
    BC: ["好又多", "三江购物", "家家福", "联华快客"],
    CVS: ["全家", "罗森", "美宜佳", "便利蜂"],
}
STREETS = ["文三路", "莫干山路", "江南大道", "中山西路", "天童南路", "学院路", "延安路", "解放南路"]


TEAMS = {"sup-hz": "team-hz", "sup-nb": "team-nb"}  # a supervisor's team and its members'


def person(pid, name, roles, supervisor="", regions=(), types=(), capacity=0, wecom="", ding=""):
    return org_pb2.Person(
        team_id=TEAMS.get(pid) or TEAMS.get(supervisor, ""),
        person_id=pid,
        name=name,
        roles=roles,
        supervisor_id=supervisor,
        region_codes=list(regions),
        customer_types=list(types),
        capacity=capacity,
        status=t.PERSON_STATUS_ACTIVE,
        wecom_userid=wecom or pid,
        dingtalk_userid=ding or f"ding-{pid}",
        preferred_channel=t.NOTIFY_CHANNEL_WECOM,
    )


# A store's owner is the first rep of its city covering its type (devstack/demo.py
# owner_of), so each city's reps are listed with a type of their own first: 李明/赵磊 KA,
# 张伟/孙丽 the next, 刘洋/周杰 the last. Every rep owns stores and has a day of figures;
# the second type each covers only widens who a lead may go to.
PEOPLE = [
    person("dir-huang", "黄志远", [t.ROLE_DIRECTOR]),
    person("sup-hz", "王建国", [t.ROLE_SUPERVISOR], "dir-huang", ["330100"]),
    person("sup-nb", "陈海燕", [t.ROLE_SUPERVISOR], "dir-huang", ["330200"]),
    person("rep-liming", "李明", [t.ROLE_REP], "sup-hz", ["330100"], [KA], 10),
    person("rep-zhangwei", "张伟", [t.ROLE_REP], "sup-hz", ["330100"], [BC, KA], 10),
    person("rep-liuyang", "刘洋", [t.ROLE_REP], "sup-hz", ["330100"], [CVS, BC], 10),
    person("rep-zhaolei", "赵磊", [t.ROLE_REP], "sup-nb", ["330200"], [KA], 10),
    person("rep-sunli", "孙丽", [t.ROLE_REP], "sup-nb", ["330200"], [CVS, KA], 10),
    person("rep-zhoujie", "周杰", [t.ROLE_REP], "sup-nb", ["330200"], [BC, CVS], 10),
    # finance decides the special prices of both cities; the admin keeps rules and routes
    person("fin-qian", "钱会计", [t.ROLE_FINANCE], "", ["330100", "330200"]),
    person("admin-it", "系统管理员", [t.ROLE_ADMIN]),
]
ROLE_ZH = {t.ROLE_REP: "业务员", t.ROLE_SUPERVISOR: "主管", t.ROLE_DIRECTOR: "总监",
           t.ROLE_FINANCE: "财务", t.ROLE_ADMIN: "管理员"}  # fmt: skip
NAMES = {p.person_id: p.name for p in PEOPLE}


@dataclass(frozen=True)
class Store:
    store_id: str
    name: str
    customer_type: int
    region_code: str
    district: str
    address: str
    contact: str
    phone: str
    latitude: float
    longitude: float


def stores(count: int = 36, seed: int = 2026) -> list[Store]:
    rng = random.Random(seed)
    surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
    found = []
    for i in range(count):
        code = list(DISTRICTS)[i % len(DISTRICTS)]
        district, lat, lon = DISTRICTS[code]
        ctype = [KA, BC, CVS][i % 3]
        chain = rng.choice(CHAINS[ctype])
        street = rng.choice(STREETS)
        found.append(
            Store(
                store_id=f"store-{i + 1:03d}",
                name=f"{chain}({district[3:]}{street}店)",
                customer_type=ctype,
                region_code=code,
                district=district,
                address=f"浙江省{district}{street}{rng.randint(1, 399)}号",
                contact=f"{rng.choice(surnames)}{'经理' if ctype != CVS else '店长'}",
                phone=f"1{rng.choice('3578')}{rng.randint(0, 999999999):09d}",
                latitude=lat + rng.uniform(-0.02, 0.02),
                longitude=lon + rng.uniform(-0.02, 0.02),
            )
        )
    return found
