"""Checks on a lead as it enters the pool (SPEC A1). Every problem is reported at once."""

from __future__ import annotations

from services.assignment.domain.model import Lead
from services.common.errors import InvalidArgument, Violations
from services.common.labels import CUSTOMER_TYPE_ZH, URGENCY_SHORT_ZH
from services.common.regions import is_valid_region_code
from services.common.text import is_mainland_mobile

KNOWN_CHANNELS = frozenset({"ecommerce", "exhibition", "referral"})
KNOWN_DATUMS = frozenset({"wgs84", "gcj02", "bd09"})
# What a lead may store: the same limits as a store's in visits (a lead becomes a store).
MAX_ID, MAX_NAME, MAX_CONTACT, MAX_ADDRESS = 64, 100, 50, 200
MAX_REASON = 200  # a decline reason: a sentence, kept in the lead's history


def validate_lead(lead: Lead, channels: frozenset[str] = KNOWN_CHANNELS) -> None:
    v = Violations()
    v.check(bool(lead.external_id.strip()), "external_id", "必须填写来源系统编号")
    v.check(len(lead.external_id) <= 64, "external_id", "来源系统编号不能超过 64 个字符")
    v.check(
        lead.channel in channels, "channel", f"来源渠道必须是 {'、'.join(sorted(channels))} 之一"
    )
    kinds, colours = "/".join(CUSTOMER_TYPE_ZH.values()), "/".join(URGENCY_SHORT_ZH.values())
    v.check(lead.customer_type is not None, "customer_type", f"必须选择客户类型({kinds})")
    v.check(lead.urgency is not None, "urgency", f"必须选择紧急等级({colours})")
    v.check(
        is_valid_region_code(lead.region_code),
        "region_code",
        "区域编码必须是 6 位 GB/T 2260 行政区划代码",
    )
    v.check(bool(lead.customer_name.strip()), "customer_name", "必须填写客户名称")
    v.check(len(lead.customer_name) <= MAX_NAME, "customer_name", "客户名称不能超过 100 个字符")
    v.max_len("contact_name", lead.contact_name, MAX_CONTACT)
    v.max_len("address", lead.address, MAX_ADDRESS)
    v.max_len("store_id", lead.store_id, MAX_ID)
    v.check(is_mainland_mobile(lead.phone), "phone", "手机号必须是 11 位中国大陆手机号(半角数字)")
    if lead.location is not None:
        loc = lead.location
        v.check(-90 <= loc.latitude <= 90, "location.latitude", "纬度必须在 -90 到 90 之间")
        v.check(-180 <= loc.longitude <= 180, "location.longitude", "经度必须在 -180 到 180 之间")
        v.check(
            loc.datum in KNOWN_DATUMS,
            "location.datum",
            "必须注明坐标系(WGS-84、GCJ-02 或 BD-09)",
        )
    v.raise_if_any()


def validate_reason(reason: str) -> None:
    """A decline's reason: required, and one sentence, not a document."""
    if not reason.strip():
        raise InvalidArgument.of_field("reason", "拒单必须填写原因")
    v = Violations()
    v.max_len("reason", reason, MAX_REASON)
    v.raise_if_any()
