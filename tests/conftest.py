"""Shared fixtures: the built handbook, a loopback server, Debian's Chromium."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tools.loopback import serving
from tools.mkdocs_config import load_config

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
    config: Path, site_dir: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run a strict MkDocs build in a subprocess, as a user would."""
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
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


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built handbook: ``$HANDBOOK_SITE_DIR`` (``make test`` builds ``site/``), else a fresh build."""
    given = os.environ.get("HANDBOOK_SITE_DIR")
    if given:
        path = Path(given).resolve()
        if not (path / "index.html").is_file():
            pytest.fail(f"HANDBOOK_SITE_DIR={given} has no index.html: run `make build` first")
        return path
    out = tmp_path_factory.mktemp("site")
    result = mkdocs_build(ROOT / "mkdocs.yml", out)
    if result.returncode != 0:
        pytest.fail(f"the handbook does not build:\n{result.stderr}")
    return out


@pytest.fixture(scope="session")
def overlay_site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The handbook built with the example overlay (examples/local/local.yml), PDFs off."""
    out = tmp_path_factory.mktemp("overlay-site")
    result = mkdocs_build(
        ROOT / "mkdocs.yml",
        out,
        {"HANDBOOK_LOCAL": "examples/local/local.yml", "HANDBOOK_PDF": "false"},
    )
    if result.returncode != 0:
        pytest.fail(f"the handbook does not build with the example overlay:\n{result.stderr}")
    return out


@pytest.fixture(scope="session")
def server(site_dir: Path) -> Iterator[str]:
    """The built site on a loopback port; yields its base URL."""
    with serving(site_dir) as url:
        yield url


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
