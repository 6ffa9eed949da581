"""A local HTTP server that speaks the WeCom (企业微信) and DingTalk (钉钉) server APIs.

Neither service is reachable from the development machines, so notify's tests and the
embedded stack point their base URLs here:

    https://qyapi.weixin.qq.com  ->  http://127.0.0.1:18080/wecom
    https://oapi.dingtalk.com    ->  http://127.0.0.1:18080/dingtalk

It reproduces the parts of the real APIs that client code has to handle: access tokens
that expire, the documented error codes, per-recipient rate limits, the DingTalk robot
signature, and injectable faults (HTTP 500, hangs, 503, rate limiting, token expiry).

A control API under /_standin/ lets tests and demos inspect what was "delivered" and
steer the faults; services never call it.

    python -m devstack.im_standin --host 127.0.0.1 --port 18080
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import hmac
import ipaddress
import json
import os
import secrets
import sys
import threading
import time
from collections import defaultdict, deque
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

CHANNELS = ("wecom_app", "wecom_robot", "dingtalk_work", "dingtalk_robot")

# Dev credentials; the same env vars as services/common/config.py so an override applies to
# both sides without extra wiring.
WECOM_CORP_ID = os.environ.get("SALES_WECOM_CORP_ID", "ww-dev-corp")
WECOM_CORP_SECRET = os.environ.get("SALES_WECOM_CORP_SECRET", "wecom-dev-secret")
DINGTALK_APP_KEY = os.environ.get("SALES_DINGTALK_APP_KEY", "ding-dev-app")
DINGTALK_APP_SECRET = os.environ.get("SALES_DINGTALK_APP_SECRET", "dingtalk-dev-secret")
DEFAULT_ROBOT_TOKEN = "dev-robot"
DEFAULT_ROBOT_SECRET = "SECdev-robot-secret"

# Documented limits: WeCom app messages 30/min per member per agent; WeCom group robot
# 20/min per key; DingTalk custom robot 20/min per robot.
WECOM_MEMBER_PER_MIN = 30
WECOM_ROBOT_PER_MIN = 20
DINGTALK_ROBOT_PER_MIN = 20
WINDOW_S = 60.0
# DingTalk rejects a robot timestamp more than an hour away from its clock.
ROBOT_TS_SKEW_MS = 3600 * 1000

# Error bodies. Codes follow the public docs where they could be confirmed (see README of
# devstack in the report); errmsg strings are informative only, clients must use errcode.
WECOM_OK = {"errcode": 0, "errmsg": "ok"}
E_WECOM_INVALID_CORPID = {"errcode": 40013, "errmsg": "invalid corpid"}
E_WECOM_INVALID_CREDENTIAL = {"errcode": 40001, "errmsg": "invalid credential"}
E_WECOM_CORPID_MISSING = {"errcode": 41002, "errmsg": "corpid missing"}
E_WECOM_SECRET_MISSING = {"errcode": 41004, "errmsg": "corpsecret missing"}
E_INVALID_TOKEN = {"errcode": 40014, "errmsg": "invalid access_token"}
E_TOKEN_EXPIRED = {"errcode": 42001, "errmsg": "access_token expired"}
E_WECOM_BAD_JSON = {"errcode": 47001, "errmsg": "data format error"}
E_WECOM_MSGTYPE = {"errcode": 40008, "errmsg": "invalid message type"}
E_WECOM_EMPTY = {"errcode": 44004, "errmsg": "empty content"}
E_WECOM_NO_USER = {"errcode": 40031, "errmsg": "invalid user list"}
E_WECOM_AGENTID = {"errcode": 40056, "errmsg": "invalid agentid"}
E_WECOM_FREQ = {"errcode": 45009, "errmsg": "api freq out of limit"}
E_WECOM_WEBHOOK = {"errcode": 93000, "errmsg": "invalid webhook url"}
E_DING_BAD_APP = {"errcode": 40089, "errmsg": "不合法的appkey或appsecret"}
E_DING_TOKEN = {"errcode": 40014, "errmsg": "不合法的access_token"}
E_DING_TOKEN_EXPIRED = {"errcode": 42001, "errmsg": "access_token已过期"}
E_DING_MISSING = 40035  # "缺少参数 <name>"
E_DING_MSGTYPE = {"errcode": 40008, "errmsg": "不合法的消息类型"}
E_DING_FREQ = {"errcode": 90018, "errmsg": "当前请求调用过于频繁"}
E_ROBOT_SIGN = {
    "errcode": 310000,
    "errmsg": "sign not match, more: [https://ding-doc.dingtalk.com/doc#/serverapi2/qf2nxq]",
}
E_ROBOT_TIMESTAMP = {
    "errcode": 310000,
    "errmsg": "invalid timestamp, more: [https://ding-doc.dingtalk.com/doc#/serverapi2/qf2nxq]",
}
E_ROBOT_TOKEN = {"errcode": 300001, "errmsg": "token is not exist"}
E_ROBOT_FREQ = {"errcode": 130101, "errmsg": "send too fast, exceed 20 times per minute"}

RATE_LIMIT_ERROR = {
    "wecom_app": E_WECOM_FREQ,
    "wecom_robot": E_WECOM_FREQ,
    "dingtalk_work": E_DING_FREQ,
    "dingtalk_robot": E_ROBOT_FREQ,
}

WECOM_APP_MSGTYPES = {"text", "textcard", "markdown"}
WECOM_ROBOT_MSGTYPES = {"text", "markdown"}
DING_WORK_MSGTYPES = {"text", "markdown", "action_card", "link", "oa"}
DING_ROBOT_MSGTYPES = {"text", "markdown", "link", "actionCard", "feedCard"}


@dataclass
class Token:
    family: str  # "wecom" or "dingtalk": a token is only valid on its own platform
    expires_at: float


@dataclass
class Fault:
    mode: str
    channels: frozenset[str]
    remaining: int | None  # None = unlimited by count
    until: float | None  # None = unlimited by time
    delay_s: float = 30.0

    def active(self, now: float) -> bool:
        if self.until is not None and now >= self.until:
            return False
        return self.remaining is None or self.remaining > 0


@dataclass
class State:
    """Everything the stand-in remembers. One lock guards it all: traffic is tiny."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    token_ttl: int = 7200
    tokens: dict[str, Token] = field(default_factory=dict)
    messages: list[dict[str, Any]] = field(default_factory=list)
    seq: int = 0
    task_id: int = 100000
    # Sliding-window send times per rate-limit key (accepted messages only).
    windows: dict[str, deque[float]] = field(default_factory=lambda: defaultdict(deque))
    max_window: dict[str, int] = field(default_factory=lambda: dict.fromkeys(CHANNELS, 0))
    accepted: dict[str, int] = field(default_factory=lambda: dict.fromkeys(CHANNELS, 0))
    rejected: dict[str, dict[str, int]] = field(default_factory=lambda: {c: {} for c in CHANNELS})
    faults: list[Fault] = field(default_factory=list)
    faults_served: dict[str, int] = field(default_factory=dict)
    robots: dict[str, str] = field(
        default_factory=lambda: {DEFAULT_ROBOT_TOKEN: DEFAULT_ROBOT_SECRET}
    )
    wecom_robot_keys: set[str] = field(default_factory=set)

    # -- helpers; callers hold the lock --------------------------------------------------

    def issue_token(self, family: str) -> str:
        token = secrets.token_urlsafe(24)
        self.tokens[token] = Token(family, time.time() + self.token_ttl)
        return token

    def check_token(self, token: str | None, family: str) -> dict[str, Any] | None:
        """None if usable, else the platform's error body."""
        bad, expired = (
            (E_INVALID_TOKEN, E_TOKEN_EXPIRED)
            if family == "wecom"
            else (E_DING_TOKEN, E_DING_TOKEN_EXPIRED)
        )
        info = self.tokens.get(token or "")
        if info is None or info.family != family:
            return bad
        if time.time() >= info.expires_at:
            return expired
        return None

    def window_full(self, key: str, limit: int, now: float) -> bool:
        win = self.windows[key]
        while win and win[0] <= now - WINDOW_S:
            win.popleft()
        return len(win) >= limit

    def record(
        self,
        channel: str,
        recipients: list[str],
        msgtype: str,
        body: Any,
        msgid: str,
        rate_keys: list[str],
        now: float,
    ) -> None:
        for key in rate_keys:
            win = self.windows[key]
            win.append(now)
            self.max_window[channel] = max(self.max_window[channel], len(win))
        self.seq += 1
        self.accepted[channel] += 1
        self.messages.append(
            {
                "seq": self.seq,
                "channel": channel,
                "recipients": recipients,
                "msgtype": msgtype,
                "body": body,
                "received_at": now,
                "msgid": msgid,
            }
        )

    def reject(self, channel: str, errcode: int) -> None:
        by_code = self.rejected[channel]
        by_code[str(errcode)] = by_code.get(str(errcode), 0) + 1

    def take_fault(self, channel: str) -> Fault | None:
        now = time.time()
        self.faults = [f for f in self.faults if f.active(now)]
        for fault in self.faults:
            if channel in fault.channels:
                if fault.remaining is not None:
                    fault.remaining -= 1
                self.faults_served[fault.mode] = self.faults_served.get(fault.mode, 0) + 1
                return fault
        return None

    def reset(self) -> None:
        fresh = State()
        for name in (
            "token_ttl",
            "tokens",
            "messages",
            "seq",
            "windows",
            "max_window",
            "accepted",
            "rejected",
            "faults",
            "faults_served",
            "robots",
            "wecom_robot_keys",
        ):
            setattr(self, name, getattr(fresh, name))
        # task_id keeps counting so a task id is never reused within one process.


