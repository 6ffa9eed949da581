"""The hard rules of a visit card (SPEC V2, S2): what blocks a submit, all listed at once,
and what may be missing (recorded on the card, costing completeness points). Pure: the
checks that need stored facts (does the store exist, are the SKUs known, are the photos the
rep's) are made by application/cards.py into the same Violations."""

from __future__ import annotations

import math
import uuid
from datetime import date, datetime, timedelta

from services.common.clock import SHANGHAI
from services.common.errors import Violations
from services.common.geo import DATUMS, is_valid
from services.visits.domain.cards import PHOTO_SLOTS, CardDraft, Stamp
from services.visits.domain.lines import RETURN_REASONS
from services.visits.domain.settings import CardSettings
from services.visits.domain.stores import StoreChecks, StoreDraft, check_draft

# Limits on every string and list a card carries (issue 7: nothing was bounded).
MAX_ID = 64
MAX_NAME = 100
MAX_ADDRESS = 200
MAX_TEXT = 500  # a commitment, a note on an update
MAX_NOTES = 2000
MAX_PHOTOS_PER_SLOT = 3
MAX_COMMITMENTS = 20
MAX_UPDATES = 50
MAX_LINES = 50
MAX_QUANTITY = 100_000
MAX_PRICE_FEN = 100_000_000  # 1,000,000 CNY a unit
MAX_ACCURACY_M = 100_000.0
# A phone's clock may run a little fast; a check-in further in the future is a wrong clock.
CLOCK_SKEW = timedelta(minutes=10)
# An offline phone may hold a card for days (a week in a rural county), not for months.
OLDEST_CARD = timedelta(days=30)
LONGEST_VISIT = timedelta(hours=12)
LATEST_DUE = timedelta(days=366)
CLOSING_STATUSES = ("done", "cancelled")


def is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return len(value) == 36


def check_text(v: Violations, value: str, name: str, limit: int, required: bool = False) -> None:
    if required and not value.strip():
        v.add(name, "必须填写")
    elif len(value) > limit:
        v.add(name, f"不能超过 {limit} 个字符")


def visit_day(draft: CardDraft) -> date | None:
    """The check-in's Shanghai day; None without a check-in, or for one so near the end of
    time that Shanghai's clock has no such day (it is refused as in the future anyway)."""
    if draft.check_in is None:
        return None
    try:
        return draft.check_in.at.astimezone(SHANGHAI).date()
    except OverflowError:
        return None


def check_card(draft: CardDraft, settings: CardSettings, received_at: datetime) -> Violations:
    """Every hard rule that needs nothing but the card itself; the caller adds the rest and
    raises."""
    v = Violations()
    v.check(is_uuid(draft.visit_id), "visit_id", "拜访编号必须是客户端生成的 UUID")
    v.check(bool(draft.rep_id), "rep_id", "必须指明业务员")
    check_text(v, draft.rep_id, "rep_id", MAX_ID)
    check_text(v, draft.lead_id, "lead_id", MAX_ID)
    check_text(v, draft.notes, "notes", MAX_NOTES)
    _check_store_choice(v, draft)
    _check_stamps(v, draft, received_at)
    _check_photos(v, draft)
    if draft.core_demand and draft.core_demand not in settings.core_demands:
        v.add(
            "core_demand",
            f"核心诉求必须从下拉选项中选择:{'、'.join(settings.core_demands.values())}",
        )
    _check_commitments(v, draft)
    _check_updates(v, draft)
    _check_lines(v, draft)
    return v


def _check_store_choice(v: Violations, draft: CardDraft) -> None:
    if draft.new_store is None:
        v.check(bool(draft.store_id), "store_id", "必须选择门店,或登记新门店")
        check_text(v, draft.store_id, "store_id", MAX_ID)
        return
    if draft.store_id:
        v.add("new_store", "已选择门店时不能再登记新门店")
    check_store_draft(v, draft.new_store, "new_store")


def check_store_draft(v: Violations, store: StoreDraft, prefix: str) -> None:
    """The store master's own rules (domain/stores.py), reported with this card's fields."""
    checks = StoreChecks(f"{prefix}.", v)
    check_draft(store, checks)


