"""The Assessment record in the browser: one tab-only state, print, save, open, clear.

The same flows run against the loopback server, the offline package opened from
``file://`` with the network blocked, and the shipped nginx configuration with its
Content-Security-Policy.
"""

from __future__ import annotations

import io
import json
import re
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Dialog, Page, expect
from pypdf import PdfReader

from macros.data.paths import page_url
from tests.browser.helpers import CSP_LISTENER, Traffic, files_only, wait_until
from tests.browser.test_a11y import violations
from tests.pdftext import pdf_text
from tests.site.reading import CHECKLISTS, checklist_words, items, normalise

RECORD = "assessment/record.md"
STAGE2 = "stage-2-case-formulation"
STAGE3 = "stage-3-safety-planning"
IIOC = "prompts-iioc"
# A window.print() stub: headless Chromium cannot show the print dialogue; the test
# prints with page.pdf() under print media instead, and counts the calls.
PRINT_STUB = "window.print = () => { window.__printCalls = (window.__printCalls || 0) + 1; };"
HEADER = {
    "Case reference": "JD-2026/114",
    "Date": "2026-11-28",
    "Assessor": "A. Assessor",
    "Agency": "Northshire YOT",
}
NOTE = "Discussed <b>with</b> the allocated worker; & agreed next steps."
MARKUP = '<img src=x onerror="window.__pwned = 1">'

Url = Callable[[str], str]


def http_urls(base: str) -> Url:
    return lambda src: base + page_url(src, directory_urls=True)


def file_urls(root: Path) -> Url:
    return lambda src: (root / page_url(src, directory_urls=False)).as_uri()


def record_page(context: BrowserContext, url: Url) -> Page:
    page = context.new_page()
    page.goto(url(RECORD), wait_until="networkidle")
    expect(page.get_by_role("button", name="Print record")).to_be_visible()
    return page


def in_record(page: Page, checklist_id: str):  # type: ignore[no-untyped-def]
    details = page.locator(f"details[data-record-checklist='{checklist_id}']")
    if details.get_attribute("open") is None:
        details.locator("summary").click()
    return details


def stored(page: Page) -> str:
    """Everything the tab keeps, as one canonical string."""
    return page.evaluate(  # type: ignore[no-any-return]
        """() => JSON.stringify(Object.keys(sessionStorage).sort()
            .filter(k => k.startsWith('hb-checklist:') || k === 'hb-record:header')
            .map(k => [k, sessionStorage.getItem(k)]))"""
    )


def open_file(page: Page, path: Path) -> None:
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Open from file").click()
    chooser.value.set_files(str(path))


def message(page: Page) -> str:
    box = page.locator(".hb-record__message")
    expect(box).not_to_be_empty()
    return box.inner_text()


# -- the flows, shared by the three ways of serving the site ---------------------


def fill_record(context: BrowserContext, url: Url) -> Page:
    """Header on the record, one tick on the Stage 2 page, one tick and a note on the record."""
    page = record_page(context, url)
    for label, value in HEADER.items():
        page.get_by_label(label, exact=True).fill(value)
    stage3 = in_record(page, STAGE3)
    stage3.locator("input[type=checkbox]").first.check()
    stage3.locator("textarea").first.fill(NOTE)
    page.goto(url(CHECKLISTS[STAGE2]["page"]), wait_until="networkidle")
    on_page = page.locator(f"section.hb-checklist[data-checklist='{STAGE2}']")
    on_page.locator("input[type=checkbox]").nth(1).check()
    page.goto(url(RECORD), wait_until="networkidle")
    page.reload(wait_until="networkidle")
    return page


def assert_filled(page: Page) -> None:
    for label, value in HEADER.items():
        expect(page.get_by_label(label, exact=True)).to_have_value(value)
    stage2 = in_record(page, STAGE2)
    assert stage2.locator("input[type=checkbox]").nth(1).is_checked()
    expect(stage2.locator(".hb-record__tally")).to_have_text(f"(1 of {len(items(STAGE2))} covered)")
    stage3 = in_record(page, STAGE3)
    assert stage3.locator("input[type=checkbox]").first.is_checked()
    expect(stage3.locator("textarea").first).to_have_value(NOTE)
    expect(stage3.locator(".hb-checklist__count")).to_have_text(
        f"1 of {len(items(STAGE3))} covered"
    )


