"""Every query the orders repository sends is backed by an index: each method is driven
against MongoDB with a command listener, each find/update filter it saw is explained, and a
collection scan fails the test (on the embedded server a scan of the full demo tenant's
127,000 orders missed a 10 s deadline; ADR 031)."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

from pymongo import MongoClient, monitoring

from services.common.config import Settings
from services.common.mongo import ensure_indexes
from services.scoring.adapters.orders_repository import INDEXES, MongoOrdersRepository
from services.scoring.domain import revenue_days
from services.scoring.domain.orders import Order, OrderLine, StoreFacts, VisitFact
from tests.integration.test_visits_queries_indexed import scans

URI = Settings("test").mongo_uri  # SALES_MONGO_URI, else the embedded default
T, AT = "t1", datetime(2026, 11, 20, 2, tzinfo=UTC)
# _id lookups are the primary index; `regions` and `settings` are read by _id only
OURS = {"stores", "visits", "orders", "revenue_days"}


class Queries(monitoring.CommandListener):
    def __init__(self) -> None:
        self.seen: list[tuple[str, dict[str, Any], Any]] = []

    def started(self, event: monitoring.CommandStartedEvent) -> None:
        command, name = event.command, event.command_name
        if name == "find" and command["find"] in OURS:
            self.seen.append((command["find"], command.get("filter", {}), command.get("hint")))
        if name == "update" and command["update"] in OURS:
            for op in command.get("updates", []):
                self.seen.append((command["update"], op.get("q", {}), op.get("hint")))

    def succeeded(self, event) -> None:
        pass

    def failed(self, event) -> None:
        pass


def exercise(repo: MongoOrdersRepository) -> None:
    repo.save_stores([StoreFacts(T, "s1", "E1", "门店", "330782", "rep-a")], known=set())
    repo.store(T, "s1")
    repo.store_by_external_id(T, "E1")
    repo.stores(T, ["s1", "s2"])
    repo.add_visit(VisitFact(T, "v1", "s1", "rep-a", AT))
    repo.last_visit(T, "s1", AT - timedelta(days=14), AT)
    order = Order(T, "o1", "E1", AT, 100, (OrderLine("K", 1, 100),))
    repo.add_order(order)
    repo.save_order(order)
    repo.pending_orders_of(T, ["E1", "E2"])
    repo.save_stores([StoreFacts(T, "s2", "E2", "门店", "330106", "rep-b")], known=set())
    repo.save_stores([StoreFacts(T, "s2", "E2", "门店", "330106", "rep-c", "", 2)], known={"s2"})
    repo.store_orders(T, "s1", AT - timedelta(days=1), AT)
    repo.region_orders(T, "3307", AT - timedelta(days=1), AT, ["rep-a"])
    repo.order_history(T, "", AT)
    # many at once (ADR 037)
    repo.known_orders(T, ["o1", "o2"])
    repo.known_visits(T, ["v1", "v2"])
    repo.stores_by_external_ids(T, ["E1", "E2"])
    repo.visits_of_stores(T, ["s1", "s2"], AT - timedelta(days=14), AT)
    linked = Order(T, "o2", "E1", AT, 100, (OrderLine("K", 1, 100),), store_id="s1")
    repo.insert_orders([linked])
    repo.save_orders([order])
    repo.orders_of_stores(T, ["s1", "s2"], AT - timedelta(days=14), AT)  # s1 has orders
    # the store-days (ADR 044)
    repo.put_revenue(revenue_days.placements([linked, replace(linked, region_code="330782")]))
    repo.revenue_days(T, "3307", AT.date() - timedelta(days=28), AT.date())


def test_no_orders_query_scans_a_collection() -> None:
    listener = Queries()
    client = MongoClient(URI, tz_aware=True, event_listeners=[listener])
    db = client[f"oindexed_{uuid.uuid4().hex[:8]}_scoring_orders"]
    try:
        ensure_indexes(db, INDEXES)
        exercise(MongoOrdersRepository(db, None))
        seen = [x for x in listener.seen if x[0] in OURS and set(x[1]) != {"_id"}]
        # by external id, last visit, pending, store, region, history; the bulk reads are
        # by _id, but for an ERP id without its copy (by external id again) and the orders
        # of a store that has any (store_orders again); the store-days by county and day
        assert len(seen) == 9
        scanned = []
        for collection, query, hint in seen:
            command: dict[str, Any] = {"find": collection, "filter": query}
            if hint:
                command["hint"] = hint
            plan = db.command("explain", command, verbosity="queryPlanner")
            if scans(plan["queryPlanner"]["winningPlan"]):
                scanned.append((collection, query))
        assert scanned == []
    finally:
        client.drop_database(db.name)
        client.close()
