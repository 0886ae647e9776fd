"""The PDF cache in real builds: used when nothing changed, remade when an input changed."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from tests.build.fixture_site import CHECKLIST, FixtureSite, copy_example_overlay
from tests.pdftext import pdf_text
from tests.site.reading import VERSION

pytestmark = pytest.mark.slow

SECOND = copy.deepcopy(CHECKLIST) | {"id": "other", "title": "Other prompts"}
PDFS = (
    "downloads/checklists/demo.pdf",
    "downloads/checklists/other.pdf",
    f"downloads/ta-hsb-checklists-{VERSION}.pdf",
    f"downloads/ta-hsb-handbook-{VERSION}.pdf",
)


@pytest.fixture
def site(tmp_path: Path) -> FixtureSite:
    site = FixtureSite(tmp_path)
    site.config["extra"]["handbook"]["pdf"] = True
    site.write_yaml("checklists/other.yml", SECOND)
    return site


def build(site: FixtureSite) -> tuple[int, int]:
    """Build; return (PDFs made, PDFs taken from the cache) from the build's log line."""
    result = site.build()
    assert result.returncode == 0, result.stderr
    found = re.search(r"PDFs: (\d+) made, (\d+) from the cache", result.stderr)
    assert found, result.stderr
    return int(found.group(1)), int(found.group(2))


def published(site: FixtureSite) -> dict[str, bytes]:
    return {path: (site.root / "site" / path).read_bytes() for path in PDFS}


def text(site: FixtureSite, path: str) -> str:
    return pdf_text(PdfReader(site.root / "site" / path))


def test_second_build_copies_every_pdf_from_the_cache(site: FixtureSite) -> None:
    assert build(site) == (4, 0)
    first = published(site)
    assert build(site) == (0, 4)
    assert published(site) == first
    assert not any((site.root / "site").glob("**/.render-*"))
    assert list((site.root / ".cache" / "pdf").glob("*.pdf"))  # outside site/


def test_editing_a_checklist_remakes_its_pdf_and_not_the_others(site: FixtureSite) -> None:
    build(site)
    before = published(site)
    edited = copy.deepcopy(CHECKLIST)
    edited["sections"][0]["items"][0]["text"] = "An edited first question?"
    site.write_yaml("checklists/demo.yml", edited)
    # demo.pdf, the combined PDF and the handbook (its appendix) change; other.pdf does not
    assert build(site) == (3, 1)
    after = published(site)
    assert after["downloads/checklists/other.pdf"] == before["downloads/checklists/other.pdf"]
    for path in PDFS:
        if path != "downloads/checklists/other.pdf":
            assert after[path] != before[path], path
            assert "An edited first question?" in text(site, path), path


def test_a_page_edit_remakes_only_the_handbook_pdf(site: FixtureSite) -> None:
    build(site)
    site.write(
        "docs/index.md", '# Home\n\nAbout {{ term("IIOC") }} ({{ cite("lim-2017") }}). Edited.\n'
    )
    assert build(site) == (1, 3)
    assert "Edited." in text(site, f"downloads/ta-hsb-handbook-{VERSION}.pdf")


def test_a_new_version_remakes_every_pdf(site: FixtureSite) -> None:
    build(site)
    pyproject = site.root / "pyproject.toml"
    pyproject.write_text(
        pyproject.read_text(encoding="utf-8").replace(
            f'version = "{VERSION}"', 'version = "9.9.9"'
        ),
        encoding="utf-8",
    )
    assert build(site) == (4, 0)
    assert "9.9.9" in text(site, "downloads/checklists/other.pdf")


def test_an_overlay_remakes_every_pdf(site: FixtureSite) -> None:
    build(site)
    copy_example_overlay(site.root)
    site.config["extra"]["handbook"]["local"] = "local/local.yml"
    assert build(site) == (4, 0)
    assert "01234 567890" in text(site, "downloads/checklists/other.pdf")
    (site.root / "local" / "local.yml").write_text(
        (site.root / "local" / "local.yml")
        .read_text(encoding="utf-8")
        .replace("01234 567890", "01234 000000"),
        encoding="utf-8",
    )
    assert build(site) == (4, 0)
    assert "01234 000000" in text(site, "downloads/checklists/demo.pdf")


def test_checklist_pdfs_are_small_and_fillable_with_an_embedded_field_font(
    site: FixtureSite,
) -> None:
    build(site)
    path = site.root / "site" / "downloads" / "checklists" / "demo.pdf"
    assert path.stat().st_size <= 100 * 1024
    reader = PdfReader(path)
    annots: Any = reader.pages[0]["/Annots"]
    names = {a.get_object()["/T"] for a in annots if "/T" in a.get_object()}
    assert {"demo.a", "demo.b", "demo.case-reference", "demo.s-notes"} <= names
    root: Any = reader.trailer["/Root"]
    fonts = root["/AcroForm"]["/DR"]["/Font"]
    field_font = next(
        f.get_object() for f in fonts.values() if "Handbook-Form" in f.get_object()["/BaseFont"]
    )
    descriptor = field_font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
    assert len(descriptor["/FontFile2"].get_object().get_data()) < 60 * 1024
