"""`python -m services.scoring.recount_revenue [tenant ...]`: puts every linked order of a
database written before ADR 044 into the store-days the county question reads
(`scoring_orders.revenue_days`). Every tenant with stores when none is named. Safe to run
again and while the service runs: an order's entry is replaced by the same entry."""

from __future__ import annotations

import sys

from services.common.config import Settings
from services.common.mongo import ensure_indexes, mongo_client
from services.common.outbox import Outbox
from services.common.unit_of_work import MongoUnitOfWork
from services.scoring.adapters.orders_repository import INDEXES, MongoOrdersRepository
from services.scoring.application.orders import recount_revenue
from services.scoring.entrypoints.orders_service import ORDERS_QUEUE


def _refuse_publish(*_args) -> None:
    raise RuntimeError("the orders capability emits no events")  # nothing here may publish


def main(argv: list[str]) -> None:
    settings = Settings(service=ORDERS_QUEUE)
    client = mongo_client(settings.mongo_uri)
    db = client[settings.database]
    ensure_indexes(db, INDEXES)
    outbox = Outbox(db, ORDERS_QUEUE, _refuse_publish)
    uow = MongoUnitOfWork(client, db, ORDERS_QUEUE, outbox, MongoOrdersRepository)
    tenants = argv or MongoOrdersRepository(db, None).tenants_with_stores()
    for tenant in tenants:
        total = recount_revenue(
            uow,
            tenant,
            lambda county, n, t=tenant: print(f"{t} 区县 {county}:{n} 笔订单", flush=True),
        )
        print(f"完成:{db.name} 租户 {tenant} 共计入 {total} 笔已归因订单", flush=True)
    client.close()


if __name__ == "__main__":
    main(sys.argv[1:])
