"""Accessibility: axe-core (WCAG 2.0/2.1/2.2 A and AA) on every page, light and dark."""

from __future__ import annotations

import datetime as dt
import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import axe_playwright_python
import pytest
from playwright.sync_api import Browser, Page, expect

from tests.a11y_results import LOCK, axe_parts, update
from tests.browser.conftest import site_pages

AXE = Path(axe_playwright_python.__file__).with_name("axe.min.js")
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


class Record:
    """What this run checked, written for the accessibility statement (macros/data/results.py)."""

    def __init__(self) -> None:
        self.version = ""
        self.pages: set[str] = set()
        self.palettes: set[str] = set()
        self.states: list[str] = []
        self.found: list[str] = []

    def part(self) -> dict[str, list[str]]:
        return {
            "version": [self.version],  # part() is called once the version is known
            "pages": sorted(self.pages),
            "palettes": sorted(self.palettes),
            "states": self.states,
            "found": self.found,
        }

    @staticmethod
    def data(parts: list[dict[str, list[str]]]) -> dict[str, Any]:
        """The figures of all of a run's parts (one a pytest-xdist worker)."""

        def every(key: str) -> list[str]:
            return list(dict.fromkeys(all_of(key)))

        def all_of(key: str) -> list[str]:
            return [item for part in parts for item in part[key]]

        return {
            "axe_core": every("version")[0],
            "tested": dt.datetime.now(tz=dt.UTC).date().isoformat(),
            "tags": TAGS,
            "pages": len(every("pages")),
            "palettes": sorted(every("palettes")),
            "states": every("states"),
            "violations": len(all_of("found")),
            "exceptions": all_of("found"),
        }


@pytest.fixture(scope="module")
def record(request: pytest.FixtureRequest) -> Iterator[Record]:
    rec = Record()
    yield rec
    if rec.version and rec.pages:
        worker = getattr(request.config, "workerinput", {})
        run = worker.get("testrunuid", f"solo{os.getpid()}")
        # One part per instance of this fixture: a worker may make it more than once (the module
        # and its ALONE tests are groups of their own, and may run on one worker in turn).
        part = f"{worker.get('workerid', 'gw')}-{uuid.uuid4().hex}"
        with LOCK:  # the parts read and their figures written in one step
            update(Record.data(axe_parts(run, part, rec.part())))


SETTLED = """() => Promise.all(document.getAnimations()
  .filter(a => Number.isFinite(a.effect?.getComputedTiming().endTime))
  .map(a => a.finished.catch(() => null)))"""


