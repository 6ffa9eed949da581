"""Use cases of the lead pool: intake with merge (A1), the rep's answer (A5), reads (A8)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from services.assignment.application import event_payloads
from services.assignment.application.ports import AssignmentRepository, Tx, Uow
from services.assignment.application.routing import (
    Roster,
    give_back,
    offer_after_commit,
    publish_outcome,
    rank_and_claim,
    reroute,
    route_if_still_waiting,
)
from services.assignment.domain.model import HistoryEntry, Lead, LeadStatus, Rep
from services.assignment.domain.rules import select_rule
from services.assignment.domain.strategies import decide
from services.assignment.domain.validation import validate_lead, validate_reason
from services.common import paging
from services.common.errors import (
    AlreadyExists,
    DomainError,
    FailedPrecondition,
    InvalidArgument,
    NotFound,
)
from services.common.text import bounded

log = logging.getLogger(__name__)
BULK_CHUNK = 100


@dataclass
class Intake:
    lead: Lead
    outcome: str  # created | merged | duplicate


@dataclass
class Claimed:
    """A new lead routed before it is stored, and the rep whose claim holds it, if any."""

    lead: Lead
    rep: Rep | None


# -- one lead (A1) -----------------------------------------------------------------------------


def create_lead(uow: Uow, lead: Lead, correlation_id: str = "") -> Intake:
    """SPEC A1+A2: store the lead and route it. Idempotent by external id; a duplicate of an
    open lead (same phone, or same store) is merged into it.

    The rep is claimed first, with one conditional update outside the transaction, so that a
    burst of leads does not turn every transaction into a conflict on the same few rep
    documents; the transaction then writes only new documents. If it fails, the claim is
    given back; if the process dies in between, reconcile_holds gives it back."""
    validate_lead(lead)
    repo = uow.repository()
    known = _known_intake(uow, repo, lead, correlation_id)
    if known is not None:
        return known
    claimed = _claim(repo, lead, Roster.of(repo, lead.tenant_id), lead.created_at)
    try:
        uow.run(lambda tx: _store_one(tx, claimed), correlation_id=correlation_id)
    except Exception as error:
        _release_unstored(repo, [claimed])
        raced = _answer_race(uow, repo, lead, correlation_id, error)
        if raced is None:
            raise
        return raced
    # The hold is confirmed later by reconcile_holds, off the request path.
    if claimed.rep is None:
        return Intake(_offer_again(uow, lead) or lead, "created")
    return Intake(lead, "created")


def _known_intake(
    uow: Uow, repo: AssignmentRepository, lead: Lead, correlation_id: str
) -> Intake | None:
    """The answer when the lead is already known: the same external id, or an open lead of
    the same customer to merge into. None for a new lead."""
    found = repo.lead_by_external_id(lead.tenant_id, lead.external_id)
    if found is not None:
        return Intake(found, "duplicate")
    if repo.open_duplicate(lead.tenant_id, lead.phone, lead.store_id) is not None:
        return _merge(uow, lead, correlation_id)
    return None


def _claim(repo: AssignmentRepository, lead: Lead, roster: Roster, now: datetime) -> Claimed:
    """The intake record of a new lead: it enters the pool, and a rep is claimed for it."""
    lead.enter_pool()
    rep = rank_and_claim(repo, lead, roster, now)
    return Claimed(lead, rep)


def _store_one(tx: Tx, claimed: Claimed) -> None:
    lead = claimed.lead
    tx.repo.add_alias(lead.tenant_id, lead.external_id, lead.lead_id)
    tx.repo.add_open_keys(lead)
    tx.repo.add_lead(lead)
    _announce(tx, claimed)


def _announce(tx: Tx, claimed: Claimed) -> None:
    tx.emit("lead.created", event_payloads.lead_created(claimed.lead), claimed.lead.tenant_id)
    publish_outcome(tx, claimed.lead, claimed.rep)


def _release_unstored(repo: AssignmentRepository, claims: list[Claimed]) -> None:
    """Give a claim back only if its lead is really not stored (a commit whose answer was
    lost must keep it); reconcile_holds settles any case this misses."""
    for c in claims:
        if c.rep is not None and repo.get_lead(c.lead.tenant_id, c.lead.lead_id) is None:
            repo.release_hold(c.lead.tenant_id, c.rep.rep_id, c.lead.lead_id)


def _answer_race(
    uow: Uow, repo: AssignmentRepository, lead: Lead, correlation_id: str, error: Exception
) -> Intake | None:
    """A concurrent intake won a unique key: the same external id (answer with its lead) or
    the same customer (merge into its lead). None when the failure was something else."""
    if not isinstance(error, AlreadyExists):
        return None
    found = repo.lead_by_external_id(lead.tenant_id, lead.external_id)
    if found is not None:
        return Intake(found, "duplicate")
    if repo.open_duplicate(lead.tenant_id, lead.phone, lead.store_id) is not None:
        return _merge(uow, _fresh_copy(lead), correlation_id)
    return None


def _offer_again(uow: Uow, lead: Lead) -> Lead | None:
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


def _fresh_copy(lead: Lead) -> Lead:
    """The lead as it arrived, before a rolled-back routing touched it."""
    return Lead(
        lead_id=lead.lead_id, tenant_id=lead.tenant_id, external_id=lead.external_id,
        channel=lead.channel, customer_type=lead.customer_type, region_code=lead.region_code,
        urgency=lead.urgency, customer_name=lead.customer_name, contact_name=lead.contact_name,
        phone=lead.phone, address=lead.address, location=lead.location, store_id=lead.store_id,
        created_at=lead.created_at,
    )  # fmt: skip


def _merge(uow: Uow, lead: Lead, correlation_id: str) -> Intake:
    def work(tx: Tx) -> Intake:
        twin = tx.repo.open_duplicate(lead.tenant_id, lead.phone, lead.store_id)
        if twin is None:  # closed in the meantime: nothing to merge into
            raise FailedPrecondition("重复线索已关闭,请重新提交")
        twin.absorb(lead)
        tx.repo.add_alias(lead.tenant_id, lead.external_id, twin.lead_id)
        tx.repo.save_lead(twin)
        return Intake(twin, "merged")

    try:
        return uow.run(work, correlation_id=correlation_id)
    except AlreadyExists:
        found = uow.repository().lead_by_external_id(lead.tenant_id, lead.external_id)
        if found is None:
            raise
        return Intake(found, "duplicate")


# -- many leads (A1 bulk) ------------------------------------------------------------------------


def create_leads_in_bulk(
    uow: Uow, leads: list[Lead], now: Callable[[], datetime]
) -> dict[str, Intake | DomainError]:
    """A1 bulk intake of validated leads of one tenant, by external id. New leads that share no
    key (external id, phone, store) with an open lead or with an earlier lead of the batch are
    claimed one by one (as in create_lead) but written 100 to a transaction, reading the reps
    once; every other lead goes through create_lead afterwards, in order, so duplicates are
    answered and merges land on leads that already exist."""
    if not leads:
        return {}
    fresh, later = _split_by_known_keys(uow.repository(), leads)
    results: dict[str, Intake | DomainError] = {}
    roster = Roster.of(uow.repository(), leads[0].tenant_id)
    for start in range(0, len(fresh), BULK_CHUNK):
        chunk = fresh[start : start + BULK_CHUNK]
        stored = _store_chunk(uow, chunk, roster, now)
        if stored is None:  # a concurrent intake took a key: each lead on its own
            later.extend(_fresh_copy(lead) for lead in chunk)
            continue
        results.update({lead.external_id: Intake(lead, "created") for lead in stored})
    for lead in later:
        results[lead.external_id] = _create_one_of_many(uow, lead)
    return results


def _split_by_known_keys(
    repo: AssignmentRepository, leads: list[Lead]
) -> tuple[list[Lead], list[Lead]]:
    """(leads that share no key with an open lead or an earlier lead of the batch, the rest)."""
    tenant = leads[0].tenant_id
    known = repo.known_external_ids(tenant, [x.external_id for x in leads])
    taken_phones = repo.open_keys(tenant, "phone", [x.phone for x in leads if x.phone])
    taken_stores = repo.open_keys(tenant, "store_id", [x.store_id for x in leads if x.store_id])
    fresh: list[Lead] = []
    later: list[Lead] = []
    for lead in leads:
        seen = (
            lead.external_id in known or lead.phone in taken_phones or lead.store_id in taken_stores
        )
        (later if seen else fresh).append(lead)
        known.add(lead.external_id)
        taken_phones.add(lead.phone)
        if lead.store_id:
            taken_stores.add(lead.store_id)
    return fresh, later


def _store_chunk(
    uow: Uow, chunk: list[Lead], roster: Roster, now: Callable[[], datetime]
) -> list[Lead] | None:
    """Claim for each lead of `chunk`, then write them all in one transaction. None (and the
    claims given back) when a concurrent intake took one of their keys."""
    repo = uow.repository()
    claims = [_claim(repo, lead, roster, now()) for lead in chunk]

    def work(tx: Tx) -> None:
        tx.repo.add_leads([c.lead for c in claims])
        for claimed in claims:
            _announce(tx, claimed)

    try:
        uow.run(work, correlation_id=f"import:{chunk[0].external_id}")
    except DomainError:
        _release_unstored(repo, claims)
        return None
    return chunk


def _create_one_of_many(uow: Uow, lead: Lead) -> Intake | DomainError:
    try:
        return create_lead(uow, lead, correlation_id=f"import:{lead.external_id}")
    except DomainError as error:  # one row's trouble is that row's, not the import's
        return error


# -- the rep's answer (A5) -----------------------------------------------------------------------


def _lead_for_rep(tx: Tx, tenant_id: str, lead_id: str) -> Lead:
    lead = tx.repo.get_lead(tenant_id, lead_id)
    if lead is None:
        raise NotFound(f"线索 {bounded(lead_id)} 不存在")
    return lead


def _require_lead_id(lead_id: str) -> None:
    if not lead_id.strip():
        raise InvalidArgument.of_field("lead_id", "必须填写线索编号")


def accept_lead(uow: Uow, tenant_id: str, lead_id: str, rep_id: str, now: datetime) -> Lead:
    """SPEC A5: the rep takes the lead; the first-response time is published for scoring."""
    _require_lead_id(lead_id)

    def work(tx: Tx) -> Lead:
        lead = _lead_for_rep(tx, tenant_id, lead_id)
        if not lead.accept(rep_id, now):
            return lead  # answering twice is harmless
        tx.repo.save_lead(lead)
        answer = event_payloads.lead_responded(lead, lead.assignment, True, "")
        tx.emit("lead.accepted", answer, tenant_id)
        return lead

    return uow.run(work, correlation_id=lead_id)


def decline_lead(
    uow: Uow, tenant_id: str, lead_id: str, rep_id: str, reason: str, now: datetime
) -> Lead:
    """SPEC A5: the rep declines; the lead goes to the next candidate at once."""
    _require_lead_id(lead_id)
    validate_reason(reason)

    def work(tx: Tx) -> Lead:
        lead = _lead_for_rep(tx, tenant_id, lead_id)
        held = lead.decline(rep_id, reason, now)
        give_back(tx, tenant_id, held)
        tx.emit(
            "lead.declined", event_payloads.lead_responded(lead, held, False, reason), tenant_id
        )
        reroute(tx, lead, tx.repo.settings(tenant_id), now)
        return lead

    result = uow.run(work, correlation_id=lead_id)
    offer_after_commit(uow, tenant_id, rep_id, now)
    return result


# -- reads (A8) ------------------------------------------------------------------------------------


def get_lead(uow: Uow, tenant_id: str, lead_id: str) -> Lead:
    _require_lead_id(lead_id)
    lead = uow.run(lambda tx: tx.repo.get_lead(tenant_id, lead_id))
    if lead is None:
        raise NotFound(f"线索 {bounded(lead_id)} 不存在")
    return lead


def lead_history(uow: Uow, tenant_id: str, lead_id: str) -> list[HistoryEntry]:
    return get_lead(uow, tenant_id, lead_id).history


def list_leads(
    uow: Uow,
    tenant_id: str,
    rep_id: str,
    status: LeadStatus | None,
    page_size: int,
    page_token: str,
) -> tuple[list[Lead], str]:
    after, limit = paging.decode(page_size, page_token)
    leads = uow.run(lambda tx: tx.repo.list_leads(tenant_id, rep_id, status, after, limit + 1))
    return paging.page(leads, limit, lambda lead: lead.lead_id)
