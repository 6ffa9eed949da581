"""Required fields of a visit card, enforced at submit (SPEC V2)."""

from __future__ import annotations

import uuid
from datetime import date

from services.common.clock import SHANGHAI
from services.common.errors import Violations
from services.visits.domain.model import CORE_DEMANDS, GpsStamp, Visit

KNOWN_DATUMS = frozenset({"wgs84", "gcj02", "bd09"})
MAX_COMMITMENTS = 20


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def _check_stamp(v: Violations, stamp: GpsStamp | None, name: str, label: str) -> None:
    if stamp is None:
        v.add(name, f"必须{label}(GPS 定位和时间)")
        return
    v.check(-90 <= stamp.latitude <= 90, f"{name}.location.latitude", "纬度必须在 -90 到 90 之间")
    v.check(
        -180 <= stamp.longitude <= 180, f"{name}.location.longitude", "经度必须在 -180 到 180 之间"
    )
    v.check(
        not (stamp.latitude == 0 and stamp.longitude == 0),
        f"{name}.location",
        f"{label}缺少 GPS 定位",
    )
    v.check(stamp.datum in KNOWN_DATUMS, f"{name}.location.datum", "必须注明坐标系")
    v.check(stamp.at is not None, f"{name}.at", f"必须记录{label}时间")


def validate_visit(visit: Visit) -> None:
    v = Violations()
    v.check(_is_uuid(visit.visit_id), "visit_id", "拜访编号必须是客户端生成的 UUID")
    v.check(bool(visit.rep_id), "rep_id", "必须指明业务员")
    v.check(bool(visit.store_id or visit.store_name), "store_id", "必须选择或填写门店")
    _check_stamp(v, visit.check_in, "check_in", "签到")
    _check_stamp(v, visit.check_out, "check_out", "签退")
    if visit.check_in and visit.check_out and visit.check_in.at and visit.check_out.at:
        v.check(visit.check_out.at >= visit.check_in.at, "check_out.at", "签退时间不能早于签到时间")
    v.check(
        visit.core_demand in CORE_DEMANDS,
        "core_demand",
        f"核心诉求必须从下拉选项中选择:{'、'.join(CORE_DEMANDS.values())}",
    )
    v.check(len(visit.photo_ids) >= 1, "photo_ids", "至少上传一张现场照片")
    v.check(len(visit.commitments) <= MAX_COMMITMENTS, "commitments", "承诺事项不能超过 20 条")
    visit_day: date | None = (
        visit.check_in.at.astimezone(SHANGHAI).date()
        if visit.check_in and visit.check_in.at
        else None
    )
    for i, c in enumerate(visit.commitments):
        v.check(_is_uuid(c.commitment_id), f"commitments[{i}].commitment_id", "承诺编号必须是 UUID")
        v.check(bool(c.description.strip()), f"commitments[{i}].description", "必须填写承诺内容")
        if c.due_date is None:
            v.add(f"commitments[{i}].due_date", "截止日期格式必须是 YYYY-MM-DD")
        elif visit_day is not None and c.due_date < visit_day:
            v.add(f"commitments[{i}].due_date", "截止日期不能早于拜访当天")
    v.raise_if_any()
