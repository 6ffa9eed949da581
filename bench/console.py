"""The web console on the demo organisation's day (devstack/console_demo.py), every service
running in a sandbox. The data is what that day loads (the figures name it under "data"):
the demo directory, its store sheet, one card a rep, the ERP back-fill of orders.

- the JSON API: p50/p95/p99 of each dashboard call through the gateway's HTTP face, with a
  session cookie, one call at a time (what a page's figures cost), with its throughput and
  its p95 against the 100 ms bar;
- the PHI trend (ADR 046) both ways, interleaved round by round on the same platform: the
  8 weekly GetPhi calls the pages used to issue at once (6 at a time, as a browser does on
  one host) against one GetPhiSeries;
- each page in Debian's Chromium, headless: Navigation Timing (DOMContentLoaded, load), the
  time until the page has drawn its figures (`data-ready`, set by console.js, as Playwright
  sees it) and until its first and last panel were drawn (the `data-drawn-ms` ui.guarded
  stamps on each panel, read in the page);
- with --ab N: the supervisor's and director's pages N loads each with the trend of 8 calls
  (the module served with the old phiTrend) and N with one call, alternating load by load.

    python -m bench.console --calls 200 --loads 15
    python -m bench.console --calls 50 --loads 10 --ab 12
    python -m bench.console --calls 0 --loads 15 --pages /director --name console-director
    python -m bench.console --history full --name console-full   # on the full demo data

--history SIZE first loads the generator's distributor of that size, worn by the demo
people (devstack/demo_data/demo_tenant.py, as make run's slice is), through the services'
own paths: every figure is then on that many reps, stores, cards and orders. The full size
takes as long as P5's load (bench/demo_load.py), and reports its time under "history".
"""

from __future__ import annotations

import argparse
import base64
import re
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

import requests

from bench.common import QUIET, percentiles, progress, report
from devstack import infra
from devstack.console_demo import DemoDay, seed
from devstack.demo_data import demo_tenant, load
from devstack.demo_data import generate as g
from devstack.demo_org import PEOPLE
from devstack.platform import Platform
from devstack.probes import wait_until
from devstack.sandbox import CONSUMER_QUEUES, consuming, sandbox
from services.common.clock import SHANGHAI
from tests.e2e.console_browser import chromium, logged_in, open_page

PAGE_TARGET_MS = 1000.0  # a page with its figures within a second on a laptop
CALL_BAR_MS = 100.0  # a dashboard call's p95 (README's figures table)
WEEKS = 8  # the pages' PHI trend
BROWSER_CONNECTIONS = 6  # Chromium's HTTP/1.1 connections to one host


def shanghai_day(days_ago: int = 0) -> str:
    return (datetime.now(UTC).astimezone(SHANGHAI) - timedelta(days=days_ago)).date().isoformat()


def series(scope: str, scope_id: str) -> dict[str, str]:
    return {"scope": scope, "scopeId": scope_id, "granularity": "PERIOD_KIND_WEEK",
            "firstDay": shanghai_day(7 * (WEEKS - 1)), "lastDay": shanghai_day()}  # fmt: skip


# (person, call, body): what each role's page asks for its figures
CALLS = [
    ("rep-liming", "ListPendingVisits", {}),
    ("rep-liming", "ListCommitments", {"onlyOverdue": True}),
    ("rep-liming", "GetRepSatisfaction", {}),
    ("rep-liming", "ListVisits", {"page": {"pageSize": 50}}),
    ("rep-liming", "ListRepApprovals", {}),
    ("rep-liming", "GetRepDashboard", {}),
    ("rep-liming", "GetDataCredit", {}),
    ("rep-liming", "ListCreditDeductions", {}),
    ("sup-hz", "GetTeamHeatmap", {"period": {"kind": "PERIOD_KIND_WEEK"}}),
    ("sup-hz", "GetPhi", {"scope": "SCOPE_KIND_TEAM", "scopeId": "team-hz"}),
    ("sup-hz", "GetPhiSeries", series("SCOPE_KIND_TEAM", "team-hz")),
    ("dir-huang", "GetPhi", {"scope": "SCOPE_KIND_REGION", "scopeId": "330100"}),
    ("dir-huang", "GetPhiSeries", series("SCOPE_KIND_REGION", "330100")),
    ("dir-huang", "ForecastRevenue", {"mode": "FORECAST_MODE_FROM_HISTORY"}),
    ("fin-qian", "ListApprovalQueue", {}),
]
PAGES = [("rep-liming", "/rep"), ("sup-hz", "/supervisor"), ("dir-huang", "/director"),
         ("fin-qian", "/finance"), ("admin-it", "/admin")]  # fmt: skip


