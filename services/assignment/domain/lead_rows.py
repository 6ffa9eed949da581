"""Turning one row of an imported sheet into a lead (SPEC A1 bulk intake). Headers may be
Chinese or English; values use what a person types (红/黄/蓝, 便利店, ...)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from services.assignment.domain.model import CustomerType, GeoPoint, Lead, Urgency
from services.assignment.domain.validation import validate_lead
from services.common.errors import FieldViolation, InvalidArgument
from services.common.labels import CUSTOMER_TYPE_TYPED, DATUM_TYPED, URGENCY_TYPED

HEADERS = {
    "external_id": ("external_id", "来源编号", "外部编号"),
    "channel": ("channel", "渠道", "来源渠道"),
    "customer_type": ("customer_type", "客户类型"),
    "region_code": ("region_code", "区域编码", "行政区划代码"),
    "urgency": ("urgency", "紧急程度", "紧急等级"),
    "customer_name": ("customer_name", "客户名称", "门店名称"),
    "contact_name": ("contact_name", "联系人"),
    "phone": ("phone", "手机号", "联系电话"),
    "address": ("address", "地址"),
    "latitude": ("latitude", "纬度"),
    "longitude": ("longitude", "经度"),
    "datum": ("datum", "坐标系"),
    "store_id": ("store_id", "门店编号"),
}
CHANNELS = {"电商": "ecommerce", "展会": "exhibition", "转介绍": "referral"}
CUSTOMER_TYPES = {typed: CustomerType(code) for typed, code in CUSTOMER_TYPE_TYPED.items()}
URGENCIES = {typed: Urgency(code) for typed, code in URGENCY_TYPED.items()}
DATUMS = DATUM_TYPED
REQUIRED = (
    "external_id",
    "channel",
    "customer_type",
    "region_code",
    "urgency",
    "customer_name",
    "phone",
)


def header_map(headers: list[str]) -> dict[str, int]:
    """Column index of each known field; unknown columns are ignored."""
    found: dict[str, int] = {}
    for index, raw in enumerate(headers):
        name = raw.strip().lower()
        for field, aliases in HEADERS.items():
            if name in (a.lower() for a in aliases):
                found.setdefault(field, index)
    return found


def missing_columns(columns: dict[str, int]) -> list[str]:
    return [HEADERS[f][1] for f in REQUIRED if f not in columns]


def lead_from_row(
    values: list[str], columns: dict[str, int], tenant_id: str, lead_id: str, now: datetime
) -> Lead:
    """Raises InvalidArgument with every problem of the row."""

    def cell(field: str) -> str:
        index = columns.get(field)
        return values[index].strip() if index is not None and index < len(values) else ""

    problems: list[FieldViolation] = []
    location = _location(cell, problems)
    channel = cell("channel")
    lead = Lead(
        lead_id=lead_id,
        tenant_id=tenant_id,
        external_id=cell("external_id"),
        channel=CHANNELS.get(channel, channel.lower()),
        customer_type=CUSTOMER_TYPES.get(cell("customer_type").lower()),  # type: ignore[arg-type]
        region_code=cell("region_code"),
        urgency=URGENCIES.get(cell("urgency").lower()),  # type: ignore[arg-type]
        customer_name=cell("customer_name"),
        contact_name=cell("contact_name"),
        phone=cell("phone").replace(" ", "").replace("-", ""),
        address=cell("address"),
        location=location,
        store_id=cell("store_id"),
        created_at=now,
    )
    try:
        validate_lead(lead)
    except InvalidArgument as error:
        problems.extend(error.violations)
    if problems:
        raise InvalidArgument.of(problems)
    return lead


def _location(cell: Callable[[str], str], problems: list[FieldViolation]) -> GeoPoint | None:
    """The row's coordinates, if it has any; a problem is added when they are not numbers."""
    if not (cell("latitude") or cell("longitude")):
        return None
    try:
        return GeoPoint(
            float(cell("latitude")), float(cell("longitude")), DATUMS.get(cell("datum").lower(), "")
        )
    except ValueError:
        problems.append(FieldViolation("location", "经纬度必须是数字"))
        return None
