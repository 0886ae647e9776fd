"""Fixture sites with a source trace: blocks render, and a wrong trace stops the build."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from tests.build.fixture_site import FixtureSite, errors

pytestmark = pytest.mark.slow

SOURCE = "Peer influence matters\n\nSeto (2015) reported a strong association\n12\n"


def traced(tmp_path: Path, **changes: Any) -> FixtureSite:
    site = FixtureSite(tmp_path)
    site.write("source/ta-hsb-guidance-slides.txt", SOURCE)
    trace: dict[str, Any] = {"id": "peers", "page": "prompts.md", "section": "Peers"}
    trace.update({"lines": ["1-3"], "begins": "Peer influence", **changes})
    site.write_yaml("data/source-trace.yml", {"traces": [trace]})
    site.write(
        "docs/prompts.md",
        '# Prompts\n\n## Peers\n\nPeers ({{ cite("seto-2015") }}).\n\n'
        '{{ source_wording("peers") }}\n\n{{ checklist("demo") }}\n',
    )
    site.write("docs/reference/coverage.md", "# Coverage\n\n{{ source_coverage() }}\n")
    site.config["nav"].append({"Source coverage": "reference/coverage.md"})
    return site


def test_trace_renders_a_closed_block_and_the_coverage(tmp_path: Path) -> None:
    site = traced(tmp_path)
    result = site.build()
    assert result.returncode == 0, result.stderr
    page = BeautifulSoup(site.html("prompts/index.html"), "html.parser")
    block = page.select_one("details.hb-source-wording")
    assert block is not None
    assert block.get("open") is None
    assert block.get_text(" ", strip=True).startswith(
        "Source wording Peer influence matters Seto (2015) reported a strong association"
    )
    coverage = BeautifulSoup(site.html("reference/coverage/index.html"), "html.parser")
    link = coverage.select_one("table.hb-coverage a")
    assert link is not None
    assert link["href"] == "../../prompts/#peers"


def test_passage_not_in_the_source_fails_naming_the_page(tmp_path: Path) -> None:
    site = traced(tmp_path, begins="Peer pressure matters")
    result = site.build()
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert errors(result) == [
        "data/source-trace.yml: traces[0] (prompts.md, 'peers'): source lines 1-3 do not "
        "begin 'Peer pressure matters' (they begin 'Peer influence matters Seto (2015) "
        "reported a strong associa'); the passage is not in the source as traced"
    ]


def test_untraced_line_and_wrong_page_fail(tmp_path: Path) -> None:
    site = traced(tmp_path, lines=["1"])
    site.write(
        "docs/index.md",
        '# Home\n\nAbout {{ term("IIOC") }} ({{ cite("lim-2017") }}).\n\n'
        '{{ source_wording("peers") }}\n',
    )
    result = site.build()
    assert result.returncode != 0
    found = errors(result)
    assert (
        "data/source-trace.yml: source line 3 ('Seto (2015) reported a strong association') "
        "is neither traced nor left out"
    ) in found
    assert "index.md: source_wording('peers'): the trace is for prompts.md, not this page" in found
