"""The offline copy through the shipped nginx: one visit, then offline; a new edition; the
overlay switch; a repeat visit that asks the server for nothing; "Install".

nginx serves a folder that is a symbolic link, switched from one build to another as a
deployment replaces the site: the handbook built for the session (edition A), the same
handbook with a new version (edition B), and the same with ``offline_app: false`` (C).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, expect

from tests.browser.helpers import CSP_LISTENER, Traffic
from tests.browser.test_a11y import violations
from tests.conftest import CHROMIUM, CHROMIUM_ARGS
from tools import servers
from tools.bench.projects import copy_project
from tools.servers import ServerError

pytestmark = pytest.mark.slow

NEW_VERSION, NEW_DATE, EPOCH = "9.9.9", "2030-01-02", "1893542400"
TEN_PAGES = [
    "",
    "guidance/definitions/",
    "guidance/key-finding-1/",
    "assessment/stage-1-information-gathering/",  # a checklist
    "assessment/record/",
    "prompts/sexting/",
    "checklists/stage-2-case-formulation/",
    "reference/glossary/",
    "reference/privacy/",
    "reference/about/",
]
#: The home page's first visit as nginx sends it (gzip, headers included): page, CSS,
#: scripts, search index and Material's search worker, edition.json, the favicon. 1.2.0
#: measures 142 KiB in 11 requests; the budget leaves room for content, not for a library.
FIRST_VISIT_BUDGET = 150 * 1024
#: Whether a service worker controls the page within 30 seconds.
CONTROLLED = """() => navigator.serviceWorker.controller ? true : new Promise(done => {
    navigator.serviceWorker.addEventListener("controllerchange", () => done(true), {once: true});
    setTimeout(() => done(false), 30000);
})"""
REGISTRATIONS = "() => navigator.serviceWorker.getRegistrations().then(r => r.length)"
OUR_CACHES = "() => caches.keys().then(names => names.filter(n => n.startsWith('ta-hsb ')))"


def build_copy(target: Path, version: str, overlay: str | None = None) -> Path:
    """The handbook as a copy of this project with another version and maybe an overlay."""
    project = copy_project(target)
    pyproject = project / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    pyproject.write_text(
        re.sub(r'^version = ".*"$', f'version = "{version}"', text, count=1, flags=re.M),
        encoding="utf-8",
    )
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "HANDBOOK_PDF": "false",
        "SOURCE_DATE_EPOCH": EPOCH,
        "HANDBOOK_COMMIT": "fedcba9876",
    }
    if overlay is not None:
        (project / "local.yml").write_text(overlay, encoding="utf-8")
        env["HANDBOOK_LOCAL"] = "local.yml"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(project / "site")],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        pytest.fail(f"the copy does not build:\n{result.stderr[-2000:]}")
    return project / "site"


@pytest.fixture(scope="module")
def new_edition(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Edition B: the same handbook with a new version and build date."""
    return build_copy(tmp_path_factory.mktemp("edition-b"), NEW_VERSION)


