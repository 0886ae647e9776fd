"""Shared fixtures: the built handbook, a loopback server, Debian's Chromium."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from filelock import FileLock

from tools.mkdocs_config import load_config
from tools.servers import serving

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def material_templates() -> Path:
    """The installed Material theme's templates folder (its base.html, assets, ...)."""
    spec = importlib.util.find_spec("material")
    assert spec is not None
    assert spec.origin is not None
    return Path(spec.origin).parent / "templates"


def mkdocs_config() -> dict[str, Any]:
    """The handbook's mkdocs.yml, each ``!ENV [NAME, default]`` replaced by its default."""
    return load_config(ROOT / "mkdocs.yml")


def mkdocs_build(
    config: Path, site_dir: Path, env: dict[str, str] | None = None, engine: str = "mkdocs"
) -> subprocess.CompletedProcess[str]:
    """Run a strict MkDocs (or ProperDocs) build in a subprocess, as a user would."""
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    return subprocess.run(
        [
            sys.executable,
            "-m",
            engine,
            "build",
            "--strict",
            "-f",
            str(config),
            "-d",
            str(site_dir),
        ],
        capture_output=True,
        text=True,
        check=False,
        env=full_env,
        cwd=config.parent,
    )


# `make test` runs the tests in pytest-xdist workers, grouped (`--dist loadgroup`): a test
# module's tests in one worker, so its module fixtures (servers, browsers) start once; but each
# of the ALONE tests (1-2 minutes each) in a group of its own, and the cases of each BY_TEST
# test (minutes in all) in a group of their own, so that they run side by side.
ALONE = {
    "tests/browser/test_a11y.py::test_no_axe_violations_on_any_page",
    "tests/browser/test_search.py::test_practitioners_words_find_the_answer_through_nginx",
    "tests/browser/test_search.py::test_practitioners_words_find_the_answer_from_the_offline_zip",
}
BY_TEST = {
    "tests/browser/test_print.py::test_guidance_page_prints_cleanly",
    "tests/browser/test_print.py::test_no_printed_sheet_is_blank",
}


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        module, _, name = item.nodeid.partition("::")
        test = module + "::" + name.partition("[")[0]
        group = item.nodeid if test in ALONE else test if test in BY_TEST else module
        item.add_marker(pytest.mark.xdist_group(group.replace("[", "(").replace("]", ")")))


def shared(
    tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], None]
) -> Path:
    """``make(folder)`` once in the whole test run: the first pytest-xdist worker to get here
    makes it while the others wait, then all use it (the workers' temporary folders share a
    parent). ``make`` fails the test with ``pytest.fail`` if it cannot; the next one tries again."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent
    folder, done = root / name, root / f"{name}.done"
    with FileLock(root / f"{name}.lock"):
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            make(folder)
            done.touch()
    return folder


def handbook_build(what: str, env: dict[str, str] | None = None) -> Callable[[Path], None]:
    """Makes a strict build of the handbook into a folder, or fails the test saying ``what``."""

    def make(out: Path) -> None:
        result = mkdocs_build(ROOT / "mkdocs.yml", out, env)
        if result.returncode != 0:
            pytest.fail(f"{what} does not build:\n{result.stderr}")

    return make


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built handbook: ``$HANDBOOK_SITE_DIR`` (``make test`` builds ``site/``), else a fresh build."""
    given = os.environ.get("HANDBOOK_SITE_DIR")
    if given:
        path = Path(given).resolve()
        if not (path / "index.html").is_file():
            pytest.fail(f"HANDBOOK_SITE_DIR={given} has no index.html: run `make build` first")
        return path
    return shared(tmp_path_factory, "site", handbook_build("the handbook"))


@pytest.fixture(scope="session")
def overlay_site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The handbook built with the example overlay (examples/local/local.yml), PDFs off."""
    env = {"HANDBOOK_LOCAL": "examples/local/local.yml", "HANDBOOK_PDF": "false"}
    return shared(
        tmp_path_factory,
        "overlay-site",
        handbook_build("the handbook with the example overlay", env),
    )


@pytest.fixture(scope="session")
def server(site_dir: Path) -> Iterator[str]:
    """The built site on a loopback port; yields its base URL."""
    with serving(site_dir) as url:
        yield url


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
