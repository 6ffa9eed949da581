"""The gateway's HTTP face (ADR 033), served by the gateway process on its own event loop:

- `POST /api/v1/<Method>`: a Gateway call, JSON in and out (http_calls.py calls the servicer's
  own method, so every check is the gRPC call's);
- `GET /api/openapi.json`: the OpenAPI 3 document generated from the descriptors;
- `POST /api/session`: a session cookie holding a bearer token, either a token the caller
  brings (production: the distributor's identity provider) or, on the embedded default
  only, a development token for a person of the directory; `DELETE` ends it;
- the web console's static pages (console/static) and the store's rating page `/rate`.

The cookie is HttpOnly and SameSite=Strict, and every API call must be `application/json`,
which a cross-site form cannot send without a CORS preflight this face never grants.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from aiohttp import web

from services.common.errors import DomainError
from services.common.grpc_status import to_status
from services.gateway.entrypoints import openapi
from services.gateway.entrypoints.http_calls import invoke
from services.gateway.entrypoints.http_status import HTTP_OF, code_of, error_body
from services.gateway.entrypoints.session import SESSION_COOKIE, Sessions

log = logging.getLogger(__name__)
MAX_BODY = 16 * 1024 * 1024  # as the gRPC server's max receive (sheet imports)
PAGES = ("rep", "supervisor", "director", "finance", "admin")
CONSOLE_DIR = Path(__file__).resolve().parents[3] / "console" / "static"


def make_app(servicer, service, sessions: Sessions, static_dir: Path = CONSOLE_DIR):
    methods = {m.name: m for m in service.methods if not (m.client_streaming or m.server_streaming)}
    served = {name for name in methods if served_by(servicer, name)}
    spec = openapi.document(service, served)
    app = web.Application(client_max_size=MAX_BODY, middlewares=[_security_headers])

    async def call(request: web.Request) -> web.Response:
        method = methods.get(request.match_info["method"])
        if method is None:
            return _refusal(404, "NOT_FOUND", "没有这个接口")
        if method.name not in served:
            return _refusal(501, "UNIMPLEMENTED", f"接口 {method.name} 尚未实现")
        text = await _text(request)
        declared = "Content-Type" in request.headers
        if (declared and request.content_type != "application/json") or (not declared and text):
            return _refusal(415, "INVALID_ARGUMENT", "请求正文必须是 application/json")
        answer = await invoke(servicer, method, text, _metadata(request))
        return _json(answer.body, answer.http_status, answer.headers)

    async def document(request: web.Request) -> web.Response:
        return _json(spec)

    app.router.add_post(openapi.API_PREFIX + "{method}", call)
    app.router.add_get("/api/openapi.json", document)
    app.router.add_post("/api/session", _login(sessions))
    app.router.add_delete("/api/session", _logout)
    _add_pages(app, static_dir)
    return app


def served_by(servicer, name: str) -> bool:
    """A method the servicer implements through `rpc` or `unauthenticated_rpc` (calls.py);
    the generated base class's stand-ins (a call in the contract whose area is still being
    built) answer UNIMPLEMENTED without being called."""
    return getattr(getattr(servicer, name, None), "auth", None) is not None


def _add_pages(app: web.Application, static_dir: Path) -> None:
    def page(name: str):
        async def serve(request: web.Request) -> web.FileResponse:
            return web.FileResponse(static_dir / name, headers={"Cache-Control": "no-cache"})

        return serve

    app.router.add_get("/", page("index.html"))
    app.router.add_get("/rate", page("rate.html"))
    for name in PAGES:
        app.router.add_get(f"/{name}", page("console.html"))
    app.router.add_static("/static/", static_dir, append_version=False)


async def _text(request: web.Request) -> str | None:
    raw = await request.read()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _metadata(request: web.Request) -> tuple[tuple[str, str], ...]:
    """The credentials as gRPC metadata: the Authorization header as sent, else the session
    cookie's token. Nothing is judged here; the servicer's `rpc` authenticates."""
    header = request.headers.get("Authorization")
    if header is not None:
        return (("authorization", header),)
    token = request.cookies.get(SESSION_COOKIE)
    return (("authorization", f"Bearer {token}"),) if token else ()


def _login(sessions: Sessions):
    async def login(request: web.Request) -> web.Response:
        try:
            body = await request.json()
        except ValueError:
            body = None
        if not isinstance(body, dict):
            return _refusal(400, "INVALID_ARGUMENT", "请求正文必须是 JSON 对象")
        try:
            token, person = await sessions.open(body)
        except DomainError as error:  # answered as its gRPC status would be
            return _domain_refusal(error)
        response = _json({"person": person})
        response.set_cookie(
            SESSION_COOKIE, token, httponly=True, samesite="Strict", path="/",
            max_age=sessions.ttl_s, secure=request.secure,
        )  # fmt: skip
        return response

    return login


async def _logout(request: web.Request) -> web.Response:
    response = _json({})
    response.del_cookie(SESSION_COOKIE, path="/")
    return response


def _domain_refusal(error: DomainError) -> web.Response:
    status = to_status(error)
    code = code_of(status.code)
    trailers = (("grpc-status-details-bin", status.SerializeToString()),)
    return _json(error_body(code, status.message, trailers), HTTP_OF[code])


def _refusal(http: int, status: str, message: str) -> web.Response:
    code = next(c for c in HTTP_OF if c.name == status)
    return _json(error_body(code, message, ()), http)


def _json(body: dict, status: int = 200, headers: dict[str, str] | None = None) -> web.Response:
    """UTF-8 JSON, Chinese as itself (a third of the bytes of \\u escapes)."""
    return web.json_response(body, status=status, headers=headers, dumps=_dumps)


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


@web.middleware
async def _security_headers(request: web.Request, handler):
    response = await handler(request)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "no-referrer")
    response.headers.setdefault("X-Frame-Options", "DENY")
    return response
