"""What a bearer token must say before the gateway believes any of it (SPEC G1).

A signature proves who issued a token, not that what it carries is sane: a correctly signed
token with an empty subject once read every lead of its tenant, and one whose tenant was a
number failed with INTERNAL. Every claim is checked here, before anything else runs.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any

from services.common.errors import Unauthenticated
from services.gateway.domain.principal import Principal, Role

# The shapes of the ids the directory holds (person ids also in person_validation).
PERSON_ID = re.compile(r"[A-Za-z0-9_.-]{1,64}")
TENANT_ID = re.compile(r"[A-Za-z0-9_.-]{1,64}")
CLOCK_SKEW_S = 60  # a token minted on a clock this far ahead is still accepted
MAX_LIFETIME_S = 31 * 86400  # exp - iat; longer-lived tokens are refused


def principal_from_claims(claims: Mapping[str, Any], now: float) -> Principal:
    """The caller a verified token names, or Unauthenticated saying which claim is wrong."""
    person_id = _id_claim(claims, "sub", PERSON_ID, "身份令牌的用户编号(sub)无效")
    tenant_id = _id_claim(claims, "tenant", TENANT_ID, "身份令牌缺少租户或租户编号无效")
    roles = _roles(claims.get("roles"))
    _times(claims, now)
    return Principal(tenant_id=tenant_id, person_id=person_id, roles=roles)


def _id_claim(claims: Mapping[str, Any], name: str, shape: re.Pattern[str], why: str) -> str:
    value = claims.get(name)
    if not isinstance(value, str) or not shape.fullmatch(value):
        raise Unauthenticated(why)
    return value


def _roles(value: object) -> frozenset[Role]:
    known = {role.value for role in Role}
    if (
        not isinstance(value, list)
        or not value
        or len(value) > len(known)
        or not all(isinstance(r, str) and r in known for r in value)
    ):
        raise Unauthenticated("身份令牌的角色(roles)必须是已知角色的非空列表")
    return frozenset(Role(r) for r in value)


def _times(claims: Mapping[str, Any], now: float) -> None:
    iat, exp, nbf = claims.get("iat"), claims.get("exp"), claims.get("nbf", None)
    if not all(_is_time(t) for t in (iat, exp)) or (nbf is not None and not _is_time(nbf)):
        raise Unauthenticated("身份令牌的时间(iat/exp/nbf)无效")
    if iat > now + CLOCK_SKEW_S or exp <= iat or exp - iat > MAX_LIFETIME_S:
        raise Unauthenticated("身份令牌的签发时间或有效期不合理")
    if nbf is not None and (nbf > now + CLOCK_SKEW_S or nbf >= exp):
        raise Unauthenticated("身份令牌尚未生效")


def _is_time(value: object) -> bool:
    number = isinstance(value, int | float) and not isinstance(value, bool)
    return number and math.isfinite(value) and value >= 0
