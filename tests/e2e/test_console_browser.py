"""The web console in a real browser (Debian's Chromium, headless, via Playwright) against
the whole platform with the demo organisation's day (devstack/console_demo.py): each role
logs in and sees its page, finance approves a request and the rep's page shows it, a store
rates a visit through its QR page, a rep cannot open another rep's records. Screenshots of
every page are kept under .run/screenshots/ (printed with -s)."""

from __future__ import annotations

import re
import uuid
from datetime import date

import pytest
import requests

from devstack.console_demo import DemoDay, seed
from devstack.frontend import Frontend, call, my_approvals, pending_visits
from sales.assignment.v1 import assignment_pb2 as a
from sales.common.v1 import types_pb2 as t
from sales.scoring.v1 import scoring_pb2 as sc
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
    ("dir-huang", "/director", ["区域与团队 PHI", "未来 12 个月营收预测", "营收归因", "P90"]),
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
    page.wait_for_timeout(300)  # the charts follow their boxes (ResizeObserver)
    assert page.evaluate(OVERFLOW) <= 0, f"{path} scrolls sideways on a phone"
    screenshot(page, f"{path.strip('/')}-phone")
    page.context.close()


def records_shown(page) -> list[list[str]]:
    page.wait_for_selector("#records[open] .records-body :is(table, .empty, .refusal)")
    return [[td.inner_text() for td in row.query_selector_all("td")]
            for row in page.query_selector_all("#records tbody tr")]  # fmt: skip


def test_the_reps_figures_open_their_records(platform, day, browser):
    rep = Frontend(platform.gateway_target, day.tenant, "rep-liming", ["rep"])
    expected = {item.store_name for item in pending_visits(rep).items}
    page = logged_in(browser, platform.console_url, day.tenant, "rep-liming")
    assert int(page.inner_text("[data-testid=pending-visits] .figure-value")) == len(expected)
    page.click("[data-testid=pending-visits]")
    assert {row[1] for row in records_shown(page)} == expected
    screenshot(page, "rep-pending-records")
    page.click("#records .close")
    # the data credit: its deductions name their causes (the card lacked two photo slots)
    page.click("[data-testid=credit-completeness]")
    causes = records_shown(page)
    assert causes and all(row[1] == "-2" for row in causes), causes
    assert {row[3] for row in causes} == {"缺少:货架照", "缺少:洽谈照"}
    screenshot(page, "rep-credit-records")
    page.click("#records .close")
    # every figure of the page opens its records, none refused
    for testid in [f.get_attribute("data-testid") for f in page.query_selector_all(".figure")]:
        page.click(f"[data-testid={testid}]")
        records_shown(page)
        assert not page.query_selector("#records .refusal"), (testid, page.inner_text("#records"))
        page.click("#records .close")
    page.context.close()
    rep.close()


def cell_click(page, x: int, y: int) -> None:
    """Click the heatmap's cell (x: metric, y: rep) where ECharts drew it."""
    box = page.query_selector("[data-testid=heatmap]").bounding_box()
    px, py = page.evaluate(
        "([x, y]) => document.querySelector('[data-testid=heatmap]').chart"
        ".convertToPixel({seriesIndex: 0}, [x, y])", [x, y])  # fmt: skip
    page.mouse.click(box["x"] + px, box["y"] + py)


