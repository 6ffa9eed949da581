"""Checks on a person entering the org directory.

Codes arrive already translated from the contract's enums (`?7` for a number no name has),
so these rules speak only of the directory's own codes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from services.common.errors import Violations
from services.common.regions import is_valid_region_code
from services.common.text import is_mainland_mobile
from services.gateway.domain.claims import PERSON_ID
from services.gateway.domain.principal import Role

TEAM_ID = re.compile(r"[A-Za-z0-9_.-]{1,64}")
# WeCom and DingTalk user ids: at most 64 visible characters, no spaces.
IM_USER_ID = re.compile(r"[\x21-\x7e]{1,64}")
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
STATUSES = frozenset({"active", "on_leave", "inactive"})
CUSTOMER_TYPES = frozenset({"KA", "BC", "CONVENIENCE"})
CHANNELS = frozenset({"", "wecom", "dingtalk"})  # "" lets notify pick its default
MAX_NAME = 50
MAX_REGIONS = 100
MAX_CAPACITY = 1000


@dataclass(frozen=True)
class PersonFacts:
    person_id: str
    name: str
    roles: tuple[str, ...]
    supervisor_id: str
    team_id: str
    region_codes: tuple[str, ...]
    customer_types: tuple[str, ...]
    capacity: int
    status: str  # "" when not given
    phone: str
    wecom_userid: str
    dingtalk_userid: str
    preferred_channel: str

    @property
    def is_rep(self) -> bool:
        return Role.REP.value in self.roles


def validate_person(p: PersonFacts) -> None:
    v = Violations()
    _identity(v, p)
    _roles_and_status(v, p)
    _coverage(v, p)
    _contacts(v, p)
    v.raise_if_any()


def _identity(v: Violations, p: PersonFacts) -> None:
    v.check(
        bool(PERSON_ID.fullmatch(p.person_id)),
        "person.person_id",
        "人员编号必须是 1 到 64 位字母、数字或 _.-",
    )
    if v.max_len("person.name", p.name, MAX_NAME):
        v.check(bool(p.name.strip()), "person.name", "必须填写姓名")
        v.check(not CONTROL.search(p.name), "person.name", "姓名不能包含控制字符")
    if p.supervisor_id:
        v.check(
            bool(PERSON_ID.fullmatch(p.supervisor_id)),
            "person.supervisor_id",
            "上级编号必须是 1 到 64 位字母、数字或 _.-",
        )
        v.check(p.supervisor_id != p.person_id, "person.supervisor_id", "上级不能是本人")
    if p.team_id:
        v.check(
            bool(TEAM_ID.fullmatch(p.team_id)),
            "person.team_id",
            "团队编号必须是 1 到 64 位字母、数字或 _.-",
        )


def _roles_and_status(v: Violations, p: PersonFacts) -> None:
    v.check(bool(p.roles), "person.roles", "至少指定一个角色")
    if v.max_items("person.roles", p.roles, len(Role)):
        known = {r.value for r in Role}
        for i, role in enumerate(p.roles):
            v.known(f"person.roles[{i}]", role, known, "角色")
        v.check(len(set(p.roles)) == len(p.roles), "person.roles", "角色不能重复")
    if not p.status:
        v.add("person.status", "必须指定在职状态")
    else:
        v.known("person.status", p.status, STATUSES, "在职状态")


def _coverage(v: Violations, p: PersonFacts) -> None:
    if v.max_items("person.region_codes", p.region_codes, MAX_REGIONS):
        for i, code in enumerate(p.region_codes):
            v.check(
                is_valid_region_code(code),
                f"person.region_codes[{i}]",
                "区域编码必须是 6 位数字的国家行政区划代码(GB/T 2260)",
            )
    if v.max_items("person.customer_types", p.customer_types, len(CUSTOMER_TYPES)):
        for i, kind in enumerate(p.customer_types):
            v.known(f"person.customer_types[{i}]", kind, CUSTOMER_TYPES, "客户类型")
    if p.is_rep:
        v.check(bool(p.region_codes), "person.region_codes", "业务员必须至少负责一个区域")
        v.check(bool(p.customer_types), "person.customer_types", "业务员必须至少负责一种客户类型")
        v.check(
            0 < p.capacity <= MAX_CAPACITY,
            "person.capacity",
            f"业务员容量必须在 1 到 {MAX_CAPACITY} 之间",
        )
    else:
        v.check(0 <= p.capacity <= MAX_CAPACITY, "person.capacity", "容量不能为负或过大")


def _contacts(v: Violations, p: PersonFacts) -> None:
    if p.phone:
        v.check(
            is_mainland_mobile(p.phone),
            "person.phone",
            "手机号必须是 11 位中国大陆手机号(半角数字)",
        )
    for field, value, label in (
        ("person.wecom_userid", p.wecom_userid, "企业微信账号"),
        ("person.dingtalk_userid", p.dingtalk_userid, "钉钉账号"),
    ):
        if value:
            v.check(
                bool(IM_USER_ID.fullmatch(value)),
                field,
                f"{label}必须是 1 到 64 个可见字符,不含空格",
            )
    v.check(
        bool(p.wecom_userid or p.dingtalk_userid),
        "person.wecom_userid",
        "必须绑定企业微信或钉钉账号,否则无法接收通知",
    )
    v.known("person.preferred_channel", p.preferred_channel, CHANNELS, "通知渠道")
