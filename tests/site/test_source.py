"""The source trace as a reader gets it: "Source wording" blocks, the coverage page, privacy."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
from pathlib import Path

import pytest

from macros.data.nav import nav_pages
from macros.data.paths import page_url
from macros.data.source import (
    MIN_WORDS,
    SOURCE_FILE,
    load,
    normalise,
    numbers,
    section_anchor,
    word_count,
)
from macros.pdf.book import book_order
from tests.conftest import ROOT, mkdocs_config
from tests.pdftext import sheets
from tests.site.reading import VERSION, built_page, nav, soup

SOURCE = load(ROOT)
assert SOURCE is not None
PAGES = nav()
COVERAGE = "reference/source-coverage.md"
# The original slide text, with the presenter's contact lines; not in the repository.
CANDIDATES = [
    Path(os.environ.get("HANDBOOK_SOURCE_ORIGINAL", "/nonexistent")),
    *(up / "shared" / "source" / Path(SOURCE_FILE).name for up in ROOT.parents),
]
ORIGINAL = next((p for p in CANDIDATES if p.is_file()), CANDIDATES[0])
# SHA-256 of the presenter's contact details (email, handle with and without "@", surname),
# so that this test can look for them without writing them down.
CONTACT_HASHES = {
    "598cc14d50ec637122547469233bad4a832e07c8db77f10790fa4fcc6a39df2c",
    "665b37867d4c0927d35a7ecb0d97073d4c4e61345abc16112f3e2c66a33c6ea6",
    "01980d32591099f298eb4b5b2b6b01d00dabb6ded81ea4edb3a08cbfc73cfa46",
    "34c6897a92e1134d3d0c3270becf4815f8656f7b1d4447be110a5c1e6523f534",
}
TOKEN = re.compile(r"[\w.@+-]+")


def source_text() -> str:
    return normalise(" ".join(SOURCE.lines)).casefold() if SOURCE else ""


def blocks(site_dir: Path, src: str) -> list[tuple[str, str]]:
    """(id, paragraph) of every "Source wording" block on a built page: one per line range."""
    out = []
    for block in soup(built_page(site_dir, src)).select("details.hb-source-wording"):
        assert block.get("open") is None, f"{src}: a Source wording block is open"
        summary = block.select_one("summary")
        assert summary is not None, src
        block_id = str(block["id"]).removeprefix("source-")
        noted = SOURCE is not None and bool(SOURCE.passages[block_id].trace.notes)
        assert summary.get_text() == ("Source and notes" if noted else "Source wording"), src
        quote = block.select_one("blockquote")
        assert quote is not None, src
        out += [(block_id, p.get_text(" ")) for p in quote.select("p")]
    return out


@pytest.mark.parametrize("src", PAGES)
def test_every_source_wording_block_is_verbatim(site_dir: Path, src: str) -> None:
    whole = source_text()
    for block_id, text in blocks(site_dir, src):
        assert normalise(text).casefold() in whole, f"{src}: block '{block_id}' is not verbatim"


def test_every_trace_is_on_its_page_once() -> None:
    assert SOURCE is not None
    by_page: dict[str, list[str]] = {}
    for passage in SOURCE.passages.values():
        by_page.setdefault(passage.trace.page, []).append(passage.trace.id)
    assert len(SOURCE.passages) >= 60
    assert set(by_page) <= set(PAGES)


@pytest.mark.parametrize("src", PAGES)
def test_page_blocks_match_the_trace(site_dir: Path, src: str) -> None:
    assert SOURCE is not None
    found = list(dict.fromkeys(block_id for block_id, _ in blocks(site_dir, src)))
    expected = [p.trace.id for p in SOURCE.passages.values() if p.trace.page == src]
    assert sorted(found) == sorted(expected)
    ids = [b["id"] for b in soup(built_page(site_dir, src)).select("details.hb-source-wording")]
    assert len(set(ids)) == len(ids)


def test_every_line_of_three_or_more_words_is_accounted_for() -> None:
    assert SOURCE is not None
    traced = {n for p in SOURCE.passages.values() for n in numbers(p.trace.lines)}
    left = {n for x in SOURCE.trace.left_out for n in numbers(x.lines)}
    missing = [
        (n, line)
        for n, line in enumerate(SOURCE.lines, start=1)
        if word_count(line) >= MIN_WORDS and n not in traced | left
    ]
    assert missing == []
    assert SOURCE.untraced() == []


def test_left_out_lines_are_the_title_slide_and_the_contact_lines() -> None:
    assert SOURCE is not None
    left = {n: x for x in SOURCE.trace.left_out for n in numbers(x.lines)}
    assert normalise(SOURCE.lines[9]) == "Hierarchy of needs!"
    assert 10 in left
    hidden = [n for n, x in left.items() if not x.shown]
    assert hidden
    assert all("contact" in left[n].reason for n in hidden)


def test_coverage_page_lists_every_passage_in_source_order(site_dir: Path) -> None:
    assert SOURCE is not None
    page = soup(built_page(site_dir, COVERAGE))
    rows = page.select("table.hb-coverage tbody tr")
    expected = SOURCE.rows()
    assert len(rows) == len(expected)
    firsts = [int(r.select("td")[0].get_text().split("–")[0]) for r in rows]
    assert firsts == sorted(firsts) == [r.first for r in expected]
    text = normalise(page.get_text(" "))
    assert "Left out: A slide with a title only" in text
    assert "never shows them" in text


def test_coverage_links_reach_a_section_that_exists(site_dir: Path) -> None:
    page = built_page(site_dir, COVERAGE)
    links = soup(page).select("table.hb-coverage a[href]")
    assert len(links) >= 60
    for link in links:
        href = str(link["href"])
        path, _, anchor = href.partition("#")
        target = (page.parent / path).resolve()
        target = target / "index.html" if target.is_dir() else target
        assert target.is_file(), href
        if anchor:
            assert soup(target).find(id=anchor) is not None, href


def test_source_wording_is_in_the_search_index(site_dir: Path) -> None:
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = normalise(" ".join(doc["text"] for doc in index["docs"]))
    assert "Offline only HSB= 35 randomly selected cases" in text
    assert "The slides' words, source lines 75–86" in text


def test_handbook_pdf_has_no_source_wording_and_ends_with_the_coverage(site_dir: Path) -> None:
    pages = book_order(nav_pages(mkdocs_config()["nav"]))
    assert pages[-1].src == COVERAGE
    printed = sheets(site_dir / "downloads" / f"ta-hsb-handbook-{VERSION}.pdf")
    text = normalise(" ".join(printed))
    assert "The slides' words, source lines" not in text  # only inside Source wording blocks
    tail = normalise(" ".join(printed[-8:]))
    assert "Carried by" in tail
    assert "never shows them" in tail


def test_repository_copy_of_the_source_differs_only_by_the_contact_lines() -> None:
    if not ORIGINAL.is_file():
        pytest.skip(f"the original slide text is not at {ORIGINAL}")
    assert SOURCE is not None
    original = ORIGINAL.read_text(encoding="utf-8").split("\n")
    hidden = {n for x in SOURCE.trace.left_out if not x.shown for n in numbers(x.lines)}
    assert len(original) == len(SOURCE.lines)
    differ = {n for n, (a, b) in enumerate(zip(original, SOURCE.lines, strict=True), 1) if a != b}
    assert differ
    assert differ <= hidden


def contact_hashes() -> set[str]:
    """The stored hashes, plus the email and handle read from the original text when present."""
    hashes = set(CONTACT_HASHES)
    if ORIGINAL.is_file():
        original = ORIGINAL.read_text(encoding="utf-8")
        found = re.findall(r"[\w.+-]+@[\w-]+\.[\w.]+|@\w+", original)
        assert found, "no contact details found in the original"
        hashes |= {hashlib.sha256(t.casefold().encode()).hexdigest() for t in found}
    return hashes


def leaked(text: str, hashes: set[str]) -> list[str]:
    out = []
    for token in TOKEN.findall(text.casefold()):
        for part in {token, token.strip(".-"), *re.split(r"[.@]", token)}:
            if part and hashlib.sha256(part.encode()).hexdigest() in hashes:
                out.append(hashlib.sha256(part.encode()).hexdigest()[:8])
    return out


def test_contact_details_appear_nowhere(site_dir: Path) -> None:
    hashes = contact_hashes()
    assert not leaked("x@y.z", hashes)
    for path in site_dir.rglob("*"):
        if path.suffix in {".html", ".json", ".js", ".xml", ".txt", ".css"}:
            assert not leaked(path.read_text(encoding="utf-8", errors="ignore"), hashes), path
    for pdf in (site_dir / "downloads").rglob("*.pdf"):
        assert not leaked(" ".join(sheets(pdf)), hashes), pdf
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=False
    ).stdout.split()
    for name in tracked:
        path = ROOT / name
        if path.is_file() and path.suffix not in {".png", ".svg", ".ico", ".pdf", ".zip"}:
            assert not leaked(path.read_text(encoding="utf-8", errors="ignore"), hashes), name


def test_page_url_of_coverage_is_under_reference() -> None:
    assert page_url(COVERAGE, True) == "reference/source-coverage/"


# Reading the slide text: a title often comes last on its slide, and some slides are a
# title alone whose content is not in the text.
TITLE_ONLY = {
    10: "Hierarchy of needs!",
    145: "Types of TA-HSB Identified",
    346: "What to use and when",
}
TITLE_LAST = {
    65: ("Other definitions", {"definitions-offline-hsb", "definitions-dual-hsb"}),
    736: ("Have the accessed the Dark Web?", {"dark-web-accessed"}),
}


def carriers(n: int) -> list[str]:
    assert SOURCE is not None
    return [p.trace.id for p in SOURCE.passages.values() if n in numbers(p.trace.lines)]


def section_text(site_dir: Path, src: str, heading_id: str) -> str:
    """The text of a page's section: its heading to the next heading of the same or higher rank."""
    heading = soup(built_page(site_dir, src)).find(id=heading_id)
    assert heading is not None, (src, heading_id)
    parts = [heading.get_text(" ")]
    for node in heading.find_next_siblings():
        if node.name in {"h1", "h2", "h3", "h4"} and node.name <= heading.name:
            break
        parts.append(node.get_text(" "))
    return normalise(" ".join(parts)).casefold()


