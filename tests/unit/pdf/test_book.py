"""PDF helpers: no network, and the book's link rewriting."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
import weasyprint

from macros.data.nav import NavPage, nav_pages
from macros.pdf.book import (
    MAX_LOCAL_ELEMENTS,
    Book,
    article_from_content,
    book_order,
    output_file,
    slug,
)
from macros.pdf.writer import PdfError, write_pdf
from tests.unit.pdf.test_cache import handbook


def test_pdfs_never_fetch_from_other_hosts(tmp_path: Path) -> None:
    with pytest.raises(PdfError) as err:
        write_pdf('<img src="https://example.org/x.png"><p>x</p>', tmp_path / "x.pdf", tmp_path)
    assert str(err.value).startswith("x.pdf: a resource could not be loaded")
    assert "example.org" in str(err.value)


def test_missing_local_resource_stops_the_pdf(tmp_path: Path) -> None:
    with pytest.raises(PdfError):
        write_pdf('<img src="missing.png">', tmp_path / "x.pdf", tmp_path)


def test_nav_pages_keep_order_and_top_level_part() -> None:
    nav = [
        {"Home": "index.md"},
        {
            "Guidance": [
                {"Definitions": "guidance/definitions.md"},
                {"Deeper": [{"X": "guidance/x.md"}]},
            ]
        },
        {
            "Reference": [
                {"Glossary": "reference/glossary.md"},
                {"Print": [{"Stage 1": "checklists/s1.md"}]},
            ]
        },
    ]
    pages = nav_pages(nav)
    assert pages == [
        NavPage("Home", "index.md", None),
        NavPage("Definitions", "guidance/definitions.md", "Guidance"),
        NavPage("X", "guidance/x.md", "Guidance"),
        NavPage("Glossary", "reference/glossary.md", "Reference"),
        NavPage("Stage 1", "checklists/s1.md", "Reference"),
    ]
    assert book_order(pages)[-1] == NavPage("Stage 1", "checklists/s1.md", "Appendices: checklists")


def test_slugs_and_output_files() -> None:
    assert slug("guidance/definitions.md") == "guidance-definitions"
    assert output_file("") == "index.html"
    assert output_file("guidance/definitions/") == "guidance/definitions/index.html"
    assert output_file("guidance/definitions.html") == "guidance/definitions.html"


def test_book_order_leaves_out_the_assessment_record() -> None:
    pages = [
        NavPage("Overview", "assessment/index.md", "Assessment"),
        NavPage("Assessment record", "assessment/record.md", "Assessment"),
        NavPage("Stage 1", "checklists/s1.md", "Reference"),
    ]
    assert [p.src for p in book_order(pages)] == ["assessment/index.md", "checklists/s1.md"]


def test_local_pages_are_their_own_part_before_the_appendices() -> None:
    pages = [
        NavPage("Home", "index.md", None),
        NavPage("Print", "checklists/s1.md", "Reference"),
        NavPage("About", "reference/about.md", "Reference"),
        NavPage("Pathway", "local/pages/p.md", "Local resources"),
    ]
    assert [(p.src, p.part) for p in book_order(pages, "Local: Org")] == [
        ("index.md", None),
        ("reference/about.md", "Reference"),
        ("local/pages/p.md", "Local: Org"),
        ("checklists/s1.md", "Appendices: checklists"),
    ]


def test_local_pages_past_the_element_limit_stop_the_pdf_before_it_is_laid_out(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each element costs WeasyPrint milliseconds: 1,302 per page here (a title, a list and
    its items); the fourth page takes the local pages past MAX_LOCAL_ELEMENTS."""
    state = replace(handbook(), overlay_label="areas/north.yml")
    local = [NavPage(f"Local {i}", f"local/pages/p{i}.md", "Local") for i in range(4)]
    pages = [NavPage("Home", "index.md", None), *local]
    items = "<ul>" + "<li>x</li>" * 1300 + "</ul>"
    texts = {p.src: article_from_content(items, p.title) for p in pages}
    three = Book(state, pages[:4], texts)
    assert "<li>x</li>" in three.html("Site", "")  # 3,906 elements: within the limit
    monkeypatch.setattr(weasyprint, "HTML", lambda *a, **k: pytest.fail("laid out"))
    with pytest.raises(PdfError) as err:  # refused before WeasyPrint lays anything out
        Book(state, pages, texts).html("Site", "")
    assert str(err.value) == (
        "areas/north.yml: local page 'pages/p3.md': the local pages up to this one have "
        f"5,208 HTML elements; the limit for all of them is {MAX_LOCAL_ELEMENTS:,} (the "
        "handbook PDF lays out each one)"
    )
