"""The PDFs: fillable checklists (one field per item), the combined file, the whole handbook."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from macros.data.nav import nav_pages
from macros.pdf.book import book_order
from tests.conftest import mkdocs_config
from tests.pdftext import pdf_text as reader_text
from tests.pdftext import sheet_text
from tests.site.reading import (
    CHECKLISTS,
    VERSION,
    built_page,
    checklist_words,
    items,
    normalise,
    soup,
)

HEADER_FIELDS = ("case-reference", "date", "assessor", "agency")
STAGE2 = "stage-2-case-formulation"
IIOC = "prompts-iioc"


def h1_text(site_dir: Path, src: str) -> str:
    h1 = soup(built_page(site_dir, src)).select_one("h1")
    assert h1 is not None, src
    for link in h1.select(".headerlink"):
        link.decompose()
    return normalise(h1.get_text())


def pdf_text(reader: PdfReader) -> str:
    return normalise(reader_text(reader))


def fields(reader: PdfReader) -> dict[str, Any]:
    return {name: f.get("/FT") for name, f in (reader.get_fields() or {}).items()}


def fonts_embedded(reader: PdfReader) -> bool:
    found = False
    for page in reader.pages:
        resources: Any = page["/Resources"]
        for font in resources.get("/Font", {}).values():
            descriptor = font.get_object().get("/FontDescriptor")
            if descriptor is None:
                for descendant in font.get_object().get("/DescendantFonts", []):
                    descriptor = descendant.get_object()["/FontDescriptor"]
            descriptor = descriptor.get_object()
            if not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                return False
            found = True
    return found


@pytest.mark.parametrize("checklist_id", CHECKLISTS)
def test_checklist_pdf_is_fillable_and_complete(site_dir: Path, checklist_id: str) -> None:
    data = CHECKLISTS[checklist_id]
    entries = items(checklist_id)
    reader = PdfReader(site_dir / "downloads" / "checklists" / f"{checklist_id}.pdf")
    assert 1 <= len(reader.pages) <= 1 + len(entries) // 3
    form = fields(reader)
    boxes = [n for n, kind in form.items() if kind == "/Btn"]
    assert sorted(boxes) == sorted(f"{checklist_id}.{i['id']}" for i in entries)
    for name in HEADER_FIELDS:
        assert form.get(f"{checklist_id}.{name}") == "/Tx"
    for section in data["sections"]:
        assert form.get(f"{checklist_id}.{section['id']}-notes") == "/Tx"
    text = pdf_text(reader)
    for item in entries:
        assert normalise(item["text"]) in text, item["id"]
    assert normalise(data["title"]) in text
    # The introductions, the items' notes and the Source line (issue 32, M1); a line may
    # break after a hyphen ("TA-" / "HSB").
    joined = text.replace("- ", "-")
    for words in checklist_words(checklist_id):
        assert normalise(words).replace("- ", "-") in joined, words
    assert "source: ta-hsb practice guidance" in text
    credits = {STAGE2: "eastman, hanson & swann", IIOC: "illegal in this country"}
    assert credits.get(checklist_id, "") in text
    assert f"page 1 of {len(reader.pages)}" in text
    assert f"handbook version {VERSION}" in text
    assert fonts_embedded(reader)


def test_combined_checklists_pdf(site_dir: Path) -> None:
    reader = PdfReader(site_dir / "downloads" / f"ta-hsb-checklists-{VERSION}.pdf")
    total_items = sum(len(items(cid)) for cid in CHECKLISTS)
    boxes = [n for n, kind in fields(reader).items() if kind == "/Btn"]
    assert len(boxes) == total_items
    text = pdf_text(reader)
    for data in CHECKLISTS.values():
        assert normalise(data["title"]) in text
    assert len(reader.pages) >= len(CHECKLISTS)


@pytest.fixture(scope="module")
def handbook(site_dir: Path) -> PdfReader:
    return PdfReader(site_dir / "downloads" / f"ta-hsb-handbook-{VERSION}.pdf")


def outline_titles(outline: list[Any]) -> list[str]:
    titles: list[str] = []
    for entry in outline:
        if isinstance(entry, list):
            titles += outline_titles(entry)
        else:
            titles.append(normalise(str(entry.title)))
    return titles


def test_handbook_pdf_outline_mirrors_navigation(handbook: PdfReader, site_dir: Path) -> None:
    config = mkdocs_config()
    titles = outline_titles(handbook.outline)
    pages = book_order(nav_pages(config["nav"]))
    for page in pages:
        assert h1_text(site_dir, page.src) in titles, page.src
    parts = {p.part for p in pages if p.part}
    for part in parts:
        assert normalise(part) in titles
    assert len(titles) >= len(pages) + len(parts)


def test_handbook_pdf_contains_every_page_and_a_whole_checklist(
    handbook: PdfReader, site_dir: Path
) -> None:
    text = pdf_text(handbook)
    config = mkdocs_config()
    for page in book_order(nav_pages(config["nav"])):
        assert h1_text(site_dir, page.src) in text, page.src
    assert "save to file" not in text  # the Assessment record is an on-screen tool only
    for item in items("prompts-sexting"):  # one whole checklist, every item
        assert normalise(item["text"]) in text
    assert 30 <= len(handbook.pages) <= 120
    assert text.count("guidance edition:") == 1  # on the cover, not repeated after every page
    assert fonts_embedded(handbook)
    first = normalise(sheet_text(handbook.pages[0]))
    assert f"handbook version {VERSION}" in first
    assert "ta-hsb practice guidance slides" in first
    assert "eastman, hanson & swann, 2017; property of nota 2019" in first
    assert "hollis and belton" not in first


def test_handbook_pdf_internal_links_are_clickable(handbook: PdfReader) -> None:
    internal = 0
    for page in handbook.pages:
        for annot in page.get("/Annots", []) or []:
            annot = annot.get_object()
            action = annot.get("/A")
            if annot.get("/Subtype") == "/Link" and (
                annot.get("/Dest") is not None or (action and action.get("/S") == "/GoTo")
            ):
                internal += 1
    assert internal >= 100


def test_checklist_pdfs_are_small_with_a_subset_field_font(site_dir: Path) -> None:
    """Form fields use a small embedded font (macros/pdf/writer.py), not the whole system font."""
    singles = sorted((site_dir / "downloads" / "checklists").glob("*.pdf"))
    assert len(singles) == len(CHECKLISTS)
    for path in singles:
        assert path.stat().st_size <= 100_000, path.name
    combined = site_dir / "downloads" / f"ta-hsb-checklists-{VERSION}.pdf"
    assert combined.stat().st_size <= 400_000
    for path in [*singles, combined]:
        root: Any = PdfReader(path).trailer["/Root"]
        fonts = [f.get_object() for f in root["/AcroForm"]["/DR"]["/Font"].values()]
        for font in fonts:
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
            embedded = descriptor["/FontFile2"].get_object().get_data()
            assert len(embedded) < 80_000, (path.name, font["/BaseFont"])  # subsets only
            assert str(font["/BaseFont"])[7] == "+"  # a subset tag, e.g. /ABCDEF+Handbook-Form
