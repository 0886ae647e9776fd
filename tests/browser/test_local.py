"""An organisation's copy from the offline zip, in Chromium with the network blocked:
the local pages with their notice, the practice notes and the marked local items."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.browser.helpers import files_only
from tests.browser.test_a11y import violations
from tests.conftest import ARTIFACTS, ROOT

pytestmark = pytest.mark.slow
ORG = "Example Borough Council Children's Services"


@pytest.fixture(scope="module")
def unzipped(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("local-dist")
    target = work / "north-offline.zip"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "tools.dist",
            "--out",
            str(target),
            "--site-dir",
            str(work / "build"),
        ],
        check=True,
        capture_output=True,
        cwd=ROOT,
        env={
            **os.environ,
            "HANDBOOK_LOCAL": "examples/local/local.yml",
            "HANDBOOK_PDF": "false",
            "NO_MKDOCS_2_WARNING": "1",
        },
    )
    with zipfile.ZipFile(target) as zf:
        zf.extractall(work / "unzipped")
    return work / "unzipped" / target.stem


@pytest.fixture
def offline_page(browser: Browser) -> Iterator[tuple[Page, list[str]]]:
    context: BrowserContext = browser.new_context(viewport={"width": 1280, "height": 900})
    blocked: list[str] = []
    files_only(context, blocked)
    yield context.new_page(), blocked
    context.close()


def test_local_pages_notes_and_items_from_the_zip(
    unzipped: Path, offline_page: tuple[Page, list[str]]
) -> None:
    page, blocked = offline_page
    page.goto((unzipped / "index.html").as_uri())
    expect(page.locator(".hb-review")).to_contain_text("Next planned review")

    # The "Local resources" tab leads to the first local page, which carries the notice.
    page.locator(".md-tabs__link", has_text="Local resources").click()
    page.wait_for_load_state()
    assert page.url.endswith("local/pages/referral-pathway.html")
    notice = page.locator("article .hb-local-notice")
    expect(notice).to_be_visible()
    expect(notice).to_have_text(
        f"Local resource — added by {ORG}, not part of the TA-HSB practice guidance."
    )
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "local-page.png"))
    page.emulate_media(media="print")
    expect(notice).to_be_visible()
    page.emulate_media(media="screen")

    # Search finds local pages from file://.
    page.locator("input.md-search__input").focus()
    page.locator("input.md-search__input").type("panel coordinator", delay=20)
    expect(page.locator(".md-search-result__item a[href*='local/pages/']").first).to_be_visible(
        timeout=10000
    )

    # A practice note under its heading, and a local item marked in the checklist.
    page.goto((unzipped / "prompts" / "sexting.html").as_uri())
    note = page.get_by_role("complementary", name=f"Local practice note ({ORG})")
    expect(note).to_be_visible()
    expect(note).to_contain_text("before any device is examined")
    local_box = page.get_by_role("checkbox", name="Local Duty safeguarding manager consulted")
    expect(local_box).to_be_visible()
    local_box.check()
    expect(page.locator(".hb-checklist__count")).to_contain_text("1 of")
    note.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "local-note.png"))

    # The Assessment record reuses the checklists: the local items are there, marked.
    page.goto((unzipped / "assessment" / "record.html").as_uri())
    page.locator("[data-record-checklist='prompts-sexting'] > summary").click()
    in_record = page.get_by_role("checkbox", name="Local Duty safeguarding manager consulted")
    expect(in_record).to_be_visible()
    page.locator("[data-record-checklist='stage-3-safety-planning'] > summary").click()
    expect(
        page.get_by_role(
            "checkbox", name="Local Safety plan shared with the HSB panel coordinator."
        )
    ).to_be_visible()
    assert blocked == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_local_content_has_no_axe_violations(
    unzipped: Path, offline_page: tuple[Page, list[str]], scheme: str
) -> None:
    page, _ = offline_page
    page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
    found = {}
    for path in ("local/pages/referral-pathway.html", "prompts/sexting.html", "index.html"):
        page.goto((unzipped / path).as_uri())
        problems = violations(page)
        if problems:
            found[path] = problems
    assert found == {}