def save(page: Page, target: Path) -> Path:
    page.get_by_role("button", name="Save to file").click()
    notice = page.get_by_role("alertdialog")
    expect(notice).to_contain_text("case information")
    expect(notice).to_contain_text("organisation requires")
    with page.expect_download() as download:
        page.get_by_role("button", name="Save the file").click()
    assert download.value.suggested_filename == f"ta-hsb-record-{time.strftime('%Y-%m-%d')}.json"
    path = target / download.value.suggested_filename
    download.value.save_as(path)
    return path


def save_and_open_elsewhere(
    new_context: Callable[[], BrowserContext], page: Page, url: Url, tmp: Path
) -> None:
    path = save(page, tmp)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == "ta-hsb-assessment-record"
    assert data["header"]["caseReference"] == HEADER["Case reference"]
    assert HEADER["Case reference"] not in path.name
    # A second save in the same tab needs no notice.
    with page.expect_download():
        page.get_by_role("button", name="Save to file").click()

    fresh = new_context()
    try:
        other = record_page(fresh, url)
        open_file(other, path)
        assert "Opened the record" in message(other)
        assert_filled(other)
        assert stored(other) == stored(page)
    finally:
        fresh.close()


def bad_files_change_nothing(page: Page, tmp: Path) -> None:
    before = stored(page)
    cases = {
        "corrupt.json": ('{"format": "ta-hsb-assessment-record", "header": {', "not valid JSON"),
        "other.json": (json.dumps({"name": "package", "version": "1.0.0"}), "format marker"),
        "notes.txt": ("hello", "is not a saved record"),
        "big.json": ("[" + " " * (1024 * 1024) + "]", "too large"),
        "shape.json": (
            json.dumps(
                {
                    "format": "ta-hsb-assessment-record",
                    "formatVersion": 1,
                    "header": {"caseReference": 42},
                    "checklists": {},
                }
            ),
            "is not text",
        ),
        "long.json": (
            json.dumps(
                {
                    "format": "ta-hsb-assessment-record",
                    "formatVersion": 1,
                    "header": {"assessor": "x" * 201},
                    "checklists": {},
                }
            ),
            "longer than 200 characters",
        ),
        "repeated.json": (
            '{"format": "ta-hsb-assessment-record", "formatVersion": 1, "header": {},'
            f' "checklists": {{"{STAGE3}": {{"ticked": {{}}}}, "{STAGE3}": {{"notes": {{}}}}}}}}',
            f"“repeated.json” is damaged: “{STAGE3}” appears twice in the same entry",
        ),
        "escaped.json": (
            '{"format": "ta-hsb-assessment-record", "formatVersion": 1, "checklists": {},'
            ' "header": {"assessor": "A", "\\u0061ssessor": "B"}}',
            "“assessor” appears twice in the same entry",
        ),
        "calendar.json": (
            json.dumps(
                {
                    "format": "ta-hsb-assessment-record",
                    "formatVersion": 1,
                    "header": {"date": "2026-02-30"},
                    "checklists": {},
                }
            ),
            "The case date “2026-02-30” is not a day on the calendar (YYYY-MM-DD).",
        ),
    }
    for name, (content, reason) in cases.items():
        path = tmp / name
        path.write_text(content, encoding="utf-8")
        open_file(page, path)
        expect(page.locator(".hb-record__message")).to_contain_text(reason)
        text = message(page)
        assert "The file was not opened. Your record has not changed." in text, name
        assert reason in text, (name, text)
        assert stored(page) == before, name
    assert_filled(page)


# -- on the loopback server ------------------------------------------------------


