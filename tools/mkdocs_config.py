"""mkdocs.yml as plain data, for tools and tests that copy or inspect the configuration; and
the site builder `make` chose (``ENGINE=…``, passed on as ``HANDBOOK_ENGINE``)."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import Any

import yaml

ENV_TAG = re.compile(r"!ENV \[\w+, ([^\]]*)\]")
#: MkDocs, or ProperDocs, its maintained fork (guides/it-teams.md, "Support and maintenance").
ENGINES = ("mkdocs", "properdocs")


def load_config(path: Path) -> dict[str, Any]:
    """The config at ``path`` with each ``!ENV [NAME, default]`` replaced by its default."""
    return dict(yaml.safe_load(ENV_TAG.sub(r"\1", path.read_text(encoding="utf-8"))))


def engine() -> str:
    """``$HANDBOOK_ENGINE`` (MkDocs when unset); anything else stops with one line."""
    name = os.environ.get("HANDBOOK_ENGINE") or ENGINES[0]
    if name not in ENGINES:
        sys.exit(f"HANDBOOK_ENGINE={name}: use one of {', '.join(ENGINES)}")
    return name


def build_command(site_dir: Path) -> list[str]:
    """A strict, clean build of mkdocs.yml (in the working folder) into ``site_dir``."""
    build = [sys.executable, "-m", engine(), "build", "-f", "mkdocs.yml", "--strict", "--clean"]
    return [*build, "-d", str(site_dir)]
