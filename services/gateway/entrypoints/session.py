"""Console sessions: what `POST /api/session` turns into the token its cookie holds.

Two ways in, one token check. In production the distributor's identity provider issues the
bearer token (ADR 009) and the console hands it over as `{"token": ...}`; it is verified
exactly as every call verifies it (tokens.verify) before the cookie is set, and every call
verifies it again. On the embedded default a development login `{"tenantId", "personId"}`
mints a token for a person of the directory, with the roles the directory gives them; it is
refused unless development logins are on (SALES_CONSOLE_DEV_LOGIN; on by default only while
the gateway signs with the development secret, so a production secret turns it off).
"""

from __future__ import annotations

import os

from google.protobuf import json_format

from services.common.config import DEV_AUTH_SECRET
from services.common.errors import InvalidArgument, NotFound, PermissionDenied
from services.common.proto_codes import ROLE_FROM_PB
from services.common.text import bounded
from services.gateway.adapters import tokens
from services.gateway.adapters.org_store import OrgStore
from services.gateway.domain.claims import PERSON_ID, TENANT_ID

SESSION_COOKIE = "sales_session"
SESSION_TTL_S = 12 * 3600  # a working day; the cookie and a development token alike


def dev_login_enabled(secret: str) -> bool:
    default = "1" if secret == DEV_AUTH_SECRET else "0"
    return os.environ.get("SALES_CONSOLE_DEV_LOGIN", default).lower() in ("1", "true", "yes")


class Sessions:
    def __init__(self, secret: str, org: OrgStore, dev_login: bool) -> None:
        self.secret, self.org, self.dev_login = secret, org, dev_login
        self.ttl_s = SESSION_TTL_S

    async def open(self, body: dict) -> tuple[str, dict]:
        """(the token for the cookie, the person it names as JSON)."""
        token = body.get("token")
        if token is not None:
            if not isinstance(token, str):
                raise InvalidArgument.of_field("token", "身份令牌必须是文字")
            principal = tokens.verify(self.secret, token)
            person = await self.org.get(principal.tenant_id, principal.person_id)
            found = {"personId": principal.person_id, "tenantId": principal.tenant_id}
            return token, _as_json(person) if person else found
        return await self._dev_login(body.get("tenantId"), body.get("personId"))

    async def _dev_login(self, tenant_id: object, person_id: object) -> tuple[str, dict]:
        if not self.dev_login:
            raise PermissionDenied("开发登录已关闭,请通过企业身份认证登录")
        if not isinstance(tenant_id, str) or not TENANT_ID.fullmatch(tenant_id):
            raise InvalidArgument.of_field("tenantId", "租户编号无效")
        if not isinstance(person_id, str) or not PERSON_ID.fullmatch(person_id):
            raise InvalidArgument.of_field("personId", "账号无效")
        person = await self.org.get(tenant_id, person_id)
        roles = [ROLE_FROM_PB[r] for r in person.roles if r in ROLE_FROM_PB] if person else []
        if person is None or not roles:
            raise NotFound(f"租户 {bounded(tenant_id)} 中没有账号 {bounded(person_id)}")
        token = tokens.mint(self.secret, tenant_id, person_id, roles, ttl_s=self.ttl_s)
        return token, _as_json(person)


def _as_json(person) -> dict:
    return json_format.MessageToDict(person, always_print_fields_with_no_presence=True)
