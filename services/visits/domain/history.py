"""A distributor's earlier visits, imported in bulk (ImportVisitHistory): the call's shape
and the rules of what only history has (when the earlier system received each card, each
commitment's later closure, past plan days, ratings). Every card is first held to the live
card's own rules (domain/card_rules.py, with its received time as "now", so the 30-day
freshness rule counts from when the card really arrived). Pure: the checks that need stored
facts are made by application/history_imports.py into the same Violations."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from services.common.errors import FieldViolation, InvalidArgument, Violations
from services.common.fingerprints import content_fingerprint, plain
from services.visits.domain import card_rules
from services.visits.domain.cards import CardDraft
from services.visits.domain.commitments import shanghai_day
from services.visits.domain.plans import MAX_ITEMS
from services.visits.domain.ratings import validate_rating
from services.visits.domain.settings import CardSettings

MAX_CARDS = 500
MAX_PLAN_DAYS = 500
MAX_RATINGS = 500
CLOSING = ("done", "cancelled")


@dataclass(frozen=True)
class Closure:
    commitment_id: str
    status: str  # done | cancelled
    closed_at: datetime | None
    note: str = ""


@dataclass(frozen=True)
class HistoricalCard:
    draft: CardDraft
    received_at: datetime | None  # None: the card's completed_at, else its check-out
    closures: tuple[Closure, ...] = ()

    def receipt(self) -> datetime | None:
        draft = self.draft
        if self.received_at is not None:
            return self.received_at
        if draft.completed_at is not None:
            return draft.completed_at
        return draft.check_out.at if draft.check_out else None


@dataclass(frozen=True)
class HistoricalPlanDay:
    rep_id: str
    plan_date: str  # YYYY-MM-DD as sent; read by plan_day()
    store_ids: tuple[str, ...]


@dataclass(frozen=True)
class HistoricalRating:
    visit_id: str
    stars: int
    comment: str
    rated_at: datetime | None


@dataclass(frozen=True)
class HistoryImport:
    tenant_id: str
    import_id: str
    chunk: int
    chunks: int
    cards: tuple[HistoricalCard, ...]
    plan_days: tuple[HistoricalPlanDay, ...] = ()
    ratings: tuple[HistoricalRating, ...] = ()
    imported_by: str = ""
    # what the mapping could not even read (bad timestamps, dates), already indexed
    wire: tuple[FieldViolation, ...] = field(default=(), compare=False)

    def fingerprint(self) -> str:
        content = plain(self)
        content.pop("wire")
        return content_fingerprint(content)


@dataclass(frozen=True)
class ImportSummary:
    import_id: str
    visits: int
    commitments: int
    closures: int
    plan_days: int
    ratings: int
    pending_photos: int
    replayed: bool = False


def plan_day(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _prefixed(v: Violations, found: Violations, prefix: str) -> None:
    v.items += [FieldViolation(prefix + item.field, item.description) for item in found.items]


def check_import(request: HistoryImport, settings: CardSettings, now: datetime) -> Violations:
    """Every rule that needs nothing but the call itself; the caller adds the rest."""
    v = Violations()
    v.items += list(request.wire)
    v.check(
        0 < len(request.import_id) <= card_rules.MAX_ID,
        "import_id",
        "必须填写导入编号(最多 64 个字符)",
    )
    v.check(1 <= request.chunk <= request.chunks, "chunk", "分批序号必须在 1 到分批总数之间")
    v.check(0 < len(request.cards) <= MAX_CARDS, "cards", f"每次导入 1 到 {MAX_CARDS} 张拜访卡")
    v.check(
        len(request.plan_days) <= MAX_PLAN_DAYS, "plan_days", f"每次最多 {MAX_PLAN_DAYS} 天计划"
    )
    v.check(len(request.ratings) <= MAX_RATINGS, "ratings", f"每次最多 {MAX_RATINGS} 条评价")
    if v.items and len(request.cards) > MAX_CARDS:
        return v
    seen: set[str] = set()
    for i, card in enumerate(request.cards):
        _check_card(v, card, settings, now, f"cards[{i}].")
        if card.draft.visit_id in seen:
            v.add(f"cards[{i}].card.visit_id", "同一次导入中拜访编号重复")
        seen.add(card.draft.visit_id)
    _check_plan_days(v, request, now)
    _check_ratings(v, request, now)
    return v


def _check_card(
    v: Violations, card: HistoricalCard, settings: CardSettings, now: datetime, prefix: str
) -> None:
    draft, received = card.draft, card.receipt()
    if received is None or received > now + card_rules.CLOCK_SKEW:
        v.add(prefix + "received_at", "接收时间不能晚于现在")
        received = now
    elif draft.check_out is not None and received < draft.check_out.at:
        v.add(prefix + "received_at", "接收时间不能早于签退时间")
    _prefixed(v, card_rules.check_card(draft, settings, received), prefix + "card.")
    for name, present in (
        ("special_price_requested", draft.special_price_requested or bool(draft.price_lines)),
        ("samples", bool(draft.samples)),
        ("returns", bool(draft.returns)),
        ("commitment_updates", bool(draft.commitment_updates)),
        ("new_store", draft.new_store is not None),
    ):
        if present:
            v.add(f"{prefix}card.{name}", "历史拜访不能导入特价、样品、退货、承诺更新或新门店登记")
    _check_closures(v, card, received, now, prefix)


def _check_closures(
    v: Violations, card: HistoricalCard, received: datetime, now: datetime, prefix: str
) -> None:
    dues = {c.commitment_id: c.due_date for c in card.draft.commitments}
    seen: set[str] = set()
    for j, closure in enumerate(card.closures):
        name = f"{prefix}closures[{j}]"
        if closure.commitment_id not in dues or closure.commitment_id in seen:
            v.add(f"{name}.commitment_id", "只能关闭这张拜访卡上的承诺,且每条一次")
        seen.add(closure.commitment_id)
        card_rules.check_closing(v, closure.status, closure.note, name)
        at = closure.closed_at
        if at is None or at > now + card_rules.CLOCK_SKEW:
            v.add(f"{name}.closed_at", "关闭时间不能晚于现在")
        elif at < received:
            v.add(f"{name}.closed_at", "关闭时间不能早于拜访卡被接收的时间")


def _check_plan_days(v: Violations, request: HistoryImport, now: datetime) -> None:
    today = shanghai_day(now)
    seen: set[tuple[str, str]] = set()
    for i, day in enumerate(request.plan_days):
        name = f"plan_days[{i}]"
        v.check(0 < len(day.rep_id) <= card_rules.MAX_ID, f"{name}.rep_id", "必须指明业务员")
        parsed = plan_day(day.plan_date)
        if parsed is None or parsed >= today:
            v.add(f"{name}.plan_date", "历史计划日期必须是今天之前的 YYYY-MM-DD")
        if (day.rep_id, day.plan_date) in seen:
            v.add(f"{name}.plan_date", "同一业务员同一天的计划重复")
        seen.add((day.rep_id, day.plan_date))
        if len(day.store_ids) > MAX_ITEMS or len(set(day.store_ids)) != len(day.store_ids):
            v.add(f"{name}.store_ids", f"每天最多 {MAX_ITEMS} 家门店,且不能重复")


def _check_ratings(v: Violations, request: HistoryImport, now: datetime) -> None:
    cards = {c.draft.visit_id: c.draft for c in request.cards}
    seen: set[str] = set()
    for i, rating in enumerate(request.ratings):
        name = f"ratings[{i}]"
        draft = cards.get(rating.visit_id)
        if draft is None or rating.visit_id in seen:
            v.add(f"{name}.visit_id", "只能评价本次导入的拜访,且每次拜访一条")
        seen.add(rating.visit_id)
        try:
            validate_rating(rating.stars, rating.comment)  # the live rating's own rules
        except InvalidArgument as refused:
            v.items += [
                FieldViolation(f"{name}.{x.field}", x.description) for x in refused.violations
            ]
        at = rating.rated_at
        if at is None or at > now + card_rules.CLOCK_SKEW:
            v.add(f"{name}.rated_at", "评价时间不能晚于现在")
        elif draft is not None and draft.check_out is not None and at < draft.check_out.at:
            v.add(f"{name}.rated_at", "评价时间不能早于签退时间")