def session(base: str, tenant: str, person: str) -> requests.Session:
    http = requests.Session()
    answer = http.post(f"{base}/api/session", json={"tenantId": tenant, "personId": person})
    answer.raise_for_status()
    return http


def time_calls(base: str, tenant: str, count: int) -> dict[str, object]:
    figures: dict[str, object] = {}
    sessions: dict[str, requests.Session] = {}
    for person, method, body in CALLS:
        http = sessions.setdefault(person, session(base, tenant, person))
        samples, statuses = [], {}
        for _ in range(count + 5):
            started = time.perf_counter()
            # The first call may be cold (the forecast fits the whole history: 20-40 s at
            # full size); it is a warm-up, reported as first_ms, not a timed sample.
            answer = http.post(f"{base}/api/v1/{method}", json=body, timeout=180)
            took = (time.perf_counter() - started) * 1000
            statuses[answer.status_code] = statuses.get(answer.status_code, 0) + 1
            samples.append(took)
        label = f"{method}({person})"
        timed = percentiles(samples[5:])
        figures[label] = {**timed, "first_ms": round(samples[0], 1),
                          "per_s": round(1000 / timed["mean_ms"], 1),
                          "p95_vs_bar": round(timed["p95_ms"] / CALL_BAR_MS, 3),
                          "statuses": statuses}  # fmt: skip
        progress("calls", len(figures), len(CALLS))
    return figures


def _trend_old_way(sessions: list[requests.Session], url: str, scope: dict) -> None:
    """The 8 weekly GetPhi calls issued at once, as the pages did before ADR 046."""
    bodies = [{"scope": scope["scope"], "scopeId": scope["scopeId"],
               "period": {"kind": "PERIOD_KIND_WEEK", "date": shanghai_day(7 * i)}}
              for i in range(WEEKS)]  # fmt: skip
    with ThreadPoolExecutor(BROWSER_CONNECTIONS) as pool:
        answers = list(pool.map(lambda ib: sessions[ib[0] % len(sessions)].post(
            f"{url}/GetPhi", json=ib[1], timeout=30), enumerate(bodies)))  # fmt: skip
    if any(a.status_code != 200 for a in answers):
        raise SystemExit(f"GetPhi refused: {[a.text for a in answers if a.status_code != 200]}")


def time_trends(base: str, tenant: str, rounds: int) -> dict[str, object]:
    """The PHI trend both ways, interleaved round by round (the same platform, the same
    moment's noise): 8 GetPhi at once against one GetPhiSeries; wall time of the whole trend."""
    figures: dict[str, object] = {}
    for person, scope in (("sup-hz", series("SCOPE_KIND_TEAM", "team-hz")),
                          ("dir-huang", series("SCOPE_KIND_REGION", "330100"))):  # fmt: skip
        sessions = [session(base, tenant, person) for _ in range(BROWSER_CONNECTIONS)]
        url, before, after = f"{base}/api/v1", [], []
        for i in range(rounds + 3):
            started = time.perf_counter()
            _trend_old_way(sessions, url, scope)
            middle = time.perf_counter()
            answer = sessions[0].post(f"{url}/GetPhiSeries", json=scope, timeout=30)
            answer.raise_for_status()
            if len(answer.json()["points"]) != WEEKS:
                raise SystemExit(f"GetPhiSeries answered {answer.text[:200]}")
            if i >= 3:  # warm-up rounds
                before.append((middle - started) * 1000)
                after.append((time.perf_counter() - middle) * 1000)
        old, new = percentiles(before), percentiles(after)
        figures[f"{scope['scope']}:{scope['scopeId']}({person})"] = {
            "8_getphi_at_once": old, "1_getphiseries": new,
            "p50_after_vs_before": round(new["p50_ms"] / old["p50_ms"], 3),
            "p95_after_vs_before": round(new["p95_ms"] / old["p95_ms"], 3),
        }  # fmt: skip
        for http in sessions:
            http.close()
    return figures


