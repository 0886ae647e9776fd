"""The virtualenv holds the dependencies only: no top-level ``macros`` package to shadow."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def test_macros_is_not_installed_into_the_virtualenv(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    result = subprocess.run(
        [sys.executable, "-c", "import macros; print(macros.__file__)"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0, f"'macros' importable outside the repo: {result.stdout}"
    assert "No module named 'macros'" in result.stderr
