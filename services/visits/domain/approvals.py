"""Special-price approvals (SPEC V4) and the green channel. A flagged card opens an approval
order for regional finance: first review, then approve or reject (a rejection says why),
every step in the order's audit trail. A rep whose data credit is at least 85 keeps the
green channel: a request within the tenant's discount limit is approved at once, others skip
the queue; below 85 every request takes the full review. Plain data and rules, no I/O."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from services.common import regions
from services.common.errors import FailedPrecondition, InvalidArgument
from services.visits.domain.lines import PriceLine

GREEN_CHANNEL_THRESHOLD = 85.0  # SPEC S2: below 85 the fast lane is suspended
GREEN_CHANNEL_ACTOR = "green_channel"  # decided_by of an automatic approval
MAX_COMMENT = 500


class ApprovalStatus(StrEnum):
    AWAITING_REVIEW = "awaiting_review"  # waits for finance's first review
    AWAITING_DECISION = "awaiting_decision"  # reviewed; approve or reject follows
    APPROVED = "approved"
    REJECTED = "rejected"


APPROVAL_STATUS_LABELS: dict[ApprovalStatus, str] = {
    ApprovalStatus.AWAITING_REVIEW: "待初审",
    ApprovalStatus.AWAITING_DECISION: "待审批",
    ApprovalStatus.APPROVED: "已批准",
    ApprovalStatus.REJECTED: "已驳回",
}
WAITING = frozenset({ApprovalStatus.AWAITING_REVIEW, ApprovalStatus.AWAITING_DECISION})
DECIDED = frozenset({ApprovalStatus.APPROVED, ApprovalStatus.REJECTED})


class AuditAction(StrEnum):
    REQUESTED = "requested"
    FAST_LANE = "fast_lane"
    AUTO_APPROVED = "auto_approved"
    REVIEWED = "reviewed"
    APPROVED = "approved"
    REJECTED = "rejected"


AUDIT_ACTION_LABELS: dict[AuditAction, str] = {
    AuditAction.REQUESTED: "提交特价申请",
    AuditAction.FAST_LANE: "绿色通道:优先审批",
    AuditAction.AUTO_APPROVED: "绿色通道:自动批准",
    AuditAction.REVIEWED: "财务初审通过",
    AuditAction.APPROVED: "批准",
    AuditAction.REJECTED: "驳回",
}


class Lane(StrEnum):
    AUTO_APPROVE = "auto_approve"  # green channel, within the limit
    FAST = "fast"  # green channel, over the limit: reviewed first
    FULL_REVIEW = "full_review"  # green channel suspended (credit below 85)


@dataclass(frozen=True)
class DiscountLimit:
    """The tenant's green-channel limit: every line at most `max_percent` below its list
    price, and the card's whole discount at most `max_fen` (0: no amount cap)."""

    max_percent: int = 10
    max_fen: int = 50_000  # 500 CNY a card

    def allows(self, lines: list[PriceLine]) -> bool:
        if not lines:
            return False
        for line in lines:
            # integer form of (list - requested) / list <= max_percent / 100
            if (line.list_price_fen - line.requested_price_fen) * 100 > (
                line.list_price_fen * self.max_percent
            ):
                return False
        total = sum(max(line.discount_fen, 0) for line in lines)
        return self.max_fen == 0 or total <= self.max_fen


@dataclass(frozen=True)
class CreditStanding:
    """A rep's latest data credit as scoring announced it (score.threshold_crossed)."""

    tenant_id: str
    rep_id: str
    score: float
    period: str
    as_of: datetime  # the event's time: an older event never overwrites a newer one

    @property
    def green_channel(self) -> bool:
        return self.score >= GREEN_CHANNEL_THRESHOLD


def lane_for(standing: CreditStanding | None, limit: DiscountLimit, lines: list[PriceLine]) -> Lane:
    """No score yet counts as >= 85 (a new rep starts trusted, SPEC S2 starts at 100)."""
    if standing is not None and not standing.green_channel:
        return Lane.FULL_REVIEW
    return Lane.AUTO_APPROVE if limit.allows(lines) else Lane.FAST


def region_keys(region_code: str) -> list[str]:
    """The codes that cover a GB/T 2260 county code: its province, its city and itself
    (330106 -> 330000, 330100, 330106), so "which approvals does finance covering 330000
    see" is one indexed $in."""
    if len(region_code) != 6:
        return [region_code]
    keys = [region_code[:2] + "0000", region_code[:4] + "00", region_code]
    return list(dict.fromkeys(keys))


