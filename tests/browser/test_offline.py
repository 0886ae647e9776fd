"""The offline package: unzipped and opened from disk with every network request blocked."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import BrowserContext, expect

from macros.hooks.security import meta_policy

pytestmark = pytest.mark.slow


def test_navigation_search_checklists_and_pdfs_work_from_disk(
    unzipped: Path, from_disk: tuple[BrowserContext, list[str]]
) -> None:
    context, blocked = from_disk
    errors: list[str] = []
    page = context.new_page()
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((unzipped / "index.html").as_uri())

    # Navigation: follow the tabs to a stage page.
    page.locator(".md-tabs__link", has_text="Assessment").click()
    page.wait_for_load_state()
    assert page.url.endswith("assessment/index.html")
    page.goto((unzipped / "assessment" / "stage-1-information-gathering.html").as_uri())

    # Checklist: ticking counts.
    boxes = page.locator("section.hb-checklist input[type=checkbox]")
    boxes.first.check()
    expect(page.locator(".hb-checklist__count")).to_contain_text("1 of")

    # Glossary tooltip on focus.
    link = page.locator("a.hb-term__link").first
    link.focus()
    expect(page.locator(f"#{link.get_attribute('aria-describedby')}")).to_be_visible()

    # PDF links point at files in the package.
    for href in page.locator("a[href$='.pdf']").evaluate_all("els => els.map(e => e.href)"):
        assert Path(unquote(urlsplit(href).path)).is_file(), href

    # The record: case details and a tick, kept in the tab.
    page.goto((unzipped / "assessment" / "record.html").as_uri())
    page.get_by_label("Case reference").fill("ABC/123")
    page.locator("details[data-record-checklist] summary").first.click()
    page.locator("details[data-record-checklist] input[type=checkbox]").first.check()
    expect(
        page.locator("details[data-record-checklist] .hb-checklist__count").first
    ).to_contain_text("1 of")
    assert page.evaluate("window.__cspViolations") == []

    # Search from file:// (the offline plugin inlines the index; the search worker runs in
    # an iframe, docs/assets/javascripts/iframe-worker.js).
    page.goto((unzipped / "index.html").as_uri())
    page.locator("input.md-search__input").focus()
    page.locator("input.md-search__input").type("dark web", delay=20)
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=10000)
    assert page.evaluate("window.__cspViolations") == []

    assert blocked == []
    assert errors == []


def test_every_page_in_the_package_carries_the_policy(unzipped: Path) -> None:
    """The zip has no server to send headers: each page brings its own policy."""
    from bs4 import BeautifulSoup

    for html in unzipped.rglob("*.html"):
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        metas = soup.select("meta[http-equiv]")
        assert [(m["http-equiv"], m["content"]) for m in metas] == [
            ("Content-Security-Policy", meta_policy())
        ], html
        before = html.read_text(encoding="utf-8").split("<script", 1)[0]
        assert 'http-equiv="Content-Security-Policy"' in before, html  # before any script


def test_every_internal_link_in_the_package_resolves(unzipped: Path) -> None:
    from bs4 import BeautifulSoup

    missing = []
    pages = list(unzipped.rglob("*.html"))
    assert len(pages) >= 25
    for html in pages:
        if html.name == "404.html":
            continue
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        for a in soup.select("a[href]"):
            href = str(a["href"]).split("#")[0]
            if not href or href.startswith(("http:", "https:", "mailto:", "tel:")):
                continue
            if not (html.parent / unquote(href)).resolve().exists():
                missing.append(f"{html.relative_to(unzipped)} → {href}")
    assert missing == []


def test_package_leaves_out_the_compressed_copies(unzipped: Path) -> None:
    copies = [p.name for p in unzipped.rglob("*") if p.suffix in (".gz", ".br")]
    assert copies == []
    assert (unzipped / "search" / "search_index.js").is_file()