def _check_stamp(v: Violations, stamp: Stamp | None, name: str, label: str, received: datetime):
    if stamp is None:
        v.add(name, f"必须{label}(GPS 定位和时间)")
        return
    loc = stamp.location
    if not is_valid(loc.latitude, loc.longitude):
        v.add(f"{name}.location", f"{label}缺少有效的 GPS 定位")
    v.check(loc.datum in DATUMS, f"{name}.location.datum", "必须注明坐标系")
    v.check(
        math.isfinite(loc.accuracy_m) and 0 <= loc.accuracy_m <= MAX_ACCURACY_M,
        f"{name}.location.accuracy_m",
        "定位精度必须是 0 到 100000 米之间的数",
    )
    if stamp.at > received + CLOCK_SKEW:
        v.add(f"{name}.at", f"{label}时间晚于服务器当前时间,请检查手机时间")
    elif stamp.at < received - OLDEST_CARD:
        v.add(f"{name}.at", f"{label}时间早于 30 天前,无法补交")


def _check_stamps(v: Violations, draft: CardDraft, received: datetime) -> None:
    _check_stamp(v, draft.check_in, "check_in", "签到", received)
    _check_stamp(v, draft.check_out, "check_out", "签退", received)
    if draft.check_in and draft.check_out:
        if draft.check_out.at < draft.check_in.at:
            v.add("check_out.at", "签退时间不能早于签到时间")
        elif draft.check_out.at - draft.check_in.at > LONGEST_VISIT:
            v.add("check_out.at", "一次拜访不能超过 12 小时")


def _check_photos(v: Violations, draft: CardDraft) -> None:
    if not draft.photos:
        v.add("photos", "至少上传一张现场照片")
    if len(draft.photos) > MAX_PHOTOS_PER_SLOT * len(PHOTO_SLOTS):
        v.add("photos", f"照片不能超过 {MAX_PHOTOS_PER_SLOT * len(PHOTO_SLOTS)} 张")
        return
    seen: set[str] = set()
    for i, photo in enumerate(draft.photos):
        if not is_uuid(photo.photo_id):
            v.add(f"photos[{i}].photo_id", "照片编号必须是 UUID")
        elif photo.photo_id in seen:
            v.add(f"photos[{i}].photo_id", "同一张照片不能重复使用")
        seen.add(photo.photo_id)
        if photo.slot not in PHOTO_SLOTS:
            v.add(f"photos[{i}].slot", f"照片位置必须是:{'、'.join(PHOTO_SLOTS.values())}")
    for slot, label in PHOTO_SLOTS.items():
        if sum(p.slot == slot for p in draft.photos) > MAX_PHOTOS_PER_SLOT:
            v.add("photos", f"{label}不能超过 {MAX_PHOTOS_PER_SLOT} 张")


def _check_commitments(v: Violations, draft: CardDraft) -> None:
    if draft.no_commitment and draft.commitments:
        v.add("no_commitment", "已填写跟进承诺时不能再选择“无承诺”")
    if len(draft.commitments) > MAX_COMMITMENTS:
        v.add("commitments", f"承诺事项不能超过 {MAX_COMMITMENTS} 条")
        return
    day = visit_day(draft)
    seen: set[str] = set()
    for i, c in enumerate(draft.commitments):
        name = f"commitments[{i}]"
        if not is_uuid(c.commitment_id):
            v.add(f"{name}.commitment_id", "承诺编号必须是客户端生成的 UUID")
        elif c.commitment_id in seen:
            v.add(f"{name}.commitment_id", "同一张拜访卡上的承诺编号不能重复")
        seen.add(c.commitment_id)
        check_text(v, c.description, f"{name}.description", MAX_TEXT, required=True)
        if day is not None and c.due_date < day:
            v.add(f"{name}.due_date", "截止日期不能早于拜访当天")
        elif day is not None and c.due_date > day + LATEST_DUE:
            v.add(f"{name}.due_date", "截止日期不能晚于拜访后一年")


def _check_updates(v: Violations, draft: CardDraft) -> None:
    if len(draft.commitment_updates) > MAX_UPDATES:
        v.add("commitment_updates", f"承诺更新不能超过 {MAX_UPDATES} 条")
        return
    new_ids = {c.commitment_id for c in draft.commitments}
    seen: set[str] = set()
    for i, u in enumerate(draft.commitment_updates):
        name = f"commitment_updates[{i}]"
        if not u.commitment_id or len(u.commitment_id) > MAX_ID:
            v.add(f"{name}.commitment_id", "必须指明要更新的承诺")
        elif u.commitment_id in seen or u.commitment_id in new_ids:
            v.add(f"{name}.commitment_id", "同一条承诺在一张拜访卡上只能出现一次")
        seen.add(u.commitment_id)
        check_closing(v, u.status, u.note, name)


