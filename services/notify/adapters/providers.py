"""HTTP clients for WeCom (企业微信) and DingTalk (钉钉), and the Sender that picks one.

Both cache their access token per app and refresh it early; an expired- or invalid-token
answer refreshes it and retries once. Errors are sorted into transient (retry later) and
permanent (record and stop), which is all the send loop needs to know.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

import requests

from services.notify.application.ports import PermanentSendError, TransientSendError
from services.notify.domain.model import Channel, Message

TOKEN_REFRESH_MARGIN_S = 300  # refresh five minutes before the provider says it expires
HTTP_TIMEOUT_S = 5.0


class _TokenCache:
    def __init__(self, fetch: Callable[[], tuple[str, int]]) -> None:
        self._fetch = fetch
        self._lock = threading.Lock()
        self._token = ""
        self._expires_at = 0.0

    def get(self, force: bool = False) -> str:
        with self._lock:
            if force or not self._token or time.monotonic() >= self._expires_at:
                token, ttl = self._fetch()
                self._token = token
                self._expires_at = time.monotonic() + max(0, ttl - TOKEN_REFRESH_MARGIN_S)
            return self._token


def _call(method: str, url: str, **kwargs: Any) -> dict[str, Any]:
    try:
        response = requests.request(method, url, timeout=HTTP_TIMEOUT_S, **kwargs)
    except requests.RequestException as error:
        raise TransientSendError(f"网络错误:{type(error).__name__}") from error
    if response.status_code >= 500 or response.status_code == 429:
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
    transient_errors: frozenset[int] = frozenset()

    def __init__(self, base_url: str, token_path: str, token_params: dict[str, str]) -> None:
        self._base = base_url.rstrip("/")
        self._tokens = _TokenCache(lambda: self._fetch_token(token_path, token_params))

    def _fetch_token(self, path: str, params: dict[str, str]) -> tuple[str, int]:
        body = _call("GET", f"{self._base}{path}", params=params)
        if body.get("errcode", 0) != 0:
            raise PermanentSendError(f"{self.provider}获取 access_token 失败:{body.get('errmsg')}")
        return body["access_token"], int(body.get("expires_in", 7200))

    def _post(self, path: str, payload: dict[str, Any]) -> dict[str, Any]:
        for force_refresh in (False, True):
            token = self._tokens.get(force=force_refresh)
            body = _call(
                "POST", f"{self._base}{path}", params={"access_token": token}, json=payload
            )
            code = body.get("errcode", -1)
            if code == 0:
                return body
            if code in self.token_errors and not force_refresh:
                continue
            error = f"{self.provider}错误 {code}:{body.get('errmsg')}"
            if code in self.transient_errors or code in self.token_errors:
                raise TransientSendError(error)
            raise PermanentSendError(error)
        raise TransientSendError(f"{self.provider} access_token 刷新后仍无效")


class WeComClient(_TokenApp):
    provider = "企业微信"
    token_errors = frozenset({40014, 42001, 41001})
    transient_errors = frozenset({-1, 45009, 45033})

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


class DingTalkClient(_TokenApp):
    provider = "钉钉"
    token_errors = frozenset({40014, 42001, 88})
    transient_errors = frozenset({-1, 90018, 130101})

    def __init__(self, base_url: str, app_key: str, app_secret: str, agent_id: int) -> None:
        super().__init__(base_url, "/gettoken", {"appkey": app_key, "appsecret": app_secret})
        self._agent_id = agent_id

    def send_work_notification(self, userid: str, message: Message) -> str:
        if message.kind == "markdown":
            content = {"title": message.title, "text": message.text}
            msg = {"msgtype": "markdown", "markdown": content}
        else:
            msg = {"msgtype": "text", "text": {"content": f"{message.title}\n{message.text}"}}
        payload = {"agent_id": self._agent_id, "userid_list": userid, "msg": msg}
        body = self._post("/topapi/message/corpconversation/asyncsend_v2", payload)
        return str(body.get("task_id", ""))


class ProviderSender:
    """The Sender port: routes a delivery to the client of its channel."""

    def __init__(self, wecom: WeComClient, dingtalk: DingTalkClient) -> None:
        self._wecom = wecom
        self._dingtalk = dingtalk

    def send(self, channel: Channel, address: str, message: Message) -> str:
        if channel == Channel.WECOM:
            return self._wecom.send_app_message(address, message)
        return self._dingtalk.send_work_notification(address, message)
