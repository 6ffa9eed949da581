"""assignment's repository port in memory, with the unit of work from tests/fakes/kernel.py.
tests/integration/test_assignment_repository_contract.py holds it to the same cases as the
MongoDB repository (adapters/repository.py), so the fast use-case tests test what production
does: unique ids and keys, conditional claims of reps and of due leads, holds, the orders of
the queries."""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Any

from services.assignment.domain.model import (
    HELD_STATUSES,
    OPEN_STATUSES,
    CustomerType,
    Lead,
    LeadStatus,
    Rep,
    RepStatus,
    Urgency,
)
from services.assignment.domain.rules import Rule
from services.assignment.domain.settings import AssignmentSettings
from services.common.clock import FixedClock
from services.common.errors import AlreadyExists, FailedPrecondition
from tests.fakes.kernel import FakeState, FakeUnitOfWork

NOW = datetime(2026, 11, 27, 1, 0, tzinfo=UTC)  # 09:00 in Shanghai
TENANT = "t1"


@dataclasses.dataclass
class _Hold:
    lead_id: str
    at: datetime


class FakeAssignmentRepository(FakeState):
    def __init__(self) -> None:
        self.leads: dict[str, Lead] = {}
        self.buried: dict[str, datetime] = {}
        self.claimed_at: dict[str, datetime] = {}
        self.aliases: dict[tuple[str, str], str] = {}
        self.keys: dict[str, str] = {}  # open keys, as the MongoDB collection: never removed
        self.rules_by_id: dict[tuple[str, str], Rule] = {}
        self.rule_versions: list[tuple[Rule, str, datetime | None]] = []
        self.settings_by_tenant: dict[str, AssignmentSettings] = {}
        self.reps_by_id: dict[tuple[str, str], Rep] = {}
        self.holds: dict[tuple[str, str], list[_Hold]] = {}

    # -- intake ----------------------------------------------------------------------------

    def lead_by_external_id(self, tenant_id: str, external_id: str) -> Lead | None:
        lead_id = self.aliases.get((tenant_id, external_id))
        return self.get_lead(tenant_id, lead_id) if lead_id else None

    def known_external_ids(self, tenant_id: str, external_ids: list[str]) -> set[str]:
        return {x for x in external_ids if (tenant_id, x) in self.aliases}

    def open_keys(self, tenant_id: str, field: str, values: list[str]) -> set[str]:
        wanted = set(values)
        return {getattr(x, field) for x in self._open(tenant_id) if getattr(x, field) in wanted}

    def open_duplicate(self, tenant_id: str, phone: str, store_id: str) -> Lead | None:
        for field, value in (("phone", phone), ("store_id", store_id)):
            if not value:
                continue
            for lead in self._open(tenant_id):
                if getattr(lead, field) == value:
                    return copy.deepcopy(lead)
        return None

    def add_alias(self, tenant_id: str, external_id: str, lead_id: str) -> None:
        if (tenant_id, external_id) in self.aliases:
            raise AlreadyExists(f"来源编号 {external_id} 的线索已存在")
        self.aliases[(tenant_id, external_id)] = lead_id

    def add_open_keys(self, lead: Lead) -> None:
        keys = _open_keys_of(lead)
        if any(k in self.keys for k in keys):
            raise AlreadyExists("同一客户的线索刚刚已建立")
        self.keys.update(dict.fromkeys(keys, lead.lead_id))

    def add_lead(self, lead: Lead) -> None:
        if lead.lead_id in self.leads or lead.lead_id in self.buried:
            raise FailedPrecondition("线索写入超时,分配已撤回,请重新提交")
        self.leads[lead.lead_id] = copy.deepcopy(lead)

    def add_leads(self, leads: list[Lead]) -> None:
        aliases = [(x.tenant_id, x.external_id) for x in leads]
        keys = [k for x in leads for k in _open_keys_of(x)]
        ids = [x.lead_id for x in leads]
        taken = (
            _repeats(aliases)
            or _repeats(keys)
            or _repeats(ids)
            or any(a in self.aliases for a in aliases)
            or any(k in self.keys for k in keys)
            or any(i in self.leads or i in self.buried for i in ids)
        )
        if taken:
            raise AlreadyExists("部分线索已存在或已被撤回")
        for lead in leads:
            self.aliases[(lead.tenant_id, lead.external_id)] = lead.lead_id
            self.keys.update(dict.fromkeys(_open_keys_of(lead), lead.lead_id))
            self.leads[lead.lead_id] = copy.deepcopy(lead)

    def bury_lead_id(self, lead_id: str, now: datetime) -> bool:
        if lead_id in self.leads or lead_id in self.buried:
            return False
        self.buried[lead_id] = now
        return True

    # -- leads -----------------------------------------------------------------------------

    def get_lead(self, tenant_id: str, lead_id: str) -> Lead | None:
        lead = self.leads.get(lead_id)
        return copy.deepcopy(lead) if lead is not None and lead.tenant_id == tenant_id else None

    def get_leads(self, tenant_id: str, lead_ids: list[str]) -> dict[str, Lead]:
        found = (self.get_lead(tenant_id, lead_id) for lead_id in dict.fromkeys(lead_ids))
        return {lead.lead_id: lead for lead in found if lead is not None}

    def get_lead_any_tenant(self, lead_id: str) -> Lead | None:
        lead = self.leads.get(lead_id)
        return copy.deepcopy(lead) if lead is not None else None

    def save_lead(self, lead: Lead) -> None:
        if lead.lead_id in self.leads:
            self.leads[lead.lead_id] = copy.deepcopy(lead)

    def waiting_leads(self, tenant_id: str, limit: int) -> list[Lead]:
        found = [
            x for x in self.leads.values()
            if x.tenant_id == tenant_id and x.status == LeadStatus.WAITING
        ]  # fmt: skip
        found.sort(key=lambda x: x.created_at)
        return [copy.deepcopy(x) for x in found[:limit]]

    def list_leads(
        self, tenant_id: str, rep_id: str, status: LeadStatus | None, after: str, limit: int
    ) -> list[Lead]:
        found = [
            x for x in self.leads.values()
            if x.tenant_id == tenant_id and rep_id in ("", x.assigned_rep_id)
            and (status is None or x.status == status) and (not after or x.lead_id < after)
        ]  # fmt: skip
        found.sort(key=lambda x: x.lead_id, reverse=True)
        return [copy.deepcopy(x) for x in found[:limit]]

    def open_leads_idle_since(self, tenant_id: str, before: datetime, rep_id: str) -> list[Lead]:
        return [
            copy.deepcopy(x) for x in self.leads.values()
            if x.tenant_id == tenant_id and x.status in HELD_STATUSES
            and _at_or_before(x.last_follow_up_at, before) and rep_id in ("", x.assigned_rep_id)
        ]  # fmt: skip

    def count_waiting(self) -> int:
        return sum(1 for x in self.leads.values() if x.status == LeadStatus.WAITING)

    # -- due work --------------------------------------------------------------------------

    def _due(self, wanted: Callable[[Lead], bool], key: str, limit: int) -> list[str]:
        found = [x for x in self.leads.values() if wanted(x)]
        # MongoDB sorts a missing date (null) before every date.
        found.sort(key=lambda x: (getattr(x, key) is not None, getattr(x, key) or NOW))
        return [x.lead_id for x in found[:limit]]

    def due_sla(self, now: datetime, limit: int) -> list[str]:
        def due(x: Lead) -> bool:
            return x.status == LeadStatus.ASSIGNED and _at_or_before(x.sla_due_at, now)

        return self._due(due, "sla_due_at", limit)

    def due_waiting(self, before: datetime, limit: int) -> list[tuple[str, str, datetime]]:
        def due(x: Lead) -> bool:
            return (
                x.status == LeadStatus.WAITING
                and _at_or_before(x.waiting_since, before)
                and x.waiting_alerted_at is None
            )

        ids = self._due(due, "waiting_since", limit)
        return [(i, self.leads[i].tenant_id, self.leads[i].waiting_since) for i in ids]

    def due_stale(self, before: datetime, limit: int) -> list[str]:
        def due(x: Lead) -> bool:
            return x.status in HELD_STATUSES and _at_or_before(x.last_follow_up_at, before)

        return self._due(due, "last_follow_up_at", limit)

    def oldest_waiting(self, limit: int) -> list[str]:
        return self._due(lambda x: x.status == LeadStatus.WAITING, "waiting_since", limit)

    def claim_due(self, lead_id: str, expected: dict[str, Any], now: datetime) -> bool:
        lead = self.leads.get(lead_id)
        if lead is None:
            return False
        for field, value in expected.items():
            stored = getattr(lead, field)
            if (stored.value if isinstance(stored, LeadStatus) else stored) != value:
                return False
        if self.claimed_at.get(lead_id) == now:
            return False  # MongoDB modifies nothing when the value is already there
        self.claimed_at[lead_id] = now
        return True

    # -- rules and settings --------------------------------------------------------------------

    def rules(self, tenant_id: str) -> list[Rule]:
        return [r for (t, _), r in self.rules_by_id.items() if t == tenant_id]

    def get_rule(self, tenant_id: str, rule_id: str) -> Rule | None:
        return self.rules_by_id.get((tenant_id, rule_id))

    def save_rule(self, rule: Rule) -> None:
        self.rules_by_id[(rule.tenant_id, rule.rule_id)] = rule
        self.rule_versions.append((rule, "", None))

    def delete_rule(self, rule: Rule, actor: str, now: datetime) -> None:
        self.rules_by_id.pop((rule.tenant_id, rule.rule_id), None)
        self.rule_versions.append((rule, actor, now))

    def settings(self, tenant_id: str) -> AssignmentSettings:
        return self.settings_by_tenant.get(tenant_id) or AssignmentSettings(tenant_id)

    def save_settings(self, settings: AssignmentSettings) -> None:
        self.settings_by_tenant[settings.tenant_id] = settings

    # -- reps ------------------------------------------------------------------------------

    def reps(self, tenant_id: str) -> list[Rep]:
        return [
            copy.deepcopy(r) for (t, _), r in self.reps_by_id.items()
            if t == tenant_id and r.status == RepStatus.ACTIVE
        ]  # fmt: skip

    def all_reps(self, tenant_id: str) -> list[Rep]:
        return [copy.deepcopy(r) for (t, _), r in self.reps_by_id.items() if t == tenant_id]

    def get_rep(self, tenant_id: str, rep_id: str) -> Rep | None:
        rep = self.reps_by_id.get((tenant_id, rep_id))
        return copy.deepcopy(rep) if rep is not None else None

    def upsert_rep_profile(self, rep: Rep) -> None:
        stored = self.reps_by_id.get((rep.tenant_id, rep.rep_id))
        profile = {f: getattr(rep, f) for f in _PROFILE}
        if stored is None:
            self.reps_by_id[(rep.tenant_id, rep.rep_id)] = Rep(**profile)
        else:
            for field, value in profile.items():
                setattr(stored, field, value)

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
        stored = self.reps_by_id.get((rep.tenant_id, rep.rep_id))
        free = (
            stored is not None
            and stored.status == RepStatus.ACTIVE
            and stored.capacity == rep.capacity
            and stored.open_leads < rep.capacity
            and (not require_idle or stored.pending_visits == 0)
            and (quota is None or stored.assigned_on(day) < quota)
        )
        if not free:
            return False
        assert stored is not None
        stored.took_lead(day, now)
        if hold_for:
            self.holds.setdefault((rep.tenant_id, rep.rep_id), []).append(_Hold(hold_for, now))
        return True

    def _pull_hold(self, tenant_id: str, rep_id: str, lead_id: str) -> bool:
        holds = self.holds.get((tenant_id, rep_id), [])
        kept = [h for h in holds if h.lead_id != lead_id]
        self.holds[(tenant_id, rep_id)] = kept
        return len(kept) != len(holds)

    def confirm_hold(self, tenant_id: str, rep_id: str, lead_id: str) -> None:
        self._pull_hold(tenant_id, rep_id, lead_id)

    def release_hold(self, tenant_id: str, rep_id: str, lead_id: str) -> None:
        stored = self.reps_by_id.get((tenant_id, rep_id))
        if stored is not None and self._pull_hold(tenant_id, rep_id, lead_id):
            stored.open_leads -= 1
            stored.pending_visits -= 1

    def stale_holds(self, before: datetime) -> list[tuple[str, str, str]]:
        return [
            (tenant_id, rep_id, h.lead_id)
            for (tenant_id, rep_id), holds in self.holds.items()
            for h in holds
            if h.at < before
        ]

    def release_rep(self, tenant_id: str, rep_id: str, holds_visit_task: bool) -> None:
        stored = self.reps_by_id.get((tenant_id, rep_id))
        if stored is None:
            return
        stored.open_leads -= 1 if stored.open_leads > 0 else 0
        if holds_visit_task and stored.pending_visits > 0:
            stored.pending_visits -= 1

    def deactivate_rep(self, tenant_id: str, rep_id: str) -> None:
        self._change(tenant_id, rep_id, lambda r: setattr(r, "status", RepStatus.INACTIVE))

    def count_breach(self, tenant_id: str, rep_id: str) -> None:
        self._change(
            tenant_id, rep_id, lambda r: setattr(r, "breaches_total", r.breaches_total + 1)
        )

    def count_reclaim(self, tenant_id: str, rep_id: str) -> None:
        self._change(
            tenant_id, rep_id, lambda r: setattr(r, "reclaimed_total", r.reclaimed_total + 1)
        )

    def complete_visit_task(self, tenant_id: str, rep_id: str, visited_at: datetime) -> None:
        stored = self.reps_by_id.get((tenant_id, rep_id))
        if stored is not None and stored.pending_visits > 0:
            stored.pending_visits -= 1
        self.note_visit(tenant_id, rep_id, visited_at)

    def note_visit(self, tenant_id: str, rep_id: str, visited_at: datetime) -> None:
        def later(r: Rep) -> None:
            last = r.last_effective_visit_at
            r.last_effective_visit_at = visited_at if last is None else max(last, visited_at)

        self._change(tenant_id, rep_id, later)

    def _change(self, tenant_id: str, rep_id: str, change: Callable[[Rep], None]) -> None:
        stored = self.reps_by_id.get((tenant_id, rep_id))
        if stored is not None:
            change(stored)

    # -- helpers ---------------------------------------------------------------------------

    def _open(self, tenant_id: str) -> Iterable[Lead]:
        return (
            x for x in self.leads.values() if x.tenant_id == tenant_id and x.status in OPEN_STATUSES
        )


