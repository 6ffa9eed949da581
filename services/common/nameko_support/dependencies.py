"""The one nameko dependency every service uses: its database, unit of work and outbox."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from nameko import config
from nameko.extensions import DependencyProvider
from pymongo.database import Database

from services.common.clock import Clock, clock_from_env
from services.common.config import Settings
from services.common.event_bus import EventPublisher
from services.common.mongo import IndexPlan, ensure_indexes, mongo_client
from services.common.outbox import Outbox
from services.common.unit_of_work import MongoUnitOfWork, RepositoryFactory

log = logging.getLogger(__name__)


@dataclass
class ServiceKernel:
    settings: Settings
    db: Database
    uow: MongoUnitOfWork
    outbox: Outbox
    clock: Clock


class Kernel(DependencyProvider):
    def __init__(self, service: str, indexes: IndexPlan, repository: RepositoryFactory) -> None:
        self.service = service
        self.indexes = indexes
        self.repository = repository

    def setup(self) -> None:
        settings = Settings(self.service)
        client = mongo_client(settings.mongo_uri)
        db = client[settings.database]
        ensure_indexes(db, self.indexes)
        # tests inject a controllable clock (in process, or through SALES_CLOCK_OFFSET_FILE)
        clock = config.get("SALES_CLOCK") or clock_from_env()
        publisher = EventPublisher(config["AMQP_URI"])
        outbox = Outbox(db, self.service, publisher.publish, clock)
        self.kernel = ServiceKernel(
            settings=settings,
            db=db,
            uow=MongoUnitOfWork(client, db, self.service, outbox, self.repository, clock),
            outbox=outbox,
            clock=clock,
        )

    def get_dependency(self, worker_ctx) -> ServiceKernel:
        return self.kernel
