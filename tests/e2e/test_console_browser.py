"""The web console in a real browser (Debian's Chromium, headless, via Playwright) against
the whole platform with the demo organisation's day (devstack/console_demo.py): each role
logs in and sees its page, finance approves a request and the rep's page shows it, a store
rates a visit through its QR page, a rep cannot open another rep's records. Screenshots of
every page are kept under .run/screenshots/ (printed with -s)."""

from __future__ import annotations

import uuid

import pytest
import requests

from devstack.console_demo import DemoDay, seed
from devstack.frontend import Frontend, my_approvals
from sales.visits.v1 import approvals_pb2 as ap
from sales.visits.v1 import ratings_pb2 as ra
from tests.e2e.conftest import wait_until
from tests.e2e.console_browser import PHONE, chromium, logged_in, open_page, screenshot


@pytest.fixture(scope="module")
def day(platform) -> DemoDay:
    return seed(platform.gateway_target, f"demo-{uuid.uuid4().hex[:8]}")


@pytest.fixture(scope="module")
def browser():
    with chromium() as running:
        yield running


ROLE_PAGES = [
    ("rep-liming", "/rep", ["我的今日", "今日待拜访", "逾期承诺", "本周满意度", "数据信用"]),
    ("sup-hz", "/supervisor", ["团队热力图"]),
    ("dir-huang", "/director", ["区域"]),
    ("fin-qian", "/finance", ["待审批的特价申请"]),
    ("admin-it", "/admin", ["分配规则", "试算分配", "通知路由", "死信"]),
]


@pytest.mark.parametrize(("person", "path", "headings"), ROLE_PAGES)
def test_each_role_logs_in_and_sees_its_page(platform, day, browser, person, path, headings):
    page = logged_in(browser, platform.console_url, day.tenant, person)
    assert page.url.endswith(path)
    text = page.inner_text("main")
    for heading in headings:
        assert heading in text, text
    assert not page.query_selector(".refusal"), page.inner_text(".refusal")
    screenshot(page, f"{path.strip('/')}-desk")
    page.set_viewport_size(PHONE)
    screenshot(page, f"{path.strip('/')}-phone")
    page.context.close()


def test_the_reps_figures_open_their_records(platform, day, browser):
    page = logged_in(browser, platform.console_url, day.tenant, "rep-liming")
    pending = page.inner_text("[data-testid=pending-visits] .figure-value")
    assert int(pending) == len(day.stores_of["rep-liming"]) - 1  # one store visited today
    page.click("[data-testid=pending-visits]")
    rows = page.query_selector_all("#records tbody tr")
    assert len(rows) == int(pending)
    names = {s.name for s in day.stores_of["rep-liming"][1:]}
    assert {r.query_selector_all("td")[1].inner_text() for r in rows} == names
    screenshot(page, "rep-pending-records")
    page.context.close()


def test_finance_approves_and_the_rep_sees_it(platform, day, browser):
    rep = Frontend(platform.gateway_target, day.tenant, "rep-liming", ["rep"])
    [approval] = [a for a in my_approvals(rep) if a.visit_id == day.approval_visit]
    finance = logged_in(browser, platform.console_url, day.tenant, "fin-qian")
    finance.fill(f"[data-testid=comment-{approval.approval_id}]", "同意,本月促销")
    finance.click(f"[data-testid=approve-{approval.approval_id}]")
    finance.wait_for_selector(f"[data-testid=approve-{approval.approval_id}]", state="detached")
    screenshot(finance, "finance-after-approval")
    decided = wait_until(
        lambda: next(
            (a for a in my_approvals(rep) if a.status == ap.APPROVAL_STATUS_APPROVED), None
        )
    )
    assert decided.approval_id == approval.approval_id and decided.comment == "同意,本月促销"
    page = logged_in(browser, platform.console_url, day.tenant, "rep-liming")
    assert "已批准" in page.inner_text("[data-testid=approval-status]")
    screenshot(page, "rep-sees-approval")
    for context in (finance.context, page.context):
        context.close()
    rep.close()


def test_a_reject_needs_a_comment(platform, day, browser):
    """The page says so before sending; the gateway would refuse it too."""
    page = logged_in(browser, platform.console_url, day.tenant, "fin-qian")
    buttons = page.query_selector_all("[data-testid^=reject-]")
    if buttons:  # every approval of the day may already be decided by the test above
        buttons[0].click()
        assert "驳回时必须填写意见" in page.inner_text("main")
    page.context.close()


def test_a_store_rates_a_visit_through_the_qr_page(platform, day, browser):
    assert day.rating_url.startswith(platform.console_url + "/rate?t=")
    page = browser.new_context(viewport=PHONE, locale="zh-CN").new_page()
    page.goto(day.rating_url)
    page.click("[data-stars='4']")
    page.wait_for_selector(".done")
    assert "4 星" in page.inner_text("#result")
    screenshot(page, "rate-phone")
    rep = Frontend(platform.gateway_target, day.tenant, "rep-liming", ["rep"])
    satisfaction = rep.stub.GetRepSatisfaction(
        ra.GetRepSatisfactionRequest(), metadata=rep.metadata, timeout=10
    )
    assert satisfaction.ratings == 1 and satisfaction.by_stars[3] == 1
    page.goto(day.rating_url)  # the same code again: spent
    page.click("[data-stars='5']")
    page.wait_for_selector("#result.refusal")
    assert "ALREADY_EXISTS" in page.inner_text("#result")
    page.context.close()
    rep.close()


def test_a_rep_cannot_open_another_reps_records(platform, day, browser):
    page = logged_in(browser, platform.console_url, day.tenant, "rep-liming")
    open_page(page, f"{platform.console_url}/rep?rep=rep-zhaolei")
    refusals = page.query_selector_all(".refusal")
    assert refusals and all(r.get_attribute("data-status") == "PERMISSION_DENIED" for r in refusals)
    assert "赵磊" not in page.inner_text("main")
    screenshot(page, "rep-refused")
    cookies = {c["name"]: c["value"] for c in page.context.cookies()}
    for method in ("ListRepApprovals", "ListVisits", "ListCommitments", "GetRepSatisfaction"):
        answer = requests.post(
            f"{platform.console_url}/api/v1/{method}", json={"repId": "rep-zhaolei"},
            cookies=cookies, timeout=10,
        )  # fmt: skip
        assert answer.status_code == 403, (method, answer.text)
        assert answer.json()["error"]["status"] == "PERMISSION_DENIED"
    page.context.close()
