"""The visit card (SPEC V2) and its follow-up commitments (V3). Plain data, no I/O."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from enum import StrEnum


class CommitmentStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    CANCELLED = "cancelled"


# The dropdown of core demands (SPEC V2), with the label a rep sees.
CORE_DEMANDS: dict[str, str] = {
    "price_objection": "价格异议",
    "delivery_timeliness": "配送时效",
    "display_support": "陈列支持",
    "product_quality": "产品质量",
    "new_product": "新品需求",
    "other": "其他",
}


@dataclass(frozen=True)
class GpsStamp:
    latitude: float
    longitude: float
    datum: str
    accuracy_m: float
    at: datetime | None


@dataclass
class Commitment:
    commitment_id: str
    description: str
    due_date: date | None
    status: CommitmentStatus = CommitmentStatus.OPEN


@dataclass
class Visit:
    visit_id: str
    tenant_id: str
    rep_id: str
    lead_id: str
    store_id: str
    store_name: str
    check_in: GpsStamp | None
    check_out: GpsStamp | None
    core_demand: str
    commitments: list[Commitment] = field(default_factory=list)
    photo_ids: list[str] = field(default_factory=list)
    special_price_requested: bool = False
    notes: str = ""
    submitted_at: datetime | None = None

    def fingerprint(self) -> str:
        """Identifies the card's content, so an offline replay of the same card is recognised
        and a different card reusing the id is refused."""
        content = asdict(self)
        content.pop("submitted_at")
        return hashlib.sha256(json.dumps(content, sort_keys=True, default=str).encode()).hexdigest()
