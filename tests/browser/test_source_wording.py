"""The Source blocks in a browser: closed, keyboard-operable, hidden on paper, notes too."""

from __future__ import annotations

import io

import pytest
from playwright.sync_api import Browser, Page
from pypdf import PdfReader

from tests.browser.test_a11y import violations
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


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_open_source_blocks_marks_and_cross_references_pass_axe(
    browser: Browser, server: str, scheme: str
) -> None:
    context = browser.new_context(color_scheme=scheme)  # type: ignore[arg-type]
    page = context.new_page()
    found = {}
    for path in (
        "guidance/key-finding-2/",
        "assessment/stage-1-information-gathering/",
        "prompts/sexting/",
        "reference/references/",
    ):
        page.goto(server + path, wait_until="networkidle")
        for summary in page.locator("details.hb-source-wording > summary").all():
            summary.click()
        assert page.locator("details.hb-source-wording:not([open])").count() == 0
        problems = violations(page)
        if problems:
            found[path] = problems
    mark = page.locator("#attribution-nspcc-2017-report")
    assert "this handbook's attribution" in mark.inner_text()
    page.goto(server + "guidance/key-finding-2/", wait_until="networkidle")
    dagger = page.get_by_role("link", name="Attribution note")
    assert dagger.count() == 1
    assert dagger.inner_text() == "†"
    context.close()
    assert found == {}
