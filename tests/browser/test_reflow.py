"""Reflow (WCAG 2.2, 1.4.10): at 320 CSS px wide no page scrolls sideways as a whole."""

from __future__ import annotations

from playwright.sync_api import Browser

from macros.data.paths import page_url
from tests.site.reading import nav

PAGES = [page_url(src, directory_urls=True) for src in nav()]
WIDTH = 320


def test_every_page_reflows_at_320_css_pixels(browser: Browser, server: str) -> None:
    """A wide table may scroll inside its own wrapper; the page itself never does."""
    context = browser.new_context(viewport={"width": WIDTH, "height": 800})
    page = context.new_page()
    wide = {}
    try:
        for path in PAGES:
            page.goto(server + path)
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > WIDTH:
                wide[path] = width
    finally:
        context.close()
    assert len(PAGES) >= 30
    assert wide == {}
