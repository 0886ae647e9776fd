"""mkdocs.yml as plain data, for tools and tests that copy or inspect the configuration."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

ENV_TAG = re.compile(r"!ENV \[\w+, ([^\]]*)\]")


def load_config(path: Path) -> dict[str, Any]:
    """The config at ``path`` with each ``!ENV [NAME, default]`` replaced by its default."""
    return dict(yaml.safe_load(ENV_TAG.sub(r"\1", path.read_text(encoding="utf-8"))))