# Navigation Timing, the moment the page says it is ready, its last and first panel drawn
# (ms since navigation started; a page without stamped panels counts its ready moment).
TIMING = """() => { const n = performance.getEntriesByType('navigation')[0];
  const drawn = [...document.querySelectorAll('[data-drawn-ms]')].map((e) => +e.dataset.drawnMs);
  return [n.domContentLoadedEventEnd, n.loadEventEnd, performance.now(),
          drawn.length ? Math.max(...drawn) : performance.now(),
          drawn.length ? Math.min(...drawn) : performance.now()]; }"""
NAMES = ["dom_content_loaded", "load", "figures_drawn", "last_panel_drawn", "first_panel_drawn"]

# The trend as the pages drew it before ADR 046: one GetPhi call a week (--ab's "before").
OLD_TREND = """export async function phiTrend(scope, scopeId) {
  const today = new Date();
  const dates = [...Array(WEEKS).keys()].reverse().map((i) => {
    const day = new Date(today.getTime() - i * 7 * 86400000);
    return day.toLocaleDateString("sv-SE", { timeZone: "Asia/Shanghai" });
  });
  const weeks = await Promise.all(dates.map((date) =>
    call("GetPhi", { scope, scopeId, period: { kind: "PERIOD_KIND_WEEK", date } })));
  const value = (ratio) => (ratio.hasValue ? Number(ratio.percent.toFixed(1)) : null);
  const parts = weeks[0].components.map((c, i) => ({
    name: c.label, values: weeks.map((w) => value(w.components[i])),
  }));
  return chartBox(`phi-trend-${scopeId}`, (box) => lines(box, weeks.map((w) => w.period.label),
    [{ name: "PHI", values: weeks.map(value) }, ...parts], { unit: "%" }));
}
"""
TREND_MODULE = Path(__file__).resolve().parents[1] / "console/static/js/pages/supervisor.js"


def old_trend_module() -> str:
    current = TREND_MODULE.read_text()
    swapped = re.sub(r"(//[^\n]*\n)*export async function phiTrend[\s\S]*", OLD_TREND, current)
    if swapped == current or "GetPhiSeries" in swapped:
        raise SystemExit("phiTrend not found in supervisor.js: the --ab swap needs updating")
    return swapped


def _timings(page, url: str) -> list[float]:
    open_page(page, url)
    return page.evaluate(TIMING)


def _summary(samples: dict[str, list[float]]) -> dict[str, object]:
    found: dict[str, object] = {name: percentiles(samples[name]) for name in NAMES}
    found["figures_drawn_p95_vs_target"] = round(
        percentiles(samples["figures_drawn"])["p95_ms"] / PAGE_TARGET_MS, 3
    )
    return found


def time_pages(base: str, tenant: str, loads: int, paths: list[str]) -> dict[str, object]:
    figures: dict[str, object] = {}
    wanted = [(person, path) for person, path in PAGES if path in paths]
    with chromium() as browser:
        for person, path in wanted:
            page = logged_in(browser, base, tenant, person)
            samples: dict[str, list[float]] = {name: [] for name in NAMES}
            for _ in range(loads):
                for name, value in zip(NAMES, _timings(page, base + path), strict=True):
                    samples[name].append(value)
            figures[path] = _summary(samples)
            page.context.close()
            progress("pages", len(figures), len(wanted))
    return figures