class BadRequest(Exception):
    """A control-API request the stand-in cannot act on (answered HTTP 400)."""


def robot_sign(timestamp_ms: str, secret: str) -> str:
    """DingTalk's robot signature before URL-encoding: base64(HMAC-SHA256(secret, ts\\nsecret))."""
    digest = hmac.new(
        secret.encode(), f"{timestamp_ms}\n{secret}".encode(), hashlib.sha256
    ).digest()
    return base64.b64encode(digest).decode()


def _json_body(raw: bytes) -> Any:
    try:
        return json.loads(raw.decode("utf-8")) if raw else None
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None


def _text_of(section: Any, *required: str) -> bool:
    """True if `section` is a dict whose required fields are all non-empty strings."""
    return isinstance(section, dict) and all(
        isinstance(section.get(k), str) and section[k].strip() for k in required
    )


class Handler(BaseHTTPRequestHandler):
    server: StandinServer
    protocol_version = "HTTP/1.1"  # keep-alive, like the real hosts
    server_version = "im-standin/1"

    # -- plumbing -------------------------------------------------------------------------

    def do_GET(self) -> None:  # noqa: N802 - http.server naming
        self._dispatch("GET")

    def do_POST(self) -> None:  # noqa: N802
        self._dispatch("POST")

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        # Replaced by the one-JSON-line-per-request log in _dispatch.
        pass

    def _dispatch(self, method: str) -> None:
        started = time.time()
        url = urlsplit(self.path)
        self.query = {k: v[0] for k, v in parse_qs(url.query, keep_blank_values=True).items()}
        length = int(self.headers.get("Content-Length") or 0)
        self.raw = self.rfile.read(length) if length else b""
        self.channel: str | None = None
        status, body = HTTPStatus.OK, None
        try:
            status, body = self._route(method, url.path)
        except BadRequest as exc:
            status, body = HTTPStatus.BAD_REQUEST, {"ok": False, "error": str(exc)}
        except Exception as exc:  # a stand-in bug must not look like a hang to the client
            status, body = HTTPStatus.INTERNAL_SERVER_ERROR, {"errcode": -1, "errmsg": repr(exc)}
        try:
            self._send(status, body)
        except (BrokenPipeError, ConnectionResetError):
            status = 499  # the client gave up (e.g. during a "timeout" fault)
        errcode = body.get("errcode") if isinstance(body, dict) else None
        line = {
            "ts": round(started, 3),
            "method": method,
            "path": url.path,
            "channel": self.channel,
            "status": int(status),
            "errcode": errcode,
            "ms": round((time.time() - started) * 1000, 1),
        }
        sys.stderr.write(json.dumps(line, ensure_ascii=False) + "\n")
        sys.stderr.flush()

    def _send(self, status: int, body: Any) -> None:
        data = json.dumps(body, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _route(self, method: str, path: str) -> tuple[int, Any]:
        if path.startswith("/_standin/"):
            return self._control(method, path.removeprefix("/_standin"))
        routes = {
            ("GET", "/wecom/cgi-bin/gettoken"): ("wecom_app", self._wecom_gettoken),
            ("POST", "/wecom/cgi-bin/message/send"): ("wecom_app", self._wecom_send),
            ("POST", "/wecom/cgi-bin/webhook/send"): ("wecom_robot", self._wecom_webhook),
            ("GET", "/dingtalk/gettoken"): ("dingtalk_work", self._ding_gettoken),
            (
                "POST",
                "/dingtalk/topapi/message/corpconversation/asyncsend_v2",
            ): ("dingtalk_work", self._ding_asyncsend),
            ("POST", "/dingtalk/robot/send"): ("dingtalk_robot", self._ding_robot),
        }
        if (method, path) not in routes:
            return HTTPStatus.NOT_FOUND, {"errcode": 404, "errmsg": f"no such API {path}"}
        self.channel, handler = routes[(method, path)]
        state = self.server.state
        with state.lock:
            fault = state.take_fault(self.channel)
        if fault is not None:
            if fault.mode == "http_500":
                return HTTPStatus.INTERNAL_SERVER_ERROR, {"errcode": -1, "errmsg": "system busy"}
            if fault.mode == "down":
                return HTTPStatus.SERVICE_UNAVAILABLE, {"errcode": -1, "errmsg": "unavailable"}
            if fault.mode == "rate_limit":
                with state.lock:
                    state.reject(self.channel, RATE_LIMIT_ERROR[self.channel]["errcode"])
                return HTTPStatus.OK, RATE_LIMIT_ERROR[self.channel]
            if fault.mode == "timeout":
                # Hang longer than any sane client timeout, then answer normally: the
                # real hosts also process requests whose callers already gave up.
                time.sleep(fault.delay_s)
        return HTTPStatus.OK, handler()

    # -- WeCom ----------------------------------------------------------------------------

    def _wecom_gettoken(self) -> dict[str, Any]:
        corpid, secret = self.query.get("corpid"), self.query.get("corpsecret")
        if not corpid:
            return E_WECOM_CORPID_MISSING
        if not secret:
            return E_WECOM_SECRET_MISSING
        if corpid != WECOM_CORP_ID:
            return E_WECOM_INVALID_CORPID
        if secret != WECOM_CORP_SECRET:
            return E_WECOM_INVALID_CREDENTIAL
        with self.server.state.lock:
            token = self.server.state.issue_token("wecom")
            ttl = self.server.state.token_ttl
        return {**WECOM_OK, "access_token": token, "expires_in": ttl}

    def _wecom_send(self) -> dict[str, Any]:
        state = self.server.state
        with state.lock:
            result = self._wecom_send_locked(state)
            if result["errcode"] != 0:
                state.reject("wecom_app", result["errcode"])
            return result

    def _wecom_send_locked(self, state: State) -> dict[str, Any]:
        if err := state.check_token(self.query.get("access_token"), "wecom"):
            return err
        body = _json_body(self.raw)
        if not isinstance(body, dict):
            return E_WECOM_BAD_JSON
        msgtype = body.get("msgtype")
        if msgtype not in WECOM_APP_MSGTYPES:
            return E_WECOM_MSGTYPE
        required = {"text": ("content",), "markdown": ("content",)}.get(
            msgtype, ("title", "description", "url")
        )
        if not _text_of(body.get(msgtype), *required):
            return E_WECOM_EMPTY
        agentid = body.get("agentid")
        if not isinstance(agentid, int) or isinstance(agentid, bool):
            return E_WECOM_AGENTID
        touser = body.get("touser")
        users = [u for u in touser.split("|") if u] if isinstance(touser, str) else []
        if not users:
            return E_WECOM_NO_USER
        now = time.time()
        keys = [f"wecom_app:{agentid}:{u}" for u in users]
        # The whole call fails if any member is over the limit, and nothing is delivered.
        if any(state.window_full(k, WECOM_MEMBER_PER_MIN, now) for k in keys):
            return E_WECOM_FREQ
        msgid = secrets.token_hex(16)
        state.record("wecom_app", users, msgtype, body, msgid, keys, now)
        return {**WECOM_OK, "invaliduser": "", "msgid": msgid}

    def _wecom_webhook(self) -> dict[str, Any]:
        state = self.server.state
        with state.lock:
            result = self._wecom_webhook_locked(state)
            if result["errcode"] != 0:
                state.reject("wecom_robot", result["errcode"])
            return result

    def _wecom_webhook_locked(self, state: State) -> dict[str, Any]:
        key = self.query.get("key", "")
        if not key:
            return E_WECOM_WEBHOOK
        body = _json_body(self.raw)
        if not isinstance(body, dict):
            return E_WECOM_BAD_JSON
        msgtype = body.get("msgtype")
        if msgtype not in WECOM_ROBOT_MSGTYPES:
            return E_WECOM_MSGTYPE
        if not _text_of(body.get(msgtype), "content"):
            return E_WECOM_EMPTY
        now = time.time()
        rate_key = f"wecom_robot:{key}"
        if state.window_full(rate_key, WECOM_ROBOT_PER_MIN, now):
            return E_WECOM_FREQ
        state.record("wecom_robot", [key], msgtype, body, secrets.token_hex(16), [rate_key], now)
        return dict(WECOM_OK)

    # -- DingTalk -------------------------------------------------------------------------

    def _ding_gettoken(self) -> dict[str, Any]:
        if (self.query.get("appkey"), self.query.get("appsecret")) != (
            DINGTALK_APP_KEY,
            DINGTALK_APP_SECRET,
        ):
            return E_DING_BAD_APP
        with self.server.state.lock:
            token = self.server.state.issue_token("dingtalk")
            ttl = self.server.state.token_ttl
        return {"errcode": 0, "errmsg": "ok", "access_token": token, "expires_in": ttl}

    def _ding_asyncsend(self) -> dict[str, Any]:
        state = self.server.state
        with state.lock:
            result = self._ding_asyncsend_locked(state)
            if result["errcode"] != 0:
                state.reject("dingtalk_work", result["errcode"])
            return result

    def _ding_asyncsend_locked(self, state: State) -> dict[str, Any]:
        if err := state.check_token(self.query.get("access_token"), "dingtalk"):
            return err
        body = _json_body(self.raw)
        if not isinstance(body, dict):
            return {"errcode": E_DING_MISSING, "errmsg": "缺少参数 json"}
        if not isinstance(body.get("agent_id"), int) or isinstance(body.get("agent_id"), bool):
            return {"errcode": E_DING_MISSING, "errmsg": "缺少参数 agent_id"}
        userids = body.get("userid_list")
        users = [u for u in userids.split(",") if u] if isinstance(userids, str) else []
        if not users and not body.get("dept_id_list") and not body.get("to_all_user"):
            return {"errcode": E_DING_MISSING, "errmsg": "缺少参数 userid_list"}
        msg = body.get("msg")
        # The real API also accepts msg as a JSON string.
        if isinstance(msg, str):
            msg = _json_body(msg.encode())
        if not isinstance(msg, dict):
            return {"errcode": E_DING_MISSING, "errmsg": "缺少参数 msg"}
        msgtype = msg.get("msgtype")
        if msgtype not in DING_WORK_MSGTYPES:
            return E_DING_MSGTYPE
        if not isinstance(msg.get(msgtype), dict) or not msg[msgtype]:
            return {"errcode": E_DING_MISSING, "errmsg": f"缺少参数 {msgtype}"}
        state.task_id += 1
        task_id = state.task_id
        state.record("dingtalk_work", users, msgtype, body, str(task_id), [], time.time())
        return {
            "errcode": 0,
            "errmsg": "ok",
            "task_id": task_id,
            "request_id": secrets.token_hex(6),
        }

    def _ding_robot(self) -> dict[str, Any]:
        state = self.server.state
        with state.lock:
            result = self._ding_robot_locked(state)
            if result["errcode"] != 0:
                state.reject("dingtalk_robot", result["errcode"])
            return result

    def _ding_robot_locked(self, state: State) -> dict[str, Any]:
        token = self.query.get("access_token", "")
        if token not in state.robots:
            return E_ROBOT_TOKEN
        secret = state.robots[token]
        if secret:  # robots registered without a secret use keyword/IP security instead
            ts, sign = self.query.get("timestamp", ""), self.query.get("sign", "")
            if not ts.isdigit() or abs(int(ts) - time.time() * 1000) > ROBOT_TS_SKEW_MS:
                return E_ROBOT_TIMESTAMP
            # parse_qs already undid the URL-encoding, so compare the plain base64.
            if not hmac.compare_digest(sign.encode(), robot_sign(ts, secret).encode()):
                return E_ROBOT_SIGN
        body = _json_body(self.raw)
        if not isinstance(body, dict):
            return {"errcode": E_DING_MISSING, "errmsg": "缺少参数 json"}
        msgtype = body.get("msgtype")
        if msgtype not in DING_ROBOT_MSGTYPES:
            return E_DING_MSGTYPE
        if not isinstance(body.get(msgtype), dict) or not body[msgtype]:
            return {"errcode": E_DING_MISSING, "errmsg": f"缺少参数 {msgtype}"}
        now = time.time()
        rate_key = f"dingtalk_robot:{token}"
        if state.window_full(rate_key, DINGTALK_ROBOT_PER_MIN, now):
            return E_ROBOT_FREQ
        state.record(
            "dingtalk_robot", [token], msgtype, body, secrets.token_hex(16), [rate_key], now
        )
        return {"errcode": 0, "errmsg": "ok"}

    # -- control API ----------------------------------------------------------------------

    def _control(self, method: str, path: str) -> tuple[int, Any]:
        state = self.server.state
        if method == "GET" and path == "/health":
            return HTTPStatus.OK, {"ok": True}
        if method == "GET" and path == "/messages":
            return HTTPStatus.OK, {"messages": self._list_messages(state)}
        if method == "GET" and path == "/stats":
            with state.lock:
                stats = {
                    "accepted": dict(state.accepted),
                    "rejected": {c: dict(v) for c, v in state.rejected.items()},
                    "max_per_60s": dict(state.max_window),
                    "faults_served": dict(state.faults_served),
                    "tokens_issued": len(state.tokens),
                }
            return HTTPStatus.OK, stats
        if method != "POST":
            return HTTPStatus.NOT_FOUND, {"ok": False, "error": f"no such control API {path}"}
        body = _json_body(self.raw) or {}
        if not isinstance(body, dict):
            raise BadRequest("body must be a JSON object")
        if path == "/reset":
            with state.lock:
                state.reset()
            return HTTPStatus.OK, {"ok": True}
        if path == "/faults":
            return HTTPStatus.OK, self._set_fault(state, body)
        if path == "/config":
            ttl = body.get("token_ttl")
            if not isinstance(ttl, int) or ttl < 1:
                raise BadRequest("token_ttl must be a positive integer (seconds)")
            with state.lock:
                state.token_ttl = ttl
            return HTTPStatus.OK, {"ok": True, "token_ttl": ttl}
        if path == "/robots":
            token, secret = body.get("access_token"), body.get("secret", "")
            if not isinstance(token, str) or not token or not isinstance(secret, str):
                raise BadRequest("need access_token (non-empty string) and secret (string)")
            with state.lock:
                state.robots[token] = secret
            return HTTPStatus.OK, {"ok": True}
        if path == "/wecom_robots":
            key = body.get("key")
            if not isinstance(key, str) or not key:
                raise BadRequest("need key (non-empty string)")
            with state.lock:
                state.wecom_robot_keys.add(key)
            return HTTPStatus.OK, {"ok": True}
        return HTTPStatus.NOT_FOUND, {"ok": False, "error": f"no such control API {path}"}

    def _list_messages(self, state: State) -> list[dict[str, Any]]:
        channel, touser = self.query.get("channel"), self.query.get("touser")
        try:
            since = float(self.query.get("since") or 0)
        except ValueError as exc:
            raise BadRequest("since must be a unix timestamp") from exc
        with state.lock:
            return [
                m
                for m in state.messages
                if (not channel or m["channel"] == channel)
                and (not touser or touser in m["recipients"])
                and m["received_at"] > since
            ]

    def _set_fault(self, state: State, body: dict[str, Any]) -> dict[str, Any]:
        mode = body.get("mode")
        channels = body.get("channels") or list(CHANNELS)
        if not isinstance(channels, list) or not set(channels) <= set(CHANNELS):
            raise BadRequest(f"channels must be a subset of {list(CHANNELS)}")
        count, seconds = body.get("count"), body.get("seconds")
        if count is not None and (not isinstance(count, int) or count < 1):
            raise BadRequest("count must be a positive integer")
        if seconds is not None and (not isinstance(seconds, int | float) or seconds <= 0):
            raise BadRequest("seconds must be a positive number")
        with state.lock:
            if mode == "none":
                # Clear faults on the named channels (all by default).
                state.faults = [f for f in state.faults if not f.channels & set(channels)]
            elif mode == "expire_tokens":
                for info in state.tokens.values():
                    info.expires_at = 0.0
            elif mode in ("http_500", "timeout", "rate_limit", "down"):
                state.faults.append(
                    Fault(
                        mode=mode,
                        channels=frozenset(channels),
                        remaining=count,
                        until=time.time() + seconds if seconds is not None else None,
                        delay_s=float(body.get("delay_s", 30.0)),
                    )
                )
            else:
                raise BadRequest(
                    "mode must be one of http_500, timeout, rate_limit, down, expire_tokens, none"
                )
            active = [
                {
                    "mode": f.mode,
                    "channels": sorted(f.channels),
                    "remaining": f.remaining,
                    "until": f.until,
                }
                for f in state.faults
            ]
        return {"ok": True, "faults": active}


class StandinServer(ThreadingHTTPServer):
    daemon_threads = True  # a hung "timeout" fault must not block shutdown

    def __init__(self, host: str, port: int) -> None:
        self.state = State()
        super().__init__((host, port), Handler)


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Local WeCom/DingTalk API stand-in")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument(
        "--port", type=int, default=int(os.environ.get("SALES_STANDIN_PORT", 18080))
    )
    args = parser.parse_args(argv)
    # It accepts any robot key and hands out tokens freely: never expose it beyond loopback.
    if not _loopback(args.host):
        parser.error(f"refusing to bind non-loopback address {args.host!r}")
    server = StandinServer(args.host, args.port)
    sys.stderr.write(
        json.dumps({"event": "listening", "host": args.host, "port": server.server_port}) + "\n"
    )
    sys.stderr.flush()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
