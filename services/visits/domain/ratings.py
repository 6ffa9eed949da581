"""Store ratings through a signed QR code (SPEC V8). A submitted visit issues a code holding a
URL with a signed, single-use, expiring token (tenant, visit, expiry, nonce); the store rates
the visit 1-5 with an optional comment, without an account. Each way a token can be wrong
has its own status, so the rating page can say what happened:
- forged (not signed by us, malformed, or never issued): UNAUTHENTICATED;
- expired: FAILED_PRECONDITION;
- already used (or the visit already rated): ALREADY_EXISTS.
Plain data and rules, no I/O (signing lives in adapters/rating_tokens.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from services.common.errors import AlreadyExists, FailedPrecondition, Unauthenticated, Violations

MAX_COMMENT = 300
DEFAULT_TOKEN_DAYS = 7
MAX_TOKEN_CHARS = 2048  # a longer "token" is refused before it is parsed


@dataclass(frozen=True)
class RatingClaims:
    """What a rating token says, once its signature is verified."""

    tenant_id: str
    visit_id: str
    nonce: str
    expires_at: datetime

    def check_fresh(self, now: datetime) -> None:
        if now >= self.expires_at:
            raise FailedPrecondition("评价二维码已过期,请业务员重新生成")


@dataclass(frozen=True)
class IssuedToken:
    """The server's record of a code it issued; a rating spends it."""

    tenant_id: str
    nonce: str
    visit_id: str
    rep_id: str
    store_id: str
    issued_at: datetime
    expires_at: datetime
    issued_by: str
    used_at: datetime | None = None


@dataclass(frozen=True)
class Rating:
    tenant_id: str
    visit_id: str
    rep_id: str
    store_id: str
    supervisor_id: str
    stars: int
    comment: str
    rated_at: datetime
    visited_at: datetime | None
    week: str  # ISO week in Asia/Shanghai of the rating, e.g. 2026-W49
    nonce: str


@dataclass(frozen=True)
class WeeklySatisfaction:
    rep_id: str
    week: str
    ratings: int
    stars_total: int
    by_stars: tuple[int, int, int, int, int]  # how many 1..5-star ratings

    @property
    def average(self) -> float:
        return round(self.stars_total / self.ratings, 2) if self.ratings else 0.0


def validate_rating(stars: int, comment: str) -> None:
    v = Violations()
    v.check(1 <= stars <= 5, "stars", "评分必须是 1 到 5 星")
    v.check(len(comment) <= MAX_COMMENT, "comment", f"评价内容不能超过 {MAX_COMMENT} 字")
    v.raise_if_any()


def forged() -> Unauthenticated:
    return Unauthenticated("评价二维码无效")


def already_rated() -> AlreadyExists:
    return AlreadyExists("该二维码已使用,此次拜访已评价")


def lifetime(days: int) -> timedelta:
    return timedelta(days=days if days > 0 else DEFAULT_TOKEN_DAYS)
