"""An ImportStores sheet reaches the stores' consumers in bulk (issue #10, ADR 042), through
the real broker and database: one store.imported a chunk (no store.registered a row),
media's and scoring's read models hold every store, an ERP order that waited for its store
is linked to it and its owner, a redelivered chunk is consumed as a duplicate and changes
nothing, and a changed row reaches both with its new version."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pymongo
import requests
from prometheus_client.parser import text_string_to_metric_families

from devstack.frontend import Frontend, call, import_sheet, store_row, store_sheet
from devstack.sandbox import MONGO
from sales.events.v1 import erp_events_pb2 as erp
from sales.scoring.v1 import orders_pb2 as so
from services.common.event_bus import EventPublisher
from services.visits.application.sheet_imports import CHUNK
from tests.e2e.conftest import wait_until

N = CHUNK + 5  # two chunks


def databases(stack) -> dict[str, pymongo.database.Database]:
    client = pymongo.MongoClient(MONGO)
    prefix = stack["SALES_DB_PREFIX"]
    return {name: client[f"{prefix}{name}"] for name in ("visits", "media", "scoring_orders")}


def consumed(platform, service: str, outcome: str) -> float:
    """sales_events_consumed_total of store.imported, from the scoring / media process."""
    process = "scoring" if service == "scoring_orders" else service
    url = f"http://127.0.0.1:{platform.port(process, 'METRICS')}/metrics"
    wanted = {"service": service, "type": "store.imported", "outcome": outcome}
    for family in text_string_to_metric_families(requests.get(url, timeout=10).text):
        for sample in family.samples:
            if sample.name == "sales_events_consumed_total" and sample.labels == wanted:
                return sample.value
    return 0.0


def waiting_order(admin: Frontend, external_id: str) -> None:
    order = erp.ErpOrderRecorded(order_id=f"o-{external_id}", store_external_id=external_id,
                                 lines=[erp.OrderLine(sku="SKU-1", quantity=2, amount_fen=7_700)],
                                 total_fen=7_700, currency="CNY")  # fmt: skip
    order.ordered_at.FromDatetime(datetime.now(UTC) - timedelta(hours=1))
    answer = call(admin, "RecordOrders", so.RecordOrdersRequest(orders=[order]))
    assert answer.pending_store == 1


def known_to_visits(admin: Frontend, rep_id: str) -> None:
    probe = store_sheet([store_row(0, rep_id, 门店名称="")])  # a nameless row writes nothing

    def known() -> bool:
        report = import_sheet(admin, "ImportStores", "probe.csv", probe)
        return not any(e.field == "owner_rep_id" for r in report.rows for e in r.errors)

    assert wait_until(known)


def test_an_import_reaches_media_and_scoring_in_chunks(platform, stack, tenant, org):
    admin = Frontend(platform.gateway_target, tenant, "admin", ["admin"])
    db = databases(stack)
    known_to_visits(admin, org["rep"])
    waiting_order(admin, "ERP-00003")
    rows = [store_row(i, org["rep"]) for i in range(1, N + 1)]
    report = import_sheet(admin, "ImportStores", "stores.csv", store_sheet(rows))
    assert report.created == N
    ids = {r.key: r.id for r in report.rows}
    sent = list(db["visits"]["outbox"].find({"tenant_id": tenant}, {"type": 1, "body": 1}))
    assert sorted(r["type"] for r in sent) == ["store.imported"] * 2

    def held(name: str, query: dict | None = None) -> int:
        return db[name]["stores"].count_documents({"tenant_id": tenant, **(query or {})})

    assert wait_until(lambda: held("media") == N and held("scoring_orders") == N, timeout_s=90)
    order = db["scoring_orders"]["orders"].find_one({"tenant_id": tenant})
    assert (order["store_id"], order["rep_id"], order["pending_external_id"]) == (
        ids["ERP-00003"], org["rep"], None
    )  # fmt: skip

    # The broker delivers a chunk again (a consumer died before its ack): a duplicate.
    publisher = EventPublisher(stack["SALES_AMQP_URI"])
    for row in sent:
        publisher.publish(row["_id"], row["type"], row["body"], tenant)
    assert wait_until(
        lambda: min(consumed(platform, s, "duplicate") for s in ("media", "scoring_orders")) >= 2,
        timeout_s=60,
    )
    assert (held("media"), held("scoring_orders")) == (N, N)

    rows[0]["门店名称"] = "美宜佳便利店(文三路旗舰店)"
    changed = import_sheet(admin, "ImportStores", "stores.csv", store_sheet(rows))
    assert (changed.updated, changed.unchanged) == (1, N - 1)
    renamed = {"name": "美宜佳便利店(文三路旗舰店)", "version": 2}
    assert wait_until(
        lambda: held("media", renamed) == 1 and held("scoring_orders", renamed) == 1, timeout_s=60
    )
    admin.close()
