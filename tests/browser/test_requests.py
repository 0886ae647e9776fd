"""Privacy: no page of the built site asks any other host for anything."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import BrowserContext

from tests.browser.conftest import site_pages
from tests.browser.helpers import Traffic


def test_every_page_makes_no_external_request_and_logs_no_error(
    context: BrowserContext, server: str, site_dir: Path
) -> None:
    traffic = Traffic().watch(context)
    page = context.new_page()
    pages = site_pages(site_dir)
    assert len(pages) >= 25
    for path in pages:
        page.goto(server + path, wait_until="networkidle")
    assert traffic.external == []
    assert traffic.console_errors == []
    assert traffic.failed == []
    assert len(traffic.requests) > len(pages)  # the routes saw every request


def test_search_works_without_other_hosts(context: BrowserContext, server: str) -> None:
    traffic = Traffic().watch(context)
    page = context.new_page()
    page.goto(server, wait_until="networkidle")
    page.click("label.md-search__icon, .md-search__input", timeout=5000)
    page.locator("input.md-search__input").type("sexting", delay=20)
    page.wait_for_selector(".md-search-result__item", timeout=10000)
    assert page.locator(".md-search-result__item").count() > 0
    assert traffic.external == []
