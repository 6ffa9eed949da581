"""What the use cases need from storage: every repository method they call, typed.
adapters/repository.py implements it on MongoDB, tests/fakes/assignment.py in memory, and
tests/integration/test_assignment_repository_contract.py holds the two to the same cases.

Methods marked "outside a transaction" are single-document conditional updates, atomic on
their own: intake claims a rep before its transaction starts (see leads.create_lead)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Protocol

from services.assignment.domain.model import Lead, LeadStatus, Rep
from services.assignment.domain.rules import Rule
from services.assignment.domain.settings import AssignmentSettings
from services.common.unit_of_work import Transaction, UnitOfWork


class AssignmentRepository(Protocol):
    # -- intake: ids, aliases and the open keys that merge the same customer (A1) -------------
    def lead_by_external_id(self, tenant_id: str, external_id: str) -> Lead | None: ...
    def known_external_ids(self, tenant_id: str, external_ids: list[str]) -> set[str]:
        """Which of `external_ids` already name a lead of the tenant."""
        ...

    def open_keys(self, tenant_id: str, field: str, values: list[str]) -> set[str]:
        """Which of `values` of `field` ("phone" or "store_id") an open lead already has."""
        ...

    def open_duplicate(self, tenant_id: str, phone: str, store_id: str) -> Lead | None:
        """An open lead with the same phone, else with the same store (empty keys never match)."""
        ...

    def add_alias(self, tenant_id: str, external_id: str, lead_id: str) -> None:
        """Raises AlreadyExists when the external id is taken."""
        ...

    def add_open_keys(self, lead: Lead) -> None:
        """Raises AlreadyExists when another open lead holds the lead's phone or store."""
        ...

    def add_lead(self, lead: Lead) -> None:
        """Raises FailedPrecondition when the id was buried by reconcile_holds."""
        ...

    def add_leads(self, leads: list[Lead]) -> None:
        """Many new leads with their aliases and open keys; AlreadyExists if any key is taken."""
        ...

    def bury_lead_id(self, lead_id: str, now: datetime) -> bool:
        """Take `lead_id` for good; False when a lead already has it."""
        ...

    # -- leads ----------------------------------------------------------------------------
    def get_lead(self, tenant_id: str, lead_id: str) -> Lead | None: ...
    def get_leads(self, tenant_id: str, lead_ids: list[str]) -> dict[str, Lead]:
        """The tenant's leads among `lead_ids`, by id (unknown ids are left out)."""
        ...

    def get_lead_any_tenant(self, lead_id: str) -> Lead | None: ...
    def save_lead(self, lead: Lead) -> None: ...
    def waiting_leads(self, tenant_id: str, limit: int) -> list[Lead]:
        """The tenant's waiting leads, oldest first."""
        ...

    def list_leads(
        self, tenant_id: str, rep_id: str, status: LeadStatus | None, after: str, limit: int
    ) -> list[Lead]:
        """Newest first (by id), ids below `after` when it is given."""
        ...

    def open_leads_idle_since(self, tenant_id: str, before: datetime, rep_id: str) -> list[Lead]:
        """Leads reps hold whose last follow-up is at or before `before` (of `rep_id` if given)."""
        ...

    def count_waiting(self) -> int: ...

    # -- due work (timers) --------------------------------------------------------------------
    def due_sla(self, now: datetime, limit: int) -> list[str]: ...
    def due_waiting(self, before: datetime, limit: int) -> list[tuple[str, str, datetime]]:
        """(lead id, tenant, waiting since) of unalerted leads waiting since `before`, oldest
        first."""
        ...

    def due_stale(self, before: datetime, limit: int) -> list[str]: ...
    def oldest_waiting(self, limit: int) -> list[str]: ...
    def claim_due(self, lead_id: str, expected: dict[str, Any], now: datetime) -> bool:
        """Mark the lead claimed only if its stored fields still equal `expected`: of two
        replicas acting on one due lead, exactly one gets True."""
        ...

    # -- rules and settings ---------------------------------------------------------------------
    def rules(self, tenant_id: str) -> list[Rule]: ...
    def get_rule(self, tenant_id: str, rule_id: str) -> Rule | None: ...
    def save_rule(self, rule: Rule) -> None: ...
    def delete_rule(self, rule: Rule, actor: str, now: datetime) -> None: ...
    def settings(self, tenant_id: str) -> AssignmentSettings: ...
    def save_settings(self, settings: AssignmentSettings) -> None: ...

    # -- reps -------------------------------------------------------------------------------
    def reps(self, tenant_id: str) -> list[Rep]:
        """The tenant's active reps."""
        ...

    def all_reps(self, tenant_id: str) -> list[Rep]: ...
    def get_rep(self, tenant_id: str, rep_id: str) -> Rep | None: ...
    def upsert_rep_profile(self, rep: Rep) -> None:
        """The profile from org; the counts (open leads, visits) stay as they are."""
        ...

    def claim_rep(
        self,
        rep: Rep,
        *,
        require_idle: bool,
        day: str,
        quota: int | None,
        now: datetime,
        hold_for: str = "",
    ) -> bool:
        """Atomically give `rep` one more open lead and pending visit, only if the rep is still
        idle and under capacity. False when another assignment got there first. `hold_for`
        records the claim on the rep until the lead is confirmed stored."""
        ...

    def confirm_hold(self, tenant_id: str, rep_id: str, lead_id: str) -> None: ...
    def release_hold(self, tenant_id: str, rep_id: str, lead_id: str) -> None:
        """Give back a claim whose lead was never stored (only while the hold is there)."""
        ...

    def stale_holds(self, before: datetime) -> list[tuple[str, str, str]]:
        """(tenant, rep, lead) of holds older than `before`."""
        ...

    def release_rep(self, tenant_id: str, rep_id: str, holds_visit_task: bool) -> None: ...
    def deactivate_rep(self, tenant_id: str, rep_id: str) -> None: ...
    def count_breach(self, tenant_id: str, rep_id: str) -> None: ...
    def count_reclaim(self, tenant_id: str, rep_id: str) -> None: ...
    def complete_visit_task(self, tenant_id: str, rep_id: str, visited_at: datetime) -> None: ...
    def note_visit(self, tenant_id: str, rep_id: str, visited_at: datetime) -> None: ...


Uow = UnitOfWork[AssignmentRepository]
Tx = Transaction[AssignmentRepository]
