"""Rating tokens: HS256 JWTs (PyJWT) signed with the visits service's own secret
(SALES_RATING_SECRET), carrying the tenant, the visit, the expiry and a nonce. Expiry is
judged by the service's clock (domain/ratings.py), not by PyJWT's, so tests control it and
an expired code is told apart from a forged one."""

from __future__ import annotations

import os
from datetime import UTC, datetime

import jwt

from services.visits.domain.ratings import MAX_TOKEN_CHARS, RatingClaims, forged

AUDIENCE = "sales-visit-rating"
DEFAULT_SECRET = "dev-only-rating-secret-change-me-in-prod!"
DEFAULT_URL = "http://127.0.0.1:8080/rate"


class JwtRatingTokens:
    def __init__(self, secret: str, url_base: str) -> None:
        self._secret = secret
        self._url_base = url_base.rstrip("/")

    @classmethod
    def from_env(cls) -> JwtRatingTokens:
        return cls(
            os.environ.get("SALES_RATING_SECRET", DEFAULT_SECRET),
            os.environ.get("SALES_RATING_URL", DEFAULT_URL),
        )

    def sign(self, claims: RatingClaims) -> str:
        body = {
            "aud": AUDIENCE,
            "tid": claims.tenant_id,
            "vid": claims.visit_id,
            "jti": claims.nonce,
            "exp": int(claims.expires_at.timestamp()),
        }
        return jwt.encode(body, self._secret, algorithm="HS256")

    def read(self, token: str) -> RatingClaims:
        if not token or len(token) > MAX_TOKEN_CHARS:
            raise forged()
        try:
            body = jwt.decode(
                token,
                self._secret,
                algorithms=["HS256"],
                audience=AUDIENCE,
                options={"verify_exp": False, "require": ["exp", "jti", "aud"]},
            )
        except jwt.InvalidTokenError:
            raise forged() from None
        fields = (body.get("tid"), body.get("vid"), body.get("jti"))
        if not all(isinstance(f, str) and f for f in fields) or not isinstance(body["exp"], int):
            raise forged()
        expires_at = datetime.fromtimestamp(body["exp"], UTC)
        return RatingClaims(body["tid"], body["vid"], body["jti"], expires_at)

    def url(self, token: str) -> str:
        return f"{self._url_base}?t={token}"