def test_the_heatmap_draws_every_cell_and_a_cell_opens_its_records(platform, day, browser):
    supervisor = Frontend(platform.gateway_target, day.tenant, "sup-hz", ["supervisor"])
    request = sc.GetTeamHeatmapRequest(team_id="team-hz",
                                       period=sc.PeriodRequest(kind=sc.PERIOD_KIND_WEEK))  # fmt: skip
    expected = call(supervisor, "GetTeamHeatmap", request)
    page = logged_in(browser, platform.console_url, day.tenant, "sup-hz")
    drawn = page.evaluate(
        "() => document.querySelector('[data-testid=heatmap]').chart.getOption().series[0].data"
        ".map((d) => [d.value[0], d.value[1], d.cell.text])"
    )
    assert len(drawn) == len(expected.rows) * 3 == 3 * 3  # 王建国's three reps x three parts
    # every rep owns stores and has the day's figures (no row of 无数据 only)
    assert all(any(c.ratio.has_value for c in row.cells) for row in expected.rows)
    texts = {(x, y): text for x, y, text in drawn}
    for y, row in enumerate(expected.rows):
        assert [texts[(x, y)] for x in range(3)] == [c.ratio.percent_text for c in row.cells]
    y = next(i for i, r in enumerate(expected.rows) if r.rep_id == "rep-liming")
    closure = list(expected.metrics).index("commitment_closure")
    cell_click(page, closure, y)
    shown = records_shown(page)
    assert len(shown) == expected.rows[y].cells[closure].ratio.denominator == 1
    [commitment] = Frontend.commitments(Frontend(platform.gateway_target, day.tenant,
                                                 "rep-liming", ["rep"]))  # fmt: skip
    assert shown[0][0] == commitment.store_name and shown[0][3] == commitment.description
    screenshot(page, "supervisor-cell-records")
    page.click("#records .close")
    plan = list(expected.metrics).index("plan_completion")
    cell_click(page, plan, y)
    ratio = expected.rows[y].cells[plan].ratio
    # a plan day a row (near midnight in Shanghai visits has planned tomorrow too): together
    # they make the cell's ratio
    days = [re.search(r"完成 (\d+)/(\d+)", row[1]).groups() for row in records_shown(page)]
    assert [sum(int(d[0]) for d in days), sum(int(d[1]) for d in days)] == [
        ratio.numerator, ratio.denominator], days  # fmt: skip
    page.context.close()
    supervisor.close()


def test_the_director_sees_the_forecast_range_and_who_moved_revenue(platform, day, browser):
    page = logged_in(browser, platform.console_url, day.tenant, "dir-huang")
    months = page.evaluate(
        "() => document.querySelector('[data-testid=forecast]').chart.getOption().xAxis[0].data"
    )
    assert len(months) == 12
    assert "P10" in page.inner_text("[data-testid=forecast-range]")
    summary = page.inner_text("[data-testid=attribution-summary]")
    assert "李明" in page.inner_text("main") and "营收" in summary
    screenshot(page, "director-attribution")
    page.context.close()


def test_finance_approves_and_the_rep_sees_it(platform, day, browser):
    rep = Frontend(platform.gateway_target, day.tenant, "rep-liming", ["rep"])
    [approval] = [a for a in my_approvals(rep) if a.visit_id == day.approval_visit]
    finance = logged_in(browser, platform.console_url, day.tenant, "fin-qian")
    # every waiting request names its rep (李明, 赵磊), not only the id
    names = {n.get_attribute("title"): n.inner_text()
             for n in finance.query_selector_all("[data-testid^=rep-]")}  # fmt: skip
    assert names == {"rep-liming": "李明", "rep-zhaolei": "赵磊"}, names
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


def test_a_reject_needs_a_comment_and_the_rep_sees_the_rejection(platform, day, browser):
    """The page says so before sending (the gateway would refuse it too); with a comment the
    request is rejected, and the rep's page shows it with finance's words."""
    rep = Frontend(platform.gateway_target, day.tenant, "rep-zhaolei", ["rep"])
    [approval] = [a for a in my_approvals(rep) if a.visit_id == day.second_approval_visit]
    page = logged_in(browser, platform.console_url, day.tenant, "fin-qian")
    page.click(f"[data-testid=reject-{approval.approval_id}]")
    assert "驳回时必须填写意见" in page.inner_text("main")
    assert page.query_selector(f"[data-testid=reject-{approval.approval_id}]")  # still waiting
    page.fill(f"[data-testid=comment-{approval.approval_id}]", "折扣超出本季度预算")
    page.click(f"[data-testid=reject-{approval.approval_id}]")
    page.wait_for_selector(f"[data-testid=reject-{approval.approval_id}]", state="detached")
    screenshot(page, "finance-after-rejection")
    mine = logged_in(browser, platform.console_url, day.tenant, "rep-zhaolei")
    shown = mine.inner_text("main")
    assert "已驳回" in mine.inner_text("[data-testid=approval-status]")
    assert "折扣超出本季度预算" in shown, shown
    for context in (page.context, mine.context):
        context.close()
    rep.close()


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
    mine = logged_in(browser, platform.console_url, day.tenant, "rep-liming")
    assert "4.0 星" in wait_until(lambda: _satisfaction_shown(mine, platform))
    mine.click("[data-testid=satisfaction]")
    [rating] = records_shown(mine)[:1]
    assert "4" in " ".join(rating), rating
    screenshot(mine, "rep-satisfaction-records")
    mine.context.close()
    page.goto(day.rating_url)  # the same code again: spent
    page.click("[data-stars='5']")
    page.wait_for_selector("#result.refusal")
    assert "ALREADY_EXISTS" in page.inner_text("#result")
    page.context.close()
    rep.close()