@pytest.fixture
def tab(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(accept_downloads=True)
    context.add_init_script(PRINT_STUB)
    yield context
    context.close()


def test_state_survives_reload_is_shared_with_pages_and_not_with_other_tabs(
    tab: BrowserContext, server: str
) -> None:
    traffic = Traffic().watch(tab)
    url = http_urls(server)
    page = fill_record(tab, url)
    assert_filled(page)
    # The Stage 3 page shows the tick and the note made on the record.
    page.goto(url(CHECKLISTS[STAGE3]["page"]), wait_until="networkidle")
    on_page = page.locator(f"section.hb-checklist[data-checklist='{STAGE3}']")
    assert on_page.locator("input[type=checkbox]").first.is_checked()
    expect(on_page.locator("textarea").first).to_have_value(NOTE)
    # Nothing persistent, nothing sent.
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('hb-'))") == []
    assert traffic.external == []
    # A new tab is empty.
    other = record_page(tab, url)
    for label in HEADER:
        expect(other.get_by_label(label, exact=True)).to_have_value("")
    expect(in_record(other, STAGE3).locator(".hb-checklist__count")).to_have_text(
        f"0 of {len(items(STAGE3))} covered"
    )
    assert traffic.console_errors == []


def test_print_record_has_header_states_notes_and_stamp(
    tab: BrowserContext, server: str, artifacts: Path
) -> None:
    page = fill_record(tab, http_urls(server))
    page.set_viewport_size({"width": 673, "height": 1000})
    page.get_by_role("button", name="Print record").click()
    assert page.evaluate("window.__printCalls") == 1
    page.emulate_media(media="print")
    page.screenshot(path=str(artifacts / "print-record.png"), full_page=True)
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4", prefer_css_page_size=True)))
    (artifacts / "print-record.pdf").write_bytes(page.pdf(format="A4", prefer_css_page_size=True))
    text = normalise(pdf_text(pdf))
    for label, value in HEADER.items():
        assert normalise(f"{label} {value}") in text
    stage3, stage2 = items(STAGE3), items(STAGE2)
    assert normalise(f"Covered {stage3[0]['text']}") in text
    assert normalise(f"Not covered {stage3[1]['text']}") in text
    assert normalise(f"Covered {stage2[1]['text']}") in text
    assert normalise(f"Not covered {stage2[0]['text']}") in text
    assert normalise(NOTE) in text
    assert "handbook version" in text
    assert "guidance edition" in text
    assert "printed " in text
    for cid, data in CHECKLISTS.items():
        if cid not in (STAGE2, STAGE3):
            assert normalise(f"{data['title']}: not used") in text
    # Not the screen: no buttons, no checkboxes' page furniture.
    for word in ("Save to file", "Open from file", "Clear all"):
        assert normalise(word) not in text
    assert (
        round(float(pdf.pages[0].mediabox.width)),
        round(float(pdf.pages[0].mediabox.height)),
    ) == (595, 842)


def source_line(page: Page, checklist_id: str) -> str:
    """A checklist's Source line as the record page shows it."""
    line = page.locator(f"details[data-record-checklist='{checklist_id}'] .hb-checklist__source")
    return " ".join((line.text_content() or "").split())


def test_printed_record_keeps_introductions_notes_and_source_lines(
    tab: BrowserContext, server: str
) -> None:
    """Each checklist used is printed with its introduction, its sections' introductions,
    its items' notes and its Source line, as the page shows them: the diagram's credit
    and the IIOC note are not lost on paper."""
    page = fill_record(tab, http_urls(server))
    in_record(page, IIOC).locator("input[type=checkbox]").last.check()
    page.get_by_role("button", name="Print record").click()
    printed = normalise(page.locator(".hb-record__print").text_content() or "")
    for cid in (STAGE2, STAGE3, IIOC):
        for words in checklist_words(cid):
            assert normalise(words) in printed, (cid, words)
        assert source_line(page, cid).startswith("Source: ")
        assert normalise(source_line(page, cid)) in printed, cid
    page.emulate_media(media="print")
    text = normalise(pdf_text(PdfReader(io.BytesIO(page.pdf(format="A4")))))
    assert "eastman, hanson & swann" in text
    assert "illegal in this country" in text


