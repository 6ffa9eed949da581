"""What submitting a card needs from the other capabilities of visits (plans, approvals,
samples, returns) and from media, as one set of callables. The
entrypoint wires the real ones (entrypoints/service.py); the use-case tests wire fakes
(tests/fakes/visits.py). Each signature is the interface agreed in the issue-8 plan."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from services.common.unit_of_work import Transaction
from services.visits.application.ports import PhotoDirectory, VisitsRepository
from services.visits.domain.cards import Card
from services.visits.domain.lines import SampleLine
from services.visits.domain.stores import Store

Tx = Transaction[VisitsRepository]


@dataclass(frozen=True)
class CardCollaborators:
    photos: PhotoDirectory
    # plans (visits-a): (tx, tenant, rep, store, plan_date, visit_id, now) -> PlanItem | None
    close_plan_item: Callable[[Tx, str, str, str, date, str, datetime], Any]
    # plans (visits-a): (repo, tenant, rep, store, day) -> PlanItem | None
    todays_plan_item: Callable[[VisitsRepository, str, str, str, date], Any]
    # samples (visits-b2): reserve outside the transaction, confirm inside, release on failure
    reserve_samples: Callable[[VisitsRepository, str, str, str, list[SampleLine], datetime], Any]
    confirm_samples: Callable[[Tx, Any, datetime], None]
    release_samples: Callable[[VisitsRepository, Any], None]
    # approvals (visits-b2): (tx, card, store, now) -> approval id | None
    open_approval: Callable[[Tx, Card, Store, datetime], str | None]
    # returns (visits-b2): (tx, card, now)
    record_returns: Callable[[Tx, Card, datetime], None]
