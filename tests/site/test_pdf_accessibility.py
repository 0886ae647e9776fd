"""Accessible PDFs: every PDF the build writes is tagged PDF/UA-1 (the pdfua checker and
tests/pdfcheck.py), with form fields a screen reader can name, in reading order.

The results go into the accessibility results file with the web pages' (tests/a11y_results.py):
the accessibility statement reports both."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from macros.data.models import CASE_FIELDS
from macros.data.nav import nav_pages
from macros.pdf.book import book_order
from tests.a11y_results import update
from tests.conftest import mkdocs_config
from tests.pdfcheck import (
    CHECKS,
    STANDARD,
    TaggedPdf,
    checker_version,
    normalise,
    problems,
    tagged,
)
from tests.site.reading import CHECKLISTS, VERSION, built_page, soup

COMBINED = f"downloads/ta-hsb-checklists-{VERSION}.pdf"
HANDBOOK = f"downloads/ta-hsb-handbook-{VERSION}.pdf"
PDFS = [f"downloads/checklists/{cid}.pdf" for cid in CHECKLISTS] + [COMBINED, HANDBOOK]
#: What the case-header fields are called, before any further words on the printed label.
HEADER_NAMES = ["Case reference", "Date", "Assessor", "Agency"]


class Record:
    """What this run checked, for the accessibility statement (macros/data/results.py)."""

    def __init__(self) -> None:
        self.files: list[str] = []
        self.found: list[str] = []

    def add(self, name: str, found: list[str]) -> None:
        self.files.append(name)
        self.found += [f"{name}: {problem}"[:1000] for problem in found]

    def data(self) -> dict[str, object]:
        return {
            "pdf": {
                "checker": checker_version(),
                "standard": STANDARD,
                "tested": dt.datetime.now(tz=dt.UTC).date().isoformat(),
                "files": sorted(self.files),
                "checks": list(CHECKS),
                "errors": sum(" error: " in f for f in self.found),
                "warnings": sum(" warning: " in f for f in self.found),
                "exceptions": self.found,
            }
        }


@pytest.fixture(scope="module")
def record() -> Iterator[Record]:
    rec = Record()
    yield rec
    if sorted(rec.files) == sorted(PDFS):  # a whole run, not a selection
        update(rec.data())


def test_these_are_all_the_pdfs_the_build_writes(site_dir: Path) -> None:
    written = sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.pdf"))
    assert written == sorted(PDFS)


@pytest.mark.parametrize("name", PDFS)
def test_every_pdf_is_tagged_pdf_ua(site_dir: Path, name: str, record: Record) -> None:
    found = problems(site_dir / name)
    record.add(name, found)
    assert found == []


def expected_fields(cid: str) -> list[tuple[str, str]]:
    """A checklist's fields in reading order: name and what a screen reader says (/TU)."""
    data = CHECKLISTS[cid]
    fields = [(f"{cid}.{name}", label) for name, label in CASE_FIELDS]
    for section in data["sections"]:
        fields += [(f"{cid}.{item['id']}", item["text"]) for item in section["items"]]
        fields.append((f"{cid}.{section['id']}-notes", f"Notes: {section['title']}"))
    return fields


def named_fields(path: Path) -> list[tuple[str, str]]:
    doc = TaggedPdf(path)  # open while its objects are read
    return [(str(f.T), str(f.TU)) for f in doc.fields()]


@pytest.mark.parametrize("cid", CHECKLISTS)
def test_checklist_fields_are_named_in_reading_order(site_dir: Path, cid: str) -> None:
    fields = named_fields(site_dir / "downloads" / "checklists" / f"{cid}.pdf")
    assert fields == expected_fields(cid)
    assert [tu for _, tu in fields[:4]] == HEADER_NAMES


def test_combined_pdf_fields_are_named_in_reading_order(site_dir: Path) -> None:
    assert named_fields(site_dir / COMBINED) == [
        field for cid in CHECKLISTS for field in expected_fields(cid)
    ]


def test_handbook_headings_nest_as_its_outline(site_dir: Path) -> None:
    """Parts are level 1 headings and the pages in them level 2; a page outside any part
    (the home page) is level 1."""
    doc = tagged(site_dir / HANDBOOK)
    top = [text for level, text in doc.headings() if level == 1]
    pages = book_order(nav_pages(mkdocs_config()["nav"]))
    parts = list(dict.fromkeys(p.part for p in pages if p.part))
    home = next(p for p in pages if p.part is None)
    home_h1 = soup(built_page(site_dir, home.src)).select_one("h1")
    assert home_h1 is not None
    assert top[:2] == ["contents", normalise(home_h1.get_text().removesuffix("¶"))]
    assert top[2:] == [normalise(part) for part in parts]
    assert (2, normalise("Definitions")) in doc.headings()
    assert [text for level, text in doc.outline() if level == 1] == top


@pytest.mark.parametrize("name", [f"downloads/checklists/{cid}.pdf" for cid in CHECKLISTS])
def test_checklist_footer_is_an_artefact(site_dir: Path, name: str) -> None:
    doc = tagged(site_dir / name)
    title = normalise(CHECKLISTS[Path(name).stem]["title"])
    for n in range(len(doc.pdf.pages)):
        footer = doc.artifact_text(n)
        assert f"page {n + 1} of {len(doc.pdf.pages)}" in footer
        assert f"{title} · handbook version {VERSION}" in footer
    assert "page 1 of" not in doc.tagged_text()


def test_handbook_running_heads_and_stamp_are_artefacts(site_dir: Path) -> None:
    doc = tagged(site_dir / HANDBOOK)
    stamp = f"handbook version {VERSION}"
    heads = 0
    for n in range(1, len(doc.pdf.pages)):
        furniture = doc.artifact_text(n)
        assert stamp in furniture
        heads += normalise("Definitions") in furniture
    assert heads >= 1  # the running head of the Definitions page
    assert doc.tagged_text().count(stamp) == 1  # on the cover, as content


def test_handbook_contents_entries_read_as_title_and_page(site_dir: Path) -> None:
    """Each entry of the Contents, as a screen reader gets it from the tags: the page's
    title and its page number, with no leader dots."""
    doc = tagged(site_dir / HANDBOOK)
    # An entry is a link holding the title and, nested, the page number's link.
    entries = [
        normalise(e.text)
        for e in doc.elements()
        if e.role == "Link" and e.page == 1 and [c.role for c in e.children] == ["Link"]
    ]
    titles = [normalise(p.title) for p in book_order(nav_pages(mkdocs_config()["nav"]))]
    found = [re.fullmatch(r"(.+?) ?(\d+)", entry) for entry in entries]
    assert [m.group(1) for m in found if m] == titles
    assert all(m is not None for m in found), entries
    assert not any("..." in entry or ". ." in entry for entry in entries)
