"""The WeCom/DingTalk stand-in, exercised over real HTTP as a separate process."""

from __future__ import annotations

import base64
import hashlib
import hmac
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from devstack.probes import free_port, wait_until

ROOT = Path(__file__).resolve().parents[2]
CORP_ID, CORP_SECRET = "ww-dev-corp", "wecom-dev-secret"
APP_KEY, APP_SECRET = "ding-dev-app", "dingtalk-dev-secret"
AGENT_ID = 1000002


@pytest.fixture(scope="module")
def standin() -> Iterator[str]:
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "devstack.im_standin", "--host", "127.0.0.1", "--port", str(port)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 15
        while True:
            try:
                if requests.get(f"{base}/_standin/health", timeout=1).json() == {"ok": True}:
                    break
            except requests.ConnectionError:
                pass
            assert proc.poll() is None, "stand-in exited during start-up"
            assert time.monotonic() < deadline, "stand-in did not become healthy in 15 s"
            time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture
def base(standin: str) -> str:
    # Every test starts from empty state: no tokens, messages, windows or faults.
    assert requests.post(f"{standin}/_standin/reset", timeout=5).json() == {"ok": True}
    return standin


def wecom_token(base: str) -> str:
    r = requests.get(
        f"{base}/wecom/cgi-bin/gettoken",
        params={"corpid": CORP_ID, "corpsecret": CORP_SECRET},
        timeout=5,
    )
    body = r.json()
    assert body["errcode"] == 0, body
    return body["access_token"]


def wecom_send(base: str, token: str | None, touser: str, content: str) -> requests.Response:
    params = {"access_token": token} if token is not None else {}
    return requests.post(
        f"{base}/wecom/cgi-bin/message/send",
        params=params,
        json={
            "touser": touser,
            "msgtype": "text",
            "agentid": AGENT_ID,
            "text": {"content": content},
        },
        timeout=5,
    )


def messages(base: str, **filters: str) -> list[dict]:
    return requests.get(f"{base}/_standin/messages", params=filters, timeout=5).json()["messages"]


def dingtalk_sign(timestamp_ms: str, secret: str) -> str:
    """As DingTalk documents it: urlencode(base64(HmacSHA256(secret, ts + "\\n" + secret)))."""
    string_to_sign = f"{timestamp_ms}\n{secret}".encode()
    digest = hmac.new(secret.encode(), string_to_sign, digestmod=hashlib.sha256).digest()
    return urllib.parse.quote_plus(base64.b64encode(digest))


def robot_send(base: str, token: str, secret: str | None, content: str) -> dict:
    ts = str(round(time.time() * 1000))
    sign = dingtalk_sign(ts, secret) if secret is not None else "bm90LWEtc2lnbg%3D%3D"
    # Build the query by hand: the sign is already URL-encoded, exactly as clients send it.
    url = f"{base}/dingtalk/robot/send?access_token={token}&timestamp={ts}&sign={sign}"
    r = requests.post(url, json={"msgtype": "text", "text": {"content": content}}, timeout=5)
    assert r.status_code == 200
    return r.json()


def test_wecom_gettoken_ok_and_bad_credentials(base: str) -> None:
    r = requests.get(
        f"{base}/wecom/cgi-bin/gettoken",
        params={"corpid": CORP_ID, "corpsecret": CORP_SECRET},
        timeout=5,
    )
    body = r.json()
    assert r.status_code == 200
    assert body["errcode"] == 0 and body["errmsg"] == "ok"
    assert body["expires_in"] == 7200 and len(body["access_token"]) >= 16

    wrong_secret = requests.get(
        f"{base}/wecom/cgi-bin/gettoken",
        params={"corpid": CORP_ID, "corpsecret": "nope"},
        timeout=5,
    ).json()
    assert wrong_secret["errcode"] == 40001 and "access_token" not in wrong_secret
    wrong_corp = requests.get(
        f"{base}/wecom/cgi-bin/gettoken",
        params={"corpid": "ww-other", "corpsecret": CORP_SECRET},
        timeout=5,
    ).json()
    assert wrong_corp["errcode"] == 40013


