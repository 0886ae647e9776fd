"""WeasyPrint may read only files inside the built site and the PDF templates."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from macros.pdf.writer import TEMPLATES, PdfError, write_pdf
from tests.conftest import ROOT

PNG = ROOT / "tests" / "fixtures" / "logos" / "small.png"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    (site / "assets").mkdir(parents=True)
    (site / "assets" / "a.png").write_bytes(PNG.read_bytes())
    (tmp_path / "secret.txt").write_text("secret", encoding="utf-8")
    (site / "assets" / "link.txt").symlink_to(tmp_path / "secret.txt")
    return site


@pytest.mark.parametrize(
    "html",
    [
        '<link rel="attachment" href="file:///etc/passwd">',
        '<link rel="attachment" href="../secret.txt">',
        '<link rel="attachment" href="assets/link.txt">',
        '<img src="../secret.txt">',
        '<img src="assets/../../secret.txt">',
        '<img src="file:///etc/hostname">',
        '<img src="file://localhost/etc/hostname">',
        '<img src="file://other-host/etc/hostname">',
        '<img src="file:///tmp/../etc/hostname">',
        '<img src="assets/%2e%2e/%2e%2e/secret.txt">',
        '<img src="https://example.org/x.png">',
        '<img src="http://127.0.0.1:9/x.png">',
        '<img src="ftp://example.org/x.png">',
        "<style>@import url(file:///etc/passwd);</style>",
        '<style>p { background: url("https://example.org/x.png") }</style>',
    ],
)
def test_anything_outside_the_site_stops_the_pdf_in_one_line(site: Path, html: str) -> None:
    with pytest.raises(PdfError) as err:
        write_pdf(f"<p>x</p>{html}", site / "x.pdf", site)
    message = str(err.value)
    assert message.startswith("x.pdf: a resource could not be loaded: '")
    assert message.endswith("' is outside the built site")
    assert "\n" not in message
    assert not (site / "x.pdf").exists() or PdfReader(site / "x.pdf").attachments == {}


def test_files_inside_the_site_and_templates_load(site: Path) -> None:
    css = (TEMPLATES / "pdf-base.css").as_uri()
    write_pdf(
        f'<link rel="stylesheet" href="{css}"><img src="assets/a.png">'
        '<link rel="attachment" href="assets/a.png"><img src="data:image/png;base64,">',
        site / "x.pdf",
        site,
    )
    assert list(PdfReader(site / "x.pdf").attachments) == ["a.png"]
