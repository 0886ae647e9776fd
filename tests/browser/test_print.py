"""Printing from the browser: A4, no site chrome, nothing wider than the paper."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page
from pypdf import PdfReader, PdfWriter

from macros.data.paths import page_url
from tests.conftest import ROOT
from tests.pdftext import Word, overlapping_lines, pdf_text, printed_words, sheet_text
from tests.site.reading import CHECKLISTS, checklist_words, items, nav, normalise
from tools.servers import serving

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
    assert fields == ["Case reference", "Date", "Assessor", "Agency"]
    footer = print_page.locator(".hb-paper__runfoot")
    assert footer.evaluate("e => getComputedStyle(e).position") == "fixed"
    assert data["title"] in footer.inner_text()
    assert "Handbook version" in footer.inner_text()
    # The introductions, the items' notes and the Source line are on paper too.
    paper = normalise(print_page.locator(".hb-paper").inner_text())
    for words in checklist_words(checklist_id):
        assert normalise(words) in paper, words
    assert "source: ta-hsb practice guidance" in paper
    credits = {
        "stage-2-case-formulation": "eastman, hanson & swann",
        "prompts-iioc": "illegal in this country",
    }
    assert credits.get(checklist_id, "") in paper
    pdf = printed(print_page)
    assert 1 <= len(pdf.pages) <= 2 + count // 4
    width, height = float(pdf.pages[0].mediabox.width), float(pdf.pages[0].mediabox.height)
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    first = sheet_text(pdf.pages[0])
    last = sheet_text(pdf.pages[-1])
    assert f"Page 1 of {len(pdf.pages)}" in first
    assert f"Page {len(pdf.pages)} of {len(pdf.pages)}" in last
    assert "Handbook version" in last


#: Pages longer on paper by nature: every change to the guidance since 1.0.0, words before
#: and after (65 A4 pages in 1.3.0).
MAX_PRINTED_PAGES = {"reference/guidance-changes/": 90}


@pytest.mark.parametrize("path", GUIDANCE_PAGES)
def test_guidance_page_prints_cleanly(
    print_page: Page, server: str, path: str, artifacts: Path
) -> None:
    print_page.goto(server + path, wait_until="networkidle")
    print_page.screenshot(
        path=str(artifacts / f"print-{path.strip('/').replace('/', '-') or 'home'}.png"),
        full_page=True,
        timeout=120_000,  # the changes page is ~90 sheets long: 30 s is not enough under load
    )
    assert chrome_visible(print_page) == []
    assert too_wide(print_page) == []
    stamp = print_page.locator(".hb-print-stamp")
    assert stamp.is_visible()
    assert "Handbook version" in stamp.inner_text()
    pdf = printed(print_page)
    assert 1 <= len(pdf.pages) <= MAX_PRINTED_PAGES.get(path, 25)
    text = pdf_text(pdf, "\n")
    assert "Skip to content" not in text
    assert f"Page 1 of {len(pdf.pages)}" in text


# -- no blank sheets, the stamp on every sheet --------------------------------

ALL_PAGES = [page_url(src, directory_urls=True) for src in nav()]
CHECKLIST_PAGES = [
    page_url(src, directory_urls=True)
    for src in nav()
    if "{{ checklist(" in (ROOT / "docs" / src).read_text(encoding="utf-8")
]
PAGE_NUMBER = re.compile(r"Page \d+ of \d+")


def footer_text(page: Page) -> str:
    """The edition stamp or a checklist's running footer, whichever prints on this page."""
    return page.evaluate(  # type: ignore[no-any-return]
        """() => [...document.querySelectorAll('.hb-print-stamp, .hb-paper__runfoot')]
            .filter(e => getComputedStyle(e).display !== 'none')
            .map(e => e.innerText).join(' ')"""
    )


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def sheets_without_text(pdf: PdfReader, footer: str) -> list[int]:
    """Numbers of the printed sheets with no text besides the page number and the footer."""
    blank = []
    for number, sheet in enumerate(pdf.pages, start=1):
        text = flat(PAGE_NUMBER.sub(" ", sheet_text(sheet))).replace(footer, " ")
        if not re.search(r"\w", text):
            blank.append(number)
    return blank