def test_wecom_send_records_message_with_chinese_text(base: str) -> None:
    token = wecom_token(base)
    content = "【新线索】华东区·上海市徐汇区 便利店张老板，请于今日 18:00 前跟进 ✅"
    before = time.time()
    r = wecom_send(base, token, "zhangsan|lisi", content)
    body = r.json()
    assert body["errcode"] == 0 and body["errmsg"] == "ok" and body["invaliduser"] == ""
    assert body["msgid"]
    assert r.headers["Content-Type"] == "application/json; charset=utf-8"

    listed = messages(base, channel="wecom_app", touser="lisi")
    assert len(listed) == 1
    msg = listed[0]
    assert msg["msgid"] == body["msgid"]
    assert msg["recipients"] == ["zhangsan", "lisi"]
    assert msg["msgtype"] == "text"
    assert msg["body"]["text"]["content"] == content
    assert msg["body"]["agentid"] == AGENT_ID
    assert before - 1 <= msg["received_at"] <= time.time() + 1
    # The listing carries the text as UTF-8, not only as \u escapes.
    raw = requests.get(f"{base}/_standin/messages", timeout=5).content
    assert content.encode("utf-8") in raw
    assert messages(base, channel="wecom_app", touser="wangwu") == []
    assert messages(base, channel="dingtalk_work") == []
    assert messages(base, since=str(msg["received_at"])) == []


def test_wecom_textcard_and_bad_bodies(base: str) -> None:
    token = wecom_token(base)
    url = f"{base}/wecom/cgi-bin/message/send"
    card = {
        "touser": "u1",
        "msgtype": "textcard",
        "agentid": AGENT_ID,
        "textcard": {
            "title": "拜访提醒",
            "description": "明天 10:00 拜访",
            "url": "https://example.com/v/1",
            "btntxt": "详情",
        },
    }
    assert (
        requests.post(url, params={"access_token": token}, json=card, timeout=5).json()["errcode"]
        == 0
    )
    unknown = {**card, "msgtype": "voice"}
    assert (
        requests.post(url, params={"access_token": token}, json=unknown, timeout=5).json()[
            "errcode"
        ]
        == 40008
    )
    empty = {"touser": "u1", "msgtype": "text", "agentid": AGENT_ID, "text": {"content": ""}}
    assert (
        requests.post(url, params={"access_token": token}, json=empty, timeout=5).json()["errcode"]
        == 44004
    )
    assert len(messages(base, channel="wecom_app")) == 1


def test_wecom_invalid_token(base: str) -> None:
    assert wecom_send(base, "not-a-token", "u1", "hi").json()["errcode"] == 40014
    assert wecom_send(base, None, "u1", "hi").json()["errcode"] == 40014
    # A DingTalk token is not a WeCom token.
    ding = requests.get(
        f"{base}/dingtalk/gettoken", params={"appkey": APP_KEY, "appsecret": APP_SECRET}, timeout=5
    ).json()["access_token"]
    assert wecom_send(base, ding, "u1", "hi").json()["errcode"] == 40014
    assert messages(base) == []


def test_expire_tokens_then_fresh_token_works(base: str) -> None:
    token = wecom_token(base)
    assert wecom_send(base, token, "u1", "before").json()["errcode"] == 0
    r = requests.post(f"{base}/_standin/faults", json={"mode": "expire_tokens"}, timeout=5)
    assert r.json()["ok"] is True
    assert wecom_send(base, token, "u1", "after").json()["errcode"] == 42001
    fresh = wecom_token(base)
    assert fresh != token
    assert wecom_send(base, fresh, "u1", "again").json()["errcode"] == 0
    assert [m["body"]["text"]["content"] for m in messages(base)] == ["before", "again"]


def test_token_expires_after_configured_ttl(base: str) -> None:
    # 3 s, not 1: the "fresh" send must land within the TTL even on a loaded machine
    requests.post(f"{base}/_standin/config", json={"token_ttl": 3}, timeout=5).raise_for_status()
    body = requests.get(
        f"{base}/wecom/cgi-bin/gettoken",
        params={"corpid": CORP_ID, "corpsecret": CORP_SECRET},
        timeout=5,
    ).json()
    assert body["expires_in"] == 3
    assert wecom_send(base, body["access_token"], "u1", "fresh").json()["errcode"] == 0
    time.sleep(3.2)
    assert wecom_send(base, body["access_token"], "u1", "stale").json()["errcode"] == 42001


