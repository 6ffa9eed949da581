"""The line items a visit card carries (SPEC V2, V4-V6): samples taken from the rep's car
stock, returns with one of the 12 standard reasons, and special-price lines. Money is in fen
(1/100 CNY) as int, so no sum is ever off by a rounding."""

from __future__ import annotations

from dataclasses import dataclass

# SPEC V6: the 12 standard return reasons, code -> the label a rep and the report show.
RETURN_REASONS: dict[str, str] = {
    "near_expiry": "临期",
    "expired": "过期",
    "damaged_packaging": "包装破损",
    "quality_defect": "质量问题",
    "transport_damage": "运输损坏",
    "wrong_item": "发错货",
    "quantity_mismatch": "数量不符",
    "slow_moving": "滞销",
    "promotion_ended": "促销结束",
    "customer_refused": "客户拒收",
    "store_closed": "门店关闭",
    "other": "其他",
}


@dataclass(frozen=True)
class SampleLine:
    sku: str
    quantity: int


@dataclass(frozen=True)
class ReturnLine:
    sku: str
    quantity: int
    reason: str  # a RETURN_REASONS code


@dataclass(frozen=True)
class PriceLine:
    sku: str
    list_price_fen: int
    requested_price_fen: int
    quantity: int

    @property
    def discount_fen(self) -> int:
        """What the store would save on this line."""
        return (self.list_price_fen - self.requested_price_fen) * self.quantity
