"""One row of an imported store sheet (the ERP's outlet list) -> a store's facts. Headers may
be Chinese or English; values are what a person types (便利店, 高德, 停业, 2026-11-01).

Only the columns the sheet has are facts of the row, so a sheet without a contact column
never clears the contacts it does not mention. 建档日期 (registration date) and 最近拜访日期
(last visit date) count only when a row creates its store: an existing customer imported
with its last visit date is planned from that date and is not waited for as a new customer
(V7); afterwards the platform's own records are the truth."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from services.common.clock import SHANGHAI, as_utc
from services.common.errors import FieldViolation, InvalidArgument
from services.common.geo import GeoPoint
from services.common.labels import CUSTOMER_TYPE_TYPED, DATUM_TYPED
from services.visits.domain.sheet_rows import Row
from services.visits.domain.stores import Store, StoreChecks, check_store

HEADERS: dict[str, tuple[str, ...]] = {
    "external_id": ("外部编号", "门店编号", "客户编码", "ERP编号", "external_id"),
    "name": ("门店名称", "客户名称", "名称", "name"),
    "address": ("地址", "门店地址", "address"),
    "latitude": ("纬度", "latitude", "lat"),
    "longitude": ("经度", "longitude", "lng", "lon"),
    "datum": ("坐标系", "datum"),
    "region_code": ("区域编码", "行政区划代码", "region_code"),
    "customer_class": ("客户类型", "客户类别", "customer_class"),
    "owner_rep_id": ("负责业务员", "业务员编号", "owner_rep_id"),
    "visit_every_days": ("拜访频率(天)", "拜访频率", "拜访周期(天)", "visit_every_days"),
    "lead_id": ("线索编号", "lead_id"),
    "contact_name": ("联系人", "contact_name"),
    "phone": ("联系电话", "电话", "手机号", "phone"),
    "active": ("状态", "门店状态", "active"),
    "registered_at": ("建档日期", "建档时间", "registered_at"),
    "last_visited_on": ("最近拜访日期", "last_visited_on"),
}
REQUIRED = ("external_id", "name", "latitude", "longitude", "datum", "region_code")
REQUIRED += ("customer_class", "owner_rep_id")
CLASSES = CUSTOMER_TYPE_TYPED
DATUMS = DATUM_TYPED
ACTIVE = {"": True, "在营": True, "营业": True, "正常": True, "是": True, "true": True, "1": True,
          "停业": False, "关闭": False, "否": False, "false": False, "0": False}  # fmt: skip
TEXT_FACTS = ("external_id", "name", "address", "region_code", "owner_rep_id", "contact_name")


@dataclass(frozen=True)
class StoreRow:
    number: int
    external_id: str
    facts: dict[str, object]  # names of stores.UPDATABLE the sheet gives
    registered_at: datetime | None  # 建档日期, for a store the row creates
    last_visited_at: datetime | None  # 最近拜访日期, likewise
    lead_id: str  # 线索编号, likewise


def _moment(text: str, field: str, problems: list[FieldViolation], now: datetime):
    """A Shanghai date or date-time, not in the future, as UTC; None if empty or bad."""
    if not text:
        return None
    try:
        parsed = datetime.fromisoformat(text.replace("/", "-"))
    except ValueError:
        problems.append(FieldViolation(field, "日期格式必须是 YYYY-MM-DD(可带 时:分)"))
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=SHANGHAI)
    moment = as_utc(parsed)
    if moment > now:
        problems.append(FieldViolation(field, "日期不能晚于今天"))
        return None
    return moment


def _location(row: Row, problems: list[FieldViolation]) -> GeoPoint | None:
    try:
        lat, lon = float(row.cell("latitude")), float(row.cell("longitude"))
    except ValueError:
        problems.append(FieldViolation("location", "经纬度必须是数字"))
        return None
    datum = DATUMS.get(row.cell("datum").lower())
    if datum is None:
        problems.append(
            FieldViolation("location.datum", "坐标系必须是 WGS-84、GCJ-02(高德/腾讯)或 BD-09(百度)")
        )
        return None
    return GeoPoint(lat, lon, datum)


def _coded(row: Row, problems: list[FieldViolation]) -> dict[str, object]:
    facts: dict[str, object] = {}
    if row.has("customer_class"):
        text = row.cell("customer_class")
        facts["customer_class"] = CLASSES.get(text.lower(), text)  # check_store names a bad one
    if row.has("visit_every_days"):
        text = row.cell("visit_every_days")
        if text.isascii() and text.isdigit() or not text:
            facts["visit_every_days"] = int(text or 0)
        else:
            problems.append(FieldViolation("visit_every_days", "拜访频率必须是天数(整数)"))
    if row.has("active"):
        active = ACTIVE.get(row.cell("active").lower())
        if active is None:
            problems.append(FieldViolation("active", "状态必须是 在营 或 停业"))
        else:
            facts["active"] = active
    return facts


def parse_row(row: Row, now: datetime) -> StoreRow:
    """Raises InvalidArgument with every problem of the row's values."""
    problems: list[FieldViolation] = []
    facts: dict[str, object] = {n: row.cell(n) for n in TEXT_FACTS if row.has(n)}
    if row.has("phone"):
        facts["phone"] = row.cell("phone").replace(" ", "")
    facts.update(_coded(row, problems))
    facts["location"] = _location(row, problems)
    registered = _moment(row.cell("registered_at"), "registered_at", problems, now)
    visited = _moment(row.cell("last_visited_on"), "last_visited_on", problems, now)
    if not row.cell("external_id"):
        problems.append(FieldViolation("external_id", "必须填写外部编号(ERP 门店编号)"))
    parsed = StoreRow(
        row.number, row.cell("external_id"), facts, registered, visited, row.cell("lead_id")
    )
    if problems:
        # name the rules the row's other values break too, so one report lists them all
        checks = StoreChecks("")
        check_store(new_store(parsed, "", "", "", datetime.min), checks)
        named = {p.field.split(".")[0] for p in problems}
        problems += [i for i in checks.v.items if i.field.split(".")[0] not in named]
        raise InvalidArgument.of(problems)
    return parsed


def check_facts(store: Store, known_reps: frozenset[str]) -> None:
    """The rules of a store built or changed by a row, plus its owner being a known rep."""
    checks = StoreChecks("")
    check_store(store, checks)
    if store.owner_rep_id and store.owner_rep_id not in known_reps:
        checks.v.add("owner_rep_id", "负责业务员不存在或已离职(以组织架构中的业务员编号为准)")
    checks.v.raise_if_any()


def new_store(row: StoreRow, tenant_id: str, store_id: str, actor: str, now: datetime) -> Store:
    visited = row.last_visited_at
    store = Store(
        tenant_id=tenant_id, store_id=store_id, external_id=row.external_id, name="", address="",
        location=None, region_code="", customer_class="", owner_rep_id="", visit_every_days=0,
        lead_id=row.lead_id, registered_at=row.registered_at or now, source="import", registered_by=actor,
        last_visited_at=visited, first_visit_tracked=visited is None,
    )  # fmt: skip
    return replace(store, **row.facts)
