"""Why a photo is doubtful: each reason's code and Chinese label, in one table."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class FlagReason(StrEnum):
    REUSED = "reused"
    EXIF_FAR = "exif_far"
    EXIF_STALE = "exif_stale"
    EXIF_MISSING = "exif_missing"
    STORE_MISMATCH = "store_mismatch"


FLAG_LABELS: dict[FlagReason, str] = {
    FlagReason.REUSED: "重复使用的照片",
    FlagReason.EXIF_FAR: "拍摄位置与定位不符",
    FlagReason.EXIF_STALE: "非现场拍摄(拍摄时间过早)",
    FlagReason.EXIF_MISSING: "照片缺少拍摄信息",
    FlagReason.STORE_MISMATCH: "门头与拜访门店不符",
}


@dataclass(frozen=True)
class EarlierPhoto:
    """The photo a reused one copies: whose, from which visit, when."""

    photo_id: str
    visit_id: str
    rep_id: str
    stored_at: datetime | None


@dataclass(frozen=True)
class Flag:
    reason: FlagReason
    detail: str  # Chinese, for a person
    earlier: EarlierPhoto | None = None

    @property
    def label(self) -> str:
        return FLAG_LABELS[self.reason]