def _satisfaction_shown(page, platform) -> str | None:
    """The figure once scoring has the rating (it reads the event asynchronously)."""
    page.reload()
    page.wait_for_selector("body[data-ready='1']", state="attached")
    text = page.inner_text("[data-testid=satisfaction]")
    return text if "星" in text.replace("0 条", "") else None


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


def test_the_admin_dry_runs_an_assignment(platform, day, browser):
    page = logged_in(browser, platform.console_url, day.tenant, "admin-it")
    page.click("[data-testid=dry-run]")
    page.wait_for_selector("[data-testid=dry-run-result]")
    admin = Frontend(platform.gateway_target, day.tenant, "admin-it", ["admin"])
    probe = a.CreateLeadRequest(external_id="dry-run-check", channel="referral",
                                customer_type=t.CUSTOMER_TYPE_KA, region_code="330106",
                                urgency=t.URGENCY_RED, customer_name="试算门店",
                                phone="13800000000")  # fmt: skip
    decision = call(admin, "DryRunAssignment", probe)
    shown = page.inner_text("[data-testid=dry-run-result]")
    assert decision.reason in shown
    assert all(c.rep_id in shown for c in decision.candidates)
    screenshot(page, "admin-dry-run")
    page.context.close()
    admin.close()


# What a thumb can hit: WCAG 2.2's enhanced target size is 44 x 44 CSS px; 40 leaves room
# for the borders of a control drawn right at it.
THUMB_PX = 40
OVERFLOW = "() => document.documentElement.scrollWidth - window.innerWidth"
SMALL_CONTROLS = """(least) => [...document.querySelectorAll('button, a[href], input, select, textarea')]
  .filter((e) => e.offsetParent !== null || e.closest('dialog[open]'))
  .map((e) => [e.dataset.testid || e.textContent.trim() || e.name || e.tagName,
               e.getBoundingClientRect()])
  .filter(([, r]) => r.width > 0 && (r.width < least || r.height < least))
  .map(([name, r]) => `${name} ${Math.round(r.width)}x${Math.round(r.height)}`)"""


def assert_fits_a_phone(page, where: str) -> None:
    assert page.evaluate(OVERFLOW) <= 0, f"{where}: the page scrolls sideways"
    small = page.evaluate(SMALL_CONTROLS, THUMB_PX)
    assert not small, f"{where}: controls too small to tap: {small}"


def test_the_rep_page_and_the_rating_page_fit_a_phone(platform, day, browser):
    page = logged_in(browser, platform.console_url, day.tenant, "rep-liming", viewport=PHONE)
    assert_fits_a_phone(page, "/rep")
    figures = page.query_selector_all(".figure")
    assert len(figures) >= 5
    page.click("[data-testid=pending-visits]")
    records_shown(page)
    dialog = page.query_selector("#records").bounding_box()
    assert dialog["width"] <= PHONE["width"] and dialog["x"] >= 0
    assert_fits_a_phone(page, "/rep 的明细")
    screenshot(page, "rep-phone-records")
    page.context.close()
    rate = browser.new_context(viewport=PHONE, locale="zh-CN", has_touch=True,
                               is_mobile=True).new_page()  # fmt: skip
    rate.goto(f"{platform.console_url}/rate?t=not-a-code")
    rate.wait_for_selector("[data-stars='5']")
    assert_fits_a_phone(rate, "/rate")
    stars = [rate.query_selector(f"[data-stars='{n}']").bounding_box() for n in range(1, 6)]
    assert len({round(s["y"]) for s in stars}) == 1  # one row: one tap per star
    assert all(s["x"] >= 0 and s["x"] + s["width"] <= PHONE["width"] for s in stars)
    rate.tap("[data-stars='3']")  # a touch, as a phone sends it: refused, in Chinese
    rate.wait_for_selector("#result.refusal")
    assert "二维码无效" in rate.inner_text("#result")  # not the console's "请先登录"
    screenshot(rate, "rate-phone-refused")
    rate.context.close()


