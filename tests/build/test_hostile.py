"""Hostile overlay values: markup in every field is shown as text everywhere it lands, pages and PDFs."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import unicodedata
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup, Tag
from pypdf import PdfReader

from macros.data.local_models import Contact, LocalOverlay
from macros.hooks.finished import check_site
from macros.hooks.security import meta_policy
from tests.build.fixture_site import PAGES as PAGES_OF_FIXTURE
from tests.build.fixture_site import FixtureSite, errors
from tests.conftest import ROOT
from tests.pdftext import pdf_text

pytestmark = pytest.mark.slow
#: The HTML check exactly as `make vnu` runs it (the Makefile's VNU line).
VNU = shlex.split(re.findall(r"^VNU := (.*)$", (ROOT / "Makefile").read_text(), re.M)[0])
HOSTILE = ROOT / "tests" / "fixtures" / "overlays" / "hostile"
OVERLAY: dict[str, Any] = yaml.safe_load((HOSTILE / "local.yml").read_text(encoding="utf-8"))
CONTACT: dict[str, str] = OVERLAY["contacts"][0]
ORG: str = OVERLAY["organisation"]
SITE_NAME = f"{ORG}: TA-HSB practice handbook"
# What the one-line contacts summary (footer, print stamp, PDFs) carries.
SUMMARY = [ORG, CONTACT["role"], CONTACT["name"], CONTACT["phone"], OVERLAY["out_of_hours"]]
EVERY_FIELD = [
    ORG,
    OVERLAY["banner"],
    *CONTACT.values(),
    OVERLAY["out_of_hours"],
    OVERLAY["referral_route"],
]
PAGES = ["index.html", "prompts/index.html", "reference/glossary/index.html", "404.html"]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    site = FixtureSite(root)
    shutil.copytree(HOSTILE, root / "local")
    site.config["extra"]["handbook"].update(local="local/local.yml", pdf=True)
    result = site.build()
    assert result.returncode == 0, result.stderr
    return root / "site"


def soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


def one(page: Tag, selector: str) -> Tag:
    node = page.select_one(selector)
    assert node is not None, selector
    return node


def test_fixture_has_markup_in_every_text_field() -> None:
    for value in EVERY_FIELD:
        for markup in ("<script>", '<meta http-equiv="refresh"', '"', "<Emergency Duty Team>"):
            assert markup in value
    assert set(CONTACT) == {"role", "name", "phone", "email", "hours", "notes"}


def test_fixture_covers_every_overlay_text_field() -> None:
    """A new overlay field must be added to the hostile fixture (and escaped in apply_overlay)."""
    not_text = {"logo", "site_url", "contacts"}  # checked by their own rules
    assert set(LocalOverlay.model_fields) - not_text == set(OVERLAY) - not_text
    assert set(Contact.model_fields) == set(CONTACT)


def test_no_page_contains_injected_elements(built: Path) -> None:
    pages = sorted(built.rglob("*.html"))
    assert len(pages) >= 7
    for path in pages:
        raw = path.read_text(encoding="utf-8")
        page = BeautifulSoup(raw, "html.parser")
        where = path.relative_to(built).as_posix()
        assert "<script>alert" not in raw, where
        # The one http-equiv is the handbook's own policy (macros/security.py).
        assert [(m["http-equiv"], m["content"]) for m in page.select("meta[http-equiv]")] == [
            ("Content-Security-Policy", meta_policy())
        ], where
        assert page.select("link[rel=attachment]") == [], where
        assert page.find("emergency") is None, where
        assert not any("alert(1)" in s.get_text() for s in page.find_all("script")), where


@pytest.mark.parametrize("path", PAGES)
def test_theme_shows_every_value_as_text(built: Path, path: str) -> None:
    page = soup(built, path)
    assert SITE_NAME in one(page, "title").get_text()
    assert SITE_NAME in one(page, ".md-header__topic").get_text()
    for selector in (".md-header__button.md-logo", "label.md-nav__title .md-logo"):
        logo_link = one(page, selector)
        assert logo_link["aria-label"] == SITE_NAME
        assert logo_link["title"] == SITE_NAME
        assert one(logo_link, "img")["alt"] == ORG
        assert str(one(logo_link, "img")["src"]).endswith("assets/local/logo.svg")
    assert SITE_NAME in one(page, "label.md-nav__title[for=__drawer]").get_text()
    assert OVERLAY["banner"] in one(page, ".md-banner").get_text()
    footer = one(page, ".hb-footer-local").get_text()
    for value in SUMMARY:
        assert value in footer
    if path != "404.html":  # the 404 page has no content block, so no print stamp
        stamp = one(page, ".hb-print-stamp").get_text()
        assert all(value in stamp for value in [*SUMMARY, SITE_NAME])


def test_local_contacts_page_and_print_view_show_every_value_as_text(built: Path) -> None:
    contacts = one(soup(built, "reference/local-contacts/index.html"), ".hb-local")
    text = contacts.get_text()
    for value in EVERY_FIELD[:1] + EVERY_FIELD[2:]:  # every field but the banner
        assert value in text, value[:12]
    # Not a dialable number nor an address: shown as text, never made into a link.
    assert contacts.select("a") == []
    print_view = soup(built, "checklists/demo/index.html")
    for value in SUMMARY:
        assert value in one(print_view, ".hb-paper__contacts").get_text()
    assert ORG in one(print_view, ".hb-paper__runfoot").get_text()


def squeeze(text: str) -> str:
    """Text without whitespace, ligatures (ﬁ) unfolded: line breaks in a PDF fall anywhere."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def test_pdfs_show_the_characters_and_embed_nothing(built: Path) -> None:
    pdfs = sorted((built / "downloads").rglob("*.pdf"))
    assert len(pdfs) == 3  # one checklist, all checklists, the handbook
    for path in pdfs:
        reader = PdfReader(path)
        assert reader.attachments == {}, path.name
        text = squeeze(pdf_text(reader))
        wanted = SUMMARY if "handbook" not in path.name else EVERY_FIELD[:1] + EVERY_FIELD[2:]
        for value in wanted:
            assert squeeze(value) in text, (path.name, value[:12])