def check_closing(v: Violations, status: str, note: str, name: str) -> None:
    if status not in CLOSING_STATUSES:
        v.add(f"{name}.status", "承诺只能标记为已完成或已取消")
    check_text(v, note, f"{name}.note", MAX_TEXT, required=status == "cancelled")


def _check_quantity(v: Violations, quantity: int, name: str) -> None:
    v.check(1 <= quantity <= MAX_QUANTITY, name, f"数量必须在 1 到 {MAX_QUANTITY} 之间")


def _check_sku(v: Violations, sku: str, name: str) -> None:
    if not sku or len(sku) > MAX_ID:
        v.add(name, "必须填写商品编码(SKU)")


def _check_lines(v: Violations, draft: CardDraft) -> None:
    for name, lines in (
        ("price_lines", draft.price_lines),
        ("samples", draft.samples),
        ("returns", draft.returns),
    ):
        if len(lines) > MAX_LINES:
            v.add(name, f"明细不能超过 {MAX_LINES} 行")
    if draft.price_lines and not draft.special_price_requested:
        v.add("special_price_requested", "填写了特价明细时必须勾选特价申请")
    for i, p in enumerate(draft.price_lines[:MAX_LINES]):
        _check_sku(v, p.sku, f"price_lines[{i}].sku")
        _check_quantity(v, p.quantity, f"price_lines[{i}].quantity")
        if not 0 < p.list_price_fen <= MAX_PRICE_FEN:
            v.add(f"price_lines[{i}].list_price_fen", "原价必须大于 0")
        if not 0 <= p.requested_price_fen < p.list_price_fen:
            v.add(f"price_lines[{i}].requested_price_fen", "申请价必须低于原价且不小于 0")
    skus: set[str] = set()
    for i, s in enumerate(draft.samples[:MAX_LINES]):
        _check_sku(v, s.sku, f"samples[{i}].sku")
        _check_quantity(v, s.quantity, f"samples[{i}].quantity")
        v.check(s.sku not in skus, f"samples[{i}].sku", "同一商品的样品请合并为一行")
        skus.add(s.sku)
    for i, r in enumerate(draft.returns[:MAX_LINES]):
        _check_sku(v, r.sku, f"returns[{i}].sku")
        _check_quantity(v, r.quantity, f"returns[{i}].quantity")
        if r.reason not in RETURN_REASONS:
            v.add(f"returns[{i}].reason", "退货原因必须是 12 种标准原因之一")


def skus_named(draft: CardDraft) -> dict[str, str]:
    """field -> SKU for every line of the card, for the known-SKU check."""
    named: dict[str, str] = {}
    for prefix, lines in (
        ("price_lines", draft.price_lines),
        ("samples", draft.samples),
        ("returns", draft.returns),
    ):
        for i, line in enumerate(lines[:MAX_LINES]):
            if line.sku:
                named[f"{prefix}[{i}].sku"] = line.sku
    return named


def missing_items(draft: CardDraft, settings: CardSettings) -> list[str]:
    """SPEC S2: the template's required items this card lacks (codes of MISSING_ITEMS)."""
    missing = [
        f"photo_{slot}" for slot in PHOTO_SLOTS if slot not in {p.slot for p in draft.photos}
    ]
    if draft.core_demand not in settings.core_demands:
        missing.append("core_demand")
    if not draft.commitments and not draft.no_commitment:
        missing.append("commitment")
    if draft.special_price_requested and not draft.price_lines:
        missing.append("price_lines")
    return missing


def submit_time(draft: CardDraft, received_at: datetime) -> tuple[datetime, int]:
    """When the card counts as submitted, and its delay after check-out in seconds.

    docs/adr/026: the device's completion time counts (an offline phone is not late for
    lacking signal), but never later than the server received the card (a phone clock
    running fast cannot make a card late) nor earlier than check-out (a clock running slow
    cannot make it early)."""
    assert draft.check_out is not None
    check_out = draft.check_out.at
    completed = draft.completed_at or received_at
    submitted = max(check_out, min(completed, received_at))
    return submitted, int((submitted - check_out).total_seconds())
