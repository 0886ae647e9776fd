"""The built search index: search aids on their pages and nowhere in the text a reader sees,
reference pages weighed below the guidance, and the index within its size budget."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup
from pypdf import PdfReader

from macros.data.paths import CHANGES_PAGE, page_url
from macros.hooks.security import gzip_bytes
from tests.conftest import ROOT
from tests.pdftext import sheet_text
from tests.site.reading import VERSION, built_page, nav, normalise, soup
from tools.searchbox import INDEX_BUDGET, INDEX_GZIP_BEFORE

AIDS = yaml.safe_load((ROOT / "data" / "search-aids.yml").read_text(encoding="utf-8"))
GLOSSARY = yaml.safe_load((ROOT / "data" / "glossary.yml").read_text(encoding="utf-8"))
#: Pages about the website or the handbook, or repeating what guidance pages say: weighed down
#: (not the Privacy notice: it explains reading offline, which "offline" must find).
REFERENCE_PAGES = {
    "reference/source-coverage.md",
    "reference/changelog.md",
    "reference/accessibility.md",
    "reference/about.md",
    "reference/references.md",
    "reference/glossary.md",
}


@pytest.fixture(scope="module")
def index(site_dir: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        (site_dir / "search" / "search_index.json").read_text(encoding="utf-8")
    )
    return data


def words(group: dict[str, Any]) -> list[str]:
    """A group's words as the index holds them: its aids, then its spellings."""
    return [*group.get("aids", []), *group.get("spellings", [])]


def docs_of(index: dict[str, Any], src: str) -> list[dict[str, Any]]:
    url = page_url(src, directory_urls=True)
    return [d for d in index["docs"] if d["location"].partition("#")[0] == url]


def sources_text() -> str:
    """Everything the handbook's pages are written from: the slides, pages and data."""
    paths = [*(ROOT / "docs").rglob("*.md"), *(ROOT / "checklists").glob("*.yml")]
    paths += [ROOT / "data" / "glossary.yml", ROOT / "data" / "references.yml"]
    paths += [ROOT / "source" / "ta-hsb-guidance-slides.txt"]
    return normalise(" ".join(p.read_text(encoding="utf-8") for p in paths))


def test_every_aid_is_indexed_on_its_page(index: dict[str, Any]) -> None:
    explained = {e["id"]: e["explained"].partition("#")[0] for e in GLOSSARY}
    for group in AIDS:
        src = explained[group["term"]] if "term" in group else group["page"]
        (article,) = [d for d in docs_of(index, src) if "#" not in d["location"]]
        for aid in words(group):
            assert aid in article["aids"].split("; "), (src, aid)
        if "term" in group:
            (entry,) = [
                d for d in index["docs"] if d["location"] == f"reference/glossary/#{group['term']}"
            ]
            assert entry["aids"].split("; ") == words(group)


def test_every_glossary_name_is_indexed_on_the_page_that_explains_it(index: dict[str, Any]) -> None:
    for entry in GLOSSARY:
        (article,) = [
            d
            for d in docs_of(index, entry["explained"].partition("#")[0])
            if "#" not in d["location"]
        ]
        for name in [entry["term"], entry.get("abbreviation"), *entry.get("aliases", [])]:
            if name:
                assert name in article["aids"].split("; "), (entry["id"], name)


def test_aids_are_in_no_page_but_the_glossarys_marked_list(site_dir: Path) -> None:
    """An aid the handbook's sources never use (say "nudes") appears in no built page, and a
    spelling only in the glossary's "Also searched as" lists, which say they are the
    handbook's aids."""
    sources = sources_text()
    own = [
        aid
        for group in AIDS
        for aid in words(group)
        if not re.search(rf"\b{re.escape(normalise(aid))}\b", sources)
    ]
    assert len(own) >= 100  # most aids are words the slides never use
    changes = built_page(site_dir, CHANGES_PAGE)  # quotes earlier editions' words
    for html in (p for p in site_dir.rglob("*.html") if p != changes):
        page = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        for marked in page.select(".hb-gloss__aids"):
            assert "(the handbook's search aids, not the slides' words)" in marked.get_text()
            marked.decompose()
        for tip in page.select(".hb-term__tip"):
            tip.decompose()
        text = normalise(page.get_text(" "))
        found = [a for a in own if re.search(rf"\b{re.escape(normalise(a))}\b", text)]
        assert found == [], html.relative_to(site_dir)