def fill_in(page: Page) -> None:
    """Tick every other item and write in every notes box, as a practitioner would."""
    boxes = page.locator("input.hb-checklist__box")
    for i in range(0, boxes.count(), 2):
        boxes.nth(i).check()
    notes = page.locator(".hb-checklist__notes textarea")
    for i in range(notes.count()):
        notes.nth(i).fill(f"Note {i + 1}: discussed with the young person and their carer.")


def print_and_check(page: Page, name: str, artifacts: Path) -> None:
    footer = flat(footer_text(page))
    assert "Handbook version" in footer
    data = page.pdf(format="A4", prefer_css_page_size=True)
    (artifacts / f"printed-{name}.pdf").write_bytes(data)
    pdf = PdfReader(io.BytesIO(data))
    assert sheets_without_text(pdf, footer) == [], f"{name}: blank sheets of {len(pdf.pages)}"
    missing = [n for n, s in enumerate(pdf.pages, 1) if footer not in flat(sheet_text(s))]
    assert missing == [], f"{name}: no stamp on sheets {missing}"
    assert overlapping_lines(printed_words(data)) == [], f"{name}: lines of text overlap"


@pytest.mark.parametrize("path", ALL_PAGES)
def test_no_printed_sheet_is_blank(
    print_page: Page, server: str, path: str, artifacts: Path
) -> None:
    print_page.goto(server + path, wait_until="networkidle")
    print_and_check(print_page, path.strip("/").replace("/", "-") or "home", artifacts)


@pytest.mark.parametrize("path", CHECKLIST_PAGES)
def test_no_printed_sheet_is_blank_with_ticks_and_notes(
    browser: Browser, server: str, path: str, artifacts: Path
) -> None:
    # Filled in on a desktop screen (which scrolls the page), then printed from there.
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(server + path, wait_until="networkidle")
    fill_in(page)
    assert page.evaluate("window.scrollY") > 0
    page.emulate_media(media="print")
    name = "ticked-" + path.strip("/").replace("/", "-")
    page.screenshot(path=str(artifacts / f"print-{name}.png"), full_page=True)
    print_and_check(page, name, artifacts)
    context.close()


# -- the running footer never covers text, with or without an overlay ------------------

#: One page of each type. With the example overlay the footer holds the organisation's
#: contacts too: three or four lines at the foot of every sheet.
PAGE_TYPES = {
    "home": "",
    "guidance": "guidance/key-finding-2/",
    "stage": "assessment/stage-2-case-formulation/",
    "prompt-list": "prompts/sexting/",
    "checklist-print-view": "checklists/prompts-iioc/",
    "glossary": "reference/glossary/",
    "references": "reference/references/",
    "source-coverage": "reference/source-coverage/",
    "local-contacts": "reference/local-contacts/",
    "local-page": "local/pages/referral-pathway/",
    "record": "assessment/record/",
}
LONG_NOTE = "Discussed with the young person and their carer; agreed the next steps. " * 9


@pytest.fixture(scope="module")
def overlay_server(overlay_site_dir: Path) -> Iterator[str]:
    with serving(overlay_site_dir) as url:
        yield url


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_printed_pages_with_the_overlay_keep_clear_of_the_footer(
    print_page: Page, overlay_server: str, kind: str, artifacts: Path
) -> None:
    print_page.goto(overlay_server + PAGE_TYPES[kind], wait_until="networkidle")
    assert "Example Borough Council" in footer_text(print_page)
    print_and_check(print_page, f"overlay-{kind}", artifacts)