def vnu(site: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*VNU, str(site)], cwd=ROOT, capture_output=True, text=True, check=False)


def test_pages_stay_valid_html(built: Path) -> None:
    result = vnu(built)
    assert (result.returncode, result.stderr.strip()) == (0, "")


PAGE = '<!DOCTYPE html><html lang="en"><head><title>t</title></head><body>{}</body></html>'


def test_the_html_check_fails_on_an_invalid_page_and_ignores_the_themes_toggles(
    tmp_path: Path,
) -> None:
    toggle = '<input class="md-toggle" type="checkbox" id="t" autocomplete="off">'
    (tmp_path / "toggle.html").write_text(PAGE.format(toggle), encoding="utf-8")
    assert vnu(tmp_path).returncode == 0
    (tmp_path / "bad.html").write_text(PAGE.format("<p><div>x</div></p>"), encoding="utf-8")
    result = vnu(tmp_path)
    assert result.returncode == 1
    assert "bad.html" in result.stderr
    assert "toggle.html" not in result.stderr


LOCAL_PAGE = "local/pages/local/index.html"
FINISHED = "(macros/hooks/finished.py)"
# Markup planted in the finished site after the build: the last check names the file and
# the element or attribute, whatever put it there.
PLANTED = [
    (
        "index.html",
        "</body>",
        '<meta http-equiv="refresh" content="0;url=https://evil.example/"></body>',
        'index.html: <meta http-equiv="refresh">: only the handbook\'s own '
        "Content-Security-Policy may be a meta http-equiv",
    ),
    (
        "prompts/index.html",
        "<h1",
        '<h1 onclick="alert(1)"',
        "prompts/index.html: <h1 onclick>: event handler attribute",
    ),
    (
        "404.html",
        "</body>",
        '<a href=" java&#x09;script:alert(1)">x</a></body>',
        "404.html: <a href>: URL scheme 'javascript:' not allowed",
    ),
    (
        "reference/glossary/index.html",
        "</body>",
        "<marquee>x</marquee></body>",
        "reference/glossary/index.html: <marquee>: element not in the allow-list",
    ),
    (
        LOCAL_PAGE,
        "<p>Plain Markdown",
        '<p id="__drawer">Plain Markdown',
        f"{LOCAL_PAGE}: <p id>: id '__drawer' is the theme's or the handbook's own, "
        "in local content",
    ),
    (
        LOCAL_PAGE,
        "<p>Plain Markdown",
        '<p id="__toc">Plain Markdown',
        f"{LOCAL_PAGE}: <p id>: id '__toc' is the theme's or the handbook's own, in local content",
    ),
]


def test_the_finished_site_passes_the_last_check(built: Path) -> None:
    assert check_site(built) == []
    toc = soup(built, LOCAL_PAGE).select(".md-sidebar--secondary a.md-nav__link")
    assert [(a.get_text(strip=True), a["href"]) for a in toc] == [
        ("Two", "#y-meta-http-equiv-refresh-content-0-url-https-evil-example"),
        ("Three", "#three"),
    ]


@pytest.mark.parametrize(("path", "before", "after", "message"), PLANTED)
def test_markup_planted_after_the_build_is_named_in_one_line(
    built: Path, tmp_path: Path, path: str, before: str, after: str, message: str
) -> None:
    copy = tmp_path / "site"
    shutil.copytree(built, copy, ignore=shutil.ignore_patterns("*.gz", "*.br", "*.pdf"))
    html = (copy / path).read_text(encoding="utf-8")
    assert before in html
    (copy / path).write_text(html.replace(before, after, 1), encoding="utf-8")
    assert check_site(copy) == [f"finished site: {message} {FINISHED}"]


def test_the_build_stops_on_what_the_last_check_finds(tmp_path: Path) -> None:
    site = FixtureSite(tmp_path)
    site.write("docs/index.md", PAGES_OF_FIXTURE["index.md"] + "\n<marquee>Raw HTML</marquee>\n")
    result = site.build()
    assert result.returncode == 1
    assert errors(result) == [
        f"finished site: index.html: <marquee>: element not in the allow-list {FINISHED}"
    ]
    assert "Traceback" not in result.stderr
