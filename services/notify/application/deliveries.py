"""Fan-out of events to people, and the send loop with retries (SPEC N1, N3)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from services.common import paging
from services.common.unit_of_work import MongoUnitOfWork, Transaction
from services.notify.application.ports import (
    NotifyRepository,
    PermanentSendError,
    Sender,
    TransientSendError,
)
from services.notify.domain import templates
from services.notify.domain.model import (
    MAX_ATTEMPTS,
    Channel,
    Contact,
    Delivery,
    DeliveryStatus,
    Message,
    next_retry_delay,
)

log = logging.getLogger(__name__)
CLAIM_FOR = timedelta(seconds=30)


def record_contact(uow: MongoUnitOfWork, contact: Contact, event_id: str) -> bool:
    def work(tx: Transaction) -> bool:
        tx.repo.upsert_contact(contact)
        return True

    return uow.run(work, consumed_event_id=event_id) is not None


def _delivery(
    tx: Transaction,
    event_id: str,
    event_type: str,
    tenant_id: str,
    person_id: str,
    role: str,
    channel: Channel,
    message: Message,
    origin_at: datetime,
    now: datetime,
) -> Delivery:
    contact = tx.repo.contact(tenant_id, person_id)
    address = contact.address(channel) if contact else ""
    delivery = Delivery(
        delivery_id=Delivery.key(event_id, person_id, channel),
        tenant_id=tenant_id,
        source_event_id=event_id,
        source_event_type=event_type,
        recipient_id=person_id,
        recipient_role=role,
        channel=channel,
        message=message,
        address=address,
        created_at=now,
        next_attempt_at=now,
        origin_at=origin_at,
    )
    # An unknown person or a missing channel id is a clear failure in the log, not a crash.
    if contact is None:
        delivery.status = DeliveryStatus.FAILED
        delivery.error = f"收件人 {person_id} 不在通讯录中"
    elif not address:
        label = "企业微信" if channel == Channel.WECOM else "钉钉"
        delivery.status, delivery.error = (
            DeliveryStatus.FAILED,
            f"收件人 {person_id} 未绑定{label}账号",
        )
    return delivery


def plan_lead_assigned(
    uow: MongoUnitOfWork,
    event_id: str,
    tenant_id: str,
    rep_id: str,
    supervisor_id: str,
    facts_for: Callable[[str], templates.LeadAssignedFacts],
    origin_at: datetime,
    now: datetime,
) -> list[str]:
    """lead.assigned: the rep gets a WeCom card, the direct supervisor a notice (SPEC A4).
    Returns the ids of deliveries ready to send."""

    def work(tx: Transaction) -> list[str]:
        rep = tx.repo.contact(tenant_id, rep_id)
        facts = facts_for(rep.name if rep else rep_id)
        plans = [(rep_id, "rep", templates.lead_assigned_for_rep(facts))]
        if supervisor_id:
            plans.append(
                (supervisor_id, "supervisor", templates.lead_assigned_for_supervisor(facts))
            )
        ready = []
        for person_id, role, message in plans:
            d = _delivery(
                tx, event_id, "lead.assigned", tenant_id, person_id, role,
                Channel.WECOM, message, origin_at, now,
            )  # fmt: skip
            if tx.repo.add_delivery(d) and d.status == DeliveryStatus.PENDING:
                ready.append(d.delivery_id)
        return ready

    return uow.run(work, consumed_event_id=event_id) or []


def attempt(
    repo: NotifyRepository, sender: Sender, delivery_id: str, now: Callable[[], datetime]
) -> Delivery | None:
    """Claim one delivery and try the provider once. Safe with several replicas."""
    started = now()
    delivery = repo.claim(delivery_id, started, started + CLAIM_FOR)
    if delivery is None:
        return None  # sent, failed, or another replica holds it
    try:
        delivery.provider_message_id = sender.send(
            delivery.channel, delivery.address, delivery.message
        )
    except PermanentSendError as error:
        repo.mark_failed(delivery_id, str(error), now())
        delivery.status, delivery.error = DeliveryStatus.FAILED, str(error)
        return delivery
    except TransientSendError as error:
        if delivery.attempts >= MAX_ATTEMPTS:
            repo.mark_failed(delivery_id, f"重试 {delivery.attempts} 次后仍失败:{error}", now())
            delivery.status = DeliveryStatus.FAILED
        else:
            repo.mark_retry(delivery_id, str(error), now() + next_retry_delay(delivery.attempts))
        delivery.error = str(error)
        return delivery
    delivery.sent_at = now()
    delivery.status = DeliveryStatus.SENT
    repo.mark_sent(delivery_id, delivery.provider_message_id, delivery.sent_at)
    return delivery


def list_deliveries(
    repo: NotifyRepository,
    tenant_id: str,
    recipient_id: str,
    source_event_id: str,
    page_size: int,
    page_token: str,
) -> tuple[list[Delivery], str]:
    after, limit = paging.decode(page_size, page_token)
    found = repo.list_deliveries(tenant_id, recipient_id, source_event_id, after, limit + 1)
    return paging.page(found, limit, lambda d: d.delivery_id)
