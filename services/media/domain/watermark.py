"""The text burned into the derived image (M2): where, when (Asia/Shanghai), who, which store."""

from __future__ import annotations

from datetime import datetime

from services.common.clock import shanghai_text
from services.media.domain.geo import format_point
from services.media.domain.model import GeoPoint

UNKNOWN_LOCATION = "位置:手机未提供定位"


def watermark_lines(
    location: GeoPoint | None, taken_at: datetime, rep_name: str, store_name: str
) -> list[str]:
    """Four short lines, each readable on its own when a copy is cropped."""
    return [
        f"位置:{format_point(location)}" if location else UNKNOWN_LOCATION,
        f"时间:{shanghai_text(taken_at)}(北京时间)",
        f"业务员:{rep_name or '未登记'}",
        f"门店:{store_name or '未登记门店'}",
    ]