@pytest.fixture(scope="module")
def switched_off(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Edition C: an organisation's copy with ``offline_app: false``."""
    overlay = "organisation: Example Council\ncontacts:\n  - role: Lead\noffline_app: false\n"
    return build_copy(tmp_path_factory.mktemp("edition-c"), "9.9.8", overlay)


@dataclass
class Deployment:
    url: str
    root: Path
    log: Path

    def deploy(self, site: Path) -> None:
        """Replace the served site, as ``rsync --delete`` would, all at once."""
        self.root.unlink()
        self.root.symlink_to(site)

    def requests(self) -> list[str]:
        """The paths requested since the last call (nginx's access log)."""
        lines = self.log.read_text(encoding="utf-8").splitlines()
        self.log.write_text("", encoding="utf-8")
        return [line.split('"')[1].split()[1] for line in lines]


@pytest.fixture
def deployment(site_dir: Path, tmp_path: Path) -> Iterator[Deployment]:
    root = tmp_path / "site"
    root.symlink_to(site_dir)
    try:
        with servers.nginx(root, tmp_path / "nginx", access_log=True) as url:
            yield Deployment(url, root, tmp_path / "nginx" / "access.log")
    except ServerError as exc:
        pytest.fail(str(exc))


def visit_once(context: BrowserContext, url: str) -> Page:
    """The first visit: the page loads, the worker keeps the edition and takes over."""
    page = context.new_page()
    page.goto(url, wait_until="load")
    assert page.evaluate(CONTROLLED) is True
    assert len(page.evaluate(OUR_CACHES)) == 1
    return page


def edition_of(page: Page) -> str:
    return page.locator(".hb-footer-stamp").get_attribute("data-edition") or ""


def test_after_one_visit_the_handbook_works_offline_then_a_new_edition_takes_over(
    browser: Browser, deployment: Deployment, site_dir: Path, new_edition: Path
) -> None:
    pdfs = sorted((site_dir / "downloads" / "checklists").glob("*.pdf"))
    assert pdfs, "the site has no checklist PDFs: build it with PDFs (make build)"
    context = browser.new_context()
    context.add_init_script(CSP_LISTENER)
    traffic = Traffic().watch(context)
    page = visit_once(context, deployment.url)
    old = edition_of(page)

    context.set_offline(True)
    for path in TEN_PAGES:
        response = page.goto(deployment.url + path, wait_until="load")
        assert response is not None
        assert response.status == 200, path
        assert response.from_service_worker, path
        line = page.locator(".hb-footer-offline")
        expect(line).to_be_visible()
        expect(line).to_contain_text("Offline: the copy kept on this device, handbook version")
        assert edition_of(page) == old, path
    assert violations(page) == []  # with the offline line in the footer
    # Checklists and the record work as online: a tick on the stage page is on the record.
    page.goto(deployment.url + TEN_PAGES[3], wait_until="load")
    page.locator("section.hb-checklist input[type=checkbox]").first.check()
    page.goto(deployment.url + "assessment/record/", wait_until="load")
    expect(page.locator(".hb-record__tally").first).to_contain_text("(1 of")
    # Search, from the kept index.
    page.locator("input.md-search__input").focus()
    page.locator("input.md-search__input").type("grooming", delay=20)
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=10000)
    # A checklist PDF, byte for byte.
    pdf = pdfs[0]
    got = page.evaluate(
        """url => fetch(url).then(r => r.arrayBuffer()).then(b => [...new Uint8Array(b)])""",
        f"{deployment.url}downloads/checklists/{pdf.name}",
    )
    assert bytes(got) == pdf.read_bytes()
    assert page.evaluate("window.__cspViolations") == []

    # Edition B is deployed; the reader is online again and opens two pages.
    deployment.deploy(new_edition)
    context.set_offline(False)
    page.goto(deployment.url + "prompts/sexting/", wait_until="load")
    other = context.new_page()
    other.goto(deployment.url + "reference/glossary/", wait_until="load")
    notice = (
        f"This handbook has been updated (version {NEW_VERSION}, built {NEW_DATE}). "
        "Reload to read the new edition."
    )
    for tab in (page, other):
        expect(tab.locator(".hb-update")).to_contain_text(notice, timeout=60000)
        assert edition_of(tab) == old  # the page says so; it is still the old edition
    assert violations(other) == []  # with the notice and its button
    page.reload(wait_until="load")
    new = edition_of(page)
    assert new.startswith(NEW_VERSION + "+")
    assert new != old
    expect(page.locator(".hb-update")).to_be_empty()
    for path in TEN_PAGES[:6]:
        response = page.goto(deployment.url + path, wait_until="load")
        assert response is not None, path
        assert response.from_service_worker, path
        assert edition_of(page) == new, path
        expect(page.locator(".hb-update")).to_be_empty()
    # One cache, the new edition's: the old one is deleted.
    caches = page.evaluate(OUR_CACHES)
    assert len(caches) == 1
    assert new in caches[0]
    assert traffic.external == []
    assert traffic.console_errors == []
    context.close()