def inject_axe(page: Page) -> None:
    """axe-core into the page through DevTools (the page's CSP allows no inline script), unless
    the context's init script has put it there already."""
    if page.evaluate("() => typeof axe === 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))


def violations(page: Page, record: Record | None = None, where: str = "") -> list[str]:
    # Check the settled page: colours caught half-way through a CSS transition (a button
    # leaving its hover state) are not what a reader sees.
    page.evaluate(SETTLED)
    inject_axe(page)
    result = page.evaluate(  # every violation; passes not gathered (axe's resultTypes)
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations']})",
        TAGS,
    )
    found = [f"{v['id']}: {node['target']}" for v in result["violations"] for node in v["nodes"]]
    if record is not None:
        record.version = result["testEngine"]["version"]
        record.found += [f"{where}: {problem}" for problem in found]
    return found


def note_state(record: Record, state: str) -> None:
    if state not in record.states:
        record.states.append(state)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violations_on_any_page(
    browser: Browser, server: str, site_dir: Path, scheme: str, record: Record
) -> None:
    context = browser.new_context(color_scheme=scheme)  # type: ignore[arg-type]
    context.add_init_script(path=AXE)  # in every page before its own scripts, once parsed
    page = context.new_page()
    found: dict[str, list[str]] = {}
    for path in site_pages(site_dir):
        page.goto(server + path)  # loaded: the bundle has run; SETTLED waits for transitions
        expected = "slate" if scheme == "dark" else "default"
        assert page.get_attribute("body", "data-md-color-scheme") == expected
        problems = violations(page, record, f"{path} ({scheme})")
        record.pages.add(path)
        if problems:
            found[path] = problems
    record.palettes.add(f"{scheme} ({expected})")
    context.close()
    assert found == {}


def test_open_search_dialog_has_no_violations(
    browser: Browser, server: str, record: Record
) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(server, wait_until="networkidle")
    page.locator("input.md-search__input").focus()
    page.locator("input.md-search__input").type("pornography", delay=20)
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    note_state(record, "search dialog open, showing results")
    assert violations(page, record, "search dialog") == []
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_visible_tooltip_has_no_violations(
    browser: Browser, server: str, scheme: str, record: Record
) -> None:
    context = browser.new_context(color_scheme=scheme)  # type: ignore[arg-type]
    page = context.new_page()
    page.goto(server + "prompts/iioc/", wait_until="networkidle")
    link = page.locator("a.hb-term__link").first
    link.focus()
    tip = page.locator(f"#{link.get_attribute('aria-describedby')}")
    expect(tip).to_be_visible()
    note_state(record, f"glossary tooltip shown by keyboard focus ({scheme})")
    assert violations(page, record, f"glossary tooltip ({scheme})") == []
    context.close()


def test_keyboard_reaches_every_checklist_control_with_visible_focus(
    browser: Browser, server: str
) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(server + "prompts/sexting/", wait_until="networkidle")
    controls = page.locator("section.hb-checklist").locator("input, textarea, button, a")
    wanted = {
        controls.nth(i).evaluate("e => e.id || e.textContent.trim() || e.name")
        for i in range(controls.count())
    }
    reached: set[str] = set()
    unfocused_style: list[str] = []
    for _ in range(400):
        page.keyboard.press("Tab")
        info = page.evaluate(
            """() => {
                const e = document.activeElement;
                if (!e || !e.closest('section.hb-checklist')) return null;
                const s = getComputedStyle(e);
                const visible = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
                return {key: e.id || e.textContent.trim() || e.name, visible};
            }"""
        )
        if info:
            reached.add(info["key"])
            if not info["visible"]:
                unfocused_style.append(info["key"])
        if reached >= wanted:
            break
    context.close()
    assert wanted - reached == set()
    assert unfocused_style == []


def test_search_dialog_has_an_accessible_name(browser: Browser, server: str) -> None:
    """Lighthouse's aria-dialog-name audit (axe best practice, outside the WCAG tags above)."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(server, wait_until="networkidle")
    # Check the settled page: colours caught half-way through a CSS transition (a button
    # leaving its hover state) are not what a reader sees.
    page.evaluate(SETTLED)
    inject_axe(page)
    result = page.evaluate(
        "() => axe.run(document, {runOnly: {type: 'rule', values: ['aria-dialog-name']}})"
    )
    assert [v["id"] for v in result["violations"]] == []
    assert [p["id"] for p in result["passes"]] == ["aria-dialog-name"]
    expect(page.get_by_role("dialog", name="Search", include_hidden=True)).to_have_count(1)
    context.close()


def test_the_statement_counts_what_every_worker_checked() -> None:
    """The light and the dark pages may be checked by two pytest-xdist workers."""
    light = {"version": ["4.12.1"], "pages": ["/", "/a/"], "palettes": ["light (default)"]}
    dark = {"version": ["4.12.1"], "pages": ["/a/", "/"], "palettes": ["dark (slate)"]}
    light |= {"states": ["search dialog open"], "found": ["/a/ (light): region: ['#x']"]}
    dark |= {"states": [], "found": ["/a/ (dark): region: ['#x']"]}
    data = Record.data([light, dark])
    assert (data["axe_core"], data["pages"], data["states"]) == (
        "4.12.1",
        2,
        ["search dialog open"],
    )
    assert data["palettes"] == ["dark (slate)", "light (default)"]
    assert data["violations"] == 2
    assert data["exceptions"] == ["/a/ (light): region: ['#x']", "/a/ (dark): region: ['#x']"]
