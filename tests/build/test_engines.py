"""ProperDocs, the maintained fork of MkDocs 1.x (guides/it-teams.md, "Support and maintenance"), builds
the handbook as MkDocs does: with the same SOURCE_DATE_EPOCH and PDFs off, every file is
byte for byte the same apart from the generator tag and what follows from it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import ROOT, mkdocs_build
from tests.enginediff import differences

pytestmark = pytest.mark.slow
ENV = {"SOURCE_DATE_EPOCH": "1767225600", "HANDBOOK_PDF": "false", "HANDBOOK_LOCAL": ""}


def generator(site: Path) -> str:
    found = re.search(
        r'<meta name="generator" content="([^"]*)">', (site / "index.html").read_text()
    )
    assert found is not None
    return found[1]


def test_properdocs_builds_what_mkdocs_builds(tmp_path: Path) -> None:
    sites = {}
    for engine in ("mkdocs", "properdocs"):
        result = mkdocs_build(ROOT / "mkdocs.yml", tmp_path / engine, ENV, engine=engine)
        assert result.returncode == 0, f"{engine}:\n{result.stderr}"
        assert "WARNING" not in result.stderr, f"{engine}:\n{result.stderr}"
        sites[engine] = tmp_path / engine
    assert generator(sites["mkdocs"]) != generator(sites["properdocs"])
    assert differences(sites["mkdocs"], sites["properdocs"]) == []
