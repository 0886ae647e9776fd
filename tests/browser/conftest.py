"""Playwright driving Debian's Chromium (Playwright's own browser download is not used)."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, sync_playwright

from tests.browser.helpers import CSP_LISTENER, files_only
from tests.conftest import CHROMIUM, CHROMIUM_ARGS, ROOT, shared
from tools import servers
from tools.servers import ServerError


@pytest.fixture(scope="session")
def playwright_instance() -> Iterator[Playwright]:
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: install Debian's chromium (`make system-deps`, as root)"
        )
    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="session")
def browser(playwright_instance: Playwright) -> Iterator[Browser]:
    browser = playwright_instance.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    yield ctx
    ctx.close()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()


def site_pages(site_dir: Path) -> list[str]:
    """Every HTML page of the built site, as a URL path relative to its root."""
    return sorted(
        p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html") if p.name != "404.html"
    )


@pytest.fixture(scope="session")
def unzipped(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The offline package (``make dist``), unzipped: its folder."""
    target = "ta-hsb-handbook-offline.zip"

    def make(work: Path) -> None:
        work.mkdir(parents=True)
        result = subprocess.run(
            [
                *(sys.executable, "-m", "tools.dist"),
                *("--out", str(work / target), "--site-dir", str(work / "build")),
            ],
            check=False,
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
        if result.returncode != 0:
            pytest.fail(f"make dist failed:\n{result.stderr}")
        with zipfile.ZipFile(work / target) as zf:
            zf.extractall(work / "unzipped")

    return shared(tmp_path_factory, "dist", make) / "unzipped" / Path(target).stem


@pytest.fixture
def from_disk(browser: Browser) -> Iterator[tuple[BrowserContext, list[str]]]:
    """A context for pages opened from disk: CSP violations recorded, any request for
    something other than a file blocked and listed."""
    context = browser.new_context()
    context.add_init_script(CSP_LISTENER)
    blocked: list[str] = []
    files_only(context, blocked)
    yield context, blocked
    context.close()


@pytest.fixture(scope="module")
def nginx(site_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The built site behind the shipped nginx configuration, one server per test module."""
    try:
        with servers.nginx(site_dir, tmp_path_factory.mktemp("nginx")) as url:
            yield url
    except ServerError as exc:
        pytest.fail(str(exc))
