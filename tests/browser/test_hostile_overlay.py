"""Markup in every overlay field, opened from disk in Chromium: nothing runs, nothing redirects."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Dialog, Page, expect

from macros.hooks.security import meta_policy
from tests.build.fixture_site import FixtureSite
from tests.build.test_hostile import CONTACT, HOSTILE, ORG

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hostile overlay built as an offline copy (search works from file://)."""
    root = tmp_path_factory.mktemp("hostile-offline")
    site = FixtureSite(root)
    shutil.copytree(HOSTILE, root / "local")
    site.config["extra"]["handbook"]["local"] = "local/local.yml"
    for plugin in site.config["plugins"]:
        if isinstance(plugin, dict) and "offline" in plugin:
            plugin["offline"]["enabled"] = True
    result = site.build()
    assert result.returncode == 0, result.stderr
    return root / "site"


def test_pages_from_disk_run_nothing_and_stay_put(browser: Browser, hostile_site: Path) -> None:
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    loads: list[str] = []

    def on_dialog(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    def on_load(loaded: Page) -> None:
        loads.append(loaded.url)

    page.on("dialog", on_dialog)
    page.on("load", on_load)
    pages = sorted(p for p in hostile_site.rglob("*.html") if p.name != "404.html")
    assert len(pages) >= 6
    for path in pages:
        page.goto(path.as_uri(), wait_until="load")
        page.wait_for_timeout(300)  # time for a meta refresh or a script to act
        assert page.url == path.as_uri()
        expect(page.locator(".md-header__topic").first).to_contain_text(ORG)
        assert page.locator("link[rel=attachment], emergency").count() == 0
        # The only http-equiv is the handbook's own policy (macros/security.py).
        policies = page.locator("meta[http-equiv]")
        expect(policies).to_have_count(1)
        assert policies.get_attribute("http-equiv") == "Content-Security-Policy"
        assert policies.get_attribute("content") == meta_policy()
    assert dialogs == []
    assert len(loads) == len(pages)  # one load per page: no refresh
    page.locator("input.md-search__input").focus()
    page.locator("input.md-search__input").type("Duty", delay=20)
    results = page.locator(".md-search-result__item")
    expect(results.first).to_be_visible(timeout=15000)
    expect(page.locator(".md-search-result")).to_contain_text(CONTACT["role"][:40])
    assert page.locator(".md-search-result script, .md-search-result meta").count() == 0
    assert dialogs == []
    context.close()
