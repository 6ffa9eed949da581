"""The composite repository of the visits service: one repository per capability, all on the
same database and session, so one use case's transaction spans them (`tx.repo.stores`,
`tx.repo.cards`, ...). `INDEXES` merges the capabilities' index plans; each helper adds one
import, one INDEXES entry and one attribute line."""

from __future__ import annotations

from pymongo.client_session import ClientSession
from pymongo.database import Database

from services.common.mongo import IndexPlan
from services.visits.adapters import (
    approval_repository,
    cards_repository,
    catalogue_repository,
    commitments_repository,
    history_repository,
    people_repository,
    plans_repository,
    rating_repository,
    returns_repository,
    settings_repository,
    stock_repository,
    stores_repository,
)


def _merge(*plans: IndexPlan) -> IndexPlan:
    merged: IndexPlan = {}
    for plan in plans:
        for collection, indexes in plan.items():
            if collection in merged:
                raise ValueError(f"two capabilities claim the collection {collection!r}")
            merged[collection] = indexes
    return merged


INDEXES: IndexPlan = _merge(
    stores_repository.INDEXES,  # visits-a
    catalogue_repository.INDEXES,  # visits-a
    people_repository.INDEXES,  # visits-a
    settings_repository.INDEXES,  # visits-a
    plans_repository.INDEXES,  # visits-a
    cards_repository.INDEXES,  # visits-b1
    commitments_repository.INDEXES,  # visits-b1
    stock_repository.INDEXES,  # visits-b2
    approval_repository.INDEXES,  # visits-b2
    returns_repository.INDEXES,  # visits-b2
    rating_repository.INDEXES,  # visits-b2
)


class MongoVisitsRepository:
    def __init__(self, db: Database, session: ClientSession | None) -> None:
        self.stores = stores_repository.MongoStoreRepository(db, session)  # visits-a
        self.products = catalogue_repository.MongoProductCatalogue(db, session)  # visits-a
        self.people = people_repository.MongoPeopleDirectory(db, session)  # visits-a
        self.settings = settings_repository.MongoSettingsRepository(db, session)  # visits-a
        self.plans = plans_repository.MongoPlanRepository(db, session)  # visits-a
        self.cards = cards_repository.MongoCardRepository(db, session)  # visits-b1
        self.commitments = commitments_repository.MongoCommitmentRepository(db, session)  # b1
        self.stock = stock_repository.MongoStockRepository(db, session)  # visits-b2
        self.approvals = approval_repository.MongoApprovalRepository(db, session)  # visits-b2
        self.credit = approval_repository.MongoCreditStandings(db, session)  # visits-b2
        self.returns = returns_repository.MongoReturnRepository(db, session)  # visits-b2
        self.ratings = rating_repository.MongoRatingRepository(db, session)  # visits-b2
        self.history = history_repository.MongoHistoryRepository(db, session)  # history
