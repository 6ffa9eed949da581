"""The web console on the demo organisation's day (devstack/console_demo.py), every service
running in a sandbox:

- the JSON API: p50/p95 of each dashboard call through the gateway's HTTP face, with a
  session cookie, one call at a time (what a page's figures cost);
- each page in Debian's Chromium, headless: Navigation Timing (DOMContentLoaded, load), the
  time until the page has drawn its figures (`data-ready`, set by console.js, as Playwright
  sees it) and until its first and last panel were drawn (the `data-drawn-ms` ui.guarded
  stamps on each panel, read in the page).

    python -m bench.console --calls 200 --loads 15
    python -m bench.console --calls 0 --loads 15 --pages /director --name console-director
"""

from __future__ import annotations

import argparse
import time
import uuid

import requests

from bench.common import QUIET, percentiles, progress, report
from devstack import infra
from devstack.console_demo import seed
from devstack.platform import Platform
from devstack.probes import wait_until
from devstack.sandbox import CONSUMER_QUEUES, consuming, sandbox
from tests.e2e.console_browser import chromium, logged_in, open_page

PAGE_TARGET_MS = 1000.0  # a page with its figures within a second on a laptop
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
    ("dir-huang", "GetPhi", {"scope": "SCOPE_KIND_REGION", "scopeId": "330100"}),
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
            answer = http.post(f"{base}/api/v1/{method}", json=body, timeout=30)
            took = (time.perf_counter() - started) * 1000
            statuses[answer.status_code] = statuses.get(answer.status_code, 0) + 1
            samples.append(took)
        label = f"{method}({person})"
        figures[label] = {**percentiles(samples[5:]), "statuses": statuses}
        progress("calls", len(figures), len(CALLS))
    return figures


# Navigation Timing, the moment the page says it is ready, its last and first panel drawn
# (ms since navigation started; a page without stamped panels counts its ready moment).
TIMING = """() => { const n = performance.getEntriesByType('navigation')[0];
  const drawn = [...document.querySelectorAll('[data-drawn-ms]')].map((e) => +e.dataset.drawnMs);
  return [n.domContentLoadedEventEnd, n.loadEventEnd, performance.now(),
          drawn.length ? Math.max(...drawn) : performance.now(),
          drawn.length ? Math.min(...drawn) : performance.now()]; }"""


def time_pages(base: str, tenant: str, loads: int, paths: list[str]) -> dict[str, object]:
    figures: dict[str, object] = {}
    wanted = [(person, path) for person, path in PAGES if path in paths]
    with chromium() as browser:
        for person, path in wanted:
            page = logged_in(browser, base, tenant, person)
            dom, load, ready, last, first = [], [], [], [], []
            for _ in range(loads):
                open_page(page, base + path)
                timing = page.evaluate(TIMING)
                dom.append(timing[0])
                load.append(timing[1])
                ready.append(timing[2])
                last.append(timing[3])
                first.append(timing[4])
            figures[path] = {
                "dom_content_loaded": percentiles(dom),
                "load": percentiles(load),
                "figures_drawn": percentiles(ready),
                "first_panel_drawn": percentiles(first),
                "last_panel_drawn": percentiles(last),
                "figures_drawn_p95_vs_target": round(
                    percentiles(ready)["p95_ms"] / PAGE_TARGET_MS, 3
                ),
            }
            page.context.close()
            progress("pages", len(figures), len(wanted))
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--calls", type=int, default=200, help="timed calls per dashboard call")
    parser.add_argument("--loads", type=int, default=15, help="timed loads per page")
    parser.add_argument("--pages", nargs="*", default=[p for _, p in PAGES], help="pages timed")
    parser.add_argument("--name", default="console", help="bench/results/<name>.json")
    args = parser.parse_args()
    infra.up()
    tenant = f"bench-{uuid.uuid4().hex[:8]}"
    with sandbox("bench") as isolated, Platform(isolated | QUIET) as platform:
        platform.start(quiet=True)
        if not wait_until(lambda: consuming(isolated["SALES_AMQP_URI"], CONSUMER_QUEUES), 60):
            raise SystemExit(f"event consumers not ready: {CONSUMER_QUEUES}")
        seed(platform.gateway_target, tenant)
        time.sleep(2)  # scoring's read models take the day's events asynchronously
        calls = time_calls(platform.console_url, tenant, args.calls) if args.calls else {}
        pages = time_pages(platform.console_url, tenant, args.loads, args.pages)
    report(args.name, {"api": calls, "pages": pages, "page_target_ms": PAGE_TARGET_MS,
                       "calls_per_figure": args.calls, "loads_per_page": args.loads})  # fmt: skip


if __name__ == "__main__":
    main()