def test_wecom_31st_message_to_same_member_is_rate_limited(base: str) -> None:
    token = wecom_token(base)
    for i in range(30):
        assert wecom_send(base, token, "u1", f"第{i}条").json()["errcode"] == 0
    limited = wecom_send(base, token, "u1", "第31条").json()
    assert limited["errcode"] == 45009
    assert "msgid" not in limited
    listed = messages(base, touser="u1")
    assert len(listed) == 30 and "第31条" not in {m["body"]["text"]["content"] for m in listed}
    # The limit is per member: another member is unaffected.
    assert wecom_send(base, token, "u2", "hello").json()["errcode"] == 0
    stats = requests.get(f"{base}/_standin/stats", timeout=5).json()
    assert stats["accepted"]["wecom_app"] == 31
    assert stats["rejected"]["wecom_app"] == {"45009": 1}
    assert stats["max_per_60s"]["wecom_app"] == 30


def test_wecom_group_robot(base: str) -> None:
    url = f"{base}/wecom/cgi-bin/webhook/send"
    msg = {"msgtype": "markdown", "markdown": {"content": "**日报** 已生成"}}
    assert requests.post(url, params={"key": "k-1"}, json=msg, timeout=5).json() == {
        "errcode": 0,
        "errmsg": "ok",
    }
    assert requests.post(url, params={"key": ""}, json=msg, timeout=5).json()["errcode"] == 93000
    for _ in range(19):
        assert requests.post(url, params={"key": "k-1"}, json=msg, timeout=5).json()["errcode"] == 0
    assert requests.post(url, params={"key": "k-1"}, json=msg, timeout=5).json()["errcode"] == 45009
    assert len(messages(base, channel="wecom_robot", touser="k-1")) == 20


def test_dingtalk_robot_signature_and_rate_limit(base: str) -> None:
    secret = "SECtest-robot-secret-机器人"
    r = requests.post(
        f"{base}/_standin/robots", json={"access_token": "robot-1", "secret": secret}, timeout=5
    )
    assert r.json() == {"ok": True}

    ok = robot_send(base, "robot-1", secret, "巡店告警：门店 A 未打卡")
    assert ok == {"errcode": 0, "errmsg": "ok"}
    assert robot_send(base, "robot-1", "wrong-secret", "x")["errcode"] == 310000
    assert robot_send(base, "robot-1", None, "x")["errcode"] == 310000
    no_sign = requests.post(
        f"{base}/dingtalk/robot/send",
        params={"access_token": "robot-1"},
        json={"msgtype": "text", "text": {"content": "x"}},
        timeout=5,
    ).json()
    assert no_sign["errcode"] == 310000
    # A correct signature over a timestamp two hours old is refused too.
    old_ts = str(round(time.time() * 1000) - 2 * 3600 * 1000)
    old = requests.post(
        f"{base}/dingtalk/robot/send?access_token=robot-1&timestamp={old_ts}"
        f"&sign={dingtalk_sign(old_ts, secret)}",
        json={"msgtype": "text", "text": {"content": "x"}},
        timeout=5,
    ).json()
    assert old["errcode"] == 310000

    for i in range(19):
        assert robot_send(base, "robot-1", secret, f"msg {i}")["errcode"] == 0
    too_fast = robot_send(base, "robot-1", secret, "msg 21")
    assert too_fast["errcode"] == 130101
    listed = messages(base, channel="dingtalk_robot")
    assert len(listed) == 20
    assert listed[0]["body"]["text"]["content"] == "巡店告警：门店 A 未打卡"
    assert listed[0]["recipients"] == ["robot-1"]
    # The default dev robot is a different robot with its own window.
    assert robot_send(base, "dev-robot", "SECdev-robot-secret", "hi")["errcode"] == 0


