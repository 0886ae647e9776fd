"""Organisation copies: a local overlay shows on every page, print view and PDF; bad overlays fail clearly."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from tests.build.fixture_site import FixtureSite, copy_example_overlay, errors
from tests.conftest import ROOT, mkdocs_build
from tests.pdftext import sheet_text

pytestmark = pytest.mark.slow
ORG = "Example Borough Council Children's Services"


def text_of(page: BeautifulSoup, selector: str) -> str:
    node = page.select_one(selector)
    assert node is not None, selector
    return node.get_text()


@pytest.fixture
def site(tmp_path: Path) -> FixtureSite:
    site = FixtureSite(tmp_path)
    copy_example_overlay(tmp_path)
    site.config["extra"]["handbook"]["local"] = "local/local.yml"
    return site


def test_example_overlay_appears_everywhere(site: FixtureSite) -> None:
    site.config["extra"]["handbook"]["pdf"] = True
    result = site.build()
    assert result.returncode == 0, result.stderr
    for path in ("index.html", "prompts/index.html", "reference/glossary/index.html"):
        page = BeautifulSoup(site.html(path), "html.parser")
        assert ORG in text_of(page, ".md-header__topic")
        logo = page.select_one(".md-header__button.md-logo img")
        assert logo is not None
        assert logo["alt"] == ORG
        assert "Internal copy for Example Borough Council staff" in text_of(page, ".md-banner")
        footer = page.select_one(".hb-footer-local")
        assert footer is not None
        assert "Safeguarding lead: Duty safeguarding manager: 01234 567890" in footer.get_text()
        stamp = page.select_one(".hb-print-stamp")
        assert stamp is not None
        assert "01234 567890" in stamp.get_text()
    assert (site.root / "site" / "assets" / "local" / "logo.svg").is_file()
    contacts = BeautifulSoup(
        site.html("reference/local-contacts/index.html"), "html.parser"
    ).select_one(".hb-local")
    assert contacts is not None
    text = contacts.get_text(" ")
    for expected in (
        "Safeguarding lead",
        "01234 567890",
        "safeguarding@example.org",
        "Emergency duty team",
        "MASH",
    ):
        assert expected in text
    assert contacts.select_one("a[href='tel:01234567890']") is not None
    print_view = BeautifulSoup(site.html("checklists/demo/index.html"), "html.parser")
    assert ORG in text_of(print_view, ".hb-paper__contacts")
    assert ORG in text_of(print_view, ".hb-paper__runfoot")
    checklist_pdf = PdfReader(site.root / "site" / "downloads" / "checklists" / "demo.pdf")
    assert "01234 567890" in sheet_text(checklist_pdf.pages[0])
    handbook = next((site.root / "site" / "downloads").glob("ta-hsb-handbook-*.pdf"))
    assert ORG in sheet_text(PdfReader(handbook).pages[0]).replace("\n", " ")
    canonical = BeautifulSoup(site.html("index.html"), "html.parser").select_one(
        "link[rel=canonical]"
    )
    assert canonical is not None
    assert str(canonical["href"]).startswith("https://handbook.intranet.example.org/")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            "contacts:\n  - role: Lead\n    phon: 1\n",
            "local/local.yml: line 4: contacts[0].phon: extra inputs are not permitted",
        ),
        (
            "contacts: []\n",
            "local/local.yml: line 2: contacts: tuple should have at least 1 item after "
            "validation, not 0",
        ),
        (
            "site_url: not a url\ncontacts:\n  - role: Lead\n",
            "local/local.yml: line 2: site_url: input should be a valid URL, relative URL "
            "without a base",
        ),
        (
            "logo: missing.png\ncontacts:\n  - role: Lead\n",
            "local/local.yml: line 2: logo: no such file 'missing.png' in the overlay's folder",
        ),
    ],
)
def test_bad_overlay_names_file_and_field(site: FixtureSite, change: str, message: str) -> None:
    site.write("local/local.yml", f"organisation: Org\n{change}")
    result = site.build()
    assert result.returncode != 0
    assert message in errors(result), result.stderr
    assert "Traceback" not in result.stderr


def test_missing_overlay_file_is_one_line(site: FixtureSite) -> None:
    site.config["extra"]["handbook"]["local"] = "nowhere/local.yml"
    result = site.build()
    assert result.returncode != 0
    assert "nowhere/local.yml: cannot be read (No such file or directory)" in errors(result)


def test_whole_handbook_builds_with_the_example_overlay(tmp_path: Path) -> None:
    result = mkdocs_build(
        ROOT / "mkdocs.yml",
        tmp_path / "site",
        {"HANDBOOK_LOCAL": "examples/local/local.yml", "HANDBOOK_PDF": "false"},
    )
    assert result.returncode == 0, result.stderr
    home = BeautifulSoup(
        (tmp_path / "site" / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    assert ORG in text_of(home, ".md-header__topic")
    assert "01234 567890" in text_of(home, ".hb-footer-local")
    contacts = (tmp_path / "site" / "reference" / "local-contacts" / "index.html").read_text(
        encoding="utf-8"
    )
    assert "no local contacts" not in contacts
    assert "Emergency duty team, 01234 567899" in contacts
