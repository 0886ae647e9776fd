"""requirements.lock: every package pinned with its hashes, in step with pyproject.toml, and
accepted by pip in hash-checking mode (the way `make install` uses it);
requirements-runtime.lock, what building and serving need (`make serve`), the same pins
without the dev extra; and requirements-uv.lock, the installer pip installs first."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.conftest import ROOT

LOCK = ROOT / "requirements.lock"
RUNTIME_LOCK = ROOT / "requirements-runtime.lock"
UV_LOCK = ROOT / "requirements-uv.lock"
PROJECT = "ta-hsb-handbook"
ENTRY = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>\S+) \\$", re.M)


def entries(text: str) -> dict[str, tuple[str, list[str], list[str]]]:
    """Package → (version, its sha256 hashes, what needs it), from a pip-compile lock."""
    out: dict[str, tuple[str, list[str], list[str]]] = {}
    blocks = re.split(r"\n(?=[A-Za-z0-9])", text)
    for block in blocks:
        match = ENTRY.match(block)
        if not match:
            continue
        hashes = re.findall(r"--hash=sha256:([0-9a-f]+)", block)
        via = re.findall(r"#\s+(?:via\s+)?([A-Za-z0-9][^\n#]*?)\s*$", block, re.M)
        out[canonicalize_name(match["name"])] = (match["version"], hashes, via)
    return out


LOCKED = entries(LOCK.read_text(encoding="utf-8"))
RUNTIME = entries(RUNTIME_LOCK.read_text(encoding="utf-8"))


def pinned(dev: bool = True) -> dict[str, str]:
    """Every dependency pyproject.toml pins (runtime, and dev unless not ``dev``), name → version."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    out: dict[str, str] = {}
    extra = project["optional-dependencies"]["dev"] if dev else []
    for line in [*project["dependencies"], *extra]:
        requirement = Requirement(line)
        [spec] = requirement.specifier
        assert spec.operator == "==", f"pyproject.toml: {line}: pin with =="
        out[canonicalize_name(requirement.name)] = spec.version
    return out


def test_the_lock_lists_packages() -> None:
    assert len(LOCKED) > 50
    assert "mkdocs-material" in LOCKED


@pytest.mark.parametrize("lock", [LOCK, RUNTIME_LOCK, UV_LOCK], ids=lambda p: p.name)
def test_every_package_has_its_hashes(lock: Path) -> None:
    locked = entries(lock.read_text(encoding="utf-8"))
    missing = [name for name, (_, hashes, _) in locked.items() if not hashes]
    assert missing == []
    assert all(len(h) == 64 for _, hashes, _ in locked.values() for h in hashes)
    text = lock.read_text(encoding="utf-8")
    # Nothing of one machine's set-up: no index, find-links, constraint or editable lines.
    assert re.findall(r"^-.*$", text, re.M) == []
    assert re.findall(r"file://|#\s+-c ", text) == []


LOCKS_AND_PINS = [(LOCKED, True), (RUNTIME, False)]
LOCK_IDS = ["requirements.lock", "requirements-runtime.lock"]


@pytest.mark.parametrize(("locked", "dev"), LOCKS_AND_PINS, ids=LOCK_IDS)
def test_every_pin_in_pyproject_is_in_the_lock_at_its_version(
    locked: dict[str, tuple[str, list[str], list[str]]], dev: bool
) -> None:
    differ = {
        name: (version, locked.get(name, ("missing", [], []))[0])
        for name, version in pinned(dev).items()
        if locked.get(name, ("",))[0] != version
    }
    assert differ == {}, "run `make lock`"


@pytest.mark.parametrize(("locked", "dev"), LOCKS_AND_PINS, ids=LOCK_IDS)
def test_every_direct_dependency_in_the_lock_is_in_pyproject(
    locked: dict[str, tuple[str, list[str], list[str]]], dev: bool
) -> None:
    direct = {name for name, (_, _, via) in locked.items() if any(PROJECT in v for v in via)}
    assert direct == set(pinned(dev)), "run `make lock`"


def test_the_runtime_lock_is_the_full_lock_without_the_dev_tools() -> None:
    """The same version and hashes for every package, and no test, lint or release tool."""
    differ = {
        name: (version, LOCKED.get(name, ("missing", [], []))[0])
        for name, (version, hashes, _) in RUNTIME.items()
        if LOCKED.get(name, ("", [], []))[:2] != (version, hashes)
    }
    assert differ == {}, "run `make lock`"
    dev_only = set(pinned()) - set(pinned(dev=False))
    assert dev_only & set(RUNTIME) == set()
    assert {"pytest", "ruff", "mypy", "playwright"} <= dev_only


def test_the_environment_is_the_lock() -> None:
    """What the tests run on is what `make install` installs."""
    differ = {}
    for name, (version, _, _) in LOCKED.items():
        try:
            installed = metadata.version(name)
        except metadata.PackageNotFoundError:
            installed = "not installed"
        if installed != version:
            differ[name] = (version, installed)
    assert differ == {}, "run `make install`"


def test_the_installer_is_uv_alone_at_the_makefile_version() -> None:
    """pip installs uv from its own lock; uv installs the other two (Makefile)."""
    version = re.search(r"^UV_VERSION := (\S+)$", (ROOT / "Makefile").read_text(), re.M)
    assert version, "Makefile: UV_VERSION"
    assert {name: v for name, (v, _, _) in entries(UV_LOCK.read_text()).items()} == {
        "uv": version[1]
    }
    assert metadata.version("uv") == version[1], "run `make install`"


def pip_dry_run(lock: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            *(sys.executable, "-m", "pip", "install", "--dry-run", "--ignore-installed"),
            *("--require-hashes", "--no-deps", "--disable-pip-version-check", "-r", str(lock)),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )


@pytest.mark.slow
def test_pip_accepts_the_lock_in_hash_checking_mode() -> None:
    """Every file pip downloads here matches a hash in the lock (PyPI here is a mirror)."""
    result = pip_dry_run(LOCK)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Would install" in result.stdout
    would = result.stdout.split("Would install", 1)[1].split()
    assert len(would) == len(LOCKED)


def test_pip_refuses_a_file_whose_hash_differs(tmp_path: Path) -> None:
    """The check can fail: one package with a wrong hash is refused."""
    text = LOCK.read_text(encoding="utf-8")
    start = text.index("\nsix==") + 1
    block = text[start : text.index("# via", start)]
    wrong = tmp_path / "wrong.lock"
    wrong.write_text(re.sub(r"sha256:[0-9a-f]{64}", "sha256:" + "0" * 64, block), encoding="utf-8")
    result = pip_dry_run(wrong)
    assert result.returncode != 0
    assert "DO NOT MATCH THE HASHES" in result.stderr
