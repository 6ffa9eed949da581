"""Checks on a person entering the org directory."""

from __future__ import annotations

import re
from dataclasses import dataclass

from services.common.errors import Violations

MAINLAND_MOBILE = re.compile(r"^1[3-9]\d{9}$")
REGION_CODE = re.compile(r"^\d{6}$")
PERSON_ID = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")


@dataclass(frozen=True)
class PersonFacts:
    person_id: str
    name: str
    role_count: int
    is_rep: bool
    region_codes: list[str]
    customer_type_count: int
    capacity: int
    phone: str
    status_given: bool
    wecom_userid: str
    dingtalk_userid: str


def validate_person(p: PersonFacts) -> None:
    v = Violations()
    v.check(
        bool(PERSON_ID.fullmatch(p.person_id)),
        "person.person_id",
        "人员编号只能包含字母、数字和 _.-",
    )
    v.check(bool(p.name.strip()), "person.name", "必须填写姓名")
    v.check(p.role_count > 0, "person.roles", "至少指定一个角色")
    v.check(p.status_given, "person.status", "必须指定在职状态")
    for i, code in enumerate(p.region_codes):
        v.check(
            bool(REGION_CODE.fullmatch(code)),
            f"person.region_codes[{i}]",
            "区域编码必须是 6 位数字",
        )
    if p.is_rep:
        v.check(bool(p.region_codes), "person.region_codes", "业务员必须至少负责一个区域")
        v.check(
            p.customer_type_count > 0, "person.customer_types", "业务员必须至少负责一种客户类型"
        )
        v.check(0 < p.capacity <= 1000, "person.capacity", "业务员容量必须在 1 到 1000 之间")
    if p.phone:
        v.check(
            bool(MAINLAND_MOBILE.fullmatch(p.phone)),
            "person.phone",
            "手机号必须是 11 位中国大陆手机号",
        )
    v.check(
        bool(p.wecom_userid or p.dingtalk_userid),
        "person.wecom_userid",
        "必须绑定企业微信或钉钉账号,否则无法接收通知",
    )
    v.raise_if_any()