def test_offline_app_false_registers_no_worker_and_removes_an_earlier_one(
    browser: Browser, deployment: Deployment, switched_off: Path
) -> None:
    assert "unregister()" in (switched_off / "sw.js").read_text(encoding="utf-8")
    context = browser.new_context()
    page = visit_once(context, deployment.url)
    deployment.deploy(switched_off)
    # The worker of the earlier build checks for a new sw.js and gets the one that removes it.
    page.goto(deployment.url + "guidance/definitions/", wait_until="load")
    for _ in range(60):
        if page.evaluate(REGISTRATIONS) == 0 and page.evaluate(OUR_CACHES) == []:
            break
        page.wait_for_timeout(500)
    assert page.evaluate(REGISTRATIONS) == 0
    assert page.evaluate(OUR_CACHES) == []
    page.reload(wait_until="load")
    assert page.locator(".hb-footer-stamp").get_attribute("data-app") == "off"
    assert page.evaluate("() => navigator.serviceWorker.controller") is None
    context.close()

    # A reader who never had it: no worker is registered, no sw.js is even asked for.
    fresh = browser.new_context()
    page = fresh.new_page()
    deployment.requests()
    page.goto(deployment.url, wait_until="load")
    page.wait_for_timeout(2000)
    assert page.evaluate(REGISTRATIONS) == 0
    assert "/sw.js" not in deployment.requests()
    fresh.close()


def test_a_repeat_visit_asks_the_server_for_no_page(
    browser: Browser, deployment: Deployment
) -> None:
    context = browser.new_context()
    page = context.new_page()
    sizes: dict[str, int] = {}
    page.on(
        "requestfinished",
        lambda r: sizes.update(
            {r.url: r.sizes()["responseBodySize"] + r.sizes()["responseHeadersSize"]}
        ),
    )
    page.goto(deployment.url, wait_until="networkidle")
    first_visit = sum(sizes.values())
    print(f"home page, first visit: {len(sizes)} requests, {first_visit / 1024:.0f} KiB")
    for url, size in sizes.items():
        print(f"  {size:>8,} B  {url.removeprefix(deployment.url)}")
    assert first_visit <= FIRST_VISIT_BUDGET
    assert page.evaluate(CONTROLLED) is True
    page.wait_for_timeout(1000)
    deployment.requests()  # what the first visit and the worker's install asked for

    for path in ["", "guidance/definitions/", "assessment/record/", "reference/glossary/", ""]:
        response = page.goto(deployment.url + path, wait_until="networkidle")
        assert response is not None, path
        assert response.from_service_worker, path
    page.wait_for_timeout(1500)
    asked = deployment.requests()
    # The browser may check sw.js for a newer edition; nothing else reaches the server.
    assert [path for path in asked if path != "/sw.js"] == []
    context.close()


@pytest.fixture(scope="module")
def persistent(playwright_instance: Playwright) -> Iterator[BrowserContext]:
    """A browser profile on disk: Chromium does not offer "Install" in a private window."""
    with tempfile.TemporaryDirectory() as profile:
        context = playwright_instance.chromium.launch_persistent_context(
            profile, executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
        )
        yield context
        context.close()


@pytest.mark.parametrize("overlay", [False, True], ids=["handbook", "overlay"])
def test_the_copy_can_be_installed(
    persistent: BrowserContext,
    site_dir: Path,
    overlay_site_dir: Path,
    overlay: bool,
    tmp_path: Path,
) -> None:
    try:
        with servers.nginx(overlay_site_dir if overlay else site_dir, tmp_path / "nginx") as url:
            page = visit_once(persistent, url)
            cdp = persistent.new_cdp_session(page)
            assert cdp.send("Page.getInstallabilityErrors") == {"installabilityErrors": []}
            manifest = cdp.send("Page.getAppManifest")
            assert manifest["errors"] == []
            assert manifest["url"] == url + "manifest.webmanifest"
            page.close()
    except ServerError as exc:
        pytest.fail(str(exc))