def test_save_then_open_in_a_fresh_context_and_refuse_bad_files(
    browser: Browser, tab: BrowserContext, server: str, tmp_path: Path
) -> None:
    url = http_urls(server)
    page = fill_record(tab, url)
    save_and_open_elsewhere(browser.new_context, page, url, tmp_path)
    bad_files_change_nothing(page, tmp_path)


def test_markup_from_a_file_is_text_and_missing_items_are_listed(
    tab: BrowserContext, server: str, tmp_path: Path
) -> None:
    dialogs: list[str] = []
    page = record_page(tab, http_urls(server))

    def on_dialog(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    stage1 = items("stage-1-information-gathering")
    record = {
        "format": "ta-hsb-assessment-record",
        "formatVersion": 1,
        "handbookVersion": "0.1.0",
        "header": {"caseReference": "<script>window.__pwned = 2</script>", "agency": MARKUP},
        "checklists": {
            "stage-1-information-gathering": {
                "ticked": {
                    stage1[0]["id"]: stage1[0]["text"],
                    "withdrawn-item": "A withdrawn item",
                },
                "notes": {"hsb-factors-notes": MARKUP, "old-section-notes": "Kept words"},
            },
            "retired-list": {"title": "A retired list", "ticked": {"x": "Old question"}},
        },
    }
    path = tmp_path / "markup.json"
    path.write_text(json.dumps(record), encoding="utf-8")
    open_file(page, path)
    text = message(page)
    assert "saved with handbook version 0.1.0" in text
    assert "A withdrawn item" in text
    assert "Kept words" in text
    assert "A retired list: ticked item “Old question”" in text
    expect(page.get_by_label("Case reference", exact=True)).to_have_value(
        "<script>window.__pwned = 2</script>"
    )
    stage = in_record(page, "stage-1-information-gathering")
    expect(stage.locator("textarea").first).to_have_value(MARKUP)
    assert stage.locator("input[type=checkbox]").first.is_checked()
    page.get_by_role("button", name="Print record").click()
    printed = page.locator(".hb-record__print")
    assert MARKUP in printed.text_content()  # type: ignore[operator]
    assert printed.locator("img, script").count() == 0
    assert page.locator(".hb-record__message img, .hb-record__message script").count() == 0
    page.wait_for_timeout(200)
    assert page.evaluate("window.__pwned") is None
    assert dialogs == []


def test_ticks_on_reworded_items_are_opened_and_named(
    tab: BrowserContext, server: str, tmp_path: Path
) -> None:
    page = record_page(tab, http_urls(server))
    stage1 = items("stage-1-information-gathering")
    braces = '{"a": 1, "a": 2} is text in a note, not a repeated key'
    record = {
        "format": "ta-hsb-assessment-record",
        "formatVersion": 1,
        "header": {"date": "2028-02-29"},
        "checklists": {
            "stage-1-information-gathering": {
                "ticked": {stage1[0]["id"]: stage1[0]["text"], stage1[1]["id"]: "Older wording"},
                "notes": {"hsb-factors-notes": braces},
            },
            STAGE3: {"ticked": {items(STAGE3)[0]["id"]: "  " + items(STAGE3)[0]["text"] + " "}},
        },
    }
    path = tmp_path / "reworded.json"
    path.write_text(json.dumps(record), encoding="utf-8")
    open_file(page, path)
    text = message(page)
    assert "Opened the record" in text
    assert "The wording of these ticked items has changed since the record was saved" in text
    assert f"“Older wording” now reads “{stage1[1]['text']}”" in text
    assert text.count("now reads") == 1  # the same words with other spacing are not a change
    assert "no longer in this handbook" not in text
    see = page.locator(".hb-record__message a")
    expect(see).to_have_text("See what changed in the guidance, edition by edition")
    assert see.get_attribute("href") == "../../reference/guidance-changes/"
    assert "hb-record__message--warning" in (
        page.locator(".hb-record__message").get_attribute("class") or ""
    )
    stage = in_record(page, "stage-1-information-gathering")
    assert stage.locator("input[type=checkbox]").nth(0).is_checked()
    assert stage.locator("input[type=checkbox]").nth(1).is_checked()
    expect(stage.locator("textarea").first).to_have_value(braces)
    expect(page.get_by_label("Date", exact=True)).to_have_value("2028-02-29")


def test_clear_all_asks_first_with_the_keyboard(tab: BrowserContext, server: str) -> None:
    page = fill_record(tab, http_urls(server))
    # Open from file works from the keyboard too.
    with page.expect_file_chooser():
        page.get_by_role("button", name="Open from file").focus()
        page.keyboard.press("Enter")
    before = stored(page)
    clear = page.get_by_role("button", name="Clear all")
    clear.focus()
    page.keyboard.press("Enter")
    dialog = page.get_by_role("alertdialog")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("cannot be undone")
    expect(page.get_by_role("button", name="Yes, clear all")).to_be_focused()
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(clear).to_be_focused()
    assert stored(page) == before
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Yes, clear all")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator(".hb-record__message")).to_have_text("The record has been cleared.")
    assert page.locator(".hb-record__message").get_attribute("aria-live") == "polite"
    assert stored(page) == "[]"
    for label in HEADER:
        expect(page.get_by_label(label, exact=True)).to_have_value("")
    expect(in_record(page, STAGE3).locator(".hb-checklist__count")).to_have_text(
        f"0 of {len(items(STAGE3))} covered"
    )


def test_open_restores_seven_full_checklists_quickly(
    tab: BrowserContext, server: str, tmp_path: Path
) -> None:
    full = {cid: {"ticked": {i["id"]: i["text"] for i in items(cid)}} for cid in CHECKLISTS}
    path = tmp_path / "full.json"
    record = {
        "format": "ta-hsb-assessment-record",
        "formatVersion": 1,
        "header": {},
        "checklists": full,
    }
    path.write_text(json.dumps(record), encoding="utf-8")
    page = record_page(tab, http_urls(server))
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Open from file").click()
    start = time.perf_counter()
    chooser.value.set_files(str(path))
    expect(page.locator(".hb-record__message")).to_contain_text("Opened the record")
    elapsed = time.perf_counter() - start
    total = sum(len(items(cid)) for cid in CHECKLISTS)
    assert page.locator(".hb-record input[type=checkbox]:checked").count() == total
    for cid in CHECKLISTS:
        n = len(items(cid))
        expect(
            page.locator(f"details[data-record-checklist='{cid}'] .hb-record__tally")
        ).to_have_text(f"({n} of {n} covered)")
    print(f"record: opened 7 fully ticked checklists ({total} items) in {elapsed * 1000:.0f} ms")
    assert elapsed < 2


def test_without_javascript_the_record_is_a_paper_form(browser: Browser, server: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server + page_url(RECORD, directory_urls=True))
    expect(page.locator(".hb-record__noscript")).to_be_visible()
    expect(page.locator(".hb-record__noscript")).to_contain_text("print it")
    assert not page.locator(".hb-record__toolbar").is_visible()
    for label in HEADER:
        expect(page.get_by_label(label, exact=True)).to_be_visible()
    total = sum(len(items(cid)) for cid in CHECKLISTS)
    boxes = page.locator(".hb-record input[type=checkbox]")
    assert boxes.count() == total
    assert boxes.last.is_visible()  # every checklist is open, to print as a blank form
    page.emulate_media(media="print")
    text = normalise(pdf_text(PdfReader(io.BytesIO(page.pdf()))))
    assert normalise(items("prompts-dark-web")[-1]["text"]) in text
    context.close()


WATCH_TRANSITIONS = """
window.hbTransitions = [];
document.addEventListener("transitionstart", (e) => {
  if (e.target.closest && e.target.closest("[data-record]")) {
    window.hbTransitions.push(e.target.tagName + (e.pseudoElement || "") + " " + e.propertyName);
  }
}, true);
"""


def test_the_record_closes_its_checklists_without_animating_them(
    browser: Browser, server: str
) -> None:
    """Opening the record closes its checklists with no transition (which would repaint
    the page for a quarter of a second); a reader's click on one still animates it."""
    context = browser.new_context()
    page = context.new_page()
    page.add_init_script(WATCH_TRANSITIONS)
    page.goto(server + page_url(RECORD, directory_urls=True), wait_until="networkidle")
    lists = page.locator("details.hb-record__checklist")
    assert lists.count() == len(CHECKLISTS)
    for i in range(lists.count()):
        assert lists.nth(i).evaluate("d => d.open") is False
    page.wait_for_timeout(300)  # longer than the theme's transitions (125 and 250 ms)
    assert page.evaluate("window.hbTransitions") == []
    expect(page.locator("[data-record]")).not_to_have_class(re.compile("hb-record--opening"))
    lists.first.locator("summary").click()
    expect(lists.first).to_have_attribute("open", "")
    started = wait_until(page, "() => window.hbTransitions.length && window.hbTransitions")
    assert "SUMMARY::after transform" in started
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violations_with_a_message_and_a_question(
    browser: Browser, server: str, tmp_path: Path, scheme: str
) -> None:
    context = browser.new_context(color_scheme=scheme)  # type: ignore[arg-type]
    page = record_page(context, http_urls(server))
    path = tmp_path / "bad.json"
    path.write_text("{}", encoding="utf-8")
    in_record(page, STAGE2)
    open_file(page, path)
    assert "format marker" in message(page)
    assert violations(page) == []
    page.get_by_role("button", name="Clear all").click()
    expect(page.get_by_role("alertdialog")).to_be_visible()
    assert violations(page) == []
    context.close()


# -- from file:// with the network blocked, and behind nginx ----------------------


@pytest.mark.slow
def test_record_flows_from_the_offline_package(
    browser: Browser,
    unzipped: Path,
    from_disk: tuple[BrowserContext, list[str]],
    tmp_path: Path,
) -> None:
    context, blocked = from_disk
    context.add_init_script(PRINT_STUB)
    url = file_urls(unzipped)
    errors: list[str] = []
    context.on("page", lambda p: p.on("pageerror", lambda e: errors.append(str(e))))
    page = fill_record(context, url)
    assert_filled(page)
    page.get_by_role("button", name="Print record").click()
    page.emulate_media(media="print")
    text = normalise(pdf_text(PdfReader(io.BytesIO(page.pdf()))))
    assert normalise(f"Covered {items(STAGE3)[0]['text']}") in text
    page.emulate_media(media="screen")

    def blocked_context() -> BrowserContext:
        return files_only(browser.new_context(), blocked)

    save_and_open_elsewhere(blocked_context, page, url, tmp_path)
    bad_files_change_nothing(page, tmp_path)
    assert blocked == []
    assert errors == []


def test_record_flows_through_nginx_without_csp_violations(
    browser: Browser,
    nginx: str,
    tmp_path: Path,
) -> None:
    context = browser.new_context(accept_downloads=True)
    context.add_init_script(CSP_LISTENER)
    context.add_init_script(PRINT_STUB)
    traffic = Traffic().watch(context)
    url = http_urls(nginx)
    page = fill_record(context, url)
    assert_filled(page)
    page.get_by_role("button", name="Print record").click()

    def watched_context() -> BrowserContext:
        fresh = browser.new_context()
        fresh.add_init_script(CSP_LISTENER)
        return fresh

    save_and_open_elsewhere(watched_context, page, url, tmp_path)
    bad_files_change_nothing(page, tmp_path)
    page.get_by_role("button", name="Clear all").click()
    page.get_by_role("button", name="Yes, clear all").click()
    assert page.evaluate("window.__cspViolations") == []
    assert traffic.console_errors == []
    assert traffic.external == []
    context.close()