def test_the_glossary_lists_each_entrys_spellings_only_and_links_its_page(site_dir: Path) -> None:
    """Under an entry, only its own names written another way: other aids ("escalation"
    for crossover, "deep web" for the dark web) would read as meanings the slides do not
    give, so they stay in the index only."""
    path = built_page(site_dir, "reference/glossary.md")
    page = soup(path)
    terms = {g["term"]: g.get("spellings", []) for g in AIDS if "term" in g}
    shown = normalise(" ".join(p.get_text(" ") for p in page.select(".hb-gloss__aids")))
    for word in (
        "escalation",
        "progression to contact offending",
        "image grading",
        "FMSE",
        "AIM2",
        "deep web",
    ):
        assert normalise(word) not in shown, word
    for entry in GLOSSARY:
        heading = page.select_one(f"h3#{entry['id']}")
        assert heading is not None, entry["id"]
        block = heading.parent
        assert block is not None, entry["id"]
        aids = block.select_one(".hb-gloss__aids")
        if terms.get(entry["id"]):
            assert aids is not None, entry["id"]
            assert aids.get_text().endswith("words): " + ", ".join(terms[entry["id"]]))
        else:
            assert aids is None, entry["id"]
        link = block.select_one(".hb-gloss__explained a")
        assert link is not None, entry["id"]
        href = str(link["href"])
        target, _, anchor = href.partition("#")
        assert (path.parent / target / "index.html").resolve() == built_page(
            site_dir, entry["explained"].partition("#")[0]
        ).resolve()
        if anchor:
            assert anchor == entry["explained"].partition("#")[2]
            assert soup((path.parent / target / "index.html").resolve()).find(id=anchor)


def test_reference_pages_weigh_less_than_guidance(index: dict[str, Any]) -> None:
    for src in nav():
        boosts = {d.get("boost", 1) for d in docs_of(index, src)}
        if src in REFERENCE_PAGES or src == "index.md":
            assert boosts, src
            assert max(boosts) < 1, src
        elif src.startswith(("guidance/", "assessment/", "prompts/")):
            assert boosts <= {1, 2}, src


def test_the_coverage_table_is_left_out_but_the_page_is_found(index: dict[str, Any]) -> None:
    (coverage,) = docs_of(index, "reference/source-coverage.md")
    assert coverage["title"] == "Source coverage"
    assert "Every passage of the source" in coverage["text"]
    assert "Hierarchy of needs" not in coverage["text"]  # a table row


def test_checklist_links_and_privacy_note_are_left_out(index: dict[str, Any]) -> None:
    text = " ".join(d["text"] for d in index["docs"])
    assert "Open the print view" not in text
    assert "stays in this browser tab only" not in text
    assert "Glossary: " not in text


def test_the_index_stays_within_its_budget(site_dir: Path) -> None:
    size = len(gzip_bytes((site_dir / "search" / "search_index.json").read_bytes()))
    print(f"\nsearch index, gzip: {size:,} bytes (before: {INDEX_GZIP_BEFORE:,})")
    assert size <= INDEX_GZIP_BEFORE * INDEX_BUDGET


def glossary_text(reader: PdfReader) -> str:
    """The text of the handbook PDF's Glossary pages, found by its bookmark."""
    pages = {m.title: reader.get_destination_page_number(m) for m in flat(reader.outline)}
    start, end = pages["Glossary"], pages["References"]
    assert start is not None
    assert end is not None
    return " ".join(sheet_text(page) for page in reader.pages[start : end + 1])


def flat(outline: list[Any]) -> list[Any]:
    return [m for item in outline for m in (flat(item) if isinstance(item, list) else [item])]


def test_aids_stay_off_paper(site_dir: Path) -> None:
    """The aids are for the search box: the handbook PDF's glossary leaves them out (other
    pages, such as the Changelog, may name the feature)."""
    reader = PdfReader(site_dir / "downloads" / f"ta-hsb-handbook-{VERSION}.pdf")
    text = normalise(glossary_text(reader))
    assert "sexting" in text  # the whole glossary, A to Y
    assert "turn the page" in text
    assert "explained on:" in text
    assert "also searched as" not in text
    assert "sharing nudes" not in text
