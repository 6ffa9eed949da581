"""HTTP clients for WeCom (企业微信) and DingTalk (钉钉), and the Sender that picks one.

Both cache their access token per corp/app and refresh it early; an expired- or invalid-token
answer refreshes it and retries (up to twice). Group robots need no token: WeCom's webhook is keyed,
DingTalk's is signed (HMAC-SHA256 over "timestamp\\nsecret"). Errors are sorted into
rate-limited (queue), transient (retry later) and permanent (record and stop), which is all
the send loop needs to know.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import threading
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import quote_plus

import requests
from requests.adapters import HTTPAdapter

from services.notify.application.ports import (
    PermanentSendError,
    RateLimitedError,
    TransientSendError,
)
from services.notify.domain.model import Channel, Delivery, Message, Via

TOKEN_REFRESH_MARGIN_S = 300  # refresh five minutes (or a tenth of the TTL) before expiry
HTTP_TIMEOUT_S = 5.0


def dingtalk_robot_sign(timestamp_ms: int | str, secret: str) -> str:
    """DingTalk's custom-robot signature: base64(HMAC-SHA256(key=secret, msg=f"{ts}\\n{secret}")),
    before URL-encoding."""
    digest = hmac.new(
        secret.encode("utf-8"), f"{timestamp_ms}\n{secret}".encode(), hashlib.sha256
    ).digest()
    return base64.b64encode(digest).decode("ascii")


def dingtalk_robot_query(access_token: str, secret: str, timestamp_ms: int) -> str:
    """The query string of a signed robot call; the signature is URL-encoded as DingTalk
    specifies (its base64 has '+', '/' and '=')."""
    query = f"access_token={quote_plus(access_token)}"
    if secret:
        sign = quote_plus(dingtalk_robot_sign(timestamp_ms, secret))
        query += f"&timestamp={timestamp_ms}&sign={sign}"
    return query


class _TokenCache:
    def __init__(self, fetch: Callable[[], tuple[str, int]]) -> None:
        self._fetch = fetch
        self._lock = threading.Lock()
        self._token = ""
        self._expires_at = 0.0

    def get(self, force: bool = False, stale: str = "") -> str:
        with self._lock:
            # `stale`: the token a caller saw rejected. If another caller already refreshed
            # it meanwhile, use the new one instead of fetching yet another.
            refresh = force and (not stale or stale == self._token)
            if refresh or not self._token or time.monotonic() >= self._expires_at:
                token, ttl = self._fetch()
                margin = min(TOKEN_REFRESH_MARGIN_S, ttl / 10)
                self._token = token
                self._expires_at = time.monotonic() + max(0.0, ttl - margin)
            return self._token


def _session() -> requests.Session:
    session = requests.Session()
    adapter = HTTPAdapter(pool_connections=4, pool_maxsize=64)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


class _Http:
    def __init__(self) -> None:
        self._session = _session()

    def call(self, method: str, url: str, **kwargs: Any) -> dict[str, Any]:
        try:
            response = self._session.request(method, url, timeout=HTTP_TIMEOUT_S, **kwargs)
        except requests.RequestException as error:
            raise TransientSendError(f"网络错误:{type(error).__name__}") from error
        if response.status_code == 429:
            raise RateLimitedError("HTTP 429")
        if response.status_code >= 500:
            raise TransientSendError(f"HTTP {response.status_code}")
        try:
            return response.json()
        except ValueError:
            raise TransientSendError(f"HTTP {response.status_code} 非 JSON 应答") from None


class _TokenApp:
    """An app on a provider: fetches its token, and posts with it, refreshing it once when
    the provider says it expired or is invalid."""

    provider = ""
    token_errors: frozenset[int] = frozenset()
    rate_errors: frozenset[int] = frozenset()
    transient_errors: frozenset[int] = frozenset()

    def __init__(self, base_url: str, token_path: str, token_params: dict[str, str]) -> None:
        self._base = base_url.rstrip("/")
        self._http = _Http()
        self._tokens = _TokenCache(lambda: self._fetch_token(token_path, token_params))
        self.token_fetches = 0

    def _fetch_token(self, path: str, params: dict[str, str]) -> tuple[str, int]:
        body = self._http.call("GET", f"{self._base}{path}", params=params)
        self.token_fetches += 1
        if body.get("errcode", 0) != 0:
            error = f"{self.provider}获取 access_token 失败:{body.get('errmsg')}"
            if body.get("errcode") in self.transient_errors:
                raise TransientSendError(error)
            raise PermanentSendError(error)
        return body["access_token"], int(body.get("expires_in", 7200))

    def _raise_for(self, body: dict[str, Any]) -> None:
        code = body.get("errcode", -1)
        error = f"{self.provider}错误 {code}:{body.get('errmsg')}"
        if code in self.rate_errors:
            raise RateLimitedError(error)
        if code in self.transient_errors or code in self.token_errors:
            raise TransientSendError(error)
        raise PermanentSendError(error)

    def _post(self, path: str, payload: dict[str, Any]) -> dict[str, Any]:
        token = self._tokens.get()
        # A token can be revoked again while a refreshed call is in flight (the provider
        # rotates it, or another process of the same app fetched a new one): refresh up to
        # twice before calling it a failed attempt.
        for refreshes_left in (2, 1, 0):
            body = self._http.call(
                "POST", f"{self._base}{path}", params={"access_token": token}, json=payload
            )
            code = body.get("errcode", -1)
            if code == 0:
                return body
            if code in self.token_errors and refreshes_left:
                token = self._tokens.get(force=True, stale=token)
                continue
            self._raise_for(body)
        raise TransientSendError(f"{self.provider} access_token 刷新后仍无效")


class WeComClient(_TokenApp):
    provider = "企业微信"
    token_errors = frozenset({40014, 42001, 41001})
    rate_errors = frozenset({45009, 45033})
    transient_errors = frozenset({-1})

    def __init__(self, base_url: str, corp_id: str, secret: str, agent_id: int) -> None:
        super().__init__(base_url, "/cgi-bin/gettoken", {"corpid": corp_id, "corpsecret": secret})
        self._agent_id = agent_id

    def send_app_message(self, userid: str, message: Message) -> str:
        payload: dict[str, Any] = {
            "touser": userid,
            "msgtype": message.kind,
            "agentid": self._agent_id,
            # WeCom drops an identical message within the interval: a retry after a lost
            # answer does not reach the person twice.
            "enable_duplicate_check": 1,
            "duplicate_check_interval": 1800,
        }
        if message.kind == "textcard":
            payload["textcard"] = {
                "title": message.title,
                "description": message.text,
                "url": message.url or "https://work.weixin.qq.com/",
                "btntxt": "查看详情",
            }
        elif message.kind == "markdown":
            payload["markdown"] = {"content": message.text}
        else:
            payload["text"] = {"content": message.text}
        return str(self._post("/cgi-bin/message/send", payload).get("msgid", ""))

    def send_robot(self, key: str, message: Message) -> str:
        """A group robot webhook (text or markdown; 20 a minute per robot)."""
        if message.kind == "markdown":
            payload = {"msgtype": "markdown", "markdown": {"content": message.text}}
        else:
            payload = {"msgtype": "text", "text": {"content": _with_title(message)}}
        body = self._http.call(
            "POST", f"{self._base}/cgi-bin/webhook/send", params={"key": key}, json=payload
        )
        if body.get("errcode", -1) != 0:
            self._raise_for(body)
        return str(body.get("msgid", "")) or f"wecom-robot:{int(time.time() * 1000)}"


class DingTalkClient(_TokenApp):
    provider = "钉钉"
    token_errors = frozenset({40014, 42001, 88})
    rate_errors = frozenset({90018, 130101})
    transient_errors = frozenset({-1})

    def __init__(self, base_url: str, app_key: str, app_secret: str, agent_id: int) -> None:
        super().__init__(base_url, "/gettoken", {"appkey": app_key, "appsecret": app_secret})
        self._agent_id = agent_id

    def send_work_notification(self, userid: str, message: Message) -> str:
        if message.kind == "markdown":
            content = {"title": message.title or "通知", "text": message.text}
            msg = {"msgtype": "markdown", "markdown": content}
        else:
            msg = {"msgtype": "text", "text": {"content": _with_title(message)}}
        payload = {"agent_id": self._agent_id, "userid_list": userid, "msg": msg}
        body = self._post("/topapi/message/corpconversation/asyncsend_v2", payload)
        return str(body.get("task_id", ""))

    def send_robot(self, access_token: str, secret: str, message: Message) -> str:
        """A signed custom robot (text or markdown; 20 a minute per robot)."""
        if message.kind == "markdown":
            payload = {
                "msgtype": "markdown",
                "markdown": {"title": message.title or "通知", "text": message.text},
            }
        else:
            payload = {"msgtype": "text", "text": {"content": _with_title(message)}}
        query = dingtalk_robot_query(access_token, secret, int(time.time() * 1000))
        body = self._http.call("POST", f"{self._base}/robot/send?{query}", json=payload)
        if body.get("errcode", -1) != 0:
            self._raise_for(body)
        return f"dingtalk-robot:{int(time.time() * 1000)}"


def _with_title(message: Message) -> str:
    if message.title and not message.text.startswith(("【", message.title)):
        return f"{message.title}\n{message.text}"
    return message.text


class ProviderSender:
    """The Sender port: routes a delivery to the client of its channel and kind."""

    def __init__(self, wecom: WeComClient, dingtalk: DingTalkClient) -> None:
        self.wecom = wecom
        self.dingtalk = dingtalk

    def send(self, delivery: Delivery) -> str:
        if delivery.via == Via.ROBOT:
            if delivery.channel == Channel.WECOM:
                return self.wecom.send_robot(delivery.address, delivery.message)
            return self.dingtalk.send_robot(
                delivery.address, delivery.robot_secret, delivery.message
            )
        if delivery.channel == Channel.WECOM:
            return self.wecom.send_app_message(delivery.address, delivery.message)
        return self.dingtalk.send_work_notification(delivery.address, delivery.message)
