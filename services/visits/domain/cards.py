"""The whole visit card (SPEC V2): what the rep submitted (`CardDraft`), and the card as
stored (`Card`): the draft plus what the server worked out (distance to the store, the
submit delay, the template items missing, plausibility flags, the plan item it closed).
Plain data, no I/O; the rules that block a submit live in domain/card_rules.py."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from services.common.fingerprints import content_fingerprint, plain
from services.common.geo import GeoPoint
from services.visits.domain.lines import PriceLine, ReturnLine, SampleLine
from services.visits.domain.stores import StoreDraft

# The three photo slots of a card, code -> the label a rep sees.
PHOTO_SLOTS: dict[str, str] = {"storefront": "门头照", "shelf": "货架照", "meeting": "洽谈照"}

# SPEC S2 completeness: template items a card may lack (it is accepted, and each missing
# item costs the rep 2 points in scoring), code -> the label a supervisor reads.
MISSING_ITEMS: dict[str, str] = {
    "photo_storefront": "缺门头照",
    "photo_shelf": "缺货架照",
    "photo_meeting": "缺洽谈照",
    "core_demand": "未选核心诉求",
    "commitment": "未填跟进承诺(也未注明无)",
    "price_lines": "申请特价但未填价格明细",
}

# Check-in plausibility flags (issue 9 part 4), code -> label. They never block a submit.
PLAUSIBILITY_FLAGS: dict[str, str] = {
    "mock_location": "设备报告模拟定位",
    "impossible_speed": "与上一次签到之间的移动速度不可能",
    "poor_accuracy": "签到定位精度过差",
}


@dataclass(frozen=True)
class Stamp:
    """A check-in or check-out: where (with datum and accuracy), when, and whether the device
    said the position came from a mock-location provider."""

    location: GeoPoint
    at: datetime
    mock_location: bool = False


@dataclass(frozen=True)
class PhotoRef:
    photo_id: str
    slot: str  # a PHOTO_SLOTS code


@dataclass(frozen=True)
class NewCommitment:
    commitment_id: str  # client-generated UUID
    description: str
    due_date: date  # Asia/Shanghai


@dataclass(frozen=True)
class CommitmentUpdate:
    """The rep closes one of the store's open commitments: done, or cancelled with a note."""

    commitment_id: str
    status: str  # done | cancelled
    note: str = ""


@dataclass(frozen=True)
class CardDraft:
    """What the phone sent. Its fingerprint identifies it: a replay with the same content is
    the same card; other content under the same visit id is refused."""

    visit_id: str
    tenant_id: str
    rep_id: str
    store_id: str  # empty when the card registers a lead's new store
    check_in: Stamp | None
    check_out: Stamp | None
    lead_id: str = ""
    photos: tuple[PhotoRef, ...] = ()
    core_demand: str = ""
    commitments: tuple[NewCommitment, ...] = ()
    no_commitment: bool = False  # the rep says explicitly: no follow-up this time
    commitment_updates: tuple[CommitmentUpdate, ...] = ()
    special_price_requested: bool = False
    price_lines: tuple[PriceLine, ...] = ()
    samples: tuple[SampleLine, ...] = ()
    returns: tuple[ReturnLine, ...] = ()
    notes: str = ""
    new_store: StoreDraft | None = None
    completed_at: datetime | None = None  # the device's "done" time (may be offline)

    def fingerprint(self) -> str:
        return content_fingerprint(plain(self))


@dataclass
class Card:
    """A stored card. The attributes b2's use cases read (approvals, returns, samples) are
    properties, so they stay the same whatever the draft's shape."""

    draft: CardDraft
    fingerprint: str
    store_id: str
    store_name: str
    region_code: str
    customer_class: str
    store_owner_rep_id: str
    store_registered_at: datetime | None
    received_at: datetime
    submitted_at: datetime
    submit_delay_seconds: int
    distance_to_store_m: float | None
    missing_items: list[str] = field(default_factory=list)
    plausibility_flags: list[str] = field(default_factory=list)
    implied_speed_kmh: float = 0.0
    supervisor_id: str = ""
    team_id: str = ""
    plan_item_id: str = ""
    plan_date: str = ""
    approval_id: str = ""
    first_visit_of_store: bool = False
    store_registered_from_card: bool = False
    # Photos an offline card named before they were uploaded; linked when media stores them.
    pending_photo_ids: list[str] = field(default_factory=list)

    @property
    def visit_id(self) -> str:
        return self.draft.visit_id

    @property
    def tenant_id(self) -> str:
        return self.draft.tenant_id

    @property
    def rep_id(self) -> str:
        return self.draft.rep_id

    @property
    def lead_id(self) -> str:
        return self.draft.lead_id

    @property
    def checked_in_at(self) -> datetime:
        assert self.draft.check_in is not None  # a stored card always has both stamps
        return self.draft.check_in.at

    @property
    def checked_out_at(self) -> datetime:
        assert self.draft.check_out is not None
        return self.draft.check_out.at

    @property
    def samples(self) -> tuple[SampleLine, ...]:
        return self.draft.samples

    @property
    def returns(self) -> tuple[ReturnLine, ...]:
        return self.draft.returns

    @property
    def price_lines(self) -> tuple[PriceLine, ...]:
        return self.draft.price_lines

    @property
    def special_price_requested(self) -> bool:
        return self.draft.special_price_requested

    @property
    def photo_ids(self) -> list[str]:
        return [p.photo_id for p in self.draft.photos]
