"""SPEC V6 returns analysis and SPEC V5 stock operations on the in-memory fakes (the same
cases run on MongoDB in tests/integration/test_visits_b2_contract.py)."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime

import pytest
from openpyxl import load_workbook

from services.common.errors import AlreadyExists, FailedPrecondition, InvalidArgument
from services.visits.adapters.returns_workbook import HEADERS, returns_workbook
from services.visits.application import returns, stock
from services.visits.domain.catalogue import Product
from services.visits.domain.lines import ReturnLine
from services.visits.domain.returns import Granularity, RegionLevel, ReturnsQuery, period_keys
from services.visits.domain.stock import Location, OperationKind, OperationLine, StockOperation
from tests.fakes.visits import FakeCard, fake_uow

TENANT = "t1"
# 2026-11-30 23:30 in Shanghai is still Monday 30 Nov there (UTC 15:30)
LATE_MONDAY = datetime(2026, 11, 30, 15, 30, tzinfo=UTC)
TUESDAY = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)


def test_periods_are_shanghai_days_weeks_and_months():
    keys = period_keys(datetime(2026, 11, 30, 16, 30, tzinfo=UTC))  # 00:30 on 1 Dec there
    assert (keys.day, keys.week, keys.month) == ("2026-12-01", "2026-W49", "2026-12")
    assert period_keys(LATE_MONDAY).day == "2026-11-30"


def card(visit_id, region, at, *lines):
    return FakeCard(TENANT, visit_id, "rep-1", "s1", "店", region, at,
                    returns=[ReturnLine(*line) for line in lines])  # fmt: skip


def loaded():
    uow = fake_uow()
    cards = [
        card("v1", "330106", LATE_MONDAY, ("A", 3, "expired"), ("B", 1, "damaged_packaging")),
        card("v2", "330102", TUESDAY, ("A", 2, "expired")),
        card("v3", "330205", TUESDAY, ("A", 5, "expired")),
        card("v4", "330106", TUESDAY),
    ]
    for c in cards:
        uow.run(lambda tx, c=c: returns.record_for_card(tx, c, TUESDAY))
    return uow


def query(**changes):
    base = dict(tenant_id=TENANT, first_day=date(2026, 11, 1), last_day=date(2026, 12, 31),
                granularity=Granularity.DAY)  # fmt: skip
    return ReturnsQuery(**{**base, **changes})


def test_record_for_card_keeps_each_line_and_emits_once_per_card_with_returns():
    uow = loaded()
    assert len(uow.repo.returns.records) == 4
    assert uow.published_types() == ["return.recorded"] * 3


def test_analysis_by_reason_sku_region_and_period():
    uow = loaded()
    by_day = returns.analyse(uow, query())
    assert [(g.period, g.region_code, g.sku, g.reason, g.quantity, g.count) for g in by_day] == [
        ("2026-11-30", "330106", "A", "expired", 3, 1),
        ("2026-11-30", "330106", "B", "damaged_packaging", 1, 1),
        ("2026-12-01", "330102", "A", "expired", 2, 1),
        ("2026-12-01", "330205", "A", "expired", 5, 1),
    ]
    by_city_week = returns.analyse(
        uow, query(granularity=Granularity.WEEK, region_level=RegionLevel.CITY, sku="A")
    )
    assert [(g.period, g.region_code, g.quantity, g.count) for g in by_city_week] == [
        ("2026-W49", "330100", 5, 2),
        ("2026-W49", "330200", 5, 1),
    ]
    hangzhou = returns.analyse(uow, query(granularity=Granularity.MONTH, region_prefix="3301"))
    assert {(g.period, g.sku, g.quantity) for g in hangzhou} == {
        ("2026-11", "A", 3), ("2026-11", "B", 1), ("2026-12", "A", 2),
    }  # fmt: skip


def test_bad_queries_name_their_fields():
    uow = loaded()
    with pytest.raises(InvalidArgument) as raised:
        returns.analyse(uow, query(first_day=date(2026, 12, 2), last_day=date(2026, 12, 1),
                                   region_prefix="33０1", reason="lost"))  # fmt: skip
    assert {v.field for v in raised.value.violations} == {"last_day", "region_prefix", "reason"}


def test_the_workbook_has_chinese_headers_labels_frozen_header_and_widths():
    uow = loaded()
    groups = returns.analyse(uow, query())
    products = {"A": Product(TENANT, "A", "可乐 500ml", "500ml×24", "箱", 4800)}
    sheet = load_workbook(io.BytesIO(returns_workbook(query(), groups, products))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == HEADERS and rows[0][4] == "退货原因"
    assert rows[1] == ("2026-11-30", "330106", "A", "可乐 500ml", "过期", "expired", 3, 1)
    assert rows[2][4] == "包装破损"
    assert sheet.freeze_panes == "A2" and sheet.column_dimensions["D"].width >= 20


WAREHOUSE, CAR = Location.warehouse("wh-hz"), Location.rep("rep-1")


def stocked_uow():
    uow = fake_uow()
    uow.repo.products.add_many(
        [Product(TENANT, sku, f"商品{sku}", "1×1", "箱", 100) for sku in ("A", "B")]
    )
    receive = op("r1", OperationKind.RECEIPT, [("A", 10), ("B", 4)], target=WAREHOUSE)
    stock.apply_operation(uow, receive)
    return uow


def op(op_id, kind, lines, source=None, target=None, note=""):
    return StockOperation(TENANT, op_id, kind, tuple(OperationLine(*x) for x in lines), "admin",
                          TUESDAY, source=source, target=target, note=note)  # fmt: skip


def balance(uow, location, sku):
    level = uow.repo.stock.level(TENANT, location, sku)
    return level.balance if level else 0


def test_a_transfer_moves_both_sides_together_or_not_at_all():
    uow = stocked_uow()
    _, moves = stock.apply_operation(
        uow, op("t1", OperationKind.TRANSFER, [("A", 6)], WAREHOUSE, CAR)
    )
    assert (balance(uow, WAREHOUSE, "A"), balance(uow, CAR, "A")) == (4, 6)
    assert [(m.location, m.delta, m.balance_after, m.transfer_id) for m in moves] == [
        (WAREHOUSE, -6, 4, "t1"), (CAR, 6, 6, "t1"),
    ]  # fmt: skip
    with pytest.raises(FailedPrecondition) as raised:  # B is short: A does not move either
        stock.apply_operation(
            uow, op("t2", OperationKind.TRANSFER, [("A", 1), ("B", 5)], WAREHOUSE, CAR)
        )
    assert [v.field for v in raised.value.violations] == ["lines[1].quantity"]
    assert (balance(uow, WAREHOUSE, "A"), balance(uow, CAR, "A")) == (4, 6)


def test_operations_are_idempotent_by_their_id():
    uow = stocked_uow()
    transfer = op("t1", OperationKind.TRANSFER, [("A", 2)], WAREHOUSE, CAR)
    first = stock.apply_operation(uow, transfer)
    again = stock.apply_operation(uow, transfer)
    assert again == first and balance(uow, CAR, "A") == 2
    with pytest.raises(AlreadyExists):
        stock.apply_operation(uow, op("t1", OperationKind.TRANSFER, [("A", 3)], WAREHOUSE, CAR))


def test_adjustments_need_a_reason_and_never_go_negative():
    uow = stocked_uow()
    with pytest.raises(InvalidArgument) as raised:
        stock.apply_operation(
            uow, op("a1", OperationKind.ADJUSTMENT, [("A", -1)], target=WAREHOUSE)
        )
    assert [v.field for v in raised.value.violations] == ["note"]
    with pytest.raises(FailedPrecondition):
        stock.apply_operation(
            uow, op("a2", OperationKind.ADJUSTMENT, [("A", -11)], target=WAREHOUSE, note="盘亏")
        )
    stock.apply_operation(
        uow, op("a3", OperationKind.ADJUSTMENT, [("A", -3)], target=WAREHOUSE, note="盘亏")
    )
    assert balance(uow, WAREHOUSE, "A") == 7
    moves, _ = stock.list_movements(uow, TENANT, WAREHOUSE, "A", 10, "")
    assert [(m.reason.value, m.delta) for m in moves] == [("adjustment", -3), ("receipt", 10)]


@pytest.mark.parametrize(
    "operation, fields",
    [
        (op("r", OperationKind.RECEIPT, [("A", 1)], target=CAR), {"target"}),
        (op("t", OperationKind.TRANSFER, [("A", 1)], CAR, Location.rep("rep-2")), {"target"}),
        (op("", OperationKind.RECEIPT, [("A", 0), ("", 1)], target=WAREHOUSE),
         {"operation_id", "lines[0].quantity", "lines[1].sku"}),
        (op("r", OperationKind.RECEIPT, [("Z", 1)], target=WAREHOUSE), {"lines[0].sku"}),
    ],
)  # fmt: skip
def test_bad_operations_name_their_fields_and_write_nothing(operation, fields):
    uow = stocked_uow()
    before = uow.repo.stock.snapshot()
    with pytest.raises(InvalidArgument) as raised:
        stock.apply_operation(uow, operation)
    assert {v.field for v in raised.value.violations} == fields
    assert uow.repo.stock.snapshot() == before and uow.published_types().count("stock.changed") == 2
