"""The light/dark toggle (palette.js in place of Material's palette component)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.helpers import wait_until

SCHEMES = {"light": "default", "dark": "slate"}

#: Every change to the body's colour attributes once the page is parsed (Material's inline
#: script has applied a kept scheme by then, before the first paint), in order.
WATCH_BODY = """
window.__bodyChanges = [];
document.addEventListener("readystatechange", () => {
  if (document.readyState !== "interactive") return;
  new MutationObserver(records => records.forEach(r => window.__bodyChanges.push(r.attributeName)))
    .observe(document.body, {attributes: true, attributeFilter: [
      "data-md-color-scheme", "data-md-color-primary", "data-md-color-accent",
      "data-md-color-media", "data-md-color-switching"]});
});
"""


def scheme(page: Page) -> str | None:
    return page.get_attribute("body", "data-md-color-scheme")


def shown_toggle(page: Page) -> str | None:
    """The title of the one toggle button shown in the header."""
    labels = page.locator("form[data-hb-palette] label")
    shown = [labels.nth(i) for i in range(labels.count()) if labels.nth(i).is_visible()]
    assert len(shown) == 1
    return shown[0].get_attribute("title")


@pytest.mark.parametrize("system", SCHEMES)
def test_opening_a_page_leaves_its_scheme_alone(browser: Browser, server: str, system: str) -> None:
    """A first visit takes the device's setting and keeps it; after that, loading a page
    rewrites no colour attribute (Material's component set them all again, then
    recalculated every style on the page)."""
    context = browser.new_context(color_scheme=system)  # type: ignore[arg-type]
    page = context.new_page()
    page.add_init_script(WATCH_BODY)
    toggle = "Switch to dark mode" if system == "light" else "Switch to light mode"
    first_visit = [] if system == "light" else ["data-md-color-scheme"]  # the HTML says light
    for path, expected in (("", first_visit), ("guidance/key-finding-1/", []), ("", [])):
        page.goto(server + path, wait_until="networkidle")
        assert scheme(page) == SCHEMES[system]
        assert page.evaluate("window.__bodyChanges") == expected, path
        assert page.locator("[data-md-component=palette]").count() == 0
        assert shown_toggle(page) == toggle
        assert page.evaluate("__md_get('__palette').color.scheme") == SCHEMES[system]
    context.close()


def test_choice_is_kept_across_pages_and_reloads(browser: Browser, server: str) -> None:
    context = browser.new_context(color_scheme="light")
    page = context.new_page()
    page.goto(server, wait_until="networkidle")
    wait_until(page, "() => !!document.querySelector('meta[name=theme-color]')")  # set when idle
    light_bar = page.get_attribute("meta[name=theme-color]", "content")
    page.get_by_title("Switch to dark mode").click()
    assert scheme(page) == "slate"
    assert shown_toggle(page) == "Switch to light mode"
    wait_until(page, "() => !document.body.hasAttribute('data-md-color-switching')")
    dark_bar = page.get_attribute("meta[name=theme-color]", "content")
    assert light_bar is not None
    assert dark_bar not in (None, light_bar)  # the browser's bar follows the scheme
    kept = page.evaluate("__md_get('__palette')")
    assert kept == {
        "index": 1,
        "color": {
            "media": "(prefers-color-scheme: dark)",
            "scheme": "slate",
            "primary": "custom",
            "accent": "custom",
        },
    }
    page.add_init_script(WATCH_BODY)
    page.goto(server + "reference/glossary/", wait_until="networkidle")
    assert scheme(page) == "slate"  # applied by Material's inline script before the paint
    assert page.evaluate("window.__bodyChanges") == []
    page.reload(wait_until="networkidle")
    assert scheme(page) == "slate"
    context.close()


def test_keyboard_enter_on_the_option_switches(browser: Browser, server: str) -> None:
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    page.goto(server, wait_until="networkidle")
    page.focus("#__palette_1")
    page.keyboard.press("Enter")
    assert scheme(page) == "default"
    assert page.evaluate("document.activeElement.id") == "__palette_0"
    page.keyboard.press("Enter")
    assert scheme(page) == "slate"
    context.close()
