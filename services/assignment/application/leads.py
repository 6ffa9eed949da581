"""Use cases of the lead pool: intake with merge (A1), the rep's answer (A5), reads (A8)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from services.assignment.application import event_payloads
from services.assignment.application.routing import (
    offer_after_commit,
    publish_outcome,
    rank_and_claim,
    release,
    route,
    route_if_still_waiting,
)
from services.assignment.domain.model import HistoryEntry, Lead, LeadStatus
from services.assignment.domain.rules import select_rule
from services.assignment.domain.strategies import decide
from services.assignment.domain.validation import validate_lead
from services.common import paging
from services.common.errors import (
    AlreadyExists,
    DomainError,
    FailedPrecondition,
    InvalidArgument,
    NotFound,
)
from services.common.unit_of_work import MongoUnitOfWork, Transaction

log = logging.getLogger(__name__)


@dataclass
class Intake:
    lead: Lead
    outcome: str  # created | merged | duplicate


def create_lead(uow: MongoUnitOfWork, lead: Lead, correlation_id: str = "") -> Intake:
    """SPEC A1+A2: store the lead and route it. Idempotent by external id; a duplicate of an
    open lead (same phone, or same store) is merged into it.

    The rep is claimed first, with one conditional update outside the transaction, so that a
    burst of leads does not turn every transaction into a conflict on the same few rep
    documents; the transaction then writes only new documents. If it fails, the claim is
    given back; if the process dies in between, reconcile_holds gives it back."""
    validate_lead(lead)
    repo = uow.repository()
    known = repo.lead_by_external_id(lead.tenant_id, lead.external_id)
    if known is not None:
        return Intake(known, "duplicate")
    if repo.open_duplicate(lead.tenant_id, lead.phone, lead.store_id) is not None:
        return _merge(uow, lead, correlation_id)

    rep, entry = rank_and_claim(
        repo, lead, repo.settings(lead.tenant_id), lead.created_at, hold=True
    )

    lead.record(
        HistoryEntry(lead.created_at, "created", "", f"线索进入线索池(渠道 {lead.channel})")
    )
    if entry is not None:
        lead.record(entry)

    def work(tx: Transaction) -> Intake:
        tx.repo.add_alias(lead.tenant_id, lead.external_id, lead.lead_id)
        tx.repo.add_open_keys(lead)
        tx.repo.add_lead(lead)
        tx.emit("lead.created", event_payloads.lead_created(lead), lead.tenant_id)
        publish_outcome(tx, lead, rep)
        return Intake(lead, "created")

    try:
        result = uow.run(work, correlation_id=correlation_id)
    except Exception as error:
        # Give the claim back only if the lead is really not stored (a commit whose answer was
        # lost must keep it); reconcile_holds settles any case this misses.
        if rep is not None and repo.get_lead(lead.tenant_id, lead.lead_id) is None:
            repo.release_hold(lead.tenant_id, rep.rep_id, lead.lead_id)
        if isinstance(error, AlreadyExists):
            # A concurrent intake won a unique key: the same external id (answer with its
            # lead) or the same customer (merge into its lead).
            found = repo.lead_by_external_id(lead.tenant_id, lead.external_id)
            if found is not None:
                return Intake(found, "duplicate")
            if repo.open_duplicate(lead.tenant_id, lead.phone, lead.store_id) is not None:
                return _merge(uow, _fresh_copy(lead), correlation_id)
        raise
    # The hold is confirmed later by reconcile_holds, off the request path.
    if rep is None:
        routed = _offer_again(uow, lead)
        if routed is not None:
            return Intake(routed, "created")
    return result


def _offer_again(uow: MongoUnitOfWork, lead: Lead) -> Lead | None:
    """The reps were read before the lead was stored, so a rep who became free in between
    looked for waiting leads before this one existed. Offering it once more after the commit
    closes that gap; the minute sweep (sweep_waiting_leads) remains the safety net. A burst
    with every rep busy is the common case, so a look at the reps outside any transaction
    decides whether a transaction is worth it. Returns the lead if a rep took it."""
    try:
        repo = uow.repository()
        now = uow.now()
        rule = select_rule(repo.rules(lead.tenant_id), lead)
        if not decide(rule, lead, repo.reps(lead.tenant_id), now).candidates:
            return None
        return uow.run(
            lambda tx: route_if_still_waiting(tx, lead.lead_id, now),
            correlation_id=lead.lead_id,
        )
    except Exception:  # the lead is stored and waiting: the sweep offers it again
        log.exception("second offer of a waiting lead failed", extra={"lead_id": lead.lead_id})
        return None


BULK_CHUNK = 100


def create_leads_in_bulk(
    uow: MongoUnitOfWork, leads: list[Lead], now: Callable[[], datetime]
) -> dict[str, Intake | DomainError]:
    """A1 bulk intake of validated leads of one tenant, by external id. New leads that share no
    key (external id, phone, store) with an open lead or with an earlier lead of the batch are
    claimed one by one (as in create_lead) but written 100 to a transaction, reading the reps
    once; every other lead goes through create_lead afterwards, in order, so duplicates are
    answered and merges land on leads that already exist."""
    if not leads:
        return {}
    repo = uow.repository()
    tenant = leads[0].tenant_id
    known = repo.known_external_ids(tenant, [x.external_id for x in leads])
    taken_phones = repo.open_keys(tenant, "phone", [x.phone for x in leads if x.phone])
    taken_stores = repo.open_keys(tenant, "store_id", [x.store_id for x in leads if x.store_id])
    fresh: list[Lead] = []
    later: list[Lead] = []
    for lead in leads:
        keys = (
            lead.external_id in known,
            lead.phone in taken_phones,
            lead.store_id in taken_stores,
        )
        (later if any(keys) else fresh).append(lead)
        known.add(lead.external_id)
        taken_phones.add(lead.phone)
        if lead.store_id:
            taken_stores.add(lead.store_id)

    results: dict[str, Intake | DomainError] = {}
    settings = repo.settings(tenant)
    reps = repo.reps(tenant)
    for start in range(0, len(fresh), BULK_CHUNK):
        chunk = fresh[start : start + BULK_CHUNK]
        claimed = []
        for lead in chunk:
            rep, entry = rank_and_claim(repo, lead, settings, now(), hold=True, reps=reps)
            lead.record(
                HistoryEntry(lead.created_at, "created", "", f"线索进入线索池(渠道 {lead.channel})")
            )
            if entry is not None:
                lead.record(entry)
            claimed.append((lead, rep))

        def work(tx: Transaction, claimed=claimed) -> None:
            tx.repo.add_leads([lead for lead, _ in claimed])
            for lead, rep in claimed:
                tx.emit("lead.created", event_payloads.lead_created(lead), tenant)
                publish_outcome(tx, lead, rep)

        try:
            uow.run(work, correlation_id=f"import:{chunk[0].external_id}")
        except DomainError:
            # A concurrent intake took one of the keys: give the claims back and let the
            # one-by-one path answer each lead.
            for lead, rep in claimed:
                if rep is not None and repo.get_lead(tenant, lead.lead_id) is None:
                    repo.release_hold(tenant, rep.rep_id, lead.lead_id)
            later.extend(_fresh_copy(lead) for lead, _ in claimed)
            continue
        results.update({lead.external_id: Intake(lead, "created") for lead, _ in claimed})
    for lead in later:
        try:
            intake = create_lead(uow, lead, correlation_id=f"import:{lead.external_id}")
        except DomainError as error:  # one row's trouble is that row's, not the import's
            results[lead.external_id] = error
            continue
        results[lead.external_id] = intake
    return results


def _fresh_copy(lead: Lead) -> Lead:
    """The lead as it arrived, before a rolled-back routing touched it."""
    return Lead(
        lead_id=lead.lead_id, tenant_id=lead.tenant_id, external_id=lead.external_id,
        channel=lead.channel, customer_type=lead.customer_type, region_code=lead.region_code,
        urgency=lead.urgency, customer_name=lead.customer_name, contact_name=lead.contact_name,
        phone=lead.phone, address=lead.address, location=lead.location, store_id=lead.store_id,
        created_at=lead.created_at,
    )  # fmt: skip


def _merge(uow: MongoUnitOfWork, lead: Lead, correlation_id: str) -> Intake:
    def work(tx: Transaction) -> Intake:
        twin = tx.repo.open_duplicate(lead.tenant_id, lead.phone, lead.store_id)
        if twin is None:  # closed in the meantime: nothing to merge into
            raise FailedPrecondition("重复线索已关闭,请重新提交")
        twin.merged_external_ids.append(lead.external_id)
        tx.repo.add_alias(lead.tenant_id, lead.external_id, twin.lead_id)
        same = "同一门店" if lead.store_id and lead.store_id == twin.store_id else "同一手机号"
        text = f"来源编号 {lead.external_id}({lead.channel})与本线索为{same},已合并"
        twin.record(HistoryEntry(lead.created_at, "merged", "", text))
        tx.repo.save_lead(twin)
        return Intake(twin, "merged")

    try:
        result = uow.run(work, correlation_id=correlation_id)
    except AlreadyExists:
        found = uow.repository().lead_by_external_id(lead.tenant_id, lead.external_id)
        if found is None:
            raise
        return Intake(found, "duplicate")
    return result


def _lead_for_rep(tx: Transaction, tenant_id: str, lead_id: str, rep_id: str) -> Lead:
    lead = tx.repo.get_lead(tenant_id, lead_id)
    if lead is None:
        raise NotFound(f"线索 {lead_id} 不存在")
    if lead.assigned_rep_id != rep_id:
        raise FailedPrecondition(f"线索 {lead_id} 当前未分配给您")
    return lead


def accept_lead(
    uow: MongoUnitOfWork, tenant_id: str, lead_id: str, rep_id: str, now: datetime
) -> Lead:
    """SPEC A5: the rep takes the lead; the first-response time is published for scoring."""

    def work(tx: Transaction) -> Lead:
        lead = _lead_for_rep(tx, tenant_id, lead_id, rep_id)
        if lead.status == LeadStatus.ACCEPTED:
            return lead  # answering twice is harmless
        if lead.status != LeadStatus.ASSIGNED:
            raise FailedPrecondition(f"线索当前状态为 {lead.status.value},不能接单")
        lead.status = LeadStatus.ACCEPTED
        lead.responded_at = lead.last_follow_up_at = now
        lead.record(HistoryEntry(now, "accepted", rep_id, "业务员已接单"))
        tx.repo.save_lead(lead)
        tx.emit("lead.accepted", event_payloads.lead_responded(lead, True, ""), tenant_id)
        return lead

    result = uow.run(work, correlation_id=lead_id)
    return result


def decline_lead(
    uow: MongoUnitOfWork, tenant_id: str, lead_id: str, rep_id: str, reason: str, now: datetime
) -> Lead:
    """SPEC A5: the rep declines; the lead goes to the next candidate at once."""
    if not reason.strip():
        raise InvalidArgument.of_field("reason", "拒单必须填写原因")

    def work(tx: Transaction) -> Lead:
        lead = _lead_for_rep(tx, tenant_id, lead_id, rep_id)
        if lead.status != LeadStatus.ASSIGNED:
            raise FailedPrecondition(f"线索当前状态为 {lead.status.value},不能拒单")
        lead.responded_at = now
        tx.emit("lead.declined", event_payloads.lead_responded(lead, False, reason), tenant_id)
        release(tx, lead)
        lead.record(HistoryEntry(now, "declined", rep_id, f"业务员拒单:{reason}"))
        rep = route(tx, lead, tx.repo.settings(tenant_id), now)
        tx.repo.save_lead(lead)
        publish_outcome(tx, lead, rep)
        return lead

    result = uow.run(work, correlation_id=lead_id)
    offer_after_commit(uow, tenant_id, rep_id, now)
    return result


def get_lead(uow: MongoUnitOfWork, tenant_id: str, lead_id: str) -> Lead:
    lead = uow.run(lambda tx: tx.repo.get_lead(tenant_id, lead_id))
    if lead is None:
        raise NotFound(f"线索 {lead_id} 不存在")
    return lead


def lead_history(uow: MongoUnitOfWork, tenant_id: str, lead_id: str) -> list[HistoryEntry]:
    return get_lead(uow, tenant_id, lead_id).history


def list_leads(
    uow: MongoUnitOfWork,
    tenant_id: str,
    rep_id: str,
    status: LeadStatus | None,
    page_size: int,
    page_token: str,
) -> tuple[list[Lead], str]:
    after, limit = paging.decode(page_size, page_token)
    leads = uow.run(lambda tx: tx.repo.list_leads(tenant_id, rep_id, status, after, limit + 1))
    return paging.page(leads, limit, lambda lead: lead.lead_id)