def test_dingtalk_asyncsend_v2(base: str) -> None:
    bad = requests.get(
        f"{base}/dingtalk/gettoken", params={"appkey": APP_KEY, "appsecret": "x"}, timeout=5
    ).json()
    assert bad["errcode"] == 40089 and "access_token" not in bad
    tok = requests.get(
        f"{base}/dingtalk/gettoken", params={"appkey": APP_KEY, "appsecret": APP_SECRET}, timeout=5
    ).json()
    assert tok["errcode"] == 0 and tok["expires_in"] == 7200
    url = f"{base}/dingtalk/topapi/message/corpconversation/asyncsend_v2"
    body = {
        "agent_id": 2000001,
        "userid_list": "manager01,manager02",
        "msg": {"msgtype": "markdown", "markdown": {"title": "线索分配", "text": "### 3 条新线索"}},
    }
    r1 = requests.post(url, params={"access_token": tok["access_token"]}, json=body, timeout=5)
    r2 = requests.post(url, params={"access_token": tok["access_token"]}, json=body, timeout=5)
    a, b = r1.json(), r2.json()
    assert a["errcode"] == 0 and a["errmsg"] == "ok" and a["request_id"]
    assert isinstance(a["task_id"], int) and b["task_id"] != a["task_id"]
    listed = messages(base, channel="dingtalk_work", touser="manager02")
    assert [m["msgid"] for m in listed] == [str(a["task_id"]), str(b["task_id"])]
    assert listed[0]["body"]["msg"]["markdown"]["title"] == "线索分配"
    assert listed[0]["recipients"] == ["manager01", "manager02"]

    assert (
        requests.post(url, params={"access_token": "nope"}, json=body, timeout=5).json()["errcode"]
        == 40014
    )
    requests.post(f"{base}/_standin/faults", json={"mode": "expire_tokens"}, timeout=5)
    assert (
        requests.post(
            url, params={"access_token": tok["access_token"]}, json=body, timeout=5
        ).json()["errcode"]
        == 42001
    )
    assert len(messages(base, channel="dingtalk_work")) == 2


def test_fault_http_500_count(base: str) -> None:
    token = wecom_token(base)
    r = requests.post(
        f"{base}/_standin/faults",
        json={"mode": "http_500", "count": 2, "channels": ["wecom_app"]},
        timeout=5,
    )
    assert r.json()["ok"] is True
    # Other channels are unaffected by a fault scoped to wecom_app.
    assert robot_send(base, "dev-robot", "SECdev-robot-secret", "x")["errcode"] == 0
    assert wecom_send(base, token, "u1", "1").status_code == 500
    assert wecom_send(base, token, "u1", "2").status_code == 500
    third = wecom_send(base, token, "u1", "3")
    assert third.status_code == 200 and third.json()["errcode"] == 0
    assert [m["body"]["text"]["content"] for m in messages(base, channel="wecom_app")] == ["3"]


def test_fault_down_and_rate_limit_by_time_then_none(base: str) -> None:
    token = wecom_token(base)
    requests.post(
        f"{base}/_standin/faults", json={"mode": "down", "seconds": 60}, timeout=5
    ).raise_for_status()
    started = time.monotonic()
    assert wecom_send(base, token, "u1", "x").status_code == 503
    assert wecom_send(base, token, "u1", "x").status_code == 503
    assert time.monotonic() - started < 2  # "down" answers quickly
    requests.post(f"{base}/_standin/faults", json={"mode": "none"}, timeout=5)
    assert wecom_send(base, token, "u1", "x").json()["errcode"] == 0

    requests.post(
        f"{base}/_standin/faults",
        json={"mode": "rate_limit", "count": 1, "channels": ["dingtalk_robot"]},
        timeout=5,
    )
    assert robot_send(base, "dev-robot", "SECdev-robot-secret", "x")["errcode"] == 130101
    assert robot_send(base, "dev-robot", "SECdev-robot-secret", "x")["errcode"] == 0


def test_fault_timeout_hangs_the_request(base: str) -> None:
    token = wecom_token(base)
    # delay_s shortens the default 30 s hang so the test stays quick; 3 s leaves the "y" sent
    # after the 1 s client timeout two seconds to land first, even on a loaded machine.
    requests.post(
        f"{base}/_standin/faults",
        json={"mode": "timeout", "count": 1, "channels": ["wecom_app"], "delay_s": 3},
        timeout=5,
    ).raise_for_status()
    with pytest.raises(requests.Timeout):
        requests.post(
            f"{base}/wecom/cgi-bin/message/send",
            params={"access_token": token},
            json={"touser": "u1", "msgtype": "text", "agentid": AGENT_ID, "text": {"content": "x"}},
            timeout=1,
        )
    # Only one request was affected.
    assert wecom_send(base, token, "u2", "y").json()["errcode"] == 0
    # Like the real host, the hung request is still processed after the caller gave up.
    listed = wait_until(lambda: len(found := messages(base, channel="wecom_app")) >= 2 and found)
    assert [m["body"]["text"]["content"] for m in listed or []] == ["y", "x"]