def test_title_only_slides_are_said_to_have_no_text(site_dir: Path) -> None:
    assert SOURCE is not None
    left = {n for x in SOURCE.trace.left_out for n in numbers(x.lines)}
    for n, title in TITLE_ONLY.items():
        assert normalise(SOURCE.lines[n - 1]) == title
        if n in left:
            assert carriers(n) == []
            continue
        (only,) = carriers(n)  # never folded into the slide before as its heading
        trace = SOURCE.passages[only].trace
        assert trace.lines == (str(n),)
        assert trace.section is not None
        text = section_text(site_dir, trace.page, section_anchor(trace.section))
        assert f'titled "{title.casefold()}"' in text
        assert "is not in the slide text" in text


def test_titles_that_come_last_are_traced_with_their_slide(site_dir: Path) -> None:
    assert SOURCE is not None
    for n, (title, ids) in TITLE_LAST.items():
        assert normalise(SOURCE.lines[n - 1]) == title
        assert set(carriers(n)) == ids
        for trace_id in ids:
            assert len(numbers(SOURCE.passages[trace_id].trace.lines)) > 1  # never a title alone
    definitions = section_text(site_dir, "guidance/definitions.md", "other-definitions")
    assert 'titled "other definitions"' in definitions
    assert "offline hsb" in definitions
    assert "dual hsb" in definitions
    assert "no text under it" not in definitions
    assert "prompts-scenarios" not in carriers(736)


def test_the_stage_3_caution_is_traced_to_every_line_it_restates() -> None:
    assert SOURCE is not None
    lines = set(numbers(SOURCE.passages["stage-3-persistence"].trace.lines))
    assert {246, 247, 249, 250, 252, 253} <= lines
