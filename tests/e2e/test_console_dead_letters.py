"""The admin page's dead letters with replay, in a real browser: a lead's WeCom message is
dead-lettered in notify (its stand-in answers HTTP 500, notify gives up after 2 attempts),
the admin page lists it in Chinese, a click on 重投 sends it again once the stand-in is
well, and the page follows the replayed delivery until notify's log says it was delivered.

notify is restarted for this module against a private stand-in (a fault in the shared one
would fail every other test's messages) with SALES_NOTIFY_MAX_ATTEMPTS=2 (the default 12
attempts span 17-35 minutes), and restored afterwards."""

from __future__ import annotations

import subprocess
import sys
import uuid
from collections.abc import Iterator

import pytest
import requests

from devstack.demo import wait_for_queues_drained
from devstack.frontend import Frontend, call
from devstack.platform import ROOT
from devstack.probes import free_port, port_open
from devstack.sandbox import consuming
from sales.assignment.v1 import assignment_pb2 as a
from sales.common.v1 import org_pb2
from sales.common.v1 import types_pb2 as t
from sales.notify.v1 import notify_pb2 as n
from tests.e2e.conftest import wait_until
from tests.e2e.console_browser import chromium, logged_in, screenshot

FAULTY = {"SALES_NOTIFY_MAX_ATTEMPTS": "2"}


@pytest.fixture(scope="module")
def standin(tmp_path_factory) -> Iterator[str]:
    port = free_port()
    log = open(tmp_path_factory.mktemp("standin") / "standin.log", "ab")  # noqa: SIM115
    proc = subprocess.Popen([sys.executable, "-m", "devstack.im_standin", "--port", str(port)],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=log,
                            start_new_session=True)  # fmt: skip
    try:
        assert wait_until(lambda: port_open(port), timeout_s=15), "stand-in did not start"
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(10)
        log.close()


@pytest.fixture(scope="module")
def faulty_notify(platform, standin) -> Iterator[str]:
    """notify sending to the private stand-in, giving up after two attempts."""
    usual = platform.env
    _restart_notify(platform, {**usual, **FAULTY, "SALES_WECOM_BASE_URL": f"{standin}/wecom",
                               "SALES_DINGTALK_BASE_URL": f"{standin}/dingtalk"})  # fmt: skip
    try:
        yield standin
    finally:
        _restart_notify(platform, usual)


def _restart_notify(platform, env: dict[str, str]) -> None:
    platform.stop(["notify"])
    platform.env = env
    platform.start(["notify"], quiet=True)
    amqp = env["SALES_AMQP_URI"]
    assert wait_until(lambda: consuming(amqp, ["notify.events"]), timeout_s=60)


def fault(standin: str, mode: str) -> None:
    answer = requests.post(f"{standin}/_standin/faults",
                           json={"mode": mode, "channels": ["wecom_app"]}, timeout=10)  # fmt: skip
    answer.raise_for_status()


def people(suffix: str) -> list[org_pb2.Person]:
    def person(pid, name, roles, **more):
        return org_pb2.Person(person_id=pid, name=name, roles=roles, wecom_userid=f"wx-{pid}",
                              status=t.PERSON_STATUS_ACTIVE, **more)  # fmt: skip

    return [
        person(f"admin-{suffix}", "系统管理员", [t.ROLE_ADMIN]),
        person(f"sup-{suffix}", "王主管", [t.ROLE_SUPERVISOR]),
        person(f"rep-{suffix}", "李业务", [t.ROLE_REP], supervisor_id=f"sup-{suffix}",
               region_codes=["330100"], customer_types=[t.CUSTOMER_TYPE_KA], capacity=5),
    ]  # fmt: skip


def test_a_dead_letter_is_listed_in_chinese_and_replayed_from_the_admin_page(
    platform, faulty_notify
):
    tenant, suffix = f"dl-{uuid.uuid4().hex[:8]}", uuid.uuid4().hex[:6]
    admin = Frontend(platform.gateway_target, tenant, f"admin-{suffix}", ["admin"])
    for person in people(suffix):
        admin.upsert_person(person)
    amqp = platform.env["SALES_AMQP_URI"]
    wait_for_queues_drained(amqp, ["assignment.events", "notify.events"])
    request = a.CreateLeadRequest(
        external_id=f"dl-{suffix}", channel="referral", customer_type=t.CUSTOMER_TYPE_KA,
        region_code="330106", urgency=t.URGENCY_RED, customer_name="世纪联华(西湖文三路店)",
        phone="13800000000")  # fmt: skip
    # An empty queue is not a handled event (the consumer may hold it, unacknowledged):
    # the rep is known to assignment once a dry run would route the lead to them.
    wait_until(lambda: [c.rep_id for c in call(admin, "DryRunAssignment", request).candidates]
               == [f"rep-{suffix}"], timeout_s=60)  # fmt: skip
    fault(faulty_notify, "http_500")
    lead = admin.create_lead(request)
    assert lead.assigned_rep_id == f"rep-{suffix}"

    def dead() -> n.Delivery | None:
        found = call(admin, "ListDeadLetters", n.ListDeadLettersRequest()).deliveries
        return next((d for d in found if d.recipient_id == f"rep-{suffix}"), None)

    letter = wait_until(dead, timeout_s=60)
    assert letter, admin.deliveries()  # the rep's message never dead-lettered
    with chromium() as browser:
        page = logged_in(browser, platform.console_url, tenant, f"admin-{suffix}")
        button = f'[data-testid="replay-{letter.delivery_id}"]'  # the id holds colons
        row = page.locator("tr", has=page.locator(button))
        shown = row.inner_text()
        assert "线索已分配" in shown and "已转入死信队列" in shown and "企业微信" in shown, shown
        assert "2 次" in shown and f"rep-{suffix}" in shown
        screenshot(page, "admin-dead-letters")
        fault(faulty_notify, "none")  # the provider is well again
        page.click(button)
        page.wait_for_selector("[data-testid=replayed]")
        assert "已重新投递 1 条" in page.inner_text("[data-testid=replayed]")
        page.wait_for_function(
            "() => document.querySelector('[data-testid=replay-status]')?.textContent === '已送达'",
            timeout=30_000,
        )
        outcome = page.inner_text("[data-testid=replay-outcome]")
        assert "重投结果" in outcome and "线索已分配" in outcome, outcome
        assert not page.query_selector(button)
        screenshot(page, "admin-dead-letter-replayed")
        page.context.close()
    [sent] = admin.deliveries(source_event_id=letter.source_event_id,
                              recipient_id=letter.recipient_id)  # fmt: skip
    assert sent.status == n.DELIVERY_STATUS_SENT and sent.replays == 1
    assert sent.replayed_by == f"admin-{suffix}"
    inbox = requests.get(f"{faulty_notify}/_standin/messages",
                         params={"touser": f"wx-rep-{suffix}"}, timeout=10).json()  # fmt: skip
    assert len(inbox["messages"]) == 1, inbox  # sent once, after the replay
    admin.close()
