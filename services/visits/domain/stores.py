"""The store master (SPEC "Stores and customers"): the distributor's outlets, each with a
registered location and its datum. Plain data and rules, no I/O."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field, replace
from datetime import datetime

from services.common.errors import Violations
from services.common.geo import DATUMS, GeoPoint, is_valid
from services.common.labels import CUSTOMER_TYPE_ZH
from services.common.regions import covers, is_valid_region_code
from services.visits.domain import name_search

# Where a store came from (StoreRegistered.source).
SOURCES = ("import", "card", "ocr", "api")
# Customer class code -> the label a person reads (the codes of proto_codes.CUSTOMER_TYPE_*).
CUSTOMER_CLASSES: dict[str, str] = CUSTOMER_TYPE_ZH
# The facts UpdateStore may change (its update_mask names) and store.updated reports.
UPDATABLE = (
    "external_id",
    "name",
    "address",
    "location",
    "region_code",
    "customer_class",
    "owner_rep_id",
    "visit_every_days",
    "contact_name",
    "phone",
    "active",
)
MAX_ID, MAX_NAME, MAX_ADDRESS, MAX_CONTACT = 64, 100, 200, 50
MAX_VISIT_EVERY_DAYS = 365
# Mainland mobile (13x-19x) or a landline with its area code (0571-88886666); ASCII digits
# only: `\d` would take full-width ones too.
_PHONE = re.compile(r"1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8}")
_EXTERNAL_ID = re.compile(r"[0-9A-Za-z._:/-]+")


@dataclass
class Store:
    tenant_id: str
    store_id: str
    external_id: str  # the ERP's id; idempotency key of imports; ERP orders name it
    name: str
    address: str
    location: GeoPoint | None  # registered location, with its datum
    region_code: str  # GB/T 2260
    customer_class: str  # KA | BC | CONVENIENCE (services/common/proto_codes.py)
    owner_rep_id: str
    visit_every_days: int  # 0: the tenant's default for the class
    lead_id: str  # the lead it came from, if any
    registered_at: datetime  # start of "time to first visit" (V7)
    source: str = "api"
    contact_name: str = ""
    phone: str = ""
    active: bool = True
    version: int = 1
    updated_at: datetime | None = None
    registered_by: str = ""
    # Visits, as cards note them (note_visit): plans read the last, V7 the first.
    last_visited_at: datetime | None = None
    last_visit_id: str = ""
    first_visited_at: datetime | None = None
    first_visit_id: str = ""
    # V7 waits for the first visit of a new customer; a store imported with its last visit
    # date is an existing customer and is not waited for.
    first_visit_tracked: bool = True
    first_visit_due_at: datetime | None = None  # registration + the tenant's limit (V7)
    first_visit_overdue_at: datetime | None = None  # when store.first_visit_overdue went out
    number: int = 0  # its place in the tenant's register (1, 2, ...): lists page by it

    def facts(self) -> dict[str, object]:
        return {name: getattr(self, name) for name in UPDATABLE}

    def with_facts(self, facts: dict[str, object], now: datetime) -> Store:
        """A new version carrying `facts` (names of UPDATABLE)."""
        return replace(self, **facts, version=self.version + 1, updated_at=now)


@dataclass(frozen=True)
class StoreDraft:
    """A lead's new store as a rep records it on a card (V2) before it is registered."""

    name: str
    address: str
    location: GeoPoint | None
    region_code: str
    customer_class: str
    contact: str = ""
    phone: str = ""


@dataclass(frozen=True)
class StoreQuery:
    """ListStores' filters; every one is optional."""

    tenant_id: str
    name_query: str = ""
    region_code: str = ""
    owner_rep_ids: tuple[str, ...] = ()
    customer_class: str = ""
    include_inactive: bool = False


MAX_OWNER_FILTER = 100


def check_query(query: StoreQuery) -> None:
    v = Violations()
    typed = name_search.normalise(query.name_query)
    v.check(
        len(query.name_query) <= name_search.MAX_QUERY,
        "name_query",
        f"搜索词最多 {name_search.MAX_QUERY} 个字",
    )
    v.check(not query.name_query.strip() or bool(typed), "name_query", "搜索词必须含有文字或数字")
    if query.region_code:
        v.check(
            query.region_code.isascii() and is_valid_region_code(query.region_code),
            "region_code",
            "区域编码必须是 6 位 GB/T 2260 行政区划代码",
        )
    v.check(
        len(query.owner_rep_ids) <= MAX_OWNER_FILTER, "owner_rep_ids", "一次最多按 100 名业务员筛选"
    )
    v.check(
        all(0 < len(r) <= MAX_ID for r in query.owner_rep_ids), "owner_rep_ids", "业务员编号无效"
    )
    v.raise_if_any()


def matches(store: Store, query: StoreQuery) -> bool:
    """Every filter of `query` holds for `store` (the name as name_search reads it)."""
    typed = name_search.normalise(query.name_query)
    return (
        (query.include_inactive or store.active)
        and (not query.owner_rep_ids or store.owner_rep_id in query.owner_rep_ids)
        and (not query.customer_class or store.customer_class == query.customer_class)
        and (not query.region_code or in_region(store.region_code, query.region_code))
        and (not typed or name_search.matches(store.name, typed))
    )


