"""Reading the built handbook as a reader gets it: pages in navigation order, their text."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

import yaml
from bs4 import BeautifulSoup

from macros.data.nav import nav_sources
from macros.data.paths import page_url
from macros.pdf.book import output_file
from tests.conftest import ROOT, mkdocs_config

VERSION = str(
    tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
)
CHECKLISTS: dict[str, dict[str, Any]] = {
    p.stem: yaml.safe_load(p.read_text(encoding="utf-8"))
    for p in sorted((ROOT / "checklists").glob("*.yml"))
}


def items(checklist_id: str) -> list[dict[str, Any]]:
    """Every item of a checklist, in order, as the YAML gives it."""
    return [item for section in CHECKLISTS[checklist_id]["sections"] for item in section["items"]]


def checklist_words(checklist_id: str) -> list[str]:
    """What a checklist says besides its items, as the YAML gives it: its introduction,
    its sections' introductions and its items' notes (every printed form carries them)."""
    data = CHECKLISTS[checklist_id]
    words = [data.get("intro"), *(s.get("intro") for s in data["sections"])]
    words += [item.get("note") for item in items(checklist_id)]
    return [str(w) for w in words if w]


def nav() -> list[str]:
    return nav_sources(mkdocs_config()["nav"])


def built_page(site_dir: Path, src: str) -> Path:
    return site_dir / output_file(page_url(src, directory_urls=True))


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def normalise(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    text = text.replace("–", "-").replace("—", "-").replace("\u00a0", " ")
    return re.sub(r"\s+", " ", text).strip().casefold()


def article_text(site_dir: Path, src: str, source_wording: bool = True) -> str:
    """A page's article text; without the "Source wording" blocks if ``source_wording`` is False."""
    article = soup(built_page(site_dir, src)).select_one("article")
    assert article is not None, src
    for tip in article.select(".hb-term__tip"):
        tip.decompose()
    if not source_wording:
        for block in article.select(".hb-source-wording"):
            block.decompose()
    return normalise(article.get_text(" "))
