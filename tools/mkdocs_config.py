"""mkdocs.yml as plain data, and a build by the site builder `make` chose (``HANDBOOK_ENGINE``)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent  # the checkout, with mkdocs.yml
ENV_TAG = re.compile(r"!ENV \[\w+, ([^\]]*)\]")
#: MkDocs, or ProperDocs, its maintained fork (guides/it-teams.md, "Support and maintenance").
ENGINES = ("mkdocs", "properdocs")


def load_config(path: Path) -> dict[str, Any]:
    """The config at ``path`` with each ``!ENV [NAME, default]`` replaced by its default."""
    return dict(yaml.safe_load(ENV_TAG.sub(r"\1", path.read_text(encoding="utf-8"))))


def build(root: Path, site_dir: Path, env: dict[str, str], *options: str) -> None:
    """A strict, clean build of ``root``'s mkdocs.yml into ``site_dir`` with ``env`` (a failure
    raises CalledProcessError); ``$HANDBOOK_ENGINE`` other than an engine stops with one line."""
    engine = os.environ.get("HANDBOOK_ENGINE") or ENGINES[0]
    if engine not in ENGINES:
        sys.exit(f"HANDBOOK_ENGINE={engine}: use one of {', '.join(ENGINES)}")
    command = [sys.executable, "-m", engine, "build", "-f", "mkdocs.yml", "--strict", "--clean"]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **env}
    subprocess.run([*command, *options, "-d", str(site_dir)], cwd=root, env=env, check=True)
