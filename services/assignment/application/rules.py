"""Editing the tenant's rules and limits, and the dry run (SPEC A2, A3, A5, A6)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from services.assignment.application.ports import Tx, Uow
from services.assignment.domain.model import Decision, Lead
from services.assignment.domain.rules import MAX_RULES, Rule, select_rule, validate_rule
from services.assignment.domain.settings import AssignmentSettings, validate_settings
from services.assignment.domain.strategies import decide
from services.assignment.domain.validation import KNOWN_CHANNELS, validate_lead
from services.common.errors import AlreadyExists, FailedPrecondition, InvalidArgument, NotFound
from services.common.text import bounded


def upsert_rule(uow: Uow, rule: Rule, expected_version: int, actor: str, now: datetime) -> Rule:
    """Save a new version. `expected_version` 0 creates; otherwise it must match the stored
    version, so two supervisors editing at once cannot overwrite each other unseen."""
    validate_rule(rule, KNOWN_CHANNELS)
    if expected_version < 0:
        raise InvalidArgument.of_field("expected_version", "版本号不能为负数")

    def work(tx: Tx) -> Rule:
        current = tx.repo.get_rule(rule.tenant_id, rule.rule_id)
        if expected_version == 0 and current is not None:
            raise AlreadyExists(f"规则 {rule.rule_id} 已存在(当前版本 {current.version})")
        if expected_version and current is None:
            raise NotFound(f"规则 {rule.rule_id} 不存在")
        if current is not None and current.version != expected_version:
            raise FailedPrecondition(
                f"规则 {rule.rule_id} 已被修改(当前版本 {current.version},您编辑的是版本 {expected_version}),请刷新后重试"
            )
        if current is None and len(tx.repo.rules(rule.tenant_id)) >= MAX_RULES:
            raise FailedPrecondition(f"每个租户最多 {MAX_RULES} 条规则")
        saved = replace(rule, version=expected_version + 1, updated_at=now, updated_by=actor)
        tx.repo.save_rule(saved)
        return saved

    return uow.run(work)


def delete_rule(
    uow: Uow,
    tenant_id: str,
    rule_id: str,
    expected_version: int,
    actor: str,
    now: datetime,
) -> Rule:
    if not rule_id.strip():
        raise InvalidArgument.of_field("rule_id", "必须填写规则编号")

    def work(tx: Tx) -> Rule:
        current = tx.repo.get_rule(tenant_id, rule_id)
        if current is None:
            raise NotFound(f"规则 {bounded(rule_id)} 不存在")
        if current.version != expected_version:
            raise FailedPrecondition(
                f"规则 {rule_id} 已被修改(当前版本 {current.version}),请刷新后重试"
            )
        tx.repo.delete_rule(current, actor, now)
        return current

    return uow.run(work)


def list_rules(uow: Uow, tenant_id: str) -> list[Rule]:
    return sorted(
        uow.run(lambda tx: tx.repo.rules(tenant_id)), key=lambda r: (r.priority, r.rule_id)
    )


def dry_run(uow: Uow, lead: Lead, now: datetime) -> Decision:
    """Who would get this lead, and why; nothing is claimed or written."""
    validate_lead(lead)

    def work(tx: Tx) -> Decision:
        rule = select_rule(tx.repo.rules(lead.tenant_id), lead)
        return decide(rule, lead, tx.repo.reps(lead.tenant_id), now)

    return uow.run(work)


def get_settings(uow: Uow, tenant_id: str) -> AssignmentSettings:
    return uow.run(lambda tx: tx.repo.settings(tenant_id))


def update_settings(uow: Uow, settings: AssignmentSettings) -> AssignmentSettings:
    validate_settings(settings)
    uow.run(lambda tx: tx.repo.save_settings(settings))
    return settings
