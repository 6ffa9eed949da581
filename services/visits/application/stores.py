"""Use cases of the store master: register (by the API or from a card), update with an
optimistic version, get, list and search. Each change is one transaction with its
store.registered / store.updated event."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from services.common import paging
from services.common.errors import (
    AlreadyExists,
    FailedPrecondition,
    FieldViolation,
    InvalidArgument,
    NotFound,
    Violations,
)
from services.common.ids import new_id
from services.common.unit_of_work import Transaction, UnitOfWork
from services.visits.application import event_payloads
from services.visits.application.ports import PeopleDirectory, VisitsRepository
from services.visits.domain.settings import StoreSettings
from services.visits.domain.stores import (
    Store,
    StoreChecks,
    StoreDraft,
    StoreQuery,
    changed_fields,
    check_draft,
    check_query,
    check_store,
    is_uuid,
    store_from_draft,
)


def check_owner(people: PeopleDirectory, store: Store, v: Violations, field: str) -> None:
    owner = people.get(store.tenant_id, store.owner_rep_id) if store.owner_rep_id else None
    if store.owner_rep_id and (owner is None or not owner.is_active_rep):
        v.add(field, "负责业务员必须是本公司在职的业务员(组织架构中的业务员)")


def with_first_visit_due(store: Store, settings: StoreSettings) -> Store:
    """V7: a tracked store's first visit falls due the tenant's limit after registration."""
    if not store.first_visit_tracked or store.first_visited_at is not None:
        return replace(store, first_visit_due_at=None)
    due = store.registered_at + timedelta(days=settings.first_visit_limit_days)
    return replace(store, first_visit_due_at=due)


def _same_registration(a: Store, b: Store) -> bool:
    return (a.facts(), a.lead_id) == (b.facts(), b.lead_id)


def register_store(uow: UnitOfWork[VisitsRepository], store: Store) -> Store:
    """A store entered through the API. `store.store_id` may be a client-generated UUID: a
    replay with the same facts answers the store it registered."""
    checks = StoreChecks("store.")
    check_store(store, checks)
    checks.v.check(is_uuid(store.store_id), "store.store_id", "门店编号必须是 UUID(可留空)")
    checks.v.raise_if_any()

    def work(tx: Transaction[VisitsRepository]) -> Store:
        existing = tx.repo.stores.get(store.tenant_id, store.store_id)
        if existing is not None:
            if _same_registration(existing, store):
                return existing
            raise AlreadyExists("门店编号已用于另一家门店")
        v = Violations()
        check_owner(tx.repo.people, store, v, "store.owner_rep_id")
        v.raise_if_any()
        if store.external_id and tx.repo.stores.by_external_id(store.tenant_id, store.external_id):
            raise AlreadyExists(
                "外部编号已被另一家门店使用",
                [FieldViolation("store.external_id", "外部编号已被另一家门店使用")],
            )
        return _add(tx, with_first_visit_due(store, tx.repo.settings.get(store.tenant_id).stores))

    return uow.run(work, correlation_id=store.store_id)


def _add(tx: Transaction[VisitsRepository], store: Store) -> Store:
    [added] = tx.repo.stores.add_many([store])
    tx.emit("store.registered", event_payloads.store_registered(added), added.tenant_id)
    return added


def register_from_card(
    tx: Transaction[VisitsRepository],
    tenant_id: str,
    rep_id: str,
    draft: StoreDraft,
    lead_id: str,
    now: datetime,
    *,
    field_prefix: str = "new_store.",
) -> Store:
    """Inside a card's transaction: the lead's new store the rep is visiting enters the store
    master, owned by that rep (store.registered, source "card"). The card then notes its
    visit, which is also the store's first."""
    checks = StoreChecks(field_prefix)
    check_draft(draft, checks)
    checks.v.check(len(lead_id) <= 64, "lead_id", "线索编号过长")
    rep = tx.repo.people.get(tenant_id, rep_id)
    checks.v.check(rep is not None and rep.is_active_rep, "rep_id", "登记门店的必须是在职业务员")
    checks.v.raise_if_any()
    store = store_from_draft(draft, tenant_id, new_id(), rep_id, lead_id, now)
    return _add(tx, with_first_visit_due(store, tx.repo.settings.get(tenant_id).stores))


def update_store(
    uow: UnitOfWork[VisitsRepository],
    tenant_id: str,
    store_id: str,
    expected_version: int,
    facts: dict[str, object],
    actor: str,
    now: datetime,
) -> Store:
    """Change the named facts of a store; `expected_version` must be the stored version.
    A change that changes nothing answers the store as it is (no new version, no event)."""
    if expected_version <= 0:
        raise InvalidArgument.of_field("expected_version", "必须填写您看到的门店版本号")

    def work(tx: Transaction[VisitsRepository]) -> Store:
        current = tx.repo.stores.get(tenant_id, store_id)
        if current is None:
            raise NotFound("门店不存在")
        if current.version != expected_version:
            raise FailedPrecondition(
                f"门店已被修改(当前版本 {current.version},您编辑的是版本 {expected_version}),请刷新后重试"
            )
        updated = current.with_facts(facts, now)
        changed = changed_fields(current, updated)
        if not changed:
            return current
        _check_update(tx, updated, changed)
        if not tx.repo.stores.save(updated):
            raise FailedPrecondition("门店已被他人同时修改,请刷新后重试")
        payload = event_payloads.store_updated(updated, changed, actor)
        tx.emit("store.updated", payload, tenant_id)
        return updated

    return uow.run(work, correlation_id=store_id)


def _check_update(tx: Transaction[VisitsRepository], store: Store, changed: list[str]) -> None:
    checks = StoreChecks("store.")
    check_store(store, checks)
    if "owner_rep_id" in changed:
        check_owner(tx.repo.people, store, checks.v, "store.owner_rep_id")
    checks.v.raise_if_any()
    if "external_id" in changed and store.external_id:
        holder = tx.repo.stores.by_external_id(store.tenant_id, store.external_id)
        if holder is not None and holder.store_id != store.store_id:
            raise AlreadyExists("外部编号已被另一家门店使用")


def get_store(uow: UnitOfWork[VisitsRepository], tenant_id: str, store_id: str) -> Store:
    if not store_id:
        raise InvalidArgument.of_field("store_id", "必须填写门店编号")
    store = uow.repository().stores.get(tenant_id, store_id)
    if store is None:
        raise NotFound("门店不存在")
    return store


def after_number(token_key: str) -> int:
    if not token_key:
        return 0
    if not token_key.isascii() or not token_key.isdigit():
        raise InvalidArgument.of_field("page.page_token", "分页标记无效")
    return int(token_key)


def list_stores(
    uow: UnitOfWork[VisitsRepository], query: StoreQuery, page_size: int, page_token: str
) -> tuple[list[Store], str]:
    check_query(query)
    after, limit = paging.decode(page_size, page_token)
    found = uow.repository().stores.page(query, after_number(after), limit + 1)
    return paging.page(found, limit, key=lambda s: str(s.number))
