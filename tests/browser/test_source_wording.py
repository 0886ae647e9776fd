"""The Source blocks in a browser: closed, keyboard-operable, hidden on paper, notes too."""

from __future__ import annotations

import io

from playwright.sync_api import Page
from pypdf import PdfReader

from tests.pdftext import pdf_text

PAGE = "guidance/definitions/"


def test_source_wording_opens_from_the_keyboard(page: Page, server: str) -> None:
    page.goto(server + PAGE, wait_until="networkidle")
    block = page.locator("details.hb-source-wording").first
    quote = block.locator("blockquote")
    assert block.get_attribute("open") is None
    assert not quote.is_visible()
    summary = block.locator("summary")
    assert summary.inner_text().strip() == "Source and notes"
    notes = block.locator(".hb-source-wording__notes")
    assert not notes.is_visible()
    summary.focus()
    page.keyboard.press("Enter")
    assert block.get_attribute("open") is not None
    assert quote.is_visible()
    assert "TA-HSB refers to one or more children" in quote.inner_text()
    assert notes.is_visible()
    assert "names no source for it" in notes.inner_text()
    page.keyboard.press("Space")
    assert block.get_attribute("open") is None


def test_source_wording_is_not_printed(page: Page, server: str) -> None:
    page.goto(server + PAGE, wait_until="networkidle")
    block = page.locator("details.hb-source-wording").first
    block.locator("summary").click()  # even an open block stays off the paper
    page.emulate_media(media="print")
    assert not block.is_visible()
    printed = PdfReader(io.BytesIO(page.pdf(format="A4")))
    text = pdf_text(printed)
    assert "Technology-assisted harmful sexual behaviour" in text
    assert "Source and notes" not in text
    assert "source lines 31" not in text
    assert "names no source for it" not in text


def test_coverage_link_leads_to_the_section(page: Page, server: str) -> None:
    page.goto(server + "reference/source-coverage/", wait_until="networkidle")
    page.get_by_role("link", name="Definitions › Dual HSB").first.click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith(PAGE + "#dual-hsb")
    assert page.locator("#dual-hsb").is_visible()