def fill_record_at_length(page: Page) -> None:
    """Every checklist opened, every other item ticked, a long note in every notes box."""
    page.get_by_label("Case reference").fill("JD-2026/114")
    for summary in page.locator("details.hb-record__checklist > summary").all():
        summary.click()
    fill_in(page)
    notes = page.locator(".hb-checklist__notes textarea")
    for i in range(notes.count()):
        notes.nth(i).fill(f"Note {i + 1}. {LONG_NOTE}")


@pytest.mark.parametrize("overlay", [False, True], ids=["plain", "overlay"])
def test_a_long_printed_record_keeps_clear_of_the_footer(
    browser: Browser,
    server: str,
    overlay_server: str,
    overlay: bool,
    artifacts: Path,
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.add_init_script("window.print = () => {};")
    page.goto(
        (overlay_server if overlay else server) + "assessment/record/", wait_until="networkidle"
    )
    fill_record_at_length(page)
    page.get_by_role("button", name="Print record").click()
    page.emulate_media(media="print")
    print_and_check(page, f"record-filled-{'overlay' if overlay else 'plain'}", artifacts)
    context.close()


def test_overlap_check_can_fail() -> None:
    words = [
        Word(1, 45, 700, 80, 712, "the last line of the page", 1),
        Word(1, 79, 700, 120, 712, "the last line of the page", 1),  # a full stop, touching
        Word(1, 100, 706, 160, 714, "Example Borough Council · Handbook version", 2),
        Word(2, 45, 706, 520, 714, "the same place on another sheet", 3),
        Word(1, 45, 714, 500, 726, "the line below, touching", 4),
    ]
    assert overlapping_lines(words) == [
        "sheet 1: 'the last line of the page' and 'Example Borough Council · Handbook versi'"
    ]


def test_blank_sheet_check_can_fail() -> None:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    buffer = io.BytesIO()
    writer.write(buffer)
    assert sheets_without_text(PdfReader(buffer), "stamp") == [1]


# -- writing lines on a printed checklist, as in the PDFs ----------------------

PT = 96 / 72  # CSS px per point


@pytest.mark.parametrize("checklist_id", CHECKLISTS)
def test_writing_lines_are_spaced_as_in_the_pdfs(
    print_page: Page, server: str, checklist_id: str
) -> None:
    print_page.goto(f"{server}checklists/{checklist_id}/", wait_until="networkidle")
    gaps = print_page.evaluate(
        """() => [...document.querySelectorAll('.hb-paper__item')].map(item => {
            const body = item.querySelector('.hb-paper__body');
            const above = [...body.children].filter(e => !e.matches('.hb-paper__lines')).pop();
            const lines = body.querySelector('.hb-paper__lines');
            const first = lines.getBoundingClientRect().top
                + parseFloat(getComputedStyle(lines, '::before').height);
            const second = lines.getBoundingClientRect().bottom;
            return [first - above.getBoundingClientRect().bottom, second - first];
        })"""
    )
    assert len(gaps) == len(items(checklist_id))
    # pdf-base.css: two lines 13 pt apart, the first 13 pt below the item text.
    for first, second in gaps:
        assert first == pytest.approx(13 * PT, abs=1.5)
        assert second == pytest.approx(13 * PT, abs=1.5)


@pytest.mark.parametrize("selector", [".hb-print-stamp p", ".hb-paper__runfoot"])
def test_stamp_prints_without_ligatures(print_page: Page, server: str, selector: str) -> None:
    # A commit hash copied from the paper must read "ff", never the "ﬀ" ligature.
    path = "checklists/stage-1-information-gathering/" if "paper" in selector else ""
    print_page.goto(server + path, wait_until="networkidle")
    print_page.locator(selector).evaluate("e => { e.textContent = 'commit 7ffa82c0a7 office'; }")
    text = printed(print_page).pages[0].extract_text()
    assert "commit 7ffa82c0a7 office" in text
