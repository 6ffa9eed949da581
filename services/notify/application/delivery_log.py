"""The delivery log and its dead letters (SPEC N3): list them, and send dead letters again."""

from __future__ import annotations

from datetime import datetime

from services.common import paging
from services.common.errors import InvalidArgument, Violations
from services.common.unit_of_work import UnitOfWork
from services.notify.application.ports import LogQuery, NotifyRepository
from services.notify.domain.model import Delivery, DeliveryStatus

Uow = UnitOfWork[NotifyRepository]
REPLAY_BATCH = 500
DEAD = DeliveryStatus.DEAD_LETTERED.value


def list_deliveries(
    uow: Uow,
    tenant_id: str,
    recipient_id: str,
    source_event_id: str,
    page_size: int,
    page_token: str,
    status: str = "",
) -> tuple[list[Delivery], str]:
    if not tenant_id:
        raise InvalidArgument.of_field("tenant_id", "租户不能为空")
    after, limit = paging.decode(page_size, page_token)
    query = LogQuery(tenant_id, recipient_id, source_event_id, status, after, limit + 1)
    return paging.page(uow.repository().list_deliveries(query), limit, lambda d: d.delivery_id)


def list_dead_letters(
    uow: Uow, tenant_id: str, page_size: int, page_token: str
) -> tuple[list[Delivery], str]:
    return list_deliveries(uow, tenant_id, "", "", page_size, page_token, DEAD)


def replay_dead_letters(
    uow: Uow,
    tenant_id: str,
    delivery_ids: list[str],
    replay_all: bool,
    actor_id: str,
    now: datetime,
) -> list[str]:
    """Dead letters back to pending, attempts reset, due now; who and when are kept on each
    delivery and in the audit log. Replaying one that is not dead-lettered does nothing."""
    _check_replay_request(tenant_id, delivery_ids, replay_all, actor_id)
    repo = uow.repository()
    if replay_all:
        replayed = _replay_every_dead_letter(repo, tenant_id, actor_id, now)
    else:
        chosen = [repo.get_delivery(i) for i in dict.fromkeys(delivery_ids)]
        replayed = _replay(
            repo, [d for d in chosen if d and d.tenant_id == tenant_id], actor_id, now
        )
    repo.add_audit(
        {
            "tenant_id": tenant_id,
            "action": "replay_dead_letters",
            "actor_id": actor_id,
            "at": now,
            "all": replay_all,
            "requested": list(delivery_ids),
            "replayed": replayed,
        }
    )
    return replayed


def _check_replay_request(
    tenant_id: str, delivery_ids: list[str], replay_all: bool, actor_id: str
) -> None:
    v = Violations()
    v.check(bool(tenant_id), "tenant_id", "租户不能为空")
    v.check(bool(actor_id), "actor_id", "需要操作人")
    v.check(bool(delivery_ids) or replay_all, "delivery_ids", "请指定要重发的投递,或选择全部")
    v.check(not (delivery_ids and replay_all), "all", "指定投递与全部重发不能同时使用")
    v.check(len(delivery_ids) <= REPLAY_BATCH, "delivery_ids", f"一次最多 {REPLAY_BATCH} 条")
    v.raise_if_any()


def _replay_every_dead_letter(
    repo: NotifyRepository, tenant_id: str, actor_id: str, now: datetime
) -> list[str]:
    replayed: list[str] = []
    while True:
        batch = repo.list_deliveries(LogQuery(tenant_id, status=DEAD, limit=REPLAY_BATCH))
        moved = _replay(repo, batch, actor_id, now)
        replayed.extend(moved)
        if len(batch) < REPLAY_BATCH or not moved:
            return replayed


def _replay(
    repo: NotifyRepository, found: list[Delivery], actor_id: str, now: datetime
) -> list[str]:
    replayed = []
    for d in found:
        if not d.is_dead_lettered:
            continue
        d.replay(actor_id, now)
        if repo.replay(d):  # conditional on it still being dead: two replays never send twice
            replayed.append(d.delivery_id)
    return replayed