def covers(coverage_codes: list[str] | tuple[str, ...], region_code: str) -> bool:
    """Any of the codes covers the region (330000 covers 330106; services/common/regions)."""
    return any(regions.covers(code, region_code) for code in coverage_codes)


@dataclass(frozen=True)
class AuditEntry:
    at: datetime
    actor_id: str
    action: AuditAction
    comment: str = ""


@dataclass
class Approval:
    approval_id: str
    tenant_id: str
    visit_id: str
    rep_id: str
    supervisor_id: str
    store_id: str
    store_name: str
    region_code: str
    lines: list[PriceLine]
    requested_at: datetime
    finance_ids: list[str]  # finance covering the region when it was opened
    fast_lane: bool = False
    status: ApprovalStatus = ApprovalStatus.AWAITING_REVIEW
    auto_approved: bool = False
    reviewed_by: str = ""
    decided_by: str = ""
    decided_at: datetime | None = None
    comment: str = ""  # the decision's comment
    audit: list[AuditEntry] = field(default_factory=list)
    version: int = 1

    @property
    def discount_fen(self) -> int:
        return sum(line.discount_fen for line in self.lines)

    @property
    def waiting(self) -> bool:
        return self.status in WAITING

    def open(self, lane: Lane) -> None:
        """The order as the card opens it, routed by the green channel."""
        self.audit.append(AuditEntry(self.requested_at, self.rep_id, AuditAction.REQUESTED))
        if lane is Lane.AUTO_APPROVE:
            self.status, self.auto_approved = ApprovalStatus.APPROVED, True
            self.decided_by, self.decided_at = GREEN_CHANNEL_ACTOR, self.requested_at
            self.comment = "信用分不低于 85,且在折扣限额内,绿色通道自动批准"
            self._record(
                GREEN_CHANNEL_ACTOR, AuditAction.AUTO_APPROVED, self.comment, self.requested_at
            )
        elif lane is Lane.FAST:
            self.fast_lane = True
            self._record(
                GREEN_CHANNEL_ACTOR,
                AuditAction.FAST_LANE,
                "超出折扣限额,优先审批",
                self.requested_at,
            )

    def review(self, actor_id: str, comment: str, now: datetime) -> bool:
        """Finance's first review. False when it was already reviewed (a replay)."""
        _check_comment(comment)
        if self.status is ApprovalStatus.AWAITING_DECISION:
            return False
        if self.status is not ApprovalStatus.AWAITING_REVIEW:
            raise FailedPrecondition(f"特价申请已{APPROVAL_STATUS_LABELS[self.status]},不能再初审")
        self.status, self.reviewed_by = ApprovalStatus.AWAITING_DECISION, actor_id
        self._record(actor_id, AuditAction.REVIEWED, comment, now)
        return True

    def decide(self, actor_id: str, approve: bool, comment: str, now: datetime) -> bool:
        """Approve or reject after the first review. The same outcome again is harmless
        (False); the other outcome after a decision is refused."""
        _check_comment(comment)
        outcome = ApprovalStatus.APPROVED if approve else ApprovalStatus.REJECTED
        if not approve and not comment.strip():
            raise InvalidArgument.of_field("comment", "驳回时必须填写原因")
        if self.status in DECIDED:
            if self.status is outcome:
                return False
            raise FailedPrecondition(
                f"特价申请已{APPROVAL_STATUS_LABELS[self.status]},不能改为{APPROVAL_STATUS_LABELS[outcome]}"
            )
        if self.status is ApprovalStatus.AWAITING_REVIEW:
            raise FailedPrecondition("特价申请尚未初审,请先完成初审")
        self.status, self.decided_by, self.decided_at = outcome, actor_id, now
        self.comment = comment
        action = AuditAction.APPROVED if approve else AuditAction.REJECTED
        self._record(actor_id, action, comment, now)
        return True

    def _record(self, actor_id: str, action: AuditAction, comment: str, at: datetime) -> None:
        self.audit.append(AuditEntry(at, actor_id, action, comment))
        self.version += 1

    def queue_key(self) -> str:
        """Finance's queue order: the fast lane first, then the oldest request."""
        return f"{0 if self.fast_lane else 1}|{self.requested_at.isoformat()}|{self.approval_id}"

    def summary(self) -> str:
        yuan = self.discount_fen / 100
        return f"{self.store_name}:{len(self.lines)} 个 SKU 申请特价,合计优惠 {yuan:.2f} 元"


def _check_comment(comment: str) -> None:
    if len(comment) > MAX_COMMENT:
        raise InvalidArgument.of_field("comment", f"意见不能超过 {MAX_COMMENT} 字")
