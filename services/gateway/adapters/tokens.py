"""Bearer tokens: HS256 JWTs carrying tenant, person and roles.

Development tokens are minted with `python -m services.gateway.dev_token`; production puts
its identity provider's secret (or a JWKS-backed verifier) behind the same interface.
"""

from __future__ import annotations

import time

import jwt

from services.common.errors import Unauthenticated
from services.gateway.domain.principal import Principal, Role

ISSUER = "sales-gateway"


def mint(secret: str, tenant_id: str, person_id: str, roles: list[str], ttl_s: int = 86400) -> str:
    now = int(time.time())
    claims = {
        "iss": ISSUER,
        "sub": person_id,
        "tenant": tenant_id,
        "roles": roles,
        "iat": now,
        "exp": now + ttl_s,
    }
    return jwt.encode(claims, secret, algorithm="HS256")


def verify(secret: str, token: str) -> Principal:
    try:
        claims = jwt.decode(
            token, secret, algorithms=["HS256"], issuer=ISSUER, options={"require": ["exp", "sub"]}
        )
        roles = frozenset(Role(r) for r in claims.get("roles", []))
    except jwt.ExpiredSignatureError:
        raise Unauthenticated("登录已过期,请重新登录") from None
    except (jwt.InvalidTokenError, ValueError):
        raise Unauthenticated("身份令牌无效") from None
    if not claims.get("tenant"):
        raise Unauthenticated("身份令牌缺少租户")
    return Principal(tenant_id=claims["tenant"], person_id=claims["sub"], roles=roles)


def from_metadata(secret: str, metadata: tuple[tuple[str, str | bytes], ...] | None) -> Principal:
    for key, value in metadata or ():
        if key == "authorization":
            text = value.decode() if isinstance(value, bytes) else value
            scheme, _, token = text.partition(" ")
            if scheme.lower() == "bearer" and token:
                return verify(secret, token.strip())
    raise Unauthenticated("缺少 authorization: Bearer <token>")
