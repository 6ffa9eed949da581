"""Driving the web console in Debian's Chromium, headless, through Playwright (never a
downloaded browser: ARCHITECTURE.md). Shared by the browser tests and bench/console.py."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Browser, Page, sync_playwright

CHROMIUM = os.environ.get("SALES_CHROMIUM", "/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip
DESK = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}  # an everyday phone, portrait
ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / ".run" / "screenshots"


@contextmanager
def chromium() -> Iterator[Browser]:
    """Playwright's launch gives the browser a fresh, temporary profile of its own."""
    if not Path(CHROMIUM).exists():
        raise RuntimeError(f"{CHROMIUM} 不存在:请运行 make install(apt 安装 chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            yield browser
        finally:
            browser.close()


def logged_in(browser: Browser, base: str, tenant: str, person: str, viewport=DESK) -> Page:
    """A fresh context (its own cookies) with `person` logged in through the login page."""
    page = browser.new_context(viewport=viewport, locale="zh-CN").new_page()
    page.goto(f"{base}/?tenant={tenant}")
    page.fill("#person", person)
    page.click("#login-button")
    page.wait_for_function("location.pathname !== '/'")
    wait_ready(page)
    return page


def wait_ready(page: Page, timeout_ms: float = 30_000) -> None:
    page.wait_for_selector("body[data-ready='1']", timeout=timeout_ms, state="attached")


def open_page(page: Page, url: str) -> None:
    page.goto(url)
    wait_ready(page)


def screenshot(page: Page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=path, full_page=True)
    print(f"screenshot: {path}")
    return path
