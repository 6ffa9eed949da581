"""Who is calling, and what their role and org scope let them do (SPEC G1)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from services.common.errors import PermissionDenied


class Role(StrEnum):
    REP = "rep"
    SUPERVISOR = "supervisor"
    DIRECTOR = "director"
    FINANCE = "finance"
    ADMIN = "admin"


@dataclass(frozen=True)
class Principal:
    tenant_id: str
    person_id: str
    roles: frozenset[Role]

    def has(self, *roles: Role) -> bool:
        return bool(self.roles & set(roles))

    def require(self, *roles: Role) -> None:
        if not self.has(*roles):
            names = "、".join(ROLE_ZH[r] for r in roles)
            raise PermissionDenied(f"此操作需要以下角色之一:{names}")

    @property
    def sees_whole_tenant(self) -> bool:
        # Directors see their region; until regions scope data, that is the whole tenant.
        return self.has(Role.ADMIN, Role.DIRECTOR)


ROLE_ZH = {
    Role.REP: "业务员",
    Role.SUPERVISOR: "主管",
    Role.DIRECTOR: "总监",
    Role.FINANCE: "财务",
    Role.ADMIN: "管理员",
}


def require_self_or_scope(principal: Principal, rep_id: str, rep_supervisor_id: str) -> None:
    """A rep sees their own data, a supervisor their team's, a director/admin everyone's."""
    if principal.sees_whole_tenant or principal.person_id == rep_id:
        return
    if principal.has(Role.SUPERVISOR) and rep_supervisor_id == principal.person_id:
        return
    raise PermissionDenied("无权查看其他业务员的数据")


def require_acting_as(principal: Principal, rep_id: str) -> None:
    """Reps record only their own visits and photos; admins may act for anyone."""
    if principal.has(Role.ADMIN) or principal.person_id == rep_id:
        return
    raise PermissionDenied("只能以本人身份提交拜访和照片")