class TrendSwap:
    """Serves the trend's module through the DevTools protocol's Fetch domain: the old text
    while `before`, the file on disk otherwise, never cacheable. Playwright's own routing
    would turn the whole HTTP cache off (ECharts' 1.1 MB fetched and parsed on every load,
    which buried the difference); this leaves every other file cached as in real use."""

    PATTERN = "*/static/js/pages/supervisor.js*"

    def __init__(self, page, old: str) -> None:
        self.old, self.before = old, True
        self.cdp = page.context.new_cdp_session(page)
        self.cdp.send("Network.clearBrowserCache")  # the module's cached copy would bypass us
        self.cdp.on("Fetch.requestPaused", self._serve)
        self.cdp.send("Fetch.enable", {"patterns": [{"urlPattern": self.PATTERN}]})

    def _serve(self, event: dict) -> None:
        body = self.old if self.before else TREND_MODULE.read_text()
        headers = [{"name": "Content-Type", "value": "text/javascript; charset=utf-8"},
                   {"name": "Cache-Control", "value": "no-store"}]  # fmt: skip
        self.cdp.send("Fetch.fulfillRequest", {
            "requestId": event["requestId"], "responseCode": 200, "responseHeaders": headers,
            "body": base64.b64encode(body.encode()).decode()})  # fmt: skip


def time_pages_ab(base: str, tenant: str, loads: int) -> dict[str, object]:
    """The pages with a trend, the old module and the new alternating load by load (after
    one load of each to warm the cache), both served the same way (TrendSwap), so they
    differ only in the trend's calls."""
    old = old_trend_module()
    figures: dict[str, object] = {}
    with chromium() as browser:
        for person, path in (("sup-hz", "/supervisor"), ("dir-huang", "/director")):
            page = logged_in(browser, base, tenant, person)
            swap = TrendSwap(page, old)
            samples = {side: {name: [] for name in NAMES} for side in ("before", "after")}
            for i in range(2 * loads + 2):
                swap.before = i % 2 == 0
                side = "before" if swap.before else "after"
                timings = _timings(page, base + path)
                phi, series_calls = page.evaluate(COUNT_CALLS)
                if (phi >= WEEKS, series_calls) != ((True, 0) if swap.before else (False, 1)):
                    raise SystemExit(f"{path} {side}: {phi} GetPhi, {series_calls} series calls")
                for name, value in zip(NAMES, timings, strict=True):
                    if i >= 2:
                        samples[side][name].append(value)
            before, after = _summary(samples["before"]), _summary(samples["after"])
            ratio = after["last_panel_drawn"]["p50_ms"] / before["last_panel_drawn"]["p50_ms"]
            figures[path] = {"before_8_calls": before, "after_1_call": after,
                             "last_panel_p50_after_vs_before": round(ratio, 3)}  # fmt: skip
            page.context.close()
    return figures


# The load's GetPhi and GetPhiSeries calls, from Resource Timing: the swap's check.
COUNT_CALLS = """() => ['GetPhi', 'GetPhiSeries'].map((m) => performance.getEntriesByType('resource')
  .filter((e) => e.name.endsWith(`/api/v1/${m}`)).length)"""


def data_size(day: DemoDay) -> dict[str, int]:
    """What the demo day loaded (devstack/console_demo.py): the size the figures are on."""
    visits = sum(len(v) for v in day.visits_of.values())
    return {"people": len(PEOPLE), "stores": len(day.stores), "visit_cards": visits,
            "approvals": sum(1 for v in (day.approval_visit, day.second_approval_visit) if v),
            "orders": 2 * len(day.stores) + visits}  # fmt: skip


def load_history(size: str, gateway: str, tenant: str, amqp_uri: str) -> dict[str, object]:
    """The dressed distributor of `size` on top of the demo day, until every consumer is done."""
    started = time.monotonic()
    yesterday = datetime.now(SHANGHAI).date() - timedelta(days=1)
    data = demo_tenant.dressed(g.generate(size, demo_tenant.SEED, yesterday))
    loaded = demo_tenant.load_history(data, gateway, tenant)
    digest_s = load.wait_drained(amqp_uri, CONSUMER_QUEUES)
    return {"size": size, "load_s": round(time.monotonic() - started, 1), "steps_s": loaded.seconds,
            "digest_s": round(digest_s, 1), "counts": loaded.counts,
            "reps": sum(1 for p in data.people if p.role == "rep")}  # fmt: skip


