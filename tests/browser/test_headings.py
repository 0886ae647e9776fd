"""Headings on screen: no blank line under a heading on a desktop or a phone screen."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from macros.data.paths import page_url
from tests.site.reading import nav

PAGES = [page_url(src, directory_urls=True) for src in nav()]
WIDTHS = {"desktop": 1280, "phone": 390}

# Headings whose hidden section link (Material's pilcrow, shown on hover or focus) sits
# below the heading's last line of text, on a line of its own.
LONE_LINKS = """() => [...document.querySelectorAll('article :is(h1, h2, h3, h4)')].flatMap(h => {
    const link = h.querySelector('.headerlink');
    if (!link || !h.firstChild || h.firstChild === link) return [];
    const text = document.createRange();
    text.setStartBefore(h.firstChild);
    text.setEndBefore(link);
    const lines = [...text.getClientRects()].filter(r => r.width > 0);
    if (!lines.length) return [];
    const lastLineBottom = Math.max(...lines.map(r => r.bottom));
    return link.getBoundingClientRect().top >= lastLineBottom - 1 ? [h.id || h.textContent] : [];
})"""


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_no_section_link_sits_on_a_line_of_its_own(
    browser: Browser, server: str, width: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    lone = {}
    try:
        for path in PAGES:
            page.goto(server + path)
            found = page.evaluate(LONE_LINKS)
            if found:
                lone[path] = found
    finally:
        context.close()
    assert lone == {}