def changed_fields(before: Store, after: Store) -> list[str]:
    return [name for name in UPDATABLE if getattr(before, name) != getattr(after, name)]


def region_keys(region_code: str) -> list[str]:
    """The prefixes a region filter matches on: 330106 -> 33, 3301, 330106."""
    if len(region_code) != 6:
        return []
    return sorted({region_code[:2], region_code[:4], region_code})


def region_filter_key(region_code: str) -> str:
    """The prefix a filter code stands for: 330000 -> 33, 330100 -> 3301, 330106 -> 330106."""
    key = region_code
    while key.endswith("00") and len(key) > 2:
        key = key[:-2]
    return key


def in_region(store_region: str, filter_code: str) -> bool:
    return covers(filter_code, store_region)


def is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return len(value) == 36


@dataclass
class StoreChecks:
    """Checks a store's facts, collecting every problem; `prefix` names the fields as the
    caller's contract does (store.name, name, ...)."""

    prefix: str = "store."
    v: Violations = field(default_factory=Violations)

    def text(self, value: str, name: str, label: str, limit: int, required: bool) -> None:
        if required and not value.strip():
            self.v.add(self.prefix + name, f"必须填写{label}")
        elif len(value) > limit:
            self.v.add(self.prefix + name, f"{label}不能超过 {limit} 个字")

    def location(self, point: GeoPoint | None, required: bool) -> None:
        name = self.prefix + "location"
        if point is None:
            if required:
                self.v.add(name, "必须填写门店的登记位置(经纬度和坐标系)")
            return
        self.v.check(
            is_valid(point.latitude, point.longitude),
            name,
            "经纬度无效:纬度 -90~90、经度 -180~180,且不能为 0,0",
        )
        self.v.check(
            point.datum in DATUMS, f"{name}.datum", "必须注明坐标系:WGS-84、GCJ-02 或 BD-09"
        )

    def region(self, code: str) -> None:
        self.v.check(
            code.isascii() and is_valid_region_code(code),
            self.prefix + "region_code",
            "区域编码必须是 6 位 GB/T 2260 行政区划代码",
        )

    def customer_class(self, code: str) -> None:
        self.v.check(
            code in CUSTOMER_CLASSES,
            self.prefix + "customer_class",
            f"客户类型必须是:{'、'.join(CUSTOMER_CLASSES.values())}",
        )

    def phone(self, phone: str) -> None:
        self.v.check(
            not phone or bool(_PHONE.fullmatch(phone)),
            self.prefix + "phone",
            "电话必须是手机号(11 位)或带区号的固定电话",
        )


def _check_outlet(c: StoreChecks, outlet: Store | StoreDraft, contact: tuple[str, str]) -> None:
    """The facts a draft and a store share; `contact` is (its field name, its value)."""
    c.text(outlet.name, "name", "门店名称", MAX_NAME, required=True)
    c.text(outlet.address, "address", "地址", MAX_ADDRESS, required=False)
    c.text(contact[1], contact[0], "联系人", MAX_CONTACT, required=False)
    c.location(outlet.location, required=True)
    c.region(outlet.region_code)
    c.customer_class(outlet.customer_class)
    c.phone(outlet.phone)


def check_draft(draft: StoreDraft, checks: StoreChecks) -> None:
    _check_outlet(checks, draft, ("contact", draft.contact))


def check_store(store: Store, checks: StoreChecks) -> None:
    """Every rule of a store's own facts (the owner's existence is checked by the use case,
    against the people read model)."""
    c = checks
    _check_outlet(c, store, ("contact_name", store.contact_name))
    c.v.check(
        not store.external_id
        or (len(store.external_id) <= MAX_ID and bool(_EXTERNAL_ID.fullmatch(store.external_id))),
        c.prefix + "external_id",
        f"外部编号只能含字母、数字和 ._:/-,最多 {MAX_ID} 个字符",
    )
    c.v.check(bool(store.owner_rep_id), c.prefix + "owner_rep_id", "必须指定负责业务员")
    c.v.check(len(store.owner_rep_id) <= MAX_ID, c.prefix + "owner_rep_id", "业务员编号过长")
    c.v.check(
        0 <= store.visit_every_days <= MAX_VISIT_EVERY_DAYS,
        c.prefix + "visit_every_days",
        f"拜访频率必须在 0(按客户类型默认)到 {MAX_VISIT_EVERY_DAYS} 天之间",
    )
    c.v.check(len(store.lead_id) <= MAX_ID, c.prefix + "lead_id", "线索编号过长")


def store_from_draft(
    draft: StoreDraft, tenant_id: str, store_id: str, rep_id: str, lead_id: str, now: datetime
) -> Store:
    return Store(
        tenant_id=tenant_id,
        store_id=store_id,
        external_id="",
        name=draft.name.strip(),
        address=draft.address.strip(),
        location=draft.location,
        region_code=draft.region_code,
        customer_class=draft.customer_class,
        owner_rep_id=rep_id,
        visit_every_days=0,
        lead_id=lead_id,
        registered_at=now,
        source="card",
        contact_name=draft.contact.strip(),
        phone=draft.phone,
        registered_by=rep_id,
    )