def print_figures(calls: dict, trends: dict, pages: dict, ab: dict) -> None:
    """The house format, one line a figure: p50/p95/p99, throughput, ratio to the bar."""
    for label, f in calls.items():
        print(f"  {label:44} p50 {f['p50_ms']:7.1f}  p95 {f['p95_ms']:7.1f}  p99 "
              f"{f['p99_ms']:7.1f} ms  {f['per_s']:6.1f}/s  p95/bar {f['p95_vs_bar']}")  # fmt: skip
    for label, f in trends.items():
        old, new = f["8_getphi_at_once"], f["1_getphiseries"]
        print(
            f"  trend {label:38} 8 x GetPhi p50/p95 {old['p50_ms']}/{old['p95_ms']} ms -> "
            f"GetPhiSeries {new['p50_ms']}/{new['p95_ms']} ms ({f['p50_after_vs_before']}x)"
        )
    for path, f in pages.items():
        d, last = f["dom_content_loaded"], f["last_panel_drawn"]
        print(f"  page {path:12} DOMContentLoaded p50/p95 {d['p50_ms']}/{d['p95_ms']} ms, last "
              f"panel {last['p50_ms']}/{last['p95_ms']} ms, ready p95/bar "
              f"{f['figures_drawn_p95_vs_target']}")  # fmt: skip
    for path, f in ab.items():
        old, new = f["before_8_calls"]["last_panel_drawn"], f["after_1_call"]["last_panel_drawn"]
        print(
            f"  a/b {path:13} last panel p50/p95 {old['p50_ms']}/{old['p95_ms']} -> "
            f"{new['p50_ms']}/{new['p95_ms']} ms ({f['last_panel_p50_after_vs_before']}x)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--calls", type=int, default=200, help="timed calls per dashboard call")
    parser.add_argument("--loads", type=int, default=15, help="timed loads per page")
    parser.add_argument("--pages", nargs="*", default=[p for _, p in PAGES], help="pages timed")
    parser.add_argument("--ab", type=int, default=0, help="trend a/b: loads per arm and page")
    parser.add_argument("--name", default="console", help="bench/results/<name>.json")
    parser.add_argument("--history", choices=sorted(g.SIZES), help="load this size first")
    args = parser.parse_args()
    infra.up()
    tenant = f"bench-{uuid.uuid4().hex[:8]}"
    with sandbox("bench") as isolated, Platform(isolated | QUIET) as platform:
        platform.start(quiet=True)
        if not wait_until(lambda: consuming(isolated["SALES_AMQP_URI"], CONSUMER_QUEUES), 60):
            raise SystemExit(f"event consumers not ready: {CONSUMER_QUEUES}")
        day = seed(platform.gateway_target, tenant)
        history = {}
        if args.history:
            amqp = isolated["SALES_AMQP_URI"]
            history = load_history(args.history, platform.gateway_target, tenant, amqp)
        time.sleep(2)  # scoring's read models take the day's events asynchronously
        base = platform.console_url
        calls = time_calls(base, tenant, args.calls) if args.calls else {}
        trends = time_trends(base, tenant, max(20, args.calls // 4)) if args.calls else {}
        pages = time_pages(base, tenant, args.loads, args.pages) if args.loads else {}
        ab = time_pages_ab(base, tenant, args.ab) if args.ab else {}
    print_figures(calls, trends, pages, ab)
    report(args.name, {"data": data_size(day), "history": history, "api": calls, "trend": trends, "pages": pages,
                       "pages_ab": ab, "page_target_ms": PAGE_TARGET_MS,
                       "call_bar_ms": CALL_BAR_MS, "calls_per_figure": args.calls,
                       "loads_per_page": args.loads, "ab_loads_per_arm": args.ab})  # fmt: skip


if __name__ == "__main__":
    main()