def test_the_director_page_draws_each_panel_as_its_calls_answer(platform, day, browser):
    """The stores held back: the forecast (which needs none of them) is drawn meanwhile,
    PHI and the attribution wait; a failed call fails its own panel only, in Chinese."""
    page = logged_in(browser, platform.console_url, day.tenant, "dir-huang")
    held = []
    page.route("**/api/v1/ListStores", lambda route: held.append(route))
    page.route("**/api/v1/ForecastRevenue", lambda route: route.abort())
    page.route(
        "**/api/v1/ExplainRegionRevenue",
        lambda route: route.fulfill(
            status=503,
            content_type="application/json",
            body='{"error": {"status": "UNAVAILABLE", "code": 14, "message": "归因服务正在重启"}}',
        ),
    )
    page.goto(f"{platform.console_url}/director")
    forecast = page.locator(".panel", has_text="未来 12 个月营收预测")
    forecast.locator(".refusal").wait_for()
    assert "无法连接服务器" in forecast.inner_text()
    for _ in range(100):  # the route handler runs while Playwright is waiting, not in sleep
        if held:
            break
        page.wait_for_timeout(100)
    assert held, "the page never asked for the stores"
    phi = page.locator(".panel", has_text="区域与团队 PHI")
    assert "加载中" in phi.inner_text()  # still waiting for the stores
    assert page.get_attribute("body", "data-ready") is None
    for route in held:
        route.continue_()
    page.wait_for_selector("body[data-ready='1']", state="attached")
    assert "团队 team-hz" in phi.inner_text() and not phi.locator(".refusal").count()
    attribution = page.locator(".panel", has_text="营收归因")
    assert "服务暂时不可用" in attribution.inner_text()
    assert "归因服务正在重启" in attribution.inner_text()
    screenshot(page, "director-panel-refusals")
    page.context.close()


def test_the_supervisor_sees_phi_over_the_weeks(platform, day, browser):
    """The trend is one GetPhiSeries call (ADR 046), each of its 8 weeks the figure GetPhi
    gives for that week; the newest is this week's, drawn at once (no entrance animation
    hiding the rightmost point when the page says it is ready)."""
    supervisor = Frontend(platform.gateway_target, day.tenant, "sup-hz", ["supervisor"])
    page = logged_in(browser, platform.console_url, day.tenant, "sup-hz")
    asked: list[str] = []
    page.on("request", lambda r: asked.append(r.url.rsplit("/", 1)[-1]))
    open_page(page, f"{platform.console_url}/supervisor")
    assert asked.count("GetPhiSeries") == 1 and "GetPhi" not in asked, asked
    option = page.evaluate(
        "() => { const o = document.querySelector('[data-testid=phi-trend-team-hz]').chart"
        ".getOption(); return {animation: o.animation, weeks: o.xAxis[0].data,"
        " phi: o.series[0].data}; }"
    )
    assert len(option["weeks"]) == 8
    for label, drawn in zip(option["weeks"], option["phi"], strict=True):
        monday = date.fromisocalendar(int(label[:4]), int(label[-2:]), 1)
        request = sc.GetPhiRequest(scope=sc.SCOPE_KIND_TEAM, scope_id="team-hz",
                                   period=sc.PeriodRequest(kind=sc.PERIOD_KIND_WEEK,
                                                           date=monday.isoformat()))  # fmt: skip
        week = call(supervisor, "GetPhi", request)
        assert week.period.label == label
        assert (drawn is None) == (not week.has_value), (label, drawn)
        assert drawn is None or abs(drawn - week.percent) < 0.051, (label, drawn, week.percent)
    this_week = call(supervisor, "GetPhi", sc.GetPhiRequest(
        scope=sc.SCOPE_KIND_TEAM, scope_id="team-hz",
        period=sc.PeriodRequest(kind=sc.PERIOD_KIND_WEEK)))  # fmt: skip
    assert option["weeks"][-1] == this_week.period.label and this_week.has_value
    assert option["animation"] is False
    screenshot(page, "supervisor-phi-trend")
    page.context.close()
    supervisor.close()


def test_the_directors_region_trend_is_one_call(platform, day, browser):
    page = logged_in(browser, platform.console_url, day.tenant, "dir-huang")
    asked: list[str] = []
    page.on("request", lambda r: asked.append(r.url.rsplit("/", 1)[-1]))
    open_page(page, f"{platform.console_url}/director")
    weeks = page.evaluate(
        "() => document.querySelector('[data-testid^=phi-trend-]').chart.getOption().xAxis[0].data"
    )
    assert len(weeks) == 8 and asked.count("GetPhiSeries") == 1, asked
    # the rest: the stores, each owner rep, the regions' and teams' month figures, the
    # forecast and the attribution; no call a week any more
    assert asked.count("GetPhi") <= 4, asked
    page.context.close()
