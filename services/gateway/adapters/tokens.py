"""Bearer tokens: HS256 JWTs carrying tenant, person and roles.

PyJWT checks the signature, the issuer and expiry; every claim is then checked by
`domain.claims` before the token names anyone. Development tokens are minted with
`python -m services.gateway.dev_token`; production puts its identity provider's secret (or a
JWKS-backed verifier) behind the same interface.
"""

from __future__ import annotations

import time

import jwt

from services.common.errors import Unauthenticated
from services.gateway.domain.claims import principal_from_claims
from services.gateway.domain.principal import Principal

ISSUER = "sales-gateway"
MAX_TOKEN_CHARS = 8192  # a bearer token longer than this is not one of ours


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
    if len(token) > MAX_TOKEN_CHARS:
        raise Unauthenticated("身份令牌无效")
    try:
        claims = jwt.decode(
            token,
            secret,
            algorithms=["HS256"],
            issuer=ISSUER,
            # iat and nbf (with clock skew) are domain.claims' to judge; exp has no leeway.
            options={
                "require": ["exp", "iat", "sub", "iss"],
                "verify_iat": False,
                "verify_nbf": False,
            },
        )
    except jwt.ExpiredSignatureError:
        raise Unauthenticated("登录已过期,请重新登录") from None
    except (jwt.InvalidTokenError, ValueError, TypeError):
        raise Unauthenticated("身份令牌无效") from None
    if not isinstance(claims, dict):
        raise Unauthenticated("身份令牌无效")
    return principal_from_claims(claims, time.time())


def from_metadata(secret: str, metadata: tuple[tuple[str, str | bytes], ...] | None) -> Principal:
    for key, value in metadata or ():
        if key == "authorization":
            text = value.decode(errors="replace") if isinstance(value, bytes) else value
            scheme, _, token = text.partition(" ")
            if scheme.lower() == "bearer" and token:
                return verify(secret, token.strip())
    raise Unauthenticated("缺少 authorization: Bearer <token>")
