"""Checklists in the browser: counting, tab-only state, no network, and no JavaScript."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.browser.helpers import Traffic
from tests.site.reading import CHECKLISTS, items

STAGE1 = "assessment/stage-1-information-gathering/"


def test_ticking_updates_count_and_stays_in_this_tab(context: BrowserContext, server: str) -> None:
    total = len(items("stage-1-information-gathering"))
    traffic = Traffic().watch(context)
    page = context.new_page()
    page.goto(server + STAGE1, wait_until="networkidle")
    checklist = page.locator("section.hb-checklist")
    count = checklist.locator(".hb-checklist__count")
    boxes = checklist.locator("input[type=checkbox]")
    assert boxes.count() == total
    expect(count).to_have_text(f"0 of {total} covered")
    # The offline copy is kept once the page has loaded (sw.js); wait until it is done.
    assert page.evaluate("navigator.serviceWorker.ready.then(() => true)")

    before = len(traffic.requests)
    boxes.nth(0).check()
    boxes.nth(2).check()
    notes = checklist.locator("textarea").first
    notes.fill("Discussed with the allocated worker.")
    expect(count).to_have_text(f"2 of {total} covered")
    assert traffic.requests[before:] == []  # ticking and typing send nothing

    # Reload: the tab keeps its state (sessionStorage) ...
    page.reload(wait_until="networkidle")
    expect(count).to_have_text(f"2 of {total} covered")
    assert boxes.nth(0).is_checked()
    assert boxes.nth(2).is_checked()
    assert notes.input_value() == "Discussed with the allocated worker."
    # ... but nothing is written to persistent storage.
    local_keys = page.evaluate("Object.keys(localStorage)")
    assert not [k for k in local_keys if "checklist" in k]

    # A new tab starts empty.
    other = context.new_page()
    other.goto(server + STAGE1, wait_until="networkidle")
    expect(other.locator(".hb-checklist__count")).to_have_text(f"0 of {total} covered")
    assert other.locator("textarea").first.input_value() == ""

    # Clear empties the checklist and its stored state.
    checklist.locator(".hb-checklist__clear").click()
    expect(count).to_have_text(f"0 of {total} covered")
    assert notes.input_value() == ""
    assert (
        page.evaluate("Object.keys(sessionStorage).filter(k => k.startsWith('hb-checklist:'))")
        == []
    )
    assert traffic.external == []
    assert traffic.console_errors == []


@pytest.mark.parametrize("checklist_id", CHECKLISTS)
def test_each_checklist_page_counts_its_items(
    browser: Browser, server: str, checklist_id: str
) -> None:
    url = server + CHECKLISTS[checklist_id]["page"].removesuffix(".md").removesuffix("/index") + "/"
    context = browser.new_context()
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    checklist = page.locator(f"section.hb-checklist[data-checklist='{checklist_id}']")
    boxes = checklist.locator("input[type=checkbox]")
    total = len(items(checklist_id))
    assert boxes.count() == total
    for i in range(total):
        boxes.nth(i).check()
    expect(checklist.locator(".hb-checklist__count")).to_have_text(f"{total} of {total} covered")
    context.close()


def test_without_javascript_the_checklist_is_a_plain_list(browser: Browser, server: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server + STAGE1)
    checklist = page.locator("section.hb-checklist")
    assert checklist.locator("input[type=checkbox]").count() == len(
        items("stage-1-information-gathering")
    )
    assert not checklist.locator(".hb-checklist__status").is_visible()
    checklist.locator("input[type=checkbox]").first.check()
    assert checklist.locator("input[type=checkbox]").first.is_checked()
    context.close()


def test_term_tooltip_shows_on_keyboard_focus(page: Page, server: str) -> None:
    page.goto(server + "guidance/definitions/", wait_until="networkidle")
    link = page.locator("a.hb-term__link").first
    tip = page.locator(f"#{link.get_attribute('aria-describedby')}")
    assert not tip.is_visible()
    link.focus()
    expect(tip).to_be_visible()
    assert tip.inner_text().strip() != ""
    page.keyboard.press("Escape")
    expect(tip).to_be_hidden()
