"""Printing from the browser: A4, no site chrome, nothing wider than the paper."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page
from pypdf import PdfReader

from macros.site import page_url
from tests.site.reading import CHECKLISTS, items, nav

GUIDANCE_PAGES = [
    page_url(src, directory_urls=True) for src in nav() if not src.startswith("checklists/")
]
CHROME = [
    ".md-header",
    ".md-tabs",
    ".md-sidebar--primary",
    ".md-sidebar--secondary",
    ".md-footer",
    ".md-search",
]
# A4 is 210 mm wide; the print stylesheet's side margins are 16 mm each: 178 mm at 96 px per inch.
PRINTABLE_WIDTH_PX = round(178 / 25.4 * 96)


def chrome_visible(page: Page) -> list[str]:
    return page.evaluate(  # type: ignore[no-any-return]
        """selectors => selectors.filter(sel => [...document.querySelectorAll(sel)].some(e => {
            const s = getComputedStyle(e);
            return s.display !== 'none' && s.visibility !== 'hidden' && e.getClientRects().length > 0;
        }))""",
        CHROME,
    )


def too_wide(page: Page) -> list[str]:
    return page.evaluate(  # type: ignore[no-any-return]
        """limit => [...document.querySelectorAll('article *')].filter(e => {
            const r = e.getBoundingClientRect();
            return r.width > 0 && r.right > limit + 1;
        }).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))""",
        PRINTABLE_WIDTH_PX,
    )


def printed(page: Page) -> PdfReader:
    return PdfReader(io.BytesIO(page.pdf(format="A4", prefer_css_page_size=True)))


@pytest.fixture
def print_page(browser: Browser):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": PRINTABLE_WIDTH_PX, "height": 1000})
    page = context.new_page()
    page.emulate_media(media="print")
    yield page
    context.close()


@pytest.mark.parametrize("checklist_id", CHECKLISTS)
def test_checklist_print_view(
    print_page: Page, server: str, checklist_id: str, artifacts: Path
) -> None:
    data = CHECKLISTS[checklist_id]
    count = len(items(checklist_id))
    print_page.goto(f"{server}checklists/{checklist_id}/", wait_until="networkidle")
    print_page.screenshot(path=str(artifacts / f"print-{checklist_id}.png"), full_page=True)
    assert chrome_visible(print_page) == []
    assert too_wide(print_page) == []
    assert print_page.locator(".hb-paper__box").count() == count
    fields = print_page.locator(".hb-paper__fields th").all_inner_texts()
    assert fields == ["Case reference / young person’s initials", "Date", "Assessor", "Agency"]
    footer = print_page.locator(".hb-paper__runfoot")
    assert footer.evaluate("e => getComputedStyle(e).position") == "fixed"
    assert data["title"] in footer.inner_text()
    assert "Handbook version" in footer.inner_text()
    pdf = printed(print_page)
    assert 1 <= len(pdf.pages) <= 2 + count // 4
    width, height = float(pdf.pages[0].mediabox.width), float(pdf.pages[0].mediabox.height)
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    first = pdf.pages[0].extract_text()
    last = pdf.pages[-1].extract_text()
    assert f"Page 1 of {len(pdf.pages)}" in first
    assert f"Page {len(pdf.pages)} of {len(pdf.pages)}" in last
    assert "Handbook version" in last


@pytest.mark.parametrize("path", GUIDANCE_PAGES)
def test_guidance_page_prints_cleanly(
    print_page: Page, server: str, path: str, artifacts: Path
) -> None:
    print_page.goto(server + path, wait_until="networkidle")
    print_page.screenshot(
        path=str(artifacts / f"print-{path.strip('/').replace('/', '-') or 'home'}.png"),
        full_page=True,
    )
    assert chrome_visible(print_page) == []
    assert too_wide(print_page) == []
    stamp = print_page.locator(".hb-print-stamp")
    assert stamp.is_visible()
    assert "Handbook version" in stamp.inner_text()
    pdf = printed(print_page)
    assert 1 <= len(pdf.pages) <= 25
    text = "\n".join(p.extract_text() for p in pdf.pages)
    assert "Skip to content" not in text
    assert f"Page 1 of {len(pdf.pages)}" in text
