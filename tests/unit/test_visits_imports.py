"""Store and product imports on the fakes: idempotent by external id / SKU (the same file
again changes nothing and says so), each chunk emits one store.imported with its new and
changed stores (ADR 042), a changed row says which fields changed, bad rows
are reported in Chinese one by one while the good ones go in, and an existing customer's
last visit date keeps it out of the new-customer wait (V7)."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest

from sales.events.v1 import store_events_pb2
from services.common import envelope as envelopes
from services.common.errors import InvalidArgument
from services.common.ids import new_id
from services.common.sheets import read_sheet
from services.visits.application import catalogue, event_payloads, store_imports
from services.visits.application.sheet_imports import CHUNK
from services.visits.domain.sheet_rows import summary
from tests.fakes.visits import fake_uow
from tests.fakes.visits_data import TENANT, person

HEADER = ["外部编号", "门店名称", "地址", "纬度", "经度", "坐标系", "区域编码", "客户类型",
          "负责业务员", "联系电话", "最近拜访日期"]  # fmt: skip


def row(i: int, **changes: str) -> list[str]:
    values = {"外部编号": f"ERP-{i:05d}", "门店名称": f"美宜佳便利店({i}号店)",
              "地址": f"杭州市西湖区文三路 {i} 号", "纬度": "30.2784", "经度": "120.1237",
              "坐标系": "高德", "区域编码": "330106", "客户类型": "便利店", "负责业务员": "rep-1",
              "联系电话": "13800138000", "最近拜访日期": ""}  # fmt: skip
    values.update(changes)
    return [values[h] for h in HEADER]


def csv_bytes(rows: list[list[str]], header=HEADER) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows([header, *rows])
    return buffer.getvalue().encode()


@pytest.fixture
def uow():
    u = fake_uow()
    u.repo.people.upsert(person("rep-1", "rep"))
    u.repo.people.upsert(person("rep-2", "rep"))
    return u


def run(uow, content: bytes, filename: str = "stores.csv"):
    sheet = read_sheet(filename, content)
    now = uow.clock.now()
    return store_imports.import_stores(uow, TENANT, sheet.header, sheet.rows, "admin", now, new_id)


def test_the_same_file_twice_changes_nothing_the_second_time(uow) -> None:
    content = csv_bytes([row(i) for i in range(CHUNK + 7)])  # more than one chunk
    first = run(uow, content)
    assert summary(first)["created"] == CHUNK + 7
    assert [r.row for r in first] == list(range(1, CHUNK + 8))
    events_before = len(uow.published)
    again = run(uow, content)
    assert {r.status for r in again} == {"unchanged"} and {r.label for r in again} == {"无变化"}
    assert [r.id for r in again] == [r.id for r in first]
    assert len(uow.published) == events_before  # nothing written, nothing emitted
    assert len(uow.repo.stores.stores) == CHUNK + 7


def test_a_changed_row_updates_its_store_and_says_what_changed(uow) -> None:
    run(uow, csv_bytes([row(1), row(2)]))
    uow.published.clear()
    report = run(uow, csv_bytes([row(1, 负责业务员="rep-2", 联系电话="0571-88886666"), row(2),
                                 row(3)]))  # fmt: skip
    assert [r.status for r in report] == ["updated", "unchanged", "created"]
    [event] = [envelopes.unpack(e, store_events_pb2.StoreImported) for e in uow.published]
    new, changed = event.stores  # the chunk's new stores first, then its changed ones
    assert (new.registered, new.store.external_id, list(new.changed_fields)) == (
        True,
        "ERP-00003",
        [],
    )
    assert not changed.registered and list(changed.changed_fields) == ["owner_rep_id", "phone"]
    assert changed.store.owner_rep_id == "rep-2" and changed.store.version == 2
    assert (event.imported_by, event.source) == ("admin", "import")


def test_each_chunk_is_one_store_imported_event_with_its_stores(uow) -> None:
    report = run(uow, csv_bytes([row(i) for i in range(2 * CHUNK + 5)]))
    assert uow.published_types() == ["store.imported"] * 3  # no store.registered a row
    chunks = [envelopes.unpack(e, store_events_pb2.StoreImported) for e in uow.published]
    assert [len(c.stores) for c in chunks] == [CHUNK, CHUNK, 5]
    assert all(s.registered for c in chunks for s in c.stores)
    sent = [s.store.store_id for c in chunks for s in c.stores]
    assert sent == [r.id for r in report]  # every store once, in the sheet's order


def test_a_store_imported_never_carries_more_than_its_cap(uow) -> None:
    run(uow, csv_bytes([row(i) for i in range(CHUNK + 1)]))
    stores = list(uow.repo.stores.stores.values())
    many = [*stores, *stores]  # more than one chunk's worth, as a larger CHUNK would give
    pieces = event_payloads.store_imported(many[:150], [(stores[0], ["name"])], "admin")
    cap = event_payloads.MAX_STORES_PER_EVENT
    assert [len(p.stores) for p in pieces] == [cap, 151 - cap]
    assert list(pieces[-1].stores[-1].changed_fields) == ["name"]


def test_bad_rows_are_reported_and_the_good_ones_go_in(uow) -> None:
    report = run(uow, csv_bytes([
        row(1),
        row(2, 纬度="北纬30", 客户类型="超大卖场"),
        row(3, 负责业务员="nobody"),
        [""] * len(HEADER),
        row(1, 门店名称="重复的一行"),
        row(5, 坐标系="", 区域编码="３３０１０６"),
    ]))  # fmt: skip
    by_row = {r.row: r for r in report}
    assert sorted(by_row) == [1, 2, 3, 5, 6]  # the blank line 4 is skipped, numbering kept
    assert by_row[1].status == "created"
    assert {e.field for e in by_row[2].errors} == {"location", "customer_class"}
    assert by_row[3].errors[0].field == "owner_rep_id"
    assert (by_row[5].status, by_row[5].errors[0].description) == ("duplicate", "与第 1 行重复")
    assert {e.field for e in by_row[6].errors} == {"location.datum", "region_code"}
    assert all("\u4e00" <= e.description[0] <= "\u9fff" for r in report for e in r.errors)
    assert len(uow.repo.stores.stores) == 1


def test_an_existing_customers_last_visit_keeps_it_out_of_the_first_visit_wait(uow) -> None:
    report = run(uow, csv_bytes([row(1, 最近拜访日期="2026-11-20"), row(2)]))
    known, new = (uow.repo.stores.get(TENANT, r.id) for r in report)
    assert not known.first_visit_tracked and known.first_visit_due_at is None
    assert known.last_visited_at.isoformat() == "2026-11-19T16:00:00+00:00"  # 00:00 Shanghai
    assert new.first_visit_tracked and new.first_visit_due_at == new.registered_at + timedelta(3)
    future = run(uow, csv_bytes([row(3, 最近拜访日期="2099-01-01")]))
    assert future[0].errors[0].field == "last_visited_on"


def test_a_sheet_without_a_required_column_is_refused_whole(uow) -> None:
    header = [h for h in HEADER if h != "负责业务员"]
    with pytest.raises(InvalidArgument) as caught:
        run(uow, csv_bytes([row(1)[:-3]], header=header))
    [violation] = caught.value.violations
    assert (violation.field, violation.description) == ("content", "缺少必填列:负责业务员")


def test_products_import_prices_in_fen_and_is_idempotent(uow) -> None:
    header = ["商品编码", "商品名称", "规格", "单位", "单价(元)"]
    content = csv_bytes([["SKU-1", "农夫山泉 550ml", "550ml×24", "箱", "¥38.50"],
                         ["SKU-2", "东方树叶", "500ml×15", "箱", "52"],
                         ["SKU-3", "坏价格", "", "箱", "1.005"]], header=header)  # fmt: skip
    sheet = read_sheet("products.csv", content)
    now = uow.clock.now()
    report = catalogue.import_products(uow, TENANT, sheet.header, sheet.rows, now)
    assert [r.status for r in report] == ["created", "created", "failed"]
    assert uow.repo.products.get(TENANT, "SKU-1").list_price_fen == 3850
    assert uow.repo.products.get(TENANT, "SKU-2").list_price_fen == 5200
    again = catalogue.import_products(uow, TENANT, sheet.header, sheet.rows, now)
    assert [r.status for r in again] == ["unchanged", "unchanged", "failed"]
    changed = sheet.rows[:1]
    changed[0][4] = "39"
    [updated] = catalogue.import_products(uow, TENANT, sheet.header, changed, now)
    assert updated.status == "updated"
    assert uow.repo.products.get(TENANT, "SKU-1").list_price_fen == 3900
