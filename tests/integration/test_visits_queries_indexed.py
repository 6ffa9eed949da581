"""Every query the visits-a repositories send is backed by an index: the test drives each
repository method against MongoDB with a command listener on the connection, then asks the
server to explain each find, update and delete filter it saw, and fails on any collection
scan (on the embedded server a scan of 18,000 stores is 1-2 s; ARCHITECTURE.md)."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from pymongo import MongoClient, monitoring

from services.common.clock import FixedClock
from services.common.mongo import ensure_indexes
from services.common.outbox import Outbox
from services.common.unit_of_work import MongoUnitOfWork
from services.visits.adapters.repository import INDEXES, MongoVisitsRepository
from services.visits.domain import plans
from services.visits.domain.catalogue import Product
from services.visits.domain.settings import StoreSettings, TenantSettings
from services.visits.domain.stores import StoreQuery
from tests.fakes.visits_data import REGISTERED, TENANT, person, store
from tests.integration.visits_repos import T0, URI

# kernel collections are the kernel's to index (services/common/mongo.py KERNEL_INDEXES)
OURS = {"stores", "products", "people", "settings", "plans", "counters"}


class Queries(monitoring.CommandListener):
    def __init__(self) -> None:
        self.seen: list[tuple[str, dict[str, Any], Any]] = []

    def started(self, event: monitoring.CommandStartedEvent) -> None:
        command, name = event.command, event.command_name
        if name == "find" and command["find"] in OURS:
            self.seen.append((command["find"], command.get("filter", {}), command.get("hint")))
        for kind, key in (("update", "updates"), ("delete", "deletes")):
            if name == kind and command[kind] in OURS:
                for op in command.get(key, []):
                    self.seen.append((command[kind], op.get("q", {}), op.get("hint")))

    def succeeded(self, event) -> None:
        pass

    def failed(self, event) -> None:
        pass


def scans(plan: dict[str, Any]) -> bool:
    if plan.get("stage") == "COLLSCAN":
        return True
    inner = [plan.get("inputStage")] + plan.get("inputStages", [])
    return any(scans(p) for p in inner if p)


def exercise(repo: MongoVisitsRepository) -> None:
    for p in (person("rep-1", "rep", supervisor_id="sup-1"), person("sup-1", "supervisor"),
              person("fin-1", "finance", region_codes=("330100",))):  # fmt: skip
        repo.people.upsert(p)
    repo.people.get(TENANT, "rep-1")
    repo.people.supervisor_of(TENANT, "rep-1")
    repo.people.director_over(TENANT, "rep-1")
    repo.people.finance_covering(TENANT, "330106")
    repo.people.team(TENANT, "sup-1")
    repo.people.active_reps()
    repo.people.active_reps(TENANT)

    a, b = repo.stores.add_many([
        store("世纪联华(学院路店)", external_id="E1", first_visit_due_at=REGISTERED),
        store("华联超市", external_id="E2", customer_class="BC"),
    ])  # fmt: skip
    repo.stores.get(TENANT, a.store_id)
    repo.stores.by_external_ids(TENANT, ["E1", "E2"])
    repo.stores.save(replace(a, name="世纪联华(文三路店)", version=2))
    repo.stores.note_visit(TENANT, b.store_id, T0, "v-1")
    for query in (StoreQuery(TENANT), StoreQuery(TENANT, name_query="联华"),
                  StoreQuery(TENANT, region_code="330100"), StoreQuery(TENANT, customer_class="BC"),
                  StoreQuery(TENANT, owner_rep_ids=("rep-1", "rep-2"))):  # fmt: skip
        repo.stores.page(query, 0, 10)
    repo.stores.owned_by(TENANT, "rep-1")
    repo.stores.registered_between(TENANT, REGISTERED, T0)
    repo.stores.first_visits_due(T0, 10)
    repo.stores.claim_first_visit_overdue(TENANT, a.store_id, T0)
    repo.stores.reschedule_first_visits(TENANT, 5)

    water = Product(TENANT, "SKU-1", "农夫山泉", "550ml×24", "箱", 3850)
    [added] = repo.products.add_many([water])
    repo.products.get(TENANT, "SKU-1")
    repo.products.get_many(TENANT, ["SKU-1", "SKU-2"])
    repo.products.save_many([replace(added, list_price_fen=3900)])
    repo.products.page(TENANT, False, 0, 10)

    repo.settings.get(TENANT)
    repo.settings.save(TenantSettings(TENANT, StoreSettings(), 1))
    repo.settings.save(TenantSettings(TENANT, StoreSettings(), 2))

    day = date(2026, 12, 1)
    plan = plans.generate(
        "rep-1", TENANT, day, [a, b], StoreSettings(), lambda: str(uuid.uuid4()), T0
    )
    repo.plans.add(plan)
    repo.plans.get(TENANT, "rep-1", day)
    plan.version = 2
    repo.plans.save(plan)
    repo.plans.days_after(TENANT, "rep-1", day - timedelta(days=1))


def test_no_repository_query_scans_a_collection() -> None:
    listener = Queries()
    client = MongoClient(URI, tz_aware=True, event_listeners=[listener])
    db = client[f"vindexed_{uuid.uuid4().hex[:8]}_visits"]
    try:
        ensure_indexes(db, INDEXES)
        outbox = Outbox(db, "visits", lambda *a: None, FixedClock(T0))
        uow = MongoUnitOfWork(client, db, "visits", outbox, MongoVisitsRepository, FixedClock(T0))
        exercise(uow.repository())
        assert len(listener.seen) > 30
        scanned = []
        for collection, query, hint in listener.seen:
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
