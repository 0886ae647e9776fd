"""Tagged PDF/UA-1 output (macros/pdf/tagging.py): what WeasyPrint's pdf/ua-1 variant leaves
to do, done on small documents."""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

import pikepdf
import pytest

from macros.pdf.writer import write_pdf
from tests.conftest import ROOT
from tests.pdfcheck import TaggedPdf, normalise, problems

PNG = ROOT / "tests" / "fixtures" / "logos" / "small.png"
PAGE = """<!doctype html><html lang="en-GB"><head><title>Test</title><style>
@page {{ size: A5; @top-left {{ content: "Running head" }}
         @bottom-right {{ content: "Page " counter(page) " of " counter(pages) }} }}
</style></head><body>{}</body></html>"""


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "a.png").write_bytes(PNG.read_bytes())
    return tmp_path


def render(site: Path, body: str, forms: bool = False) -> TaggedPdf:
    write_pdf(PAGE.format(body), site / "t.pdf", site, forms=forms)
    return TaggedPdf(site / "t.pdf")


def test_a_small_document_passes_every_check(site: Path) -> None:
    render(site, "<h1>Title</h1><p>Text.</p><ul><li>One</li></ul>")
    assert problems(site / "t.pdf") == []


def test_margin_boxes_are_artefacts_not_content(site: Path) -> None:
    doc = render(site, "<h1>Title</h1><p>Body text.</p>")
    assert "running head" in doc.artifact_text(0)
    assert "page 1 of 1" in doc.artifact_text(0)
    assert doc.tagged_text() == "title body text."


def test_an_image_with_alt_text_is_a_figure_a_decorative_one_an_artefact(site: Path) -> None:
    doc = render(site, '<p>Before</p><img src="a.png" alt="A red square"><img src="a.png" alt="">')
    figures = [e for e in doc.elements() if e.role == "Figure"]
    assert [str(f.obj.Alt) for f in figures] == ["A red square"]
    drawn = [
        ("artefact" if depth else "figure")
        for depth in images_drawn(doc.pdf.pages[0])
        if depth is not None
    ]
    assert drawn == ["figure", "artefact"]
    assert problems(site / "t.pdf") == []


def images_drawn(page: pikepdf.Page) -> list[bool | None]:
    """For each image drawn (``Do``): whether it is inside an artefact."""
    stack: list[bool] = []
    drawn: list[bool | None] = []
    for operands, op in cast(Any, pikepdf.parse_content_stream(page)):
        if str(op) in ("BDC", "BMC"):
            stack.append(str(operands[0]) == "/Artifact" or any(stack))
        elif str(op) == "EMC":
            stack.pop()
        elif str(op) == "Do":
            drawn.append(any(stack))
    return drawn


def test_header_cells_have_a_scope(site: Path) -> None:
    doc = render(
        site,
        "<table><thead><tr><th>Name</th><th>Value</th></tr></thead>"
        '<tbody><tr><th scope="row">Date</th><td>1</td></tr></tbody></table>',
    )
    scopes = {normalise(e.text): str(e.obj.A.Scope) for e in doc.elements() if e.role == "TH"}
    assert scopes == {"name": "/Column", "value": "/Column", "date": "/Row"}


def test_a_link_is_described_by_its_words(site: Path) -> None:
    doc = render(
        site,
        '<p>See <a href="#g">the glossary</a>, <a href="https://e.org">a site</a>.</p>'
        '<h1 id="g">Glossary</h1>',
    )
    assert [str(a.Contents) for _, a in doc.annotations("/Link")] == ["the glossary", "a site"]


def test_a_link_around_an_abbreviation_holds_its_annotation(site: Path) -> None:
    """WeasyPrint puts the annotation of ``<a><abbr>`` in a /NonStruct inside the /Link."""
    render(
        site,
        '<p>See <a href="#g"><abbr title="Indecent images">IIOC</abbr></a>.</p><h1 id="g">G</h1>',
    )
    assert problems(site / "t.pdf") == []


def test_form_fields_are_named_and_tabbed_in_structure_order(site: Path) -> None:
    doc = render(
        site,
        '<p>Date</p><input type="text" name="d" title="Date">'
        '<input type="checkbox" name="c" title="Seen the plan">',
        forms=True,
    )
    assert [(str(f.T), str(f.TU)) for f in doc.fields()] == [("d", "Date"), ("c", "Seen the plan")]
    assert doc.pdf.pages[0].obj.Tabs == "/S"
    assert problems(site / "t.pdf") == []


def test_the_same_html_gives_the_same_bytes_and_a_sound_file(site: Path) -> None:
    body = '<h1>T</h1><p>A <a href="#x">link</a>.</p><table><tr><th>H</th><td>D</td></tr></table>'
    render(site, body)
    first = (site / "t.pdf").read_bytes()
    doc = render(site, body)
    assert (site / "t.pdf").read_bytes() == first
    assert doc.pdf.check_pdf_syntax() == []
