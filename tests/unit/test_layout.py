"""The layout shows the pipeline: imports point one way (the import-linter contracts in
pyproject.toml, which also rule out a cycle between subpackages), no module over 300 lines,
and the state is assembled in one place."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

MAX_LINES = 300


def lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    """`lint-imports` on the ``macros`` package under ``root``, with the project's contracts."""
    return subprocess.run(
        [
            str(Path(sys.executable).with_name("lint-imports")),
            *("--config", str(ROOT / "pyproject.toml"), "--no-cache"),
        ],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )


def test_imports_point_down_the_pipeline() -> None:
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 2 kept, 0 broken." in result.stdout


@pytest.mark.parametrize(
    ("module", "line", "wrong"),
    [
        ("macros.data.state", "from ..pages.links import where", "macros.pages.links"),
        ("macros.render.html", "from macros.pdf import writer", "macros.pdf.writer"),
        ("macros.pdf.book", "from ..pages import Macros", "macros.pages"),
        ("macros.pages.links", "from ..hooks.assets import is_local", "macros.hooks.assets"),
        ("macros.pages.links", "from ..pdf import book", "macros.pdf.book"),
        ("macros.data.files", "from macros import Build", "macros"),
    ],
)
def test_a_wrong_import_is_caught(tmp_path: Path, module: str, line: str, wrong: str) -> None:
    """The contracts can fail: one import against the pipeline in an otherwise real tree."""
    shutil.copytree(ROOT / "macros", tmp_path / "macros")
    path = tmp_path.joinpath(*module.split(".")).with_suffix(".py")
    path.write_text(path.read_text(encoding="utf-8") + "\n" + line + "\n", encoding="utf-8")
    result = lint_imports(tmp_path)
    assert result.returncode == 1, result.stdout
    assert f"{module} -> {wrong} (l." in result.stdout


@pytest.mark.parametrize("folder", ["macros", "tools"])
def test_no_module_over_300_lines(folder: str) -> None:
    long = {
        p.relative_to(ROOT).as_posix(): n
        for p in (ROOT / folder).rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


def test_the_state_is_assembled_in_one_place() -> None:
    callers = [
        p.relative_to(ROOT).as_posix()
        for p in (ROOT / "macros").rglob("*.py")
        if "assemble(" in p.read_text(encoding="utf-8") and p.name != "state.py"
    ]
    assert callers == ["macros/__init__.py"]
