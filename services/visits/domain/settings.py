"""Per-tenant settings of the visits service: one document per tenant, one section per
capability, each with its defaults, so a tenant that never saved anything works as the
SPEC says. Each helper adds its own section class here and one field to TenantSettings.

A section is a frozen dataclass that `Section` can store and load (`to_doc` / `from_doc`,
which fills fields the stored document lacks with their defaults), and that names its own
problems with `check(v, prefix)`.
"""

from __future__ import annotations

import math
import re
from abc import ABC, abstractmethod
from dataclasses import asdict, dataclass, field, fields, replace
from datetime import datetime
from typing import Any, Self

from services.common.errors import Violations
from services.visits.domain.approvals import DiscountLimit

# --- the kernel of sections ---------------------------------------------------------------


class Section(ABC):
    """One section of a tenant's visits settings: stored as a document, checked as a whole."""

    def to_doc(self) -> dict[str, Any]:
        return asdict(self)  # type: ignore[call-overload]

    @classmethod
    def from_doc(cls, doc: dict[str, Any] | None) -> Self:
        known = {f.name for f in fields(cls)}  # type: ignore[arg-type]
        return cls(**{k: v for k, v in (doc or {}).items() if k in known})

    @abstractmethod
    def check(self, v: Violations, prefix: str) -> None:
        """Add a violation, named `<prefix>.<field>`, for every value out of its bounds."""


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
# What the card, check-in plausibility and the commitment timer read per tenant.

CODE = re.compile(r"[a-z][a-z0-9_]{0,31}")
MAX_CHOICES, MAX_LABEL, MAX_STEPS, MAX_DAYS = 30, 20, 10, 365

# The dropdown of core demands (SPEC V2), code -> the label a rep sees. A tenant may replace
# it; these six are the default.
DEFAULT_CORE_DEMANDS: dict[str, str] = {
    "price_objection": "价格异议",
    "delivery_timeliness": "配送时效",
    "display_support": "陈列支持",
    "product_quality": "产品质量",
    "new_product": "新品需求",
    "other": "其他",
}


@dataclass(frozen=True)
class EscalationStep:
    """One reminder of an overdue commitment: sent `days_after_due` days after the due date
    (Asia/Shanghai days) to the rep and the supervisor, and to the director when
    `copy_director`."""

    days_after_due: int
    copy_director: bool = False


# SPEC V3 / issue 8: the day after due, +2 days again, +5 days copying the director.
DEFAULT_ESCALATION: tuple[EscalationStep, ...] = (
    EscalationStep(1),
    EscalationStep(3),
    EscalationStep(6, copy_director=True),
)


@dataclass(frozen=True)
class CardSettings(Section):
    core_demands: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_CORE_DEMANDS))
    escalation: tuple[EscalationStep, ...] = DEFAULT_ESCALATION
    # Two consecutive check-ins of one rep further apart than this speed allows are flagged.
    impossible_speed_kmh: float = 200.0
    # DingTalk may return a position cached for up to 2 minutes: the plausibility check
    # allows this much extra time between two fixes (see domain/plausibility.py).
    position_cache_s: int = 120
    # S2's timeliness rule: a card submitted later than this after check-out loses points.
    # visits records the delay; scoring applies the window.
    lateness_window_hours: float = 2.0
    # A check-in reported with a worse accuracy than this is flagged (not refused: indoors
    # phones report 40-65 m).
    max_gps_accuracy_m: float = 200.0

    @classmethod
    def from_doc(cls, doc: dict[str, Any] | None) -> Self:
        loaded = super().from_doc(doc)
        steps = tuple(
            step if isinstance(step, EscalationStep) else EscalationStep(**step)
            for step in loaded.escalation
        )
        return replace(loaded, escalation=steps)

    def check(self, v: Violations, prefix: str) -> None:
        self._check_demands(v, f"{prefix}.core_demands")
        self._check_escalation(v, f"{prefix}.escalation")
        for name, low, high in (
            ("impossible_speed_kmh", 10, 2000),
            ("position_cache_s", 0, 600),
            ("lateness_window_hours", 0, 72),
            ("max_gps_accuracy_m", 10, 10_000),
        ):
            value = getattr(self, name)
            v.check(
                math.isfinite(value) and low <= value <= high,
                f"{prefix}.{name}",
                f"必须在 {low} 到 {high} 之间",
            )

    def _check_demands(self, v: Violations, name: str) -> None:
        if not 1 <= len(self.core_demands) <= MAX_CHOICES:
            v.add(name, f"核心诉求选项必须有 1 到 {MAX_CHOICES} 个")
            return
        for code, label in self.core_demands.items():
            v.check(
                CODE.fullmatch(code) is not None,
                f"{name}.{code[:32]}",
                "代码只能用小写字母、数字和下划线",
            )
            v.check(
                0 < len(label.strip()) <= MAX_LABEL,
                f"{name}.{code[:32]}",
                f"名称必须是 1 到 {MAX_LABEL} 个字",
            )

    def _check_escalation(self, v: Violations, name: str) -> None:
        days = [step.days_after_due for step in self.escalation]
        if not 1 <= len(days) <= MAX_STEPS:
            v.add(name, f"提醒步骤必须有 1 到 {MAX_STEPS} 步")
        elif days != sorted(set(days)) or not 1 <= days[0] <= days[-1] <= MAX_DAYS:
            v.add(name, f"提醒日必须逐步递增,且在逾期后 1 到 {MAX_DAYS} 天之间")


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
    cards: CardSettings = field(default_factory=CardSettings)  # visits-b1


# Section attribute -> its class: how the repository stores and loads each one.
SECTIONS: dict[str, type[Section]] = {
    "stores": StoreSettings,
    "approvals": ApprovalSettings,  # visits-b2
    "cards": CardSettings,  # visits-b1
}


def validate_settings(settings: TenantSettings) -> None:
    v = Violations()
    for name in SECTIONS:
        getattr(settings, name).check(v, f"settings.{name}")
    v.raise_if_any()
