"""Per-tenant settings of the visits service: one document per tenant, one section per
capability, each with its defaults, so a tenant that never saved anything works as the
SPEC says. Each helper adds its own section class here and one field to TenantSettings.

A section is a frozen dataclass that `Section` can store and load (`to_doc` / `from_doc`,
which fills fields the stored document lacks with their defaults), and that names its own
problems with `check(v, prefix)`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from datetime import datetime
from typing import Any, Self

from services.common.errors import Violations
from services.visits.domain.approvals import DiscountLimit

# --- the kernel of sections ---------------------------------------------------------------


class Section:
    def to_doc(self) -> dict[str, Any]:
        return asdict(self)  # type: ignore[call-overload]

    @classmethod
    def from_doc(cls, doc: dict[str, Any] | None) -> Self:
        known = {f.name for f in fields(cls)}  # type: ignore[arg-type]
        return cls(**{k: v for k, v in (doc or {}).items() if k in known})

    def check(self, v: Violations, prefix: str) -> None:
        raise NotImplementedError


# --- stores, plans and first visits (visits-a) --------------------------------------------

# SPEC V1 defaults: KA weekly, BC every two weeks, convenience every four weeks.
DEFAULT_VISIT_EVERY_DAYS: dict[str, int] = {"KA": 7, "BC": 14, "CONVENIENCE": 28}
MAX_EVERY_DAYS, MAX_FIRST_VISIT_DAYS, MAX_PLAN_ITEMS = 365, 60, 60


@dataclass(frozen=True)
class StoreSettings(Section):
    visit_every_days: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_VISIT_EVERY_DAYS))
    first_visit_limit_days: int = 3  # SPEC V7: alert after N days without a first visit
    max_plan_items: int = 20  # a generated day plan holds the most overdue stores up to this

    def every_days(self, customer_class: str) -> int:
        return self.visit_every_days.get(customer_class) or DEFAULT_VISIT_EVERY_DAYS.get(
            customer_class, 28
        )

    @classmethod
    def from_doc(cls, doc: dict[str, Any] | None) -> Self:
        loaded = super().from_doc(doc)
        days = {**DEFAULT_VISIT_EVERY_DAYS, **loaded.visit_every_days}
        return cls(days, loaded.first_visit_limit_days, loaded.max_plan_items)

    def check(self, v: Violations, prefix: str) -> None:
        names = {"KA": "ka_days", "BC": "bc_days", "CONVENIENCE": "convenience_days"}
        for code, name in names.items():
            days = self.visit_every_days.get(code, 0)
            v.check(
                1 <= days <= MAX_EVERY_DAYS,
                f"{prefix}.visit_every_days.{name}",
                f"拜访频率必须在 1 到 {MAX_EVERY_DAYS} 天之间",
            )
        v.check(
            1 <= self.first_visit_limit_days <= MAX_FIRST_VISIT_DAYS,
            f"{prefix}.first_visit_limit_days",
            f"首访时限必须在 1 到 {MAX_FIRST_VISIT_DAYS} 天之间",
        )
        v.check(
            1 <= self.max_plan_items <= MAX_PLAN_ITEMS,
            f"{prefix}.max_plan_items",
            f"每日计划门店数必须在 1 到 {MAX_PLAN_ITEMS} 之间",
        )


# --- cards and commitments (visits-b1) ------------------------------------------------------

# --- approvals, samples and ratings (visits-b2) --------------------------------------------

MAX_DISCOUNT_PERCENT, MAX_DISCOUNT_FEN, MAX_RATING_CODE_DAYS = 90, 100_000_000, 90


@dataclass(frozen=True)
class ApprovalSettings(Section):
    """SPEC V4's green channel: a rep with data credit >= 85 gets a request approved at once
    when every line is at most this far below list price and the card's whole discount at
    most this much (0: no amount cap); SPEC V8: how long a rating QR code stays valid."""

    green_channel_max_discount_percent: int = 10
    green_channel_max_discount_fen: int = 50_000  # 500 CNY a card
    rating_code_days: int = 7

    @property
    def discount_limit(self) -> DiscountLimit:
        return DiscountLimit(
            self.green_channel_max_discount_percent, self.green_channel_max_discount_fen
        )

    def check(self, v: Violations, prefix: str) -> None:
        v.check(
            0 <= self.green_channel_max_discount_percent <= MAX_DISCOUNT_PERCENT,
            f"{prefix}.green_channel_max_discount_percent",
            f"绿色通道折扣上限必须在 0 到 {MAX_DISCOUNT_PERCENT}% 之间",
        )
        v.check(
            0 <= self.green_channel_max_discount_fen <= MAX_DISCOUNT_FEN,
            f"{prefix}.green_channel_max_discount_fen",
            "绿色通道单卡优惠金额上限必须在 0 到 100 万元之间(0 表示不限金额)",
        )
        v.check(
            1 <= self.rating_code_days <= MAX_RATING_CODE_DAYS,
            f"{prefix}.rating_code_days",
            f"评价二维码有效期必须在 1 到 {MAX_RATING_CODE_DAYS} 天之间",
        )


# --- the tenant's document ------------------------------------------------------------------


@dataclass(frozen=True)
class TenantSettings:
    tenant_id: str
    stores: StoreSettings = field(default_factory=StoreSettings)  # visits-a
    version: int = 0  # 0: never saved, every section at its defaults
    updated_at: datetime | None = None
    updated_by: str = ""
    approvals: ApprovalSettings = field(default_factory=ApprovalSettings)  # visits-b2


# Section attribute -> its class: how the repository stores and loads each one.
SECTIONS: dict[str, type[Section]] = {
    "stores": StoreSettings,
    "approvals": ApprovalSettings,  # visits-b2
}


def validate_settings(settings: TenantSettings) -> None:
    v = Violations()
    for name in SECTIONS:
        getattr(settings, name).check(v, f"settings.{name}")
    v.raise_if_any()