_PROFILE = ("tenant_id", "rep_id", "name", "supervisor_id", "region_codes", "customer_types")
_PROFILE += ("capacity", "status")


def _open_keys_of(lead: Lead) -> list[str]:
    keys = [("phone", lead.phone), ("store", lead.store_id)]
    return [f"{lead.tenant_id}:{kind}:{value}" for kind, value in keys if value]


def _repeats(items: list) -> bool:
    return len(set(items)) != len(items)


def _at_or_before(value: datetime | None, limit: datetime) -> bool:
    return value is not None and value <= limit


# -- builders ------------------------------------------------------------------------------------


def fake_uow(now: datetime = NOW) -> FakeUnitOfWork[FakeAssignmentRepository]:
    return FakeUnitOfWork(FakeAssignmentRepository(), FixedClock(now), producer="assignment")


def make_lead(n: int = 1, **changes: Any) -> Lead:
    """A valid new lead of TENANT: KA, red, in Hangzhou's Xihu district."""
    lead = Lead(
        lead_id=f"lead-{n:04d}", tenant_id=TENANT, external_id=f"crm-{n}", channel="exhibition",
        customer_type=CustomerType.KA, region_code="330106", urgency=Urgency.RED,
        customer_name=f"世纪联华(文三路{n}号店)", contact_name="陈经理", phone=f"139{n:08d}",
        address="杭州市西湖区文三路", location=None, store_id="", created_at=NOW,
    )  # fmt: skip
    return dataclasses.replace(lead, **changes)


def make_rep(rep_id: str, **changes: Any) -> Rep:
    """An active rep of TENANT who covers Hangzhou and takes KA leads."""
    rep = Rep(
        tenant_id=TENANT, rep_id=rep_id, name=f"业务员{rep_id}", supervisor_id="sup-1",
        region_codes=("330100",), customer_types=(CustomerType.KA,), capacity=5,
        status=RepStatus.ACTIVE,
    )  # fmt: skip
    return dataclasses.replace(rep, **changes)
