"""Reading the built handbook as a reader gets it: pages in navigation order, their text."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from bs4 import BeautifulSoup

from macros import nav_sources
from macros.site import page_url
from tests.conftest import ROOT


def nav() -> list[str]:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", ""))
    return nav_sources(config["nav"])


def built_page(site_dir: Path, src: str) -> Path:
    url = page_url(src, directory_urls=True)
    return site_dir / (url + "index.html" if url == "" or url.endswith("/") else url)


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def normalise(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    text = text.replace("–", "-").replace("—", "-").replace("\u00a0", " ")
    return re.sub(r"\s+", " ", text).strip().casefold()


def article_text(site_dir: Path, src: str) -> str:
    article = soup(built_page(site_dir, src)).select_one("article")
    assert article is not None, src
    for tip in article.select(".hb-term__tip"):
        tip.decompose()
    return normalise(article.get_text(" "))
